"""Which event a word tells, if any: its PLOVER type and mode.

`classify` reads a verb with its objects and prepositions (`event_lexicon`,
`event_triggers.phrasal`) or a noun (`NOUNS`, `phrasal_noun`); `told_by_head` says when
a word only tells again the event of the word it hangs on ("killed … in an airstrike",
"killed and injured"), so that one clause gives one event.
"""

from __future__ import annotations

from spacy.tokens import Token

from sitrep.nlp.event_args import LIGHT_VERBS, children, is_thing, objects
from sitrep.nlp.event_lexicon import NOUNS, classify_verb
from sitrep.nlp.event_triggers import phrasal, phrasal_noun

# What an attack did to people: told after another of them, it is the same attack.
_HARMED = frozenset(["wound", "injure", "maim", "hurt", "kill"])
# Verbs of saying: "North Korea stated it would attack" tells a threat, not an attack.
_STATING = frozenset(["say", "state", "warn", "vow", "declare", "announce", "add", "threaten", "tell", "insist"])


def classify(token: Token, tested: bool = False) -> tuple[str, str] | None:
    """(type, mode) of a trigger word; `tested`: a missile test was told before, so "this
    launch" is one again."""
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB" and token.dep_ in ("acl", "amod") and (token.head.like_num or token.head.pos_ == "NUM"):
        return None  # "2,700 wounded": the participle says what a count measures, not a new event
    if token.pos_ in ("VERB", "AUX") and (found := phrasal(token)) is not None:
        return found
    if token.pos_ == "NOUN" and (found := phrasal_noun(token)) is not None:
        return found
    if token.pos_ == "VERB":
        if lemma == "fire" and token.i >= 2 and token.doc[token.i - 1].text == "-" and token.doc[token.i - 2].lower_ == "test":
            return ("THREATEN", "missile test")  # "test-fired", split by the tokenizer
        # "police fired and landed a live round": conjoined verbs share the object.
        shared = objects(token) or [o for c in token.conjuncts if c.i > token.i and c.pos_ == "VERB" for o in objects(c)]
        object_lemmas = [obj.lemma_ for obj in shared if obj.tag_ not in ("WDT", "WP")]
        if token.dep_ == "relcl" and not object_lemmas and token.head.pos_ in ("NOUN", "PROPN"):
            object_lemmas = [token.head.lemma_]  # "the Executive Order that the President signed"
        preps = {prep.lower_: children(prep, "pobj") for prep in children(token, "prep")}
        # "launched waves of missiles against Ukrainian cities": the phrase may hang on the object.
        object_preps: dict[str, list[Token]] = {}
        for prep in (p for o in shared for p in children(o, "prep")):
            object_preps.setdefault(prep.lower_, []).extend(children(prep, "pobj"))
        aimed_at = [obj for word in ("at", "on", "against", "toward", "towards")
                    for obj in preps.get(word, []) + object_preps.get(word, [])]
        reached = [obj for word in ("into", "to") for obj in preps.get(word, [])]
        # Fired *at* something is aimed, party or not ("firing 36 shells at police posts");
        # fired *into* somewhere hits a party only if the place is one (not "over Japan").
        has_target = (any(not is_thing(obj) for obj in objects(token) + reached)
                      or bool(aimed_at and lemma in ("fire", "launch"))
                      or any(not is_thing(obj) for obj in aimed_at)
                      or any(c.dep_ == "acl" and c.lemma_.lower() in ("target", "hit", "strike")
                             for o in objects(token) for c in o.children))
        if lemma in LIGHT_VERBS and any(o.lower() in NOUNS for o in object_lemmas):
            return None  # the noun object carries the event ("held talks", "launched an attack")
        prepositions = frozenset(prep.lower_ for prep in children(token, "prep"))
        found = classify_verb(lemma, object_lemmas, has_target, prepositions)
        if found is not None and found[0] == "ASSAULT" and token.dep_ == "ccomp" \
                and token.head.lemma_.lower() in _STATING and any(a.lower_ in ("will", "would") for a in children(token, "aux")) \
                and any(s.pos_ == "PRON" for s in children(token, "nsubj")):
            return ("THREATEN", "warning")  # "North Korea stated it would attack any loudspeakers"
        return found
    if token.pos_ == "NOUN":
        found = NOUNS.get(lemma)
        if found and lemma in ("launch", "test", "firing", "test-firing"):
            # "missile tests", "test-firings of intercontinental ballistic missiles"
            words = {t.lemma_.lower() for t in token.subtree} | {token.head.lemma_.lower()}
            anaphor = tested and any(c.dep_ == "det" and c.lower_ in ("this", "that", "the", "these") for c in token.children)
            if not words & {"missile", "rocket", "icbm", "weapon", "nuclear", "ballistic"} and not anaphor:
                return None
        return found
    return None


def told_by_head(token: Token, event_type: str) -> bool:
    """One clause, one event: a word of the same type attached to an event word as its
    means or modifier tells that event again ("killed … in an airstrike", "hit by drone
    strikes", "full blocking sanctions", "launched missiles targeting US troops")."""
    head = token.head
    if token.dep_ == "conj" and event_type == "ASSAULT" and token.lemma_.lower() in _HARMED \
            and head.lemma_.lower() in _HARMED | {"kill"}:
        return True  # "killed and injured civilians", "two were killed and eight injured": one attack
    if token.dep_ == "amod" and head.pos_ == "NOUN" and classify(head) is not None:
        return True
    if token.dep_ == "compound" and head.pos_ == "NOUN" and (found := classify(head)) is not None and found[0] == event_type:
        return True  # "assassination plots": one plot
    if token.pos_ == "VERB" and token.dep_ == "relcl" and head.pos_ == "NOUN" and head.i != token.i \
            and (found := classify(head)) is not None and found[0] == event_type:
        return True  # "the airstrike that killed Soleimani": the airstrike tells it
    if token.pos_ == "NOUN" and token.dep_ == "nsubj" and head.pos_ == "VERB" and event_type == "ASSAULT" \
            and (found := classify(head)) is not None and found[0] == event_type:
        return True  # "the attack had killed twelve": one event, its main predicate the trigger
    if token.dep_ in ("pobj", "pcomp") and head.lower_ in ("in", "by", "with", "through", "using", "via"):
        head = head.head
    elif token.dep_ == "acl" and head.dep_ in ("dobj", "obj"):
        head = head.head
    elif token.dep_ != "acl" or token.pos_ != "VERB":
        return False
    return head.i != token.i and (found := classify(head)) is not None and found[0] == event_type
