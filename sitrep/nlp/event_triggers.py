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

from sitrep.nlp.event_args import PARTY_NOUNS, QUANTITY_HEADS, SUPPORT_VERBS, measured
from sitrep.nlp.event_lexicon import BODIES, TROOPS

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
    found += [m for o in found for m in measured(o)]  # "hold dozens of prisoners"
    return found + [c for o in found for c in o.conjuncts]


_PROJECTILES = frozenset(["shell", "rocket", "missile", "bomb", "mortar", "grenade", "projectile", "round", "drone"])
_TREATIES = frozenset(["treaty", "deal", "accord", "agreement", "pact", "convention", "jcpoa"])
_PARTY_HEADS = frozenset(["government", "regime", "state", "country", "bank", "company", "institution", "economy"])


# Nouns whose infinitive says what one may or can do, not what was done.
_CAPACITIES = frozenset(["right", "ability", "capacity", "capability", "power", "freedom", "authority", "option",
                         "means", "readiness", "willingness", "intention", "threat", "chance", "opportunity"])
_GENERIC = frozenset(["those", "all", "everyone", "anyone", "people"])
# Verbs that, after "as", point back at something said or promised instead of telling an act.
_POINTERS = frozenset(["promise", "pledge", "commit", "vow", "say", "state", "announce", "agree", "request",
                       "demand", "warn", "note", "report", "claim", "allege", "threaten", "ask", "expect"])
# Acts done by speaking, and the talks in which they are done: "I spoke with X to reaffirm our
# commitment" reaffirms it in the call (a purpose clause of anything else is no event).
_SAID = frozenset(["SUPPORT", "ACCUSE", "REQUEST", "THREATEN", "CONSULT", "AGREE", "REJECT", "CONCEDE"])
_TALKING = frozenset(["speak", "talk", "call", "meet", "phone", "write", "convene", "host", "visit", "travel"])


# Common nouns a demand is made of: "all countries must stand united".
_DEMANDED = frozenset(["country", "nation", "state", "government", "leader", "side", "party", "member", "regime",
                       "authority", "community", "world"])


# Common nouns for parties: "work with all parties", "stand by our allies".
_PARTY_WORDS = PARTY_NOUNS | frozenset(["party", "people", "neighbor", "neighbour", "friend"])
# Nouns whose "of" phrase names what they carry or tell ("a convoy of aid").
_CARRIERS = QUANTITY_HEADS | frozenset([
    "statement", "message", "letter", "word", "expression", "act", "convoy", "shipment", "campaign", "show",
    "declaration", "gesture", "day", "week", "month", "year", "hour", "night", "decade", "surge", "increase",
    "boost", "influx", "flow"])  # "days of diplomatic engagement"
# Kinds of support that are aid given.
_MATERIAL = frozenset(["military", "security", "financial", "economic", "humanitarian", "material", "lethal",
                       "budgetary", "defense", "defence"])
# One's own measures: suspending them is giving way, not sanctioning anyone.
_OWN_MEASURES = frozenset(["bill", "law", "plan", "policy", "decree", "project", "proposal", "legislation", "reform",
                           "amendment", "rule", "regulation"])
# What sanctions aim at: targeting these is sanctioning them.
_SANCTIONED = frozenset(["individual", "entity", "company", "oligarch", "official", "network", "elite", "bank",
                         "firm", "revenue", "trade", "sector", "economy", "supplier", "facilitator", "procurement",
                         "financier", "businessman", "enabler", "vessel", "fleet", "exporter", "importer"])
_SYMPATHIES = frozenset(["thought", "prayer", "heart", "sympathy", "condolence", "solidarity"])
# Who gathers to protest: the crowd itself, not a meeting's guests.
_CROWDS = frozenset(["protester", "demonstrator", "activist", "crowd", "marcher", "rioter", "opponent", "supporter"])
_COALITIONS = frozenset(["coalition", "alliance", "partnership", "pact", "bloc", "task", "taskforce", "initiative"])
_TROOPS = TROOPS | frozenset(["military", "contingent", "militia"])  # who moves, retreats or is defeated
_TERRITORY = frozenset(["town", "city", "village", "territory", "region", "area", "base", "airport", "port", "capital",
                        "province", "district", "border", "crossing", "building", "headquarters", "hill", "bridge",
                        "control", "position", "outpost", "oilfield", "field", "plant"])
