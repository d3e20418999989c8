"""Words that express events, mapped to PLOVER's 16 top-level types.

`VERBS` maps a verb lemma to (type, mode); `NOUNS` does the same for nominal triggers
("talks", "sanctions", "airstrike"). `OBJECT_RULES` refine a general verb by its
object: "send troops" is MOBILIZE, "send aid" is AID, "fire missiles" is ASSAULT with a
target and THREATEN (a missile test) without one.
"""

from __future__ import annotations

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)


def _all(type_: str, mode: str, *lemmas: str) -> dict[str, tuple[str, str]]:
    return {lemma: (type_, mode) for lemma in lemmas}


VERBS: dict[str, tuple[str, str]] = {
    **_all("ASSAULT", "attack", "attack", "assault", "raid", "ambush", "storm", "invade", "overrun", "besiege", "occupy", "annex", "clash",
          "fight", "battle", "overrun", "repel", "ram"),
    **_all("ASSAULT", "strike", "strike", "bomb", "shell", "airstrike", "bombard", "pound", "hit", "target"),
    **_all("ASSAULT", "killing", "kill", "murder", "assassinate", "execute", "massacre", "slay", "behead", "poison", "retaliate", "martyr"),
    **_all("ASSAULT", "shooting", "shoot", "gun"),
    **_all("ASSAULT", "wounding", "wound", "injure", "maim", "stab"),
    **_all("ASSAULT", "destruction", "destroy", "down", "sink", "torch", "burn", "demolish", "raze"),
    **_all("THREATEN", "threat", "threaten", "menace", "intimidate", "warn"),
    **_all("MOBILIZE", "deploy", "deploy", "mobilize", "mobilise", "station", "dispatch", "redeploy", "reinforce", "mass"),
    **_all("RETREAT", "withdraw", "withdraw", "retreat", "pull", "abandon"),  # evacuating civilians is no retreat
    **_all("SANCTION", "sanctions", "sanction", "embargo", "blacklist", "expel", "boycott", "suspend", "ban", "freeze", "designate", "restrict"),
    **_all("COERCE", "arrest", "arrest", "detain", "jail", "imprison", "abduct", "kidnap", "seize", "deport", "raid", "capture", "prosecute",
          "indict", "convict", "sentence", "torture", "disperse", "repress", "suppress", "persecute"),
    **_all("COERCE", "censor", "censor", "block", "confiscate", "crack"),
    **_all("PROTEST", "protest", "protest", "demonstrate", "rally", "march", "riot"),
    **_all("ACCUSE", "accuse", "accuse", "blame", "condemn", "criticize", "criticise", "denounce", "allege", "charge", "decry", "deplore", "slam"),
    **_all("REJECT", "reject", "reject", "refuse", "veto", "dismiss", "rebuff", "decline", "collapse", "oppose", "deny", "spurn"),
    **_all("REQUEST", "request", "ask", "urge", "demand", "request", "appeal", "call", "press", "plead", "encourage",
          "recommend", "insist"),
    **_all("CONSULT", "meeting", "meet", "visit", "host", "negotiate", "discuss", "talk", "confer", "engage", "phone", "consult", "convene", "mediate"),
    **_all("AGREE", "agreement", "agree", "sign", "pledge", "commit", "promise", "accept", "ratify", "resolve"),
    **_all("SUPPORT", "support", "support", "back", "endorse", "praise", "welcome", "reaffirm", "commend", "congratulate", "applaud", "hail", "salute",
          "appreciate", "laud", "thank"),
    **_all("COOPERATE", "cooperation", "cooperate", "coordinate", "partner", "ally", "collaborate", "align"),
    **_all("AID", "aid", "supply", "provide", "deliver", "arm", "fund", "finance", "donate", "equip", "assist", "share"),
    **_all("CONCEDE", "concession", "apologize", "apologise", "concede", "release", "free", "yield", "ease", "lift", "admit", "regret", "acknowledge",
          "relinquish", "surrender", "cede", "resign", "abdicate"),
}

