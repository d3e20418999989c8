"""Trigger rules beyond one word: phrasal events, and words that are no event here.

`phrasal` recognises events told by a verb together with its particle or object, where
neither word alone says which event it is ("claimed responsibility", "went off",
"exchanged fire", "used tear gas", "will take all necessary measures", "put on
alert", "reached out to", "spoke on the phone", "worked with", "helped Israel").

`blocked` drops readings the annotation guideline (and plain English) rules out:
the embedded complement of a request ("urged X to *withdraw*": only the request is an
event), "demonstrate" with an object (shows, not protests), "call" that is naming
rather than asking, passive "was met with", a released statement, and evaluative
participles ("alleged ties", "Iranian-backed militia").
"""

from __future__ import annotations

from spacy.tokens import Token

_REQUEST_VERBS = frozenset(["urge", "ask", "call", "encourage", "demand", "request", "appeal", "press",
                            "plead", "invite", "tell", "want", "need"])
_FORCE = frozenset(["force", "gas", "cannon", "canon", "baton", "pepper", "bullet", "truncheon"])
_MEASURES = frozenset(["action", "measure", "step"])
_EXPLOSIVES = frozenset(["bomb", "device", "explosive", "grenade", "mine", "ied", "charge", "car"])
_DOCUMENTS = frozenset(["statement", "report", "video", "footage", "image", "photo", "data", "document",
                        "letter", "record", "figure", "detail", "result", "recording", "transcript"])


def _kids(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def _objs(token: Token) -> list[Token]:
    found = _kids(token, "dobj", "obj")
    return found + [c for o in found for c in o.conjuncts]


def _is_agentive(token: Token) -> bool:
    """A party word: a name, a pronoun, or a group noun (tested loosely: not a thing)."""
    return token.pos_ in ("PROPN", "PRON") or token.ent_type_ in ("GPE", "NORP", "ORG", "PERSON")


# Modes of events told *to* their grammatical subject by the text's speaker: "Pyongyang
# must cease" (a demand on Pyongyang), "Russia will pay a price", "elites are on notice".
ADDRESSED = frozenset(["demand", "warning to"])


def phrasal(token: Token) -> tuple[str, str] | None:
    """(type, mode) of a verb whose event lives in its particle or object, else None."""
    lemma = token.lemma_.lower()
    subject = next(iter(_kids(token, "nsubj")), None)
    if lemma == "be" and any(o.lower_ == "notice" for p in _kids(token, "prep") if p.lower_ == "on" for o in _kids(p, "pobj")):
        return ("THREATEN", "warning to")  # "X are on notice"
    if token.pos_ != "VERB":
        return None
    objects = {o.lemma_.lower() for o in _objs(token)}
    particles = {c.lower_ for c in _kids(token, "prt")}
    preps = {p.lower_: [o for o in _kids(p, "pobj")] for p in _kids(token, "prep")}
    if lemma == "pay" and "price" in objects:
        return ("THREATEN", "warning to")  # "Russia will pay a steeper price"
    if any(a.lower_ == "must" for a in _kids(token, "aux")) and subject is not None and subject.pos_ != "PRON" \
            and _is_agentive(subject):
        return ("REQUEST", "demand")  # "Pyongyang must immediately cease …"
    if lemma == "speak" and "out" in particles and "against" in preps:
        return ("ACCUSE", "criticism")
    if lemma == "recognize" and ("as" in preps or any(_is_agentive(o) for o in _objs(token))):
        return ("SUPPORT", "diplomatic recognition")
    if lemma == "enter" and subject is not None and subject.lemma_.lower() in ("army", "military", "troop", "force", "soldier"):
        return ("MOBILIZE", "deploy")
    if lemma == "claim" and "responsibility" in objects:
        return ("ASSAULT", "claim of responsibility")
    if lemma == "go" and "off" in particles and any(s.lemma_.lower() in _EXPLOSIVES for s in _kids(token, "nsubj")):
        return ("ASSAULT", "bombing")
    if lemma == "exchange" and objects & {"fire", "shot", "gunfire"}:
        return ("ASSAULT", "artillery")
    if lemma == "use" and objects & _FORCE:
        return ("COERCE", "violent repression")
    if lemma == "take" and objects & _MEASURES and any(
            a.lower_ == "necessary" for o in _objs(token) for a in o.children):
        return ("THREATEN", "warning")
    if lemma in ("put", "place") and any(w.lower_ == "alert" for o in preps.get("on", []) for w in o.subtree):
        return ("MOBILIZE", "alert")
    if lemma == "reach" and "out" in particles and "to" in preps:
        return ("CONSULT", "call")
    if lemma == "speak" and any(o.lemma_.lower() in ("phone", "telephone") for o in preps.get("on", [])):
        return ("CONSULT", "call")
    if lemma == "work" and any(_is_agentive(o) for o in preps.get("with", [])):
        return ("COOPERATE", "cooperation")
    if lemma == "help" and (any(_is_agentive(o) for o in _objs(token))
                            or any(_is_agentive(s) for c in _kids(token, "ccomp", "xcomp") for s in _kids(c, "nsubj"))):
        return ("COOPERATE", "military cooperation")
    if lemma in ("brief", "update") and not any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children) \
            and any(_is_agentive(o) for o in _objs(token)):
        return ("CONSULT", "briefing")
    return None


