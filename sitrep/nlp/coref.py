"""Within-article consistency and clustering: which named mentions are one referent.

`make_consistent` first gives each name one reading in the article (the model labels
"Trump" PERSON in one sentence and ORG in the next): the majority label of a name,
PERSON for every part of a person's full name, and the same reading for the name's
occurrences the model left unlabelled. `cluster` then works on `Cand`s, the resolved
mentions of the entity stage (character spans with a type and what the stage learned
about them), and groups them:

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
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from typing import Hashable

from spacy.tokens import Doc

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
    fixed: bool = False  # type settled by the gazetteer, the lexicon or the context


_FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "&", "in", "on", "de", "du", "des", "la", "le"})
_ACRONYM = re.compile(r"^[A-Z]{2,7}$")


def name_tokens(text: str) -> tuple[str, ...]:
    """A person's name as comparable tokens: "Kim Jong-un" = "Kim Jong Un"."""
    text = re.sub(r"['’]s?$", "", text.strip())
    return tuple(normalise(text.replace("-", " ")).split())


_GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _part_of(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Whether a shorter name is the start, the end, or the first and last word of a longer one."""
    if not short or len(short) >= len(full) or (full[-1] in _GENERATIONS and short[-1] not in _GENERATIONS):
        return False  # "Donald Trump" is not "Donald Trump Jr."
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
    for c in sorted(range(len(cands)), key=lambda j: (cands[j].start, cands[j].end)):
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


# ---------------------------------------------------------------- consistency

_NAME_WORD = re.compile(r"^(?:[A-Z][a-z]+(?:[-'’][A-Za-z]+)*|[A-Z]\.)$")
_RELABEL = frozenset({"ORG", "NORP", "OTHER", "EVENT", "FAC", "LOC", "GPE", "PERSON"})


def _majority(cands: list[Cand]) -> None:
    """One reading per name: a name placed somewhere is that place; else the majority label."""
    placed: dict[str, Place] = {}
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for c in cands:
        key = normalise(c.surface)
        if c.place is not None and c.place.kind != "country":
            placed.setdefault(key, c.place)
        if not c.fixed and c.label in _RELABEL:
            votes[key][c.label] += 1
    for c in cands:
        key = normalise(c.surface)
        if c.fixed or c.label not in _RELABEL or c.label == "PERSON" and key not in votes:
            continue
        if key in placed and c.label != "PERSON":
            c.label, c.place = "GPE", placed[key]
        elif votes[key]["ORG"] and (votes[key]["LOC"] or votes[key]["GPE"]):
            c.label, c.place = "ORG", None  # a place no gazetteer knows, also called an organisation
        elif votes[key]:
            c.label = votes[key].most_common(1)[0][0]
            if c.label != "GPE":
                c.place = None


def _person_names(cands: list[Cand]) -> tuple[set[tuple[str, ...]], set[str]]:
    """Parts of the article's full person names, as tokens and as written."""
    parts: set[tuple[str, ...]] = set()
    written: set[str] = set()
    for c in cands:
        words = re.sub(r"['’]s?$", "", c.surface).split()
        if c.label == "PERSON" and (len(words) > 1 or c.fixed) and all(_NAME_WORD.match(w) for w in words):
            for word in (words[0], words[-1]):
                if len(word) > 2 and not word.endswith("."):
                    parts.add(name_tokens(word))
                    written.add(word)
    return parts, written


def _common_word(doc: Doc, c: Cand, parts: set[tuple[str, ...]], text: str) -> bool:
    """A one-word PERSON, no part of a full name, that the article also writes in lower case is a
    common noun ("Iodine deficiency ... dietary iodine")."""
    if c.label != "PERSON" or c.fixed or " " in c.surface or not c.surface.isalpha() or c.surface.isupper():
        return False
    word = c.surface.lower()
    return name_tokens(c.surface) not in parts and re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None


def _covered(text: str, cands: list[Cand]) -> bytearray:
    covered = bytearray(len(text))
    for c in cands:
        covered[c.start:c.end] = b"\x01" * (c.end - c.start)
    return covered


def _extends(doc: Doc, i: int) -> bool:
    """Whether token i would continue a name next to it (a capitalised proper noun)."""
    return 0 <= i < len(doc) and doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper()


def make_consistent(doc: Doc, cands: list[Cand], text: str | None = None) -> list[Cand]:
    """Give every name one reading across the article (see the module docstring).

    A person's full name ("Donald Trump", every word a capitalised name word) or a
    titled one ("President Trump") makes its first and last word PERSON wherever
    they stand unless the gazetteer or the context settled them ("Jordan" the
    country); a bare one-word PERSON label is no such evidence ("Twitter"). Then each
    labelled name is looked for where the model left it unlabelled: a multi-word
    name anywhere, a one-word name where the parser calls it a proper noun or it is
    an acronym, never inside a longer name ("Explorer" in "Internet Explorer").
    """
    _majority(cands)
    parts, written = _person_names(cands)
    fulls = {name_tokens(c.surface) for c in cands if c.label == "PERSON"}
    for c in cands:
        if not c.fixed and c.label != "PERSON" and (name_tokens(c.surface) in parts or (
                " " in c.surface and name_tokens(c.surface) in fulls)):
            c.label, c.place = "PERSON", None
    if text is None:
        text = doc.text  # spaCy rebuilds doc.text on every access: once per article
    cands = [c for c in cands if not _common_word(doc, c, parts, text)]
    covered = _covered(text, cands)
    protos: dict[str, Cand] = {}
    for c in cands:
        if c.label == "PERSON" or (c.label != "WEAPON" and (not c.fixed or (c.place and c.place.kind == "city"))):
            protos.setdefault(c.surface, c)
    found: list[Cand] = []
    for surface, proto in protos.items():
        if len(surface) < 2 or not surface[0].isupper():
            continue
        for match in re.finditer(rf"(?<![\w-]){re.escape(surface)}(?![\w-])", text):
            span = doc.char_span(match.start(), match.end())
            if span is None or any(covered[match.start():match.end()]):
                continue
            if len(span) == 1 and not (span[0].pos_ == "PROPN" or surface.isupper()):
                continue
            if _extends(doc, span.start - 1) or _extends(doc, span.end):
                continue  # "Explorer" inside "Internet Explorer" is not that name
            found.append(replace(proto, start=match.start(), end=match.end()))
            covered[match.start():match.end()] = b"\x01" * (match.end() - match.start())
    for token in doc:  # full names first (above), then the bare parts left: "Trump"
        if token.text in written and not any(covered[token.idx:token.idx + len(token.text)]):
            found.append(Cand(token.idx, token.idx + len(token.text), "PERSON", token.text))
    return cands + found