NOUNS: dict[str, tuple[str, str]] = {
    **_all("ASSAULT", "attack", "attack", "assault", "raid", "ambush", "offensive", "invasion", "incursion", "aggression", "war", "hostilities", "assassination", "killing", "atrocity",
          "clash", "fighting", "occupation", "siege", "massacre", "gunfire", "annexation",
          "battle", "combat", "fight", "bloodshed"),
    **_all("ASSAULT", "strike", "strike", "airstrike", "bombing", "shelling", "bombardment", "shooting", "explosion", "blast"),
    **_all("THREATEN", "missile test", "test-firing", "test", "launch", "firing"),
    **_all("THREATEN", "threat", "threat", "ultimatum", "revenge", "retaliation", "warning"),
    **_all("MOBILIZE", "deploy", "deployment", "mobilization", "mobilisation", "buildup", "build-up", "reinforcement"),
    **_all("RETREAT", "withdraw", "withdrawal", "retreat", "pullout"),
    **_all("SANCTION", "sanctions", "sanction", "sanctions", "embargo", "ban", "blockade", "prohibition", "expulsion", "restriction", "tariff",
          "designation"),
    **_all("COERCE", "arrest", "arrest", "detention", "crackdown", "curfew", "abduction", "kidnapping", "prosecution",
          "repression", "persecution", "detainment", "imprisonment"),
    **_all("PROTEST", "protest", "protest", "demonstration", "rally", "march", "riot", "walkout", "boycott", "sit-in"),
    **_all("CONSULT", "meeting", "talks", "talk", "meeting", "summit", "negotiation", "visit", "call", "dialogue", "discussion", "engagement", "consultation", "conversation"),
    # "the deal", "the treaty" name a standing agreement far more often than the act of agreeing.
    **_all("AGREE", "agreement", "agreement", "ceasefire", "truce"),
    **_all("COOPERATE", "cooperation", "cooperation", "partnership", "alliance", "exercise", "drill", "coordination"),
    **_all("AID", "aid", "aid", "assistance", "package", "shipment", "transfer", "donation", "delivery"),
    **_all("SUPPORT", "support", "support", "sympathy", "condolence", "solidarity", "assurance",
          "appreciation", "praise", "endorsement"),
    **_all("REQUEST", "request", "request", "appeal", "demand"),
    **_all("ACCUSE", "accusation", "accusation", "allegation", "condemnation", "criticism"),
    **_all("REJECT", "rejection", "rejection", "refusal", "veto"),
    **_all("CONCEDE", "concession", "concession", "apology", "resignation", "abdication"),
}

# Event nouns that also name the body formed ("the alliance will respond"): as a subject
# they are a party, not an event.
BODIES = frozenset(["alliance", "partnership", "coalition"])

# Objects that make a general verb specific: (verb lemma or "*", object lemma) → (type, mode).
TROOPS = frozenset(["troop", "soldier", "force", "personnel", "forces", "army", "unit", "battalion",
                    "brigade", "division", "marine", "warship", "carrier", "fighter", "reservist",
                    "aircraft", "destroyer", "ship", "warplane", "bomber", "submarine", "vessel", "frigate",
                    "fleet", "squadron", "paratrooper", "commando"])
WEAPONS = frozenset(["missile", "rocket", "artillery", "weapon", "arm", "ammunition", "shell", "drone",
                     "tank", "munition", "icbm", "bomb", "technology", "equipment", "howitzer", "jet"])
BULLETS = frozenset(["round", "shot", "bullet", "gunshot", "gun", "pistol", "rifle"])
HUMANITARIAN = frozenset(["aid", "food", "medicine", "supply", "assistance", "relief", "fund", "money",
                          "loan", "grant", "vaccine", "dose"])

AGREEMENTS = frozenset(["agreement", "deal", "treaty", "accord", "pact", "ceasefire", "truce", "memorandum",
                        "declaration", "contract", "charter", "protocol"])
# What one signs alone: signing it agrees with no one.
INSTRUMENTS = frozenset(["order", "bill", "law", "decree", "proclamation", "directive", "legislation",
                         "measure", "resolution"])