_BLAME_WORDS = frozenset(["flagrant", "brazen", "blatant", "clear", "serious", "gross", "egregious"])


def phrasal_noun(token: Token) -> tuple[str, str] | None:
    """"the exchange of fire": a noun whose event lives in its "of" phrase; "a flagrant
    violation": calling an act a violation accuses whoever did it."""
    if token.lemma_.lower() == "violation" and any(c.lower_ in _BLAME_WORDS for c in token.children):
        return ("ACCUSE", "violation")
    if token.lemma_.lower() == "exchange" and any(
            o.lemma_.lower() in ("fire", "gunfire", "shot") for p in _kids(token, "prep") if p.lower_ == "of"
            for o in _kids(p, "pobj")):
        return ("ASSAULT", "artillery")
    return None


def embedded(token: Token) -> bool:
    """Inside the complement of a request: "urged X to withdraw", "call on X to engage in dialogue"."""
    node = token
    while node.head.i != node.i:
        if node.dep_ == "xcomp" and node.head.lemma_.lower() in _REQUEST_VERBS:
            return True
        if node.dep_ in ("ccomp", "advcl", "relcl", "parataxis"):
            return False
        node = node.head
    return False


def blocked(token: Token, event_type: str) -> bool:
    """This reading of the trigger is no event (see the module docstring)."""
    lemma = token.lemma_.lower()
    if event_type != "REQUEST" and embedded(token):
        return True
    if token.pos_ != "VERB":
        if lemma == "fighting" and token.dep_ in ("amod", "compound"):
            return True  # "the main fighting force": a kind of force, no fight
        if lemma == "support" and token.head.lower_ in ("in", "for") and token.dep_ == "pobj":
            return True  # "in support of", "asked for support": a purpose, not a pledge
        return False
    if token.dep_ == "amod" and event_type in ("ACCUSE", "SUPPORT", "COERCE"):
        return True  # "alleged ties", "Iranian-backed militia"
    if token.dep_ == "acl" and token.tag_ == "VBN" and event_type == "AGREE":
        return True  # "the assistance committed to Ukraine": the pledge is the noun's
    if token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children) \
            and not _kids(token, "nsubj"):
        return True  # a purpose: "to support the defense of Israel", "equipment to support treatment"
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)
    if lemma == "demonstrate" and _kids(token, "dobj", "ccomp", "obj"):
        return True  # "this action demonstrates that …"
    if lemma == "deny" and _kids(token, "ccomp"):
        return True  # "denied that it attacked": the denial is the attack's modality, no event of its own
    if lemma == "call" and event_type == "REQUEST":
        preps = {p.lower_ for p in _kids(token, "prep")}
        return not (preps & {"on", "for", "upon"} or _kids(token, "xcomp"))  # "called it an aggression"
    if lemma == "meet" and passive:
        return True  # "was met with protests"
    if lemma == "release" and any(w.lemma_.lower() in _DOCUMENTS for w in _objs(token) + _kids(token, "nsubjpass")):
        return True
    if lemma == "release" and token.dep_ == "acl":
        return True  # "a statement released after the attack"
    return False