_ARMED = frozenset(["enemy", "militant", "insurgent", "rebel", "terrorist", "jihadist", "insurgency", "isis", "isil",
                    "daesh", "taliban", "invader", "occupier", "caliphate"])
_CAPTIVES = frozenset(["prisoner", "detainee", "captive", "hostage", "inmate", "suspect"])


def _passive(token: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)


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
    if lemma == "be" and any(a.lower_ in ("grateful", "thankful") and any(
            p.lower_ in ("to", "for") for p in _kids(a, "prep")) for a in _kids(token, "acomp")):
        return ("SUPPORT", "praise")  # "Zelenskyy was grateful to President Trump for …"
    if lemma == "be" and subject is not None and subject.lemma_.lower() in _SYMPATHIES \
            and any(p.lower_ == "with" for p in _kids(token, "prep")):
        return ("SUPPORT", "sympathy")  # "our thoughts are with the people of Ukraine"
    if token.pos_ != "VERB":
        return None
    objects = {o.lemma_.lower() for o in _objs(token)}
    particles = {c.lower_ for c in _kids(token, "prt")}
    preps = {p.lower_: [o for o in _kids(p, "pobj")] for p in _kids(token, "prep")}
    # "we will continue to impose costs …, hold Putin accountable": the modal may sit on the head.
    future = any(a.lower_ in ("will", "would", "shall", "'ll", "must")
                 for v in [token] + ([token.head] if token.dep_ in ("conj", "xcomp") else [])
                 for w in [v] + ([v.head] if v.dep_ == "xcomp" else []) for a in _kids(w, "aux"))
    if lemma in ("stand", "side") and any(_is_agentive(o) or o.lemma_.lower() in _PARTY_HEADS | _PARTY_WORDS
                                          or any(_is_agentive(w) for w in o.subtree)
                                          for p in ("with", "behind", "by") for o in preps.get(p, [])):
        return ("SUPPORT", "solidarity")  # "the United States stands with Prime Minister Kadhimi"
    if lemma == "hold" and future and any(c.lower_ in ("accountable", "responsible")
                                          for c in _kids(token, "oprd", "acomp", "ccomp", "xcomp", "advmod")):
        return ("THREATEN", "warning")  # "the world will hold Russia accountable"
    if lemma in ("gather", "assemble", "converge", "congregate") and subject is not None and (
            {subject.lemma_.lower()} | {o.lemma_.lower() for p in _kids(subject, "prep") for o in _kids(p, "pobj")}) & _CROWDS:
        return ("PROTEST", "demonstration")  # "thousands of protesters gathered around the police headquarters"
    if lemma in ("join", "form", "create", "build", "establish", "launch", "announce", "forge", "lead") and (
            objects | {s.lemma_.lower() for s in _kids(token, "nsubjpass")}) & _COALITIONS:
        return ("COOPERATE", "coalition")  # "announced a naval coalition", "was joined by Australia"
    if subject is None and token.dep_ == "conj":
        subject = next(iter(_kids(token.head, "nsubj")), None)  # "troops left Iraq, then returned"
    if lemma in ("come", "return", "arrive", "move", "head", "land") and subject is not None \
            and subject.lemma_.lower() in _TROOPS | _COALITIONS:
        return ("MOBILIZE", "deploy")  # "US troops came to Iraq", "the soldiers returned to Syria"
    if lemma in ("leave", "abandon", "vacate", "evacuate") and subject is not None and subject.lemma_.lower() in _TROOPS:
        return ("RETREAT", "withdraw")  # "US troops left Iraq"
    held = _objs(token) + ([token.head] if token.dep_ == "relcl" else [])  # "the territory Russia seized"
    if lemma in ("capture", "seize", "take", "reclaim", "retake", "recapture", "liberate", "regain") and (
            lemma != "take" or "over" in particles or "control" in objects) and any(
            o.ent_type_ in ("GPE", "LOC", "FAC") or o.lemma_.lower() in _TERRITORY for o in held):
        return ("ASSAULT", "seizure")  # "captured the town", "took over Mosul" (people captured are coerced)
    if lemma == "suspend" and (objects | {x.lemma_.lower() for x in _kids(token, "nsubjpass")}) & _OWN_MEASURES:
        return ("CONCEDE", "suspension")  # "the government suspended the extradition bill"
    if lemma == "target" and objects & _SANCTIONED:
        return ("SANCTION", "targeting")  # "targeting Russian oligarchs": sanctioned, not shot at
    if lemma in ("add", "put", "place", "list") and any(
            w.text == "List" or w.lower_ in ("blacklist", "list") for p in preps.get("to", []) + preps.get("on", [])
            for w in p.subtree):
        return ("SANCTION", "listing")  # "added 71 parties to the Entity List"
    if lemma == "bring" and "together" in particles | {a.lower_ for a in _kids(token, "advmod")}:
        return ("CONSULT", "convening")  # "brought together 20 nations"
    if (lemma == "step" and particles & {"down", "aside"}) or (lemma == "leave" and objects & {"office", "post"}):
        return ("CONCEDE", "resignation")  # "the governor will step down", "leave office"
    if lemma == "brief" and _passive(token) and any(_is_agentive(s) for s in _kids(token, "nsubjpass")):
        return ("CONSULT", "briefing")  # "the President was briefed by his team"
    if lemma == "receive" and objects & {"update", "briefing", "brief"}:
        return ("CONSULT", "briefing")  # "received updates from the commanders"
    if lemma == "defeat" and any(o.lemma_.lower() in _TROOPS | _ARMED or (o.ent_type_ == "ORG" and o.text.isupper())
                                 for o in _objs(token)):
        return ("ASSAULT", "defeat")  # "defeated ISIS", "defeat the rebels" (a candidate defeated is no attack)
    if lemma == "join" and any(o.ent_type_ == "ORG" or o.lemma_.lower() in _TREATIES | _COALITIONS for o in _objs(token)):
        return ("COOPERATE", "accession")  # "Sweden joined NATO", "joined the Paris Agreement"
    if lemma == "rally" and (_objs(token) or any(_kids(c, "nsubj") for c in _kids(token, "ccomp", "xcomp"))):
        return ("REQUEST", "appeal")  # "rallied the world behind Ukraine": a call on others, no protest
    if lemma == "welcome" and any(_is_agentive(o) for o in _objs(token)) and any(
            p.lower_ == "to" for head in [token] + _kids(token, "advmod") for p in _kids(head, "prep")):
        return ("CONSULT", "visit")  # "I will welcome President Zelenskyy to the White House"
    if lemma in ("raise", "increase", "impose", "heighten") and objects & {"cost", "price", "penalty", "consequence"}:
        return ("SANCTION", "costs")  # "raise the costs on Russia"
    if lemma in ("hold", "guard", "keep") and objects & _CAPTIVES:
        return ("COERCE", "detention")  # "the SDF holds thousands of IS prisoners"
    if lemma == "pay" and "price" in objects:
        return ("THREATEN", "warning to")  # "Russia will pay a steeper price"
    if any(a.lower_ == "must" for a in _kids(token, "aux")) and subject is not None and subject.pos_ != "PRON" \
            and (_is_agentive(subject) or subject.lemma_.lower() in _DEMANDED):
        return ("REQUEST", "demand")  # "Pyongyang must immediately cease …"
    if lemma == "speak" and "out" in particles and "against" in preps:
        return ("ACCUSE", "criticism")
    if lemma == "recognize" and ("as" in preps or any(_is_agentive(o) for o in _objs(token))
                                 or any(p.lower_ == "as" for o in _objs(token) for p in o.subtree if p.dep_ == "prep")):
        return ("SUPPORT", "diplomatic recognition")
    if lemma == "enter" and subject is not None and subject.lemma_.lower() in ("army", "military", "troop", "force", "soldier"):
        return ("MOBILIZE", "deploy")
    if lemma == "claim" and "responsibility" in objects:
        return ("ASSAULT", "claim of responsibility")
    if lemma == "go" and "off" in particles and any(s.lemma_.lower() in _EXPLOSIVES for s in _kids(token, "nsubj")):
        return ("ASSAULT", "bombing")
    if lemma in ("land", "fall", "explode", "impact", "detonate") and any(
            s.lemma_.lower() in _PROJECTILES for s in _kids(token, "nsubj")):
        return ("ASSAULT", "artillery")  # "at least one shell landed near the area"
    if lemma in ("stay", "keep", "remain") and any(o.lemma_.lower() in ("touch", "contact") for o in preps.get("in", [])):
        return ("CONSULT", "contact")  # "we will stay in close touch with Israel's leaders"
    if lemma in ("count", "rely") and "on" in preps and _kids(token, "xcomp", "advcl") + [
            x for o in preps["on"] for x in _kids(o, "acl", "relcl")]:
        return ("REQUEST", "expectation")  # "I count on Turkey to act with restraint"
    if lemma == "expect" and not _passive(token) and subject is not None and ("from" in preps or any(
            _is_agentive(s) and s.pos_ != "PRON" for x in _kids(token, "ccomp", "xcomp")
            if any(a.lower_ == "to" for a in _kids(x, "aux")) for s in _kids(x, "nsubj"))):
        return ("REQUEST", "expectation")  # "we expect from Iran assurances", "expects Russia to comply"
    if lemma == "throw" and objects:
        if objects & (_EXPLOSIVES | {"grenade", "cocktail", "molotov"} - {"car", "charge"}) and not objects & {"thing", "object", "egg", "stone", "rock", "brick", "bottle"}:
            return ("ASSAULT", "bombing")
        return ("PROTEST", "violent protest")  # "protesters threw eggs/things at police"
    if lemma == "deserve" and objects & {"punishment", "response", "retaliation", "retribution", "price"}:
        return ("THREATEN", "warning")  # "provocation deserves harsh punishment"
    if lemma in ("respond", "retaliate", "react") and any(a.lower_ in ("will", "would", "shall", "'ll") for a in _kids(token, "aux")):
        return ("THREATEN", "warning")  # "would respond militarily"
    if lemma == "cut" and "off" in particles and any(_is_agentive(o) or o.lemma_.lower() in _PARTY_HEADS for o in _objs(token)):
        return ("SANCTION", "cut off")  # "will cut off the Russian government from …"
    if lemma in ("withdraw", "pull", "exit", "quit", "leave") and any(
            w.lemma_.lower() in _TREATIES for o in preps.get("from", []) + preps.get("out", []) + _objs(token) for w in [o]):
        return ("REJECT", "treaty withdrawal")  # "withdrew the US from a nuclear treaty"
    if lemma == "claim" and not _passive(token) and "responsibility" not in objects and any(
            _is_agentive(s) for s in [s for c in _kids(token, "ccomp") for s in _kids(c, "nsubj")]
            + [o for o in _objs(token) if _kids(o, "xcomp", "acl")]):
        return ("ACCUSE", "allegation")  # "claims Mahan flies fighters …", "claiming them to be mercenaries"
    if lemma == "exchange" and objects & {"fire", "shot", "gunfire"}:
        return ("ASSAULT", "artillery")
    if lemma in ("strengthen", "tighten", "boost", "heighten", "increase", "beef", "bolster", "step", "reinforce") and any(
            c.lemma_.lower() == "security" for o in _objs(token) for c in o.children if c.dep_ in ("compound", "amod")):
        return ("MOBILIZE", "security measures")  # "strengthened security measures"
    if lemma == "use" and objects & _FORCE and any(a.lower_ in ("will", "would", "shall", "'ll") for a in _kids(token, "aux")):
        return ("THREATEN", "warning")  # "we will use the full force of the law"
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
    if lemma == "work" and any(_is_agentive(o) or o.lemma_.lower() in _PARTY_WORDS for o in preps.get("with", [])):
        return ("COOPERATE", "cooperation")
    if lemma == "help" and (any(_is_agentive(o) for o in _objs(token))
                            or any(_is_agentive(s) for c in _kids(token, "ccomp", "xcomp") for s in _kids(c, "nsubj"))):
        return ("COOPERATE", "military cooperation")
    if lemma in ("brief", "update") and not any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children) \
            and any(_is_agentive(o) for o in _objs(token)):
        return ("CONSULT", "briefing")
    return None