# Verbs too general to be an event unless their object says which one.
NEEDS_OBJECT = frozenset(["send", "provide", "deliver", "supply", "share", "fire", "launch", "hold",
                          "conduct", "carry", "impose", "give", "offer", "transfer", "ship", "test"])


def classify_verb(lemma: str, objects: list[str], has_target: bool,
                  prepositions: frozenset[str] = frozenset()) -> tuple[str, str] | None:
    """(type, mode) for a verb with the lemmas of its objects and its prepositions, or None."""
    lemma = lemma.lower()
    objs = {o.lower() for o in objects}
    if objs & TROOPS and lemma in ("send", "dispatch", "deploy", "move", "transfer", "station", "add", "order",
                                   "direct", "rush", "position", "amass", "bring"):
        return ("MOBILIZE", "deploy")
    if objs & (WEAPONS | TROOPS | {"cargo", "fighter", "militant", "mercenary"}) and lemma in (
            "transport", "fly", "smuggle", "ferry", "airlift", "funnel", "traffic"):
        return ("AID", "arms transport")  # "the airline transports weapons and fighters"
    if objs & {"alert", "readiness"} and lemma in ("order", "declare", "raise", "heighten", "issue", "increase"):
        return ("MOBILIZE", "alert")
    if objs & {"security", "presence", "patrol", "defense", "defence"} and lemma in (
            "strengthen", "tighten", "boost", "heighten", "increase", "beef", "bolster", "step"):
        return ("MOBILIZE", "security measures")
    if objs & {"commitment", "support", "solidarity"} and lemma in (
            "reinforce", "reiterate", "underscore", "emphasize", "emphasise", "stress", "renew", "affirm", "reaffirm"):
        return ("SUPPORT", "support")
    if objs & TROOPS and lemma in ("withdraw", "pull", "remove", "recall"):
        return ("RETREAT", "withdraw")
    if objs and lemma == "withdraw" and not has_target:
        return None  # "withdrew its reporters", "withdrew the bill": no forces leave
    if lemma == "fire" and objs & BULLETS:
        return ("ASSAULT", "shooting")  # guns are not tested on the street
    if lemma in ("fire", "launch", "test", "test-fire", "conduct", "carry") and objs & (WEAPONS | {"test", "launch", "test-firing"}):
        return ("ASSAULT", "missile strike") if has_target else ("THREATEN", "missile test")
    if objs & WEAPONS and lemma in ("send", "provide", "deliver", "supply", "ship", "give", "transfer", "share", "sell"):
        return ("AID", "military aid")
    if objs & HUMANITARIAN and lemma in ("send", "provide", "deliver", "supply", "ship", "give", "offer", "pledge", "announce"):
        return ("AID", "aid")
    if lemma == "deny" and objs & {"access"}:
        return ("SANCTION", "denied access")  # "denies Russia access to key markets"
    if objs & {"sanction", "cost", "consequence", "penalty"} and lemma in ("impose", "announce", "levy", "slap", "introduce", "expand"):
        return ("SANCTION", "sanctions")
    if objs & {"support", "solidarity", "sympathy", "condolence"} and lemma in ("pledge", "reaffirm", "express", "offer", "voice", "extend"):
        return ("SUPPORT", "support")
    if objs & {"talk", "meeting", "summit", "negotiation", "call", "discussion"} and lemma in ("hold", "have", "host", "conduct"):
        return ("CONSULT", "meeting")
    if lemma == "speak" and prepositions & {"with", "to"}:
        return ("CONSULT", "call")  # "spoke with President Zelenskyy"
    if lemma == "sign" and (objs & INSTRUMENTS or "into" in prepositions) and not objs & AGREEMENTS:
        return None  # "signed an executive order", "signed into law": one's own act, no agreement
    if lemma in NEEDS_OBJECT and lemma not in ("supply", "provide", "share", "deliver"):
        return None
    found = VERBS.get(lemma)
    if found and found[0] == "AID" and not has_target and not objs & (WEAPONS | HUMANITARIAN | {"support"}):
        return None  # "institutions that finance the defense sector": aid needs a recipient or aid
    return found
