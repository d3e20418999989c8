"""Repairs of the stock model's entity spans, and the readings a whole article decides.

`repaired_ents` rewrites spaCy's `doc.ents` as (start, end, label) triples before the
entity stage reads them:

- a first name the model tagged apart joins the person after it ("Dries" ORG +
  "Mertens" PERSON → "Dries Mertens"), and a short name of capitalised words that
  starts with a known first name is a person whatever the model called it
  ("Thibaut Courtois" ORG); first names come from gender-guesser's name list;
- a name ending in an organisation word is an organisation ("the Sea Org" LOC);
- an organisation head before "of" and a name takes the name in: "the Municipality
  of Livorno" (the model: GPE "Livorno"), "Church of Scientology";
- a span the model ran across a lowercase "the" is two names ("Rathbun the
  Scientology");
- an organisation span ending in an office ("the Los Angeles Sheriff's office") is
  the place before it; a country followed by a score ("Sweden 1") is the country;
  "Washington D.C." keeps its "D.C.".

`sports_report` tells a match report (scores, and the words of a match), where a
country named as a participant is its national team, an organisation.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc

from sitrep.nlp.gazetteer import Gazetteer
from sitrep.nlp.organisations import KNOWN_ORGANISATIONS, known_organisation

_ORG_SUFFIXES = frozenset("Org Inc Inc. Corp Corp. Ltd Ltd. LLC Co. Plc PLC GmbH AG".split())
_ORG_HEADS = frozenset("""
Municipality University Church Council Ministry Department Bank Institute Society Union Association
Federation Commission Committee Agency Office Court Party Academy College School Foundation Organization
Organisation League Board Bureau Authority Corporation Company Confederation Congress Assembly Parliament
Museum Order Brotherhood Movement Front Alliance Coalition Service Services
""".split())
# Last words of organisations' names that are also given names' company ("Sky News", "Morgan Stanley" aside)
_ORG_TAILS = frozenset("""
News Times Post Journal Magazine Radio TV Television Network Networks Group Airlines Airways Bank Motors
Systems Technologies Partners Records Studios Games Media Press Daily Weekly Herald Tribune Gazette Review
Telegraph Mail Express Observer Guardian Chronicle Insider Report Today Online Sports Entertainment Foundation
Fund Trust Capital Holdings Industries Energy Oil Pharmaceuticals Labs Club United City Rovers Wanderers
Athletic Instituto Institute Hospital Clinic Cosplay
""".split())
_TIME_ZONES = frozenset("GMT UTC BST CET CEST EET EEST EST EDT CST CDT MST MDT PST PDT IST JST KST AEST AEDT MSK".split())
_NAME_LABELS = frozenset(["PERSON", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "NORP", "ORG"])
_OFFICES = frozenset("sheriff mayor governor police".split())
_JOINERS = frozenset("of for and & on at in de".split())
_DC = frozenset({"D.C.", "D.C", "DC"})


@cache
def _name_list() -> tuple[frozenset[str], dict[str, str]]:
    """gender-guesser's name list, read once: the given names that are not rare in at
    least one country ("Red", "Sky" are), and first name → "M"/"F" where the list gives
    it one gender mostly. Names case-folded."""
    from importlib.resources import files

    names: set[str] = set()
    genders: dict[str, set[str]] = {}
    data = files("gender_guesser") / "data" / "nam_dict.txt"
    with data.open(encoding="iso8859-1") as lines:
        for line in lines:
            if line[:1] in ("#", "=") or len(line) < 30:
                continue
            code, name = line[:2].strip(), line[3:29].strip().casefold()
            if not name or "+" in name or " " in name:
                continue
            if max((int(ch, 16) for ch in line[30:] if ch in "0123456789ABCDEFabcdef"), default=0) >= 2:
                names.add(name)
            if code in ("M", "1M", "F", "1F"):
                genders.setdefault(name, set()).add(code[-1])
    return frozenset(names), {name: next(iter(kinds)) for name, kinds in genders.items() if len(kinds) == 1}


def first_names() -> frozenset[str]:
    """Given names of gender-guesser's list that are not rare in at least one country, case-folded."""
    return _name_list()[0]


def name_gender(full_name: str) -> str | None:
    """"M" or "F" for a person whose first name is mostly one gender's, else None. A
    single word is no first name ("Warren" alone is a surname as often)."""
    words = full_name.split()
    return _name_list()[1].get(words[0].casefold()) if len(words) >= 2 else None


def _name_word(text: str) -> bool:
    return len(text) > 1 and text[0].isupper() and text[1:].replace("-", "").replace("'", "").islower()


def _personal(doc: Doc, a: int, b: int, gaz: Gazetteer) -> bool:
    """Whether doc[a:b] reads as a person's name: a known first name, then name words."""
    words = [t.text for t in doc[a:b]]
    if not 2 <= len(words) <= 3 or not all(_name_word(w) for w in words):
        return False
    if (words[-1] in _ORG_HEADS or words[-1] in _ORG_SUFFIXES or words[-1] in _ORG_TAILS or words[0] in _ORG_TAILS
            or any(gaz.scan(w) or gaz.capital(w) for w in words) or gaz.place(" ".join(words))):
        return False
    return words[0].casefold() in first_names() and not gaz.scan(words[0])


