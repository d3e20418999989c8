"""The speech lexicon: which words report what somebody said, and who said it.

Shared by quote extraction (`sitrep.nlp.quotes`) and claims attribution. Everything
here reads one spaCy token (or its neighbours) and is pure.

* `REPORTING_VERBS`: lemmas of verbs that report speech or writing ("said", "told",
  "warned", "according to" is handled by `attribution_object`). A verb here with a
  clausal complement ("X said (that) ...") is indirect speech.
* `QUOTE_ONLY_CUES`: lemmas that introduce a *direct* quotation but are too general to
  mark indirect speech ("She continued: “…”", "called the ruling “dangerous”").
* `TITLE_WORDS`: words that precede a name without being part of it ("President",
  "Mr.", "coach"); they are dropped from speaker names.
* `PERSON_NOUNS`: singular nouns that stand for one person ("the spokesperson"), the
  nominal speakers that are resolved to the nearest named person.
* `DOCUMENT_NOUNS`: what speaks for its author ("Cornyn's statement", "a speech").

`speaker_token(cue)` finds the word naming who speaks through a cue; `Speakers(doc)`
turns that word into a name, resolving pronouns and titles against the document:

* Names drop titles and nationality words ("Ukrainian President Volodymyr Zelenskyy"
  → "Volodymyr Zelenskyy"); a noun subject holding a person gives the person ("coach
  Nabil Maaloul", "Governor of Washington Chris Gregoire"); a document gives its
  author ("Cornyn's statement", "Facebook released a statement which read").
* "he"/"she" and definite person nouns ("the spokesperson") resolve to a PERSON named
  before them outside quotes — gender-agnostic, a deliberately simple rule: of the
  last four persons named, the nearest named as a subject, else the nearest.
* "it"/"they" resolve to the nearest non-person source that spoke before ("said KCNA",
  "the authors say"), or organisation. Unresolvable pronouns stay as written.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from spacy.tokens import Doc, Token

from sitrep.nlp.quotemarks import paragraphs

__all__ = [
    "DOCUMENT_NOUNS",
    "Speakers",
    "PERSON_NOUNS",
    "QUOTE_ONLY_CUES",
    "REPORTING_VERBS",
    "TITLE_WORDS",
    "attribution_object",
    "cue_text",
    "is_quote_cue",
    "is_reporting_verb",
    "issues_document",
    "last_word",
    "name_tokens",
    "span_text",
    "speaker_token",
]

REPORTING_VERBS: frozenset[str] = frozenset(
    """
    say tell state add note claim explain warn announce declare report reply respond
    answer ask insist argue contend assert maintain acknowledge admit concede confirm
    deny reveal disclose emphasize emphasise stress suggest indicate predict write tweet
    post comment remark observe mention recall conclude describe urge recommend propose
    promise vow pledge threaten allege complain boast testify recount repeat reiterate
    affirm caution speculate posit advise inform quip joke retort counter clarify
    characterize characterise reason exclaim lament
    elaborate estimate forecast shout whisper yell plead charge concur agree
    """.split()
)

# Introduce a direct quote ("continued: “…”", "called it “a disgrace”") but, with a
# clausal complement, are seldom speech ("continued to fall", "called for talks").
QUOTE_ONLY_CUES: frozenset[str] = frozenset("continue call cite quote read accuse".split())

TITLE_WORDS: frozenset[str] = frozenset(
    """
    mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame lord lady rev rev. fr fr.
    president vice prime minister secretary deputy foreign defense defence interior home
    shadow state chief senior ambassador general gen gen. lt lt. col col. colonel major
    captain capt capt. sergeant sgt admiral commander governor gov gov. mayor senator
    sen sen. rep rep. representative congressman congresswoman judge justice king queen
    prince princess pope cardinal bishop archbishop sheikh emir sultan chancellor
    premier spokesperson spokesman spokeswoman director ceo chairman chairwoman chair
    coach manager leader official officer inspector detective commissioner
    administrator editor professor doctor undersecretary attorney lawyer barrister
    campaigner member team head founder executive analyst former acting crown
    prosecutor qc mp
    """.split()
)

# A speaker "Cornyn's statement" or "PC World's analysis" is the possessor.
DOCUMENT_NOUNS: frozenset[str] = frozenset(
    """
    statement letter report analysis post tweet message blog website site study survey
    article memo release communique editorial column email document paper interview
    speech remarks address announcement note
    """.split()
)

PERSON_NOUNS: frozenset[str] = frozenset(
    """
    spokesperson spokesman spokeswoman minister president secretary ambassador
    official officer chairman chairwoman chair director ceo coach manager leader
    governor mayor senator judge prosecutor lawyer attorney commander general
    administrator editor professor doctor representative man woman father mother
    """.split()
)


def is_reporting_verb(token: Token) -> bool:
    """True for a verb of speech ("said", "warned", "tweeted"), not for "said" as an
    adjective ("the said agreement") nor for auxiliaries."""
    return token.pos_ == "VERB" and token.dep_ != "amod" and token.lemma_.lower() in REPORTING_VERBS


def is_quote_cue(token: Token) -> bool:
    """True for a word that can introduce a direct quotation: a reporting verb, one of
    `QUOTE_ONLY_CUES`, or the head word of "according to" / "in the words of"."""
    if token.pos_ == "VERB" and token.dep_ != "amod" and token.lemma_.lower() in _QUOTE_CUES:
        return True
    return _misparsed_cue(token) or attribution_object(token) is not None


_QUOTE_CUES = REPORTING_VERBS | QUOTE_ONLY_CUES


def _misparsed_cue(token: Token) -> bool:
    """"The U.S. Department of Agriculture notes, “…”": the small model reads "notes"
    as a plural noun headed by the name. A plural of a reporting verb right before a
    comma or colon, with a name compounded to it, is the verb."""
    return (
        token.pos_ == "NOUN"
        and token.tag_ == "NNS"
        and token.lemma_.lower() in REPORTING_VERBS
        and token.i + 1 < len(token.doc)
        and token.doc[token.i + 1].text in (",", ":")
        and any(c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" for c in token.lefts)
    )


def issues_document(token: Token) -> bool:
    """"X issued a statement", "released a report": a verb whose object is a
    document introduces what follows as X's words."""
    return token.pos_ == "VERB" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in DOCUMENT_NOUNS for c in token.children)


