"""What a count measures: the contract's `claims[].measure`, from words.

Three lexicons, by lemma: predicates ("perished", "injuring", "were arrested"), nouns
that name the measure themselves ("casualties", "death toll", "refugees") and nouns
that only say what is counted ("soldiers", "missiles", "people"), whose measure
depends on the predicate.
"""

from __future__ import annotations

# Verbs and participles (lemmas) whose object or subject count is the measure.
PREDICATE_MEASURES: dict[str, str] = {
    **dict.fromkeys(["kill", "die", "perish", "slay", "massacre", "execute", "murder", "drown",
                     "behead", "shoot dead", "dead", "deceased", "trample", "crush"], "killed"),
    **dict.fromkeys(["wound", "injure", "hurt", "maim", "injured", "wounded", "hospitalize",
                     "hospitalise", "hospitalized", "hospitalised"], "wounded"),
    **dict.fromkeys(["miss", "missing", "disappear", "unaccounted", "trap", "bury"], "missing"),
    **dict.fromkeys(["capture", "abduct", "kidnap", "seize hostage", "take prisoner"], "captured"),
    **dict.fromkeys(["arrest", "detain", "jail", "imprison", "apprehend", "round up",
                     "incarcerate", "intern"], "detained"),
    **dict.fromkeys(["displace", "evacuate", "flee", "relocate", "uproot", "homeless", "resettle"],
                    "displaced"),
    **dict.fromkeys(["deploy", "send", "dispatch", "station", "mobilize", "mobilise", "withdraw",
                     "pull", "transfer", "reinforce", "sent", "redeploy", "draft", "conscript", "respond"],
                    "deployed"),
    **dict.fromkeys(["infect", "test positive", "vaccinate", "contract", "diagnose", "rescue",
                     "protest", "march", "rally", "gather", "attend", "affect", "strand", "save", "vote",
                     "board", "aboard"], "people"),
}

# Nouns that carry their measure whatever the verb.
NOUN_MEASURES: dict[str, str] = {
    **dict.fromkeys(["death", "fatality", "dead", "body", "corpse", "killing", "deceased", "life"], "killed"),
    **dict.fromkeys(["injury", "injured", "wounded"], "wounded"),
    **dict.fromkeys(["casualty", "loss", "victim"], "casualties"),
    **dict.fromkeys(["missing"], "missing"),
    **dict.fromkeys(["hostage", "prisoner", "pow", "captive", "abductee"], "captured"),
    **dict.fromkeys(["arrest", "detainee", "detention", "inmate"], "detained"),
    **dict.fromkeys(["refugee", "evacuee", "displaced", "migrant", "asylum"], "displaced"),
    **dict.fromkeys(["troop", "soldier", "personnel", "serviceman", "servicemember", "marine",
                     "paratrooper", "reservist", "conscript", "mercenary", "fighter", "militant",
                     "peacekeeper", "commando", "sailor", "airman", "guardsman", "battalion",
                     "brigade", "division", "regiment"], "deployed"),
    **dict.fromkeys(["missile", "rocket", "shell", "bomb", "drone", "tank", "warplane", "aircraft",
                     "jet", "helicopter", "warship", "submarine", "artillery", "howitzer",
                     "munition", "grenade", "landmine", "weapon", "gun", "rifle", "icbm", "firearm",
                     "shotgun", "pistol", "handgun", "projectile", "warhead", "launcher",
                     "explosive", "ammunition", "interceptor", "fighter jet", "bomber"], "weapons"),
    **dict.fromkeys(["case", "infection", "population", "attendance", "turnout"], "people"),
}

# Nouns for people in general: counted, measured by the predicate, else "people".
PEOPLE_NOUNS = frozenset([
    "people", "person", "man", "woman", "child", "civilian", "resident", "citizen", "worker",
    "student", "passenger", "pilgrim", "protester", "protestor", "demonstrator", "villager",
    "migrant", "member", "voter", "supporter", "employee", "staff", "official", "officer",
    "policeman", "police", "journalist", "doctor", "patient", "fan", "spectator", "tourist",
    "inhabitant", "individual", "adult", "teenager", "boy", "girl", "baby", "infant", "family",
    "household", "crew", "miner", "farmer", "player", "athlete", "participant", "delegate",
    "volunteer", "rescuer", "firefighter", "nurse", "teacher", "worshipper", "other", "one",
    "american", "korean", "russian", "ukrainian", "iranian", "iraqi", "israeli", "palestinian",
    "afghan", "syrian", "chinese", "indian", "pakistani", "british", "french", "german",
    "national", "foreigner", "survivor", "suspect", "militant", "gunman", "attacker",
    "occupant", "commuter", "shopper", "pedestrian", "driver", "motorist", "guest", "visitor",
    "pupil", "male", "female", "minor", "local", "seeker", "more", "others", "youth", "elder",
    "mourner", "onlooker", "bystander", "hiker", "climber", "swimmer", "diver", "sailor",
    "prisoner", "detainee", "convict", "inmate", "hostage", "evacuee", "refugee", "migrant",
])

# Suffixes of nouns for people ("occupant", "activist", "hostage-taker"): trusted only
# when a predicate already says something happened to people ("12 occupants died").
PERSON_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "ee", "man", "men", "ier", "eer", "ic")

# Counted things that are never what a claim measures: places, events, charges, time.
NOT_COUNTED = frozenset([
    "country", "nation", "state", "province", "region", "district", "city", "town", "village",
    "county", "site", "location", "area", "place", "island", "continent", "border", "street",
    "blast", "explosion", "attack", "strike", "shooting", "bombing", "incident", "accident",
    "crash", "earthquake", "quake", "aftershock", "fire", "storm", "event", "meeting", "talk",
    "round", "session", "count", "charge", "time", "occasion", "way", "kind", "type",
    "day", "week", "month", "year", "hour", "minute", "decade", "century", "term", "stage",
    "phase", "part", "step", "point", "goal", "vote", "seat", "page", "bill", "law", "article",
    "faction", "party", "team", "group", "side", "company", "firm", "organisation", "organization",
    "dose", "test", "sample", "flight", "voyage", "trip", "visit", "mission", "operation",
])

# Counts that are the claim's subject but not the thing counted: "the toll rose to 50".
AGGREGATE_NOUNS = frozenset(["toll", "number", "total", "figure", "tally", "count"])



def measure_for_noun(lemma: str) -> str | None:
    return NOUN_MEASURES.get(lemma.lower())


def measure_for_predicate(lemma: str) -> str | None:
    return PREDICATE_MEASURES.get(lemma.lower())


def is_people(lemma: str) -> bool:
    return lemma.lower() in PEOPLE_NOUNS


def looks_like_people(lemma: str) -> bool:
    """A person noun by its form; only for nouns a people-predicate already governs."""
    lemma = lemma.lower()
    return is_people(lemma) or (lemma not in NOT_COUNTED and lemma.endswith(PERSON_SUFFIXES))
