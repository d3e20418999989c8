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

`speaker_token(cue)` finds the word naming who speaks through a cue and
`name_tokens(token)` the name a word heads; `sitrep.nlp.speakers.Speakers` turns them
into names against the whole document (pronouns, titles).
"""

from __future__ import annotations

from spacy.tokens import Token

__all__ = [
    "DOCUMENT_NOUNS",
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
            subject = max(active or subjects, key=lambda t: (t.ent_type_ == "PERSON", t.pos_ == "PROPN"))
            return None if subject.tag_ == "DT" else subject  # "That said, …" is no report
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


def span_text(words: list[Token]) -> str:
    """The text from the first to the last of `words` (consecutive tokens)."""
    return words[0].doc[words[0].i : words[-1].i + 1].text


def last_word(name: str | None) -> str | None:
    """The last word of a name, lowercased ("Volodymyr Zelenskyy" → "zelenskyy")."""
    words = name.split() if name else []
    return words[-1].lower() if words else None