def attribution_object(token: Token) -> Token | None:
    """The source named by a prepositional attribution, or None.

    "according to the ministry" → "ministry" (given the token "according");
    "in the words of the prosecutor" → "prosecutor" (given "words").
    """
    lower = token.lower_
    if lower == "according":
        nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
        if nxt is not None and nxt.lower_ == "to":
            for cand in (*nxt.children, *token.children):
                if cand.dep_ == "pobj":
                    return cand
            # The parser sometimes attaches the object elsewhere: take the next noun.
            for cand in token.doc[nxt.i + 1 : nxt.i + 8]:
                if cand.pos_ in ("PROPN", "NOUN", "PRON"):
                    return cand
        return None
    if lower == "words" and token.i >= 2 and token.doc[token.i - 2].lower_ == "in":
        for child in token.children:
            if child.lower_ == "of":
                for cand in child.children:
                    if cand.dep_ == "pobj":
                        return cand
    return None


def cue_text(token: Token) -> str:
    """The cue as written: the verb itself, or the whole attributing phrase."""
    if token.lower_ == "according":
        return token.doc[token.i : token.i + 2].text
    if token.lower_ == "words" and token.i >= 2:
        return token.doc[token.i - 2 : token.i + 2].text
    return token.text


def speaker_token(cue: Token) -> Token | None:
    """The word naming who speaks through `cue`, or None.

    The subject of the verb ("Trump said" → Trump; "said Ambassador Mohib" → Mohib;
    of two subjects, the named person: "Malaysia's Prime Minister, Najib Razak said"),
    the object of "according to X", the agent of a passive ("was told by X"; a passive
    without one names no speaker: "has been told to prepare"), a proper noun right
    after an inverted cue the parser took for an object ("…", added KCNA). When the cue
    has no subject of its own, the subject of the verb it hangs from: "…, adding that"
    (advcl), "and told the police" (conj), "went on to say" (xcomp), "was quoted as
    saying" (pcomp → prep → quoted); the noun a participle cue qualifies ("a message
    stating"); failing all that, a name set off by commas right before the cue.
    """
    source = attribution_object(cue)
    if source is not None:
        return source
    if _misparsed_cue(cue):
        return next(c for c in reversed(list(cue.lefts)) if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN")
    if cue.dep_ == "acl" and cue.head.pos_ in ("NOUN", "PROPN") and cue.lemma_.lower() in REPORTING_VERBS:
        return cue.head  # "a message stating “…”", "a statement saying"
    verb = cue
    for _ in range(4):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        active = [c for c in subjects if c.dep_ == "nsubj"]
        if active or (subjects and verb.lemma_ == "quote"):
            return max(active or subjects, key=lambda t: (t.ent_type_ == "PERSON", t.pos_ == "PROPN"))
        if subjects:
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
        if verb.i == cue.i:
            after = next((c for c in verb.rights if c.i == verb.i + 1 or c.dep_ != "punct"), None)
            if after is not None and after.pos_ == "PROPN" and after.dep_ in ("dobj", "npadvmod", "attr"):
                return after
        if verb.dep_ in ("conj", "xcomp", "advcl", "pcomp", "prep") and verb.head.i != verb.i:
            verb = verb.head
        else:
            break
    # No subject in the parse ("…, Jamel Msallem, said," read as an apposition): a
    # proper noun right before the cue, past commas, is the speaker.
    before = cue.i - 1
    while before >= cue.sent.start and cue.doc[before].text in (",", "—", "-"):
        before -= 1
    if before >= cue.sent.start and before < cue.i - 1 and cue.doc[before].pos_ == "PROPN":
        return cue.doc[before]
    return None


def name_tokens(token: Token) -> list[Token]:
    """The tokens of the name `token` heads, without titles: "Ukrainian President
    Volodymyr Zelenskyy" → [Volodymyr, Zelenskyy]; "Mr. Tedeschi" → [Tedeschi].

    Uses the named entity covering the token when there is one (NER spans are the
    best name boundaries), else the chain of compound/flat proper nouns. Returns []
    when nothing but titles and determiners is left ("the President").
    """
    ent = next(
        (e for e in token.doc.ents if e.start <= token.i < e.end and e.label_ != "NORP"), None
    )
    if ent is not None and len(ent) <= 6:
        words = list(ent)
        if any(t.text == "(" for t in words):  # "World Health Organization (WHO"
            words = words[: next(k for k, t in enumerate(words) if t.text == "(")]
    else:
        words = [token]
        left = [c for c in token.lefts if c.dep_ in ("compound", "flat", "nmod") and c.pos_ == "PROPN"]
        while left and left[-1].i == words[0].i - 1:
            words.insert(0, left.pop())
        for child in token.rights:
            if child.dep_ in ("flat", "compound") and child.pos_ == "PROPN" and child.i == words[-1].i + 1:
                words.append(child)
    words = [t for t in words if not t.is_space]
    # Titles, determiners and nationality adjectives lead names but are not part of them.
    while words and (
        words[0].lower_ in TITLE_WORDS
        or words[0].pos_ in ("DET", "ADJ", "PART", "PUNCT")
        or words[0].ent_type_ == "NORP"
    ):
        words.pop(0)
    return words


_PERSON_PRONOUNS = frozenset("he she him her".split())
_SOURCE_PRONOUNS = frozenset("it they them".split())
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_PART_NOUNS = frozenset("part parts portion excerpt section one some".split())


def span_text(words: list[Token]) -> str:
    """The text from the first to the last of `words` (consecutive tokens)."""
    return words[0].doc[words[0].i : words[-1].i + 1].text


def last_word(name: str | None) -> str | None:
    """The last word of a name, lowercased ("Volodymyr Zelenskyy" → "zelenskyy")."""
    words = name.split() if name else []
    return words[-1].lower() if words else None


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

    def person_before(self, pos: int) -> tuple[int, str] | None:
        """The person a "he"/"she" at `pos` stands for: of the last four persons
        named, the nearest named as a subject (the usual antecedent), else the nearest."""
        k = bisect.bisect_left(self.persons, (pos, "", False))
        recent = self.persons[max(0, k - 4) : k]
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
            found = self.person_before(tok.idx) if lower in _PERSON_PRONOUNS else (
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
        person = next((t for t in tok.subtree if t.ent_type_ == "PERSON" and t.head.dep_ not in ("relcl", "acl")), None)
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
