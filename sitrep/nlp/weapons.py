"""WEAPON mentions from a lexicon: weapon classes, acronyms and named systems.

Three kinds of entry:

- classes, matched on lower-case words and lemmas, longest first ("intercontinental
  ballistic missiles" before "missiles"); a one-word class must be a noun, so
  "prices rocketed" and "the city was shelled" are not weapons;
- acronyms, matched in capitals only (ICBM, HIMARS, ATACMS...);
- named systems that are also ordinary words or surnames ("Patriot", "Javelin",
  "Abrams"), matched only when a weapon word or a model number follows them
  ("Patriot missiles", "Leopard 2"); designations like F-16, Su-25, S-400, Hwasong-17
  by pattern.

Each mention carries a canonical name ("ICBM" for both "ICBMs" and "intercontinental
ballistic missiles"), which is what clusters mentions into one WEAPON entity.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

from spacy.tokens import Doc, Token

_CLASSES = {
    "intercontinental ballistic missile": "ICBM", "submarine launched ballistic missile": "SLBM",
    "intermediate range ballistic missile": "IRBM", "ballistic missile": "ballistic missile",
    "cruise missile": "cruise missile", "hypersonic missile": "hypersonic missile",
    "anti tank missile": "anti-tank missile", "anti aircraft missile": "anti-aircraft missile",
    "surface to air missile": "surface-to-air missile", "air to air missile": "air-to-air missile",
    "guided missile": "missile", "missile": "missile", "rocket launcher": "rocket launcher",
    "multiple rocket launcher": "multiple rocket launcher", "rocket": "rocket", "drone": "drone",
    "kamikaze drone": "drone", "attack drone": "drone", "unmanned aerial vehicle": "drone",
    "artillery": "artillery", "artillery shell": "artillery shell", "shell": "shell",
    "howitzer": "howitzer", "mortar": "mortar", "mortar round": "mortar", "tank": "tank",
    "battle tank": "tank", "grenade": "grenade", "rifle": "rifle", "assault rifle": "rifle",
    "machine gun": "machine gun", "bomb": "bomb", "cluster bomb": "cluster munition",
    "cluster munition": "cluster munition", "glide bomb": "glide bomb", "warhead": "warhead",
    "nuclear warhead": "nuclear warhead", "nuclear weapon": "nuclear weapon", "nuclear bomb": "nuclear weapon",
    "atomic bomb": "nuclear weapon", "landmine": "landmine", "land mine": "landmine", "torpedo": "torpedo",
    "fighter jet": "fighter jet", "warplane": "warplane", "attack helicopter": "attack helicopter",
    "air defense system": "air defense system", "air defence system": "air defense system",
}
_ACRONYMS = {"ICBM": "ICBM", "SLBM": "SLBM", "IRBM": "IRBM", "HIMARS": "HIMARS", "ATACMS": "ATACMS",
             "MLRS": "multiple rocket launcher", "UAV": "drone", "MANPADS": "MANPADS", "NLAW": "NLAW",
             "RPG": "RPG", "IED": "IED"}
# Named systems that are weapons whatever follows them.
_ALWAYS = {"Kinzhal", "Kalibr", "Shahed", "Iskander", "Tomahawk", "Hellfire", "Bayraktar", "Geran"}
# Named systems that are also words or surnames: only before a weapon word or model number.
_CONTEXTUAL = {"Patriot", "Javelin", "Stinger", "Lancet", "Leopard", "Abrams", "Challenger", "Bradley",
               "Storm Shadow", "Harpoon", "Taurus", "Gepard", "Marder", "Grad", "Caesar"}
_HEAD_WORDS = {"missile", "missiles", "system", "systems", "battery", "batteries", "launcher", "launchers",
               "tank", "tanks", "drone", "drones", "rocket", "rockets", "air", "interceptor", "interceptors",
               "vehicle", "vehicles", "howitzer", "howitzers"}
_DESIGNATION = re.compile(
    r"^(?:(?:F|MiG|Su|Tu|Mi|Ka|Kh|KN|J|B)-\d{1,3}|S-[345]00|T-(?:62|64|72|80|90)|Hwasong-\d{1,2}"
    r"|(?:Shahed|Geran|Iskander)-\w+)[A-Z]?(?:s)?$")
# Left or right neighbours that make a class word something else ("think tank").
_NOT_BEFORE = {"tank": {"think", "fuel", "water", "oil", "gas", "septic", "storage", "fish", "shark", "petrol"},
               "shell": {"egg", "sea", "nut", "turtle", "snail"}, "bomb": {"box", "bath", "photo"},
               "rocket": {"salad"}, "mortar": {"bricks"}}
_NOT_AFTER = {"shell": {"company", "companies", "corporation", "game", "shock", "script", "suit"},
              "rocket": {"scientist", "science", "salad"}, "bomb": {"threat", "threats", "shelter", "shelters"},
              "tank": {"top", "tops"}, "drone": {"footage", "show", "shows", "photography", "delivery"}}

def _by_first_word() -> Mapping[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """Class entries indexed by their first word: the scan looks at few entries per token."""
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase, canonical in _CLASSES.items():
        index.setdefault(phrase.split()[0], []).append((tuple(phrase.split()), canonical))
    return MappingProxyType({word: tuple(entries) for word, entries in index.items()})


_BY_FIRST = _by_first_word()


def _forms(token: Token) -> set[str]:
    lower = token.lower_
    forms = {lower, token.lemma_.lower()}
    if lower.endswith("s"):
        forms.add(lower[:-1])
    return forms


def _words(doc: Doc, i: int, n: int) -> list[int]:
    """Indices of the next n word tokens from i (hyphens skipped: "anti-tank")."""
    out: list[int] = []
    j = i
    while j < len(doc) and len(out) < n:
        if doc[j].text != "-":
            out.append(j)
        j += 1
    return out


def _class_at(doc: Doc, i: int) -> tuple[int, str] | None:
    """(end token, canonical name) of the longest class entry starting at token i."""
    first = _forms(doc[i])
    entries = sorted((e for form in first for e in _BY_FIRST.get(form, ())), key=lambda e: -len(e[0]))
    for words, canonical in entries:
        idx = _words(doc, i, len(words))
        if len(idx) < len(words) or not all(w in _forms(doc[j]) for w, j in zip(words[1:], idx[1:])):
            continue
        head = doc[idx[-1]]
        if len(words) == 1 and head.pos_ not in ("NOUN", "PROPN"):
            return None
        if len(words) == 1 and head.pos_ == "PROPN" and head.is_title and not head.is_sent_start:
            return None  # "Shell", "Rocket Lab": a name, not the weapon
        before = doc[idx[0] - 1].lower_ if idx[0] > 0 else ""
        after = doc[idx[-1] + 1].lower_ if idx[-1] + 1 < len(doc) else ""
        if before in _NOT_BEFORE.get(words[-1], ()) or after in _NOT_AFTER.get(words[-1], ()):
            return None
        return idx[-1] + 1, canonical
    return None


def find_weapons(doc: Doc) -> list[tuple[int, int, str]]:
    """(start token, end token, canonical name) of every weapon mention, left to right."""
    found: list[tuple[int, int, str]] = []
    i = 0
    while i < len(doc):
        token = doc[i]
        text = token.text
        bare = text[:-1] if text.endswith("s") and text[:-1].isupper() else text
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        pair = f"{text} {nxt.text}" if nxt is not None else ""
        if bare in _ACRONYMS:
            found.append((i, i + 1, _ACRONYMS[bare]))
        elif _DESIGNATION.match(text):
            found.append((i, i + 1, re.sub(r"(?<=\d)s$", "", text)))
        elif bare.rstrip("s") in _ALWAYS or text in _ALWAYS:
            found.append((i, i + 1, text.rstrip("s") if text.rstrip("s") in _ALWAYS else text))
        elif pair in _CONTEXTUAL and i + 2 < len(doc) and doc[i + 2].lower_ in _HEAD_WORDS | {"missile"}:
            found.append((i, i + 2, pair))
            i += 2
            continue
        elif text.rstrip("s") in _CONTEXTUAL and nxt is not None and (
                nxt.lower_ in _HEAD_WORDS or nxt.like_num or nxt.text[:1].isdigit()):
            if nxt.text[:1].isdigit():  # "Leopard 2": the model is part of the name
                found.append((i, i + 2, f"{text.rstrip('s')} {nxt.text}"))
                i += 2
                continue
            found.append((i, i + 1, text.rstrip("s")))
        elif token.is_alpha:
            hit = _class_at(doc, i)
            if hit:
                found.append((i, hit[0], hit[1]))
                i = hit[0]
                continue
        i += 1
    return found
