"""Who says so: the source a statement in the text is attributed to.

Used by claims (and events): the subject of a reporting verb that governs the clause
("Recent reports indicate that …"), "according to X", "X's assessment", a generic
subject refined by its "from"/"by" phrase ("estimates, such as that from Zelenskyy,
suggest …"). Sources come out as `Attribution(text, entity, kind)` with kind `named`
(a person or organisation), `unnamed` ("officials", "recent reports") or `article`.
Pronouns resolve to the nearest preceding person the parser recognised.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from sitrep.model import Attribution
from sitrep.nlp.speech import REPORTING_VERBS as SPEECH_VERBS

# Speech verbs are shared with the quotes stage; figures are also attributed by verbs
# of counting and finding that never introduce a quotation ("the ministry put the toll
# at 50", "a study found 1,723 cases").
REPORTING_VERBS = SPEECH_VERBS | frozenset([
    "assess", "believe", "brief", "calculate", "cite", "count", "document", "expect", "fear",
    "find", "point", "project", "publish", "put", "quote", "record", "show", "think", "verify",
]) - {"accuse", "charge"}  # the accused is not a source, and neither is the accuser of a count
# Subjects that say *that* someone speaks without saying who.
GENERIC_SOURCES = frozenset([
    "official", "report", "source", "analyst", "expert", "observer", "witness", "authority",
    "media", "medium", "outlet", "estimate", "assessment", "intelligence", "statement", "study",
    "survey", "data", "figure", "police", "military", "army", "government", "spokesperson",
    "spokesman", "spokeswoman", "investigator", "researcher", "activist", "resident", "doctor",
    "hospital", "rescuer", "diplomat", "people", "agency", "ministry", "group", "monitor",
    "journalist", "correspondent", "paper", "newspaper", "broadcaster", "channel", "account",
    "document", "record", "count", "tally", "toll", "someone", "person", "leader", "commander",
])
# Plural or anonymous sources stay unnamed even with a nationality: "Philippine officials".
_ANONYMOUS = frozenset([
    "official", "source", "analyst", "expert", "observer", "witness", "authority", "report",
    "media", "medium", "resident", "investigator", "researcher", "activist", "doctor", "diplomat",
    "people", "estimate", "police", "rescuer", "someone", "person", "journalist", "account",
])
# Institutions are named by their function and country: "the Iraqi military", "the
# emergencies ministry", "the Mexican government".
_INSTITUTIONS = frozenset([
    "ministry", "government", "military", "army", "navy", "department", "agency", "council",
    "committee", "court", "office", "commission", "parliament", "embassy", "administration",
    "cabinet", "presidency", "kremlin", "pentagon", "service", "survey", "institute", "team",
    "organisation", "organization", "bureau", "directorate", "command", "staff", "center", "centre",
])
_NAME_DEPS = frozenset(["compound", "flat", "amod", "poss", "case", "nmod", "det"])
_PRONOUNS = frozenset(["he", "she", "him", "her", "they", "them", "it"])


def source_phrase(head: Token) -> Span:
    """The source as written: the head with its name-building modifiers, no clauses."""
    left = head
    for child in head.lefts:
        if child.dep_ in _NAME_DEPS or child.dep_ in ("nummod", "quantmod"):
            left = min(left, child.left_edge, key=lambda token: token.i)
    right = head
    for child in head.rights:
        if child.dep_ in ("compound", "flat"):
            right = max(right, child.right_edge, key=lambda token: token.i)
    start = left.i
    while start < head.i and head.doc[start].dep_ in ("det", "punct"):
        start += 1
    return head.doc[start:right.i + 1]


def _is_proper(token: Token) -> bool:
    """A name by its form: tagged so, or capitalised where a common noun would not be."""
    if token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG", "FAC"):
        return True
    if not token.text[:1].isupper():
        return False
    if not token.is_sent_start:
        return True
    # Sentence-initial: a name if the text capitalises it elsewhere too ("Mijares").
    return any(other.text == token.text and not other.is_sent_start
               for other in token.sent.doc[max(0, token.i - 400):token.i + 400] if other.i != token.i)


def _is_named(phrase: Span) -> bool:
    head = phrase.root
    lemma = head.lemma_.lower()
    if head.lower_.endswith("s") and head.lower_[:-1] in _ANONYMOUS:
        lemma = head.lower_[:-1]  # "Reports" opening a sentence is tagged a proper noun
    if lemma in _ANONYMOUS:
        # "Philippine officials", "US authorities", "Reports" (capitalised only because it
        # opens the sentence) stay anonymous; "the Civil Defense Authority" and "the
        # NDRRMC report" are names.
        capitalised = head.text[:1].isupper() and not head.is_sent_start
        return capitalised or any(
            t.dep_ == "compound" and _is_proper(t) and t.ent_type_ not in ("GPE", "NORP") for t in head.lefts
        )
    if lemma in _INSTITUTIONS or _is_proper(head):
        return True
    return any(
        token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", "FAC")
        for token in phrase
    )


def _person_in(head: Token) -> Span | None:
    """"first selectman Chris Kervick", "the spokesperson, Jeon Ha Gyu": the person named."""
    for ent in _people(head.doc):
        if ent.start <= head.i < ent.end:
            return ent
        if ent.root.head.i == head.i and ent.root.dep_ in ("appos", "compound"):
            return ent
    # A name in apposition the model did not tag: "the first selectman, Chris Kervick,".
    for child in head.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN":
            return source_phrase(child)
    return None


def _people(doc: Doc) -> list[Span]:
    """The PERSON entities of `doc`, computed once per doc (spaCy rebuilds `ents` per call)."""
    cached = doc.user_data.get("sitrep_people")
    if cached is None:
        cached = doc.user_data["sitrep_people"] = [ent for ent in doc.ents if ent.label_ == "PERSON"]
    return cached


def _nearest_person(doc: Doc, before: int) -> Span | None:
    people = [ent for ent in _people(doc) if ent.end <= before]
    return people[-1] if people else None


def describe_source(head: Token) -> Attribution:
    """An Attribution for the token heading a source noun phrase."""
    if head.lower_ in _PRONOUNS and head.pos_ == "PRON":
        person = _nearest_person(head.doc, head.i)
        if person is not None and head.lower_ not in ("it", "they", "them"):
            return Attribution(text=person.text, entity=None, kind="named")
        return Attribution(text=head.text, entity=None, kind="unnamed")
    person = _person_in(head)
    if person is not None:
        return Attribution(text=person.text, entity=None, kind="named")
    # "estimates, such as that from Ukrainian President Volodymyr Zelenskyy": the
    # generic subject is refined by who made it.
    if head.lemma_.lower() in GENERIC_SOURCES or head.pos_ == "NOUN":
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("from", "by", "of"):
                for obj in prep.children:
                    if obj.dep_ == "pobj" and _is_named(source_phrase(obj)):
                        return describe_source(obj)
            if prep.dep_ == "prep" and prep.lower_ == "at" and head.lemma_.lower() in _ANONYMOUS:
                # "researchers at Imperial College London": anonymous people of a named body.
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if obj is not None and _is_named(source_phrase(obj)):
                    phrase = head.doc[source_phrase(head).start:obj.right_edge.i + 1]
                    return Attribution(text=phrase.text, entity=None, kind="named")
    phrase = source_phrase(head)
    named = _is_named(phrase)
    return Attribution(text=phrase.text, entity=None, kind="named" if named else "unnamed")


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    # "..., the ministry said" parsed with the verb as a conjunct: borrow its subject.
    if verb.dep_ == "conj":
        return _subject(verb.head)
    return None


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((obj for obj in child.children if obj.dep_ == "pobj"), None)
    return None


def according_to(sentence: Span) -> Token | None:
    for token in sentence:
        if token.lower_ == "according":
            for child in token.children:
                if child.lower_ == "to":
                    return next((obj for obj in child.children if obj.dep_ == "pobj"), None)
    return None


_NOT_A_SOURCE_POS = frozenset(["NUM", "PRON"])
_HEARSAY = ("reportedly", "allegedly", "purportedly", "reported")


def _reporters(token: Token) -> list[Token]:
    """Subjects of the reporting verbs above `token`, innermost first."""
    found: list[Token] = []
    node = token
    while node.head.i != node.i:
        if found and node.dep_ in ("advcl", "conj", "parataxis", "relcl"):
            # Nesting ends at a clause that merely sits beside the report: in "reports
            # indicate X, while estimates suggest Y", Y belongs to the estimates alone.
            break
        parent = node.head
        if parent.pos_ in ("VERB", "AUX") and parent.lemma_.lower() in REPORTING_VERBS:
            # The count must sit in what is reported, not be the reporter itself.
            if node.dep_ not in ("nsubj", "nsubjpass"):
                passive = any(c.dep_ == "auxpass" for c in parent.children)
                # A passive report names its reporter only in a "by" phrase: the subject
                # of "X was accused/reported" is what is reported on, not who reports.
                speaker = _agent(parent) if passive else _subject(parent)
                if speaker is not None and speaker.i != token.i and not _is_count(speaker):
                    found.append(speaker)
        node = parent
    return found


def _is_count(token: Token) -> bool:
    """Counts and measured things ("33", "injuries", "244 thousand cases") report nothing."""
    from sitrep.nlp.measures import NOUN_MEASURES

    return (token.pos_ == "NUM" or token.like_num or token.lemma_.lower() in NOUN_MEASURES
            or any(child.dep_ == "nummod" for child in token.children))


def _hearsay(token: Token) -> str | None:
    """"reportedly", "were reported": relayed without saying by whom — in this clause."""
    for node in [token, *token.ancestors]:
        for word in [node, *node.children]:
            if word.lower_ in _HEARSAY[:3] and word.dep_ == "advmod":
                return word.text
        if node.lower_ == "reported" and any(c.dep_ == "auxpass" for c in node.children) and not any(
            c.dep_ == "agent" for c in node.children
        ):
            return node.text
    return None


def attribute(token: Token) -> Attribution:
    """Who the statement holding `token` is attributed to, or the article itself.

    With nested attribution ("Znak.com reported its source said …") the outermost
    source is the one the article cites, so it wins.
    """
    reporters = _reporters(token)
    if reporters:
        return describe_source(reporters[-1])
    source = according_to(token.sent)
    if source is not None:
        return describe_source(source)
    cue = _hearsay(token)
    if cue:
        return Attribution(text=cue, entity=None, kind="unnamed")
    return Attribution(text=None, entity=None, kind="article")