def repaired_ents(doc: Doc, gaz: Gazetteer) -> list[tuple[int, int, str]]:
    """The model's entities as (start, end, label), repaired (see the module docstring)."""
    ents = [[e.start, e.end, e.label_] for e in doc.ents]
    out: list[list] = []
    n = len(doc)
    for k, ent in enumerate(ents):
        a, b, label = ent
        if label == "CARDINAL" or label == "DATE" or label == "TIME":
            out.append(ent)
            continue
        nxt = ents[k + 1] if k + 1 < len(ents) else None
        # "Dries" ORG + "Mertens" PERSON
        if (b - a == 1 and label in ("ORG", "PRODUCT", "GPE", "NORP") and nxt and nxt[0] == b
                and nxt[2] == "PERSON" and _name_word(doc[a].text) and doc[a].text.casefold() in first_names()):
            nxt[0] = a
            continue
        if b - a == 1 and label in ("ORG", "PRODUCT", "NORP", "PERSON") and doc[a].text.casefold() in first_names():
            while b < n and b - a < 3 and doc[b].ent_iob_ == "O" and doc[b].pos_ == "PROPN" and _name_word(doc[b].text):
                b += 1  # "Dries" ORG, "Mertens" left out
        if label in ("ORG", "PRODUCT", "FAC", "WORK_OF_ART", "NORP") and _personal(
                doc, a + (doc[a].lower_ == "the"), b, gaz):
            label = "PERSON"
        elif label == "ORG" and b - a >= 4 and doc[b - 3].lower_ not in _JOINERS and _personal(doc, b - 2, b, gaz):
            out.append([a, b - 2, "ORG"])  # "the Council on American-Islamic Relations Alia Salem"
            out.append([b - 2, b, "PERSON"])
            continue
        last = doc[b - 1].text
        if last in _ORG_SUFFIXES and b - a > 1:
            label = "ORG"
        if label in _NAME_LABELS and known_organisation(doc[a:b].text):
            label = "ORG"  # "Twitter" after "said" is no person
        if b - a == 1 and (doc[a].text.upper() in _TIME_ZONES or doc[a].text.startswith("@")):
            continue  # "12:00 GMT", "@POTUS": a clock and a handle, no organisation
        # "Sweden 1": a score after a country
        if b - a > 1 and doc[b - 1].like_num and gaz.country(doc[a:b - 1].text):
            b, label = b - 1, "GPE"
        if label == "GPE" and b < n and doc[b].text in _DC:
            b += 1
        # "the Los Angeles Sheriff's office": the place before the office
        end = b - (doc[b - 1].lower_ in ("'s", "’s"))
        if label == "ORG" and end - a > 1 and doc[end - 1].lower_ in _OFFICES:
            place = doc[a + (doc[a].lower_ == "the"):end - 1].text
            if gaz.place(place):
                b, label = end - 1, "GPE"
        # "Municipality of Livorno"
        start = a + (doc[a].lower_ == "the")
        if (label in ("GPE", "LOC") and b - start > 2 and doc[start].text in _ORG_HEADS
                and doc[start + 1].lower_ == "of"):
            label = "ORG"
        elif label in ("GPE", "LOC", "ORG", "NORP") and a >= 2 and doc[a - 1].lower_ == "of" and \
                doc[a - 2].text in _ORG_HEADS and not (out and out[-1][1] > a - 2):
            a = a - 2
            label = "ORG"
        if label == "ORG" and doc[b - 1].text in _ORG_HEADS:
            b = _name_tail(doc, b, ents[k + 1][0] if k + 1 < len(ents) else n)
        # "Rathbun the Scientology": two names
        cut = next((i for i in range(a + 1, b - 1) if doc[i].text == "the" and doc[i - 1].lower_ not in _JOINERS
                    and doc[i - 1].text[:1].isupper()), None)
        if cut is not None:
            out.append([a, cut, label])
            out.append([cut + 1, b, label])
            continue
        out.append([a, b, label])
    covered = {i for a, b, _ in out for i in range(a, b)}
    for token in doc:
        # A well-known organisation the model left untagged ("on Facebook").
        if token.i not in covered and token.pos_ == "PROPN" and token.text in KNOWN_ORGANISATIONS:
            out.append([token.i, token.i + 1, "ORG"])
    out.sort()
    return [(a, b, label) for a, b, label in out]


def _name_tail(doc: Doc, b: int, limit: int) -> int:
    """The end of "Joint Council" + "for the Welfare of Immigrants" (the model stops at "for")."""
    if b >= limit or doc[b].lower_ not in ("for", "of", "on"):
        return b
    i, end = b + 1, b
    while i < limit and (doc[i].lower_ in ("the", "of", "and", "for") or _name_word(doc[i].text)):
        if _name_word(doc[i].text):
            end = i + 1
        i += 1
    return end


# ------------------------------------------------------------------ sports

_SCORE = re.compile(r"(?<![\d,.])\d{1,2} ?[–—-] ?\d{1,2}(?![\d,.%])")
_SPORT_WORDS = re.compile(
    r"\b(?:goals?|goalkeeper|midfielder|striker|defender|referee|penalty|penalties|half-time|"
    r"extra time|injury time|yellow card|red card|World Cup|Olympics|tournament|championship|"
    r"league|stadium|scored|equalis\w+|equaliz\w+|header|free kick|corner kick|innings|wicket|"
    r"touchdown|kick-off|semi-final|quarter-final|qualif\w+|group stage|squad|match(?:es)?)\b",
    re.IGNORECASE)


def sports_report(text: str) -> bool:
    """Whether an article reports matches: scores, and several of a match's words."""
    scores = len(_SCORE.findall(text))
    if scores < 2:
        return False
    words = {m.group(0).lower() for m in _SPORT_WORDS.finditer(text)}
    return len(words) >= 5
