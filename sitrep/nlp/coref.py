"""Within-article clustering: which named mentions are one referent.

Works on `Cand`s, the resolved mentions of the entity stage (character spans with a
type and what the stage learned about them), and groups them:

- places by what they designate: a country's name, acronym, demonym and capital
  standing for its government share the alpha-2 code; a city its geonames id;
- people by name parts: a shorter name that is the start or the end of a longer
  one ("Trump" ↔ "Donald Trump", "Kim" ↔ "Kim Jong Un": Korean names keep the
  family name first, so the first token counts as much as the last). A part that
  fits two people goes to the one mentioned last before it;
- organisations by their normalised name (dots, "the", "&" ignored: "U.N. Security
  Council" = "UN Security Council"), their country when the text gives one, an
  acronym of another organisation's name ("JCS" ↔ "Joint Chiefs of Staff"), or a
  multi-word tail of exactly one longer name ("Security Council");
- everything else by type and normalised text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Hashable

from sitrep.nlp.gazetteer import Place, normalise


@dataclass
class Cand:
    """One resolved mention: character span, type, and what it designates."""

    start: int
    end: int
    label: str
    surface: str  # the name as written, titles and possessive stripped
    name: str | None = None  # canonical name when known (gazetteer, weapon lexicon)
    place: Place | None = None
    country: str | None = None  # alpha-2 of an organisation's country
    org_name: str | None = None  # an organisation's name without its country prefix


_FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "&", "in", "on", "de", "du", "des", "la", "le"})
_ACRONYM = re.compile(r"^[A-Z]{2,7}$")


def name_tokens(text: str) -> tuple[str, ...]:
    """A person's name as comparable tokens: "Kim Jong-un" = "Kim Jong Un"."""
    text = re.sub(r"['’]s?$", "", text.strip())
    return tuple(normalise(text.replace("-", " ")).split())


def _part_of(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    if not short or len(short) >= len(full):
        return False
    n = len(short)
    return full[:n] == short or full[-n:] == short or (n >= 2 and short[0] == full[0] and short[-1] == full[-1])


def _people(cands: list[Cand]) -> dict[int, int]:
    """Cluster number of each PERSON candidate (index into `cands`)."""
    names = {i: name_tokens(c.surface) for i, c in enumerate(cands) if c.label == "PERSON"}
    fulls: list[tuple[str, ...]] = []
    for tokens in sorted(set(names.values()), key=len, reverse=True):
        if tokens and not any(_part_of(tokens, full) for full in fulls):
            fulls.append(tokens)
    assigned: dict[int, int] = {}
    pending: list[tuple[int, list[int]]] = []
    for i, tokens in names.items():
        options = [k for k, full in enumerate(fulls) if full == tokens or _part_of(tokens, full)]
        if len(options) == 1:
            assigned[i] = options[0]
        elif options:
            pending.append((i, options))
    for i, options in pending:  # "Kim" with Kim Jong Un and Kim Yo Jong: the last one named before
        before = [(cands[j].start, k) for j, k in assigned.items() if k in options and cands[j].start < cands[i].start]
        after = [(cands[j].start, k) for j, k in assigned.items() if k in options and cands[j].start > cands[i].start]
        assigned[i] = max(before)[1] if before else min(after)[1] if after else options[0]
    return assigned


def _initials(text: str) -> str:
    words = re.findall(r"[\w’']+", text.replace("-", " "))
    return "".join(w[0] for w in words if w.lower() not in _FUNCTION_WORDS).upper()


def org_key(text: str) -> str:
    return normalise(text.replace("&", " and ")).replace("'", "’")


def _orgs(cands: list[Cand]) -> dict[int, Hashable]:
    """Cluster key of each ORG candidate."""
    orgs = {i: c for i, c in enumerate(cands) if c.label == "ORG"}
    names = {i: org_key(c.org_name or c.surface) for i, c in orgs.items()}
    countries: dict[str, set[str | None]] = defaultdict(set)
    for i, c in orgs.items():
        countries[names[i]].add(c.country)
    full_names = {n for i, n in names.items() if not _ACRONYM.match(orgs[i].surface.replace(".", ""))}
    keys: dict[int, Hashable] = {}
    for i, c in orgs.items():
        name = names[i]
        bare = c.surface.replace(".", "")
        if _ACRONYM.match(bare) and name not in full_names:
            expansions = sorted(n for j, n in names.items() if n in full_names and bare in (
                _initials(orgs[j].org_name or orgs[j].surface), _initials(orgs[j].surface)))
            if expansions:
                name = expansions[0]
        elif len(name.split()) >= 2:
            longer = {n for n in full_names if n != name and n.endswith(" " + name)}
            if len(longer) == 1:
                name = longer.pop()
        known = {k for k in countries[name] if k}
        country = c.country or (known.pop() if len(known) == 1 else None)
        keys[i] = ("ORG", name, country)
    return keys


def cluster(cands: list[Cand]) -> list[list[Cand]]:
    """Groups of candidates that name one referent, in order of first mention."""
    people = _people(cands)
    orgs = _orgs(cands)
    groups: dict[Hashable, list[Cand]] = {}
    for i, c in enumerate(sorted(range(len(cands)), key=lambda j: (cands[j].start, cands[j].end))):
        cand = cands[c]
        key: Hashable
        if c in people:
            key = ("PERSON", people[c])
        elif c in orgs:
            key = orgs[c]
        elif cand.place is not None and cand.place.kind == "country":
            key = ("country", cand.place.country)
        elif cand.place is not None:
            key = ("place", cand.place.kind, cand.place.geonames or cand.place.name)
        elif cand.name:
            key = (cand.label, cand.name)
        else:
            key = (cand.label, normalise(cand.surface))
        groups.setdefault(key, []).append(cand)
    return list(groups.values())