# Calling an act one of these blames whoever did it.
_BLAME_NOUNS = frozenset(["mistake", "lie", "stunt", "disgrace", "betrayal", "travesty", "farce", "outrage",
                          "blunder", "calamity", "fiasco", "hoax", "sham", "provocation"])
_BLAME_WORDS = frozenset(["flagrant", "brazen", "blatant", "clear", "serious", "gross", "egregious"])


def phrasal_noun(token: Token) -> tuple[str, str] | None:
    """"the exchange of fire": a noun whose event lives in its "of" phrase; "a flagrant
    violation": calling an act a violation accuses whoever did it."""
    if token.lemma_.lower() == "support" and any(c.dep_ in ("amod", "compound") and c.lemma_.lower() in _MATERIAL
                                                  for c in token.children):
        return ("AID", "military aid")  # "security support", "financial support": aid given, not words
    if token.lemma_.lower() == "violation" and any(c.lower_ in _BLAME_WORDS for c in token.children):
        return ("ACCUSE", "violation")
    if token.lemma_.lower() in _BLAME_NOUNS and token.dep_ in ("attr", "appos", "ROOT"):
        return ("ACCUSE", "criticism")  # "Leaving them is a big mistake", "the biggest lie"
    lemma = token.lemma_.lower()
    if lemma in ("taking", "seizure", "capture") and any(
            o.lemma_.lower() == "hostage" for p in _kids(token, "prep") if p.lower_ == "of" for o in _kids(p, "pobj")):
        return ("COERCE", "hostage-taking")  # "the taking of hostages by Hamas"
    if lemma in ("hostage-taking", "kidnapping"):
        return ("COERCE", "hostage-taking")
    if lemma in ("plot", "conspiracy") and any(
            c.dep_ in ("compound", "amod") and c.lemma_.lower() in ("assassination", "bomb", "bombing", "attack", "terror",
                                                                     "terrorist", "murder", "coup", "kill")
            for c in token.children):
        return ("ASSAULT", "plot")  # "assassination plots against dissidents"
    if token.lemma_.lower() == "exchange" and any(
            o.lemma_.lower() in ("fire", "gunfire", "shot") for p in _kids(token, "prep") if p.lower_ == "of"
            for o in _kids(p, "pobj")):
        return ("ASSAULT", "artillery")
    return None


