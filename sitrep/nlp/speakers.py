"""Who speaks: the names behind the cues of one document.

`Speakers(doc, quoted)` names the speaker of a cue (`speaker(cue)`) or the source a word
designates (`name(token)`), resolving what `sitrep.nlp.speech` finds token by token:

* Names drop titles and nationality words ("Ukrainian President Volodymyr Zelenskyy"
  → "Volodymyr Zelenskyy"); a noun subject holding a person gives the person ("coach
  Nabil Maaloul", "Governor of Washington Chris Gregoire", "the Senate Minority Leader,
  Chuck Schumer,"); a document gives its author ("Cornyn's statement", "Facebook
  released a statement which read", "Part of the judge's statement").
* "he"/"she" and definite person nouns ("the spokesperson") resolve to a PERSON named
  before them outside quotes — gender-agnostic, a deliberately simple rule: of the
  last four persons named, the nearest named as a subject (or who just spoke), else
  the nearest. PERSON mentions are NER's, plus repeats of a known surname and proper-
  noun subjects of speech verbs that NER missed.
* "it"/"they" resolve to the nearest non-person source that spoke before ("said KCNA",
  "the authors say"), or organisation. Unresolvable pronouns stay as written.
* Anything else is the noun phrase as written, without its determiner ("the report's
  authors" → "report's authors").
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from spacy.tokens import Doc, Token

from sitrep.nlp.entity_rules import name_gender
from sitrep.nlp.quotemarks import paragraphs
from sitrep.nlp.speech import (
    DOCUMENT_NOUNS,
    PERSON_NOUNS,
    TITLE_WORDS,
    is_quote_cue,
    last_word,
    name_tokens,
    span_text,
    speaker_token,
)

__all__ = ["Speakers"]

_PERSON_PRONOUNS = frozenset("he she him her".split())
_SOURCE_PRONOUNS = frozenset("it they them".split())
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_PART_NOUNS = frozenset("part parts portion excerpt section one some".split())


class Speakers:
    """Who is named where in one document: names the speaker of a cue (module doc).

    `quoted` are the (start, end) character regions inside quote marks: names there
    are what someone said, not who speaks.
    """

    def __init__(self, doc: Doc, quoted: Iterable[tuple[int, int]] = ()) -> None:
        self.doc = doc
        self.text = doc.text  # Doc.text rebuilds the string on every access: read it once
        self.regions = sorted(quoted)
        self._region_starts = [a for a, _ in self.regions]
        self.paragraph_starts = [a for a, _ in paragraphs(self.text)] or [0]
        self.persons: list[tuple[int, str, bool]] = []  # position, name, named as a subject
        self.sources: list[tuple[int, str]] = []
        surnames: set[str] = set()
        for ent in doc.ents:
            if self.quoted(ent.start_char):
                continue
            if ent.label_ == "PERSON" and ent[-1].lower_ not in TITLE_WORDS:
                self._add_person(ent.start_char, ent.root)
                if len(ent) > 1:
                    surnames.add(ent[-1].text)
            elif ent.label_ == "ORG" and name_tokens(ent[-1]):
                self.sources.append((ent.start_char, span_text(name_tokens(ent[-1]))))
        parsed = doc.has_annotation("DEP")  # cues and subjects need the parse
        for tok in doc:
            # The small model misses repeated surnames ("Rathbun requested") and tags
            # some speakers ORG: a known surname, or a proper-noun subject of a cue
            # that NER does not contradict, is a person mention too.
            if tok.ent_type_ != "PERSON" and not self.quoted(tok.idx) and (tok.text in surnames or (
                parsed and tok.pos_ == "PROPN" and tok.dep_ == "nsubj" and tok.ent_type_ == ""
                and tok.lower_ not in TITLE_WORDS and is_quote_cue(tok.head)
            )):
                self._add_person(tok.idx, tok)
        self.persons.sort()
        # Non-person sources that speak ("the authors say", "said KCNA"), outermost
        # reports only ("the authors say the results confirm …"): what "it" and
        # "they" most often stand for in news.
        for tok in doc if parsed else ():
            if is_quote_cue(tok) and not self.quoted(tok.idx) and not any(map(is_quote_cue, tok.ancestors)):
                subject = speaker_token(tok)
                if subject is not None and subject.pos_ in ("NOUN", "PROPN") and subject.ent_type_ != "PERSON":
                    self.sources.append((subject.idx, self.name(subject)))
        self.sources.sort()

    def _add_person(self, pos: int, token: Token) -> None:
        words = name_tokens(token)
        if words:
            subject = token.dep_ in _SUBJECT_DEPS or (
                token.dep_ in ("appos", "conj", "compound") and token.head.dep_ in _SUBJECT_DEPS)
            self.persons.append((pos, span_text(words), subject))

    def quoted(self, pos: int) -> bool:
        """True when character `pos` lies inside quote marks."""
        k = bisect.bisect_right(self._region_starts, pos) - 1
        return k >= 0 and pos < self.regions[k][1]

    def paragraph(self, pos: int) -> int:
        """Index (from 1) of the paragraph holding character `pos`."""
        return bisect.bisect_right(self.paragraph_starts, pos)

    def paragraph_end(self, pos: int) -> int:
        k = self.paragraph(pos)
        return self.paragraph_starts[k] if k < len(self.paragraph_starts) else len(self.text)

    def spoke(self, pos: int, name: str | None) -> None:
        """Note that the person `name` spoke at `pos`: a speaker is the likeliest
        antecedent of the next "he" or "she", as a subject is."""
        last = last_word(name)
        if last and any(last_word(p[1]) == last for p in self.persons):
            bisect.insort(self.persons, (pos, name, True))

    def persons_between(self, start: int, end: int) -> list[str]:
        """Names of the persons mentioned between two positions."""
        a = bisect.bisect_left(self.persons, (start, "", False))
        b = bisect.bisect_left(self.persons, (end, "", False))
        return [name for _, name, _ in self.persons[a:b]]

    def person_before(self, pos: int, pronoun: str = "") -> tuple[int, str] | None:
        """The person a "he"/"she" at `pos` stands for: of the last four persons
        named whose first name does not say the other gender, the nearest named as a
        subject (the usual antecedent), else the nearest."""
        k = bisect.bisect_left(self.persons, (pos, "", False))
        excluded = {"he": "F", "him": "F", "she": "M", "her": "M"}.get(pronoun)
        recent: list = []
        for m in reversed(self.persons[:k]):  # newest first, stop at four
            if excluded is None or name_gender(m[1]) != excluded:
                recent.insert(0, m)
                if len(recent) == 4:
                    break
        chosen = next((m for m in reversed(recent) if m[2]), recent[-1] if recent else None)
        return (chosen[0], chosen[1]) if chosen else None

    def source_before(self, pos: int) -> tuple[int, str] | None:
        k = bisect.bisect_left(self.sources, (pos, "")) - 1
        return self.sources[k] if k >= 0 else None

    def speaker(self, cue: Token) -> str | None:
        """The name of who speaks through `cue`, or None."""
        tok = speaker_token(cue)
        # The parse can run a sentence across a paragraph break, or into a quote: a
        # "subject" in another paragraph or inside quote marks is not this speaker.
        if tok is None or self.quoted(tok.idx) or self.paragraph(tok.idx) != self.paragraph(cue.idx):
            return None
        return self.name(tok)

    def name(self, tok: Token) -> str:
        """Who `tok` designates, as a name where the text allows (module doc)."""
        if tok.tag_ in ("WDT", "WP") and tok.head.dep_ == "relcl":
            tok = tok.head.head  # "a statement which read": the statement
        if tok.pos_ == "PRON":
            lower = tok.lower_
            found = self.person_before(tok.idx, lower) if lower in _PERSON_PRONOUNS else (
                self.source_before(tok.idx) if lower in _SOURCE_PRONOUNS else None)
            return found[1] if found else tok.text
        appos = next((c for c in tok.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
        if appos is not None and name_tokens(appos):  # "The Senate Minority Leader, Chuck Schumer,"
            return span_text(name_tokens(appos))
        words = name_tokens(tok)
        if tok.pos_ == "PROPN" and words and words[-1].lower_ not in TITLE_WORDS:
            return span_text(words)
        if tok.lower_ in _PART_NOUNS:  # "Part of the judge's statement reads"
            whole = next((g for c in tok.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), None)
            if whole is not None:
                return self.name(whole)
        if tok.lemma_.lower() in DOCUMENT_NOUNS:
            owner = next((c for c in tok.children if c.dep_ == "poss"), None)
            if owner is None and tok.dep_ == "dobj":  # "Facebook released a statement"
                owner = next((c for c in tok.head.children if c.dep_ in _SUBJECT_DEPS), None)
            if owner is not None:
                return self.name(owner)
        person = next(
            (t for t in tok.subtree if t.ent_type_ == "PERSON" and t.head.dep_ not in ("relcl", "acl")), None)
        if person is not None and name_tokens(person):
            return span_text(name_tokens(person))
        definite = any(c.lower_ == "the" or c.dep_ == "poss" for c in tok.lefts)
        if definite and (not name_tokens(tok) or (tok.lower_ in PERSON_NOUNS and tok.tag_ in ("NN", "NNP"))):
            found = self.person_before(tok.idx)
            if found:
                return found[1]
        # A nominal source as written, without its determiner: "the report's authors".
        phrase = list(tok.doc[tok.left_edge.i : tok.i + 1])
        while len(phrase) > 1 and phrase[0].pos_ in ("DET", "PUNCT"):
            phrase.pop(0)
        return span_text(phrase)