def _party_word(token: Token) -> bool:
    return _is_agentive(token) or token.lemma_.lower() in _PARTY_WORDS


# Heads whose compound modifier names the act itself: "missile strike", "bomb attack",
# "sanctions package".
_EVENT_HEADS = frozenset(["attack", "strike", "plot", "campaign", "operation", "raid", "wave", "spree", "offensive",
                          "bombing", "shooting", "assault", "fire", "barrage", "exchange", "package", "tranche", "round",
                          "measure", "action", "designation", "penalty", "step"])
_AGREEING = frozenset(["agree", "reach", "sign", "announce", "broker", "declare", "accept", "negotiate", "strike",
                       "conclude", "observe", "violate", "break", "respect", "implement", "extend"])


def _threat_made(noun: Token) -> bool:
    """A threat someone made: made, issued or voiced, or said to be someone's ("Iran's threat")."""
    if noun.dep_ in ("dobj", "obj", "conj") and noun.head.lemma_.lower() in (
            "make", "issue", "voice", "level", "repeat", "renew", "carry", "send", "deliver", "escalate"):
        return True
    return any(c.dep_ == "poss" for c in noun.children) or any(
        p.lower_ in ("by", "against") and _kids(p, "pobj") for p in _kids(noun, "prep"))


def _agreed(noun: Token) -> bool:
    """A ceasefire told as made: agreed, reached, signed, or itself holding or taking effect."""
    if noun.dep_ in ("nsubj", "nsubjpass"):
        return noun.head.lemma_.lower() not in ("be",) or any(c.dep_ == "acomp" for c in noun.head.children)
    if noun.dep_ in ("dobj", "obj", "conj") and noun.head.lemma_.lower() in _AGREEING:
        return True
    return any(c.dep_ in ("acl", "amod") and c.lemma_.lower() in _AGREEING | {"agreed"} for c in noun.children) or (
        noun.dep_ == "pobj" and noun.head.lower_ in ("on", "to") and noun.head.head.lemma_.lower() in _AGREEING)


def generic(noun: Token) -> bool:
    """A bare singular event noun that names a kind of act, not one that happened: no
    determiner, possessor or number, and no party said to do it or suffer it ("sexual
    assault is an abuse of power", "a world free from aggression")."""
    if noun.pos_ != "NOUN" or noun.tag_ != "NN":
        return False
    if noun.dep_ == "compound" and not _kids(noun, "amod"):
        return False  # "arrest warrants": the head noun says which ("sexual assault victims" does not)
    if noun.dep_ == "pobj" and noun.head.lower_ in ("of", "in") and (
            noun.head.head.lemma_.lower() in _CARRIERS or noun.head.head.like_num
            or noun.head.head.ent_type_ in ("MONEY", "CARDINAL", "QUANTITY")):
        return False  # "statements of condemnation", "a surge in assistance", "$8 billion in aid": the head makes it one
    if noun.dep_ in ("dobj", "obj") and noun.head.lemma_.lower() in SUPPORT_VERBS:
        return False  # "increased cooperation", "launched attack": the verb's subject does it
    # "unity and coordination with regional countries": conjoined nouns share their phrases.
    for child in list(noun.children) + ([c for c in noun.head.children if c.dep_ == "prep"] if noun.dep_ == "conj" else []):
        if child.dep_ in ("det", "poss", "nummod", "predet"):
            return False
        if child.dep_ in ("compound", "nmod") and _party_word(child) or child.dep_ == "amod" and _is_agentive(child):
            return False  # "police violence", "Russian aggression" ("military sexual assault" is a kind)
        if child.dep_ in ("prep", "agent") and any(_party_word(o) for o in _kids(child, "pobj")):
            return False
        if child.dep_ == "relcl" or child.dep_ == "acl":
            return False  # "assault that occurred last year": told as one
    return True


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
    if event_type != "REQUEST" and embedded(token) and (token.pos_ in ("VERB", "AUX") or not any(
            c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "its", "their"))
            for c in token.children)):
        return True  # a told noun inside it still names a real event ("speak out against Putin's aggression")
    if token.pos_ != "VERB":
        if lemma in ("ceasefire", "truce", "armistice") and not _agreed(token):
            return True  # "a ceasefire" proposed, hoped for or talked about is no agreement yet
        if event_type in ("ASSAULT", "SANCTION") and token.dep_ == "compound" and token.head.pos_ == "NOUN" \
                and token.head.lemma_.lower() not in _EVENT_HEADS:
            return True  # "combat roles", "war crimes", "sanctions program": a kind of thing, no act
        if lemma == "threat" and not _threat_made(token):
            return True  # "terrorist threats", "the threat Iran poses": a danger, not a threat made
        if lemma == "arrest" and any(c.lower_ in ("cardiac", "respiratory", "heart") for c in token.children):
            return True  # "a cardiac arrest": the heart stopped, nobody was detained
        if generic(token):
            return True  # "sexual assault in the military", "free from violence": a kind of act, no event
        if lemma in BODIES and token.dep_ in ("nsubj", "nsubjpass", "poss"):
            return True  # "the alliance will respond": the body acts, no act of allying is told
        if lemma == "fighting" and token.dep_ in ("amod", "compound"):
            return True  # "the main fighting force": a kind of force, no fight
        if lemma == "support" and token.head.lower_ in ("in", "for") and token.dep_ == "pobj":
            return True  # "in support of", "asked for support": a purpose, not a pledge
        return False
    if token.dep_ == "amod" and (event_type in ("ACCUSE", "SUPPORT", "COERCE") or token.tag_ in ("VBN", "JJ")):
        return True  # "alleged ties", "Iranian-backed militia", "targeted pressure"
    if token.dep_ == "acl" and token.tag_ == "VBN" and event_type == "ACCUSE":
        return True  # "people accused of crimes": a description, no accusation told
    if lemma in _POINTERS and any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children) \
            and not _kids(token, "dobj", "obj", "ccomp", "xcomp"):
        return True  # "as President Biden promised": a pointer to what was said ("as leaders meet" is a meeting)
    if token.dep_ == "acl" and token.head.lemma_.lower() in _CAPACITIES:
        return True  # "the right to strike back", "the capacity to defend": a power, no act
    if token.tag_ == "VBN" and token.dep_ in ("acl", "amod", "conj") and (
            token.head.lower_ in _GENERIC or (token.head.dep_ == "acl" and token.head.head.lower_ in _GENERIC)):
        return True  # "all those missing, wounded, and killed": whom sympathy is for, no new attack
    if lemma == "engage" and not any(p.lower_ == "with" for p in _kids(token, "prep")) and not any(
            o.lemma_.lower() in ("talk", "dialogue", "diplomacy", "negotiation", "discussion", "consultation")
            for p in _kids(token, "prep") for o in _kids(p, "pobj")) and not _kids(token, "dobj", "obj"):
        return True  # "engaging in jihad": engaging in talks, or with someone, is consulting
    if token.dep_ == "acl" and token.tag_ == "VBN" and event_type == "CONSULT" and not _kids(token, "agent"):
        return True  # "the key issues discussed": what a talk was about, no second talk
    if token.dep_ == "acl" and token.tag_ == "VBN" and event_type == "AGREE":
        return True  # "the assistance committed to Ukraine": the pledge is the noun's
    if event_type == "CONSULT" and token.dep_ in ("advcl", "xcomp", "acl") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in token.children) and (
            token.head.lemma_.lower() in _TALKING or token.head.lemma_.lower() in ("meeting", "call", "visit", "trip")):
        return True  # "met with Yermak to discuss energy": the meeting is the talk, told once
    if token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children) \
            and not _kids(token, "nsubj") and not (
                event_type in _SAID and token.head.lemma_.lower() in _TALKING):
        return True  # a purpose: "to support the defense of Israel", "equipment to support treatment"
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)
    if lemma in ("injure", "wound", "hurt") and passive and not _kids(token, "agent") and any(
            s.like_num or s.ent_type_ == "CARDINAL" or any(c.dep_ in ("nummod", "det") and (c.like_num or c.lower_ == "no")
                                                          for c in s.children) or s.lower_ == "one"
            for s in _kids(token, "nsubjpass")):
        return True  # "sixty-six people were injured": a toll, counted by the claims stage, no new attack
    if lemma == "demonstrate" and _kids(token, "dobj", "ccomp", "obj"):
        return True  # "this action demonstrates that …"
    if lemma == "deny" and _kids(token, "ccomp"):
        return True  # "denied that it attacked": the denial is the attack's modality, no event of its own
    if lemma == "call" and event_type == "REQUEST":
        preps = {p.lower_ for p in _kids(token, "prep")}
        # "called for the bill to be dropped": "for" then marks the clause asked for.
        marked = any(m.lower_ == "for" for c in _kids(token, "advcl", "ccomp") for m in _kids(c, "mark"))
        return not (preps & {"on", "for", "upon"} or _kids(token, "xcomp") or marked)  # "called it an aggression"
    if lemma == "meet" and passive:
        return True  # "was met with protests"
    if lemma == "release" and any(w.lemma_.lower() in _DOCUMENTS for w in _objs(token) + _kids(token, "nsubjpass")):
        return True
    if lemma == "release" and token.dep_ == "acl":
        return True  # "a statement released after the attack"
    return False
