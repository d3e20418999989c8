"""The entity stage: named mentions of a parsed article, grouped into entities.

    spaCy NER ─┐
    gazetteer ─┼─ overlaps resolved ─ places linked ─ types made consistent ─ clustered
    weapons  ──┘    (titles, "the",     (capitals as     (a PERSON name is       (coref.py)
                     possessives off)    governments)     PERSON everywhere)

spaCy's spans are repaired first (entity_rules.py: split or merged names, first
names, organisation heads); in a match report a country named as a participant is its
national team, an ORG with kb {"country": ...}. Metonymy rules live in metonymy.py.

Decisions (see also coref.py and gazetteer.py):

- A demonym ("North Korean", "Russians") is a mention of its country's entity, whose
  type stays GPE; nationality words with no single country ("Korean", "Muslim")
  stay NORP entities.
- A capital stands for its country's government (and joins the country's entity)
  when it acts: subject of a verb of saying, deciding or doing ("Pyongyang warned"),
  object of a verb addressed to a government ("warned Seoul"), agent of a
  passive ("avoided by Washington"), possessor of a policy word
  ("Moscow's position"), or party to a relation ("relations between Pyongyang and
  Washington", "talks with Seoul"). Otherwise it is the city ("a hotel in Moscow").
- An organisation's mention keeps the words written before it ("the South Korean
  Defense Ministry", "South Korea's Foreign Ministry"), as GUM marks such spans; the
  country words are also a mention of the country's entity (mentions may nest). The
  entity is named without them ("Defense Ministry") and carries kb {"country": "KR"};
  a country that is part of the name ("United States Navy") stays in the name.
- Mentions never include a leading "the", a possessive, or a person's title.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc

from sitrep.model import Entity, Mention
from sitrep.nlp.coref import Cand, cluster, make_consistent, name_tokens
from sitrep.nlp.entity_rules import first_names, repaired_ents, sports_report
from sitrep.nlp.organisations import canonical_organisation
from sitrep.nlp.gazetteer import Gazetteer, Place, load_gazetteer, normalise
from sitrep.nlp.metonymy import governs, locative as _locative
from sitrep.nlp.weapons import find_weapons

_NER_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "NORP": "NORP", "LOC": "LOC", "FAC": "FAC",
              "EVENT": "EVENT", "PRODUCT": "OTHER", "WORK_OF_ART": "OTHER", "LAW": "OTHER"}
_POSSESSIVE = {"'s", "’s", "'", "’"}
_DETERMINERS = {"the", "a", "an"}
_CAPTION_WORDS = {"Image", "Photo", "Picture", "Video", "Credit", "File", "Source"}
_TITLES = frozenset("""
president vice prime minister secretary chancellor king queen prince princess pope sen senator rep
representative gov governor mayor gen general lt lieutenant col colonel maj major capt captain adm
admiral sgt sergeant cmdr commander dr doctor mr mrs ms miss mx sir dame lord lady rev reverend father
sheikh ayatollah chairman chairwoman chair premier leader supreme judge justice chief speaker ambassador
envoy professor prof coach deputy acting former late crown emir sultan president-elect spokesperson
spokesman spokeswoman marshal field officer detective inspector sheriff attorney senior director ceo
head founder dictator foreign defense defence interior finance state opposition minority majority
first lady
""".split())
_FACILITY_HEADS = frozenset("Museum Center Centre Airport Station Stadium Arena Tower Towers Bridge Mosque "
                            "Temple Cathedral Base Square Palace Hotel Hall Planetarium Monument Memorial "
                            "Prison Dam Road Street Avenue Highway Building Plaza Pier".split())
@dataclass
class _Span:
    """A token span during recognition."""

    doc: Doc
    a: int
    b: int
    label: str
    source: str  # "ner" | "gaz" | "weapon"
    code: str | None = None  # alpha-2 of a gazetteer country or demonym
    name: str | None = None  # canonical weapon name
    titled: bool = False  # a PERSON name right after a title ("President Trump")

    @property
    def text(self) -> str:
        return self.doc[self.a:self.b].text

    def overlaps(self, other: _Span) -> bool:
        return self.a < other.b and other.a < self.b

    def contains(self, other: _Span) -> bool:
        return self.a <= other.a and other.b <= self.b


def _trim(doc: Doc, a: int, b: int) -> tuple[int, int]:
    """Drop a leading determiner, "pro-"/"anti-" or punctuation, a trailing possessive or punctuation."""
    while a < b and (doc[a].lower_ in _DETERMINERS or doc[a].is_punct or doc[a].is_space or (
            doc[a].is_lower and a + 1 < b and doc[a + 1].text == "-")):
        a += 1
    while b > a and (doc[b - 1].text in _POSSESSIVE or doc[b - 1].is_punct or doc[b - 1].is_space or (
            doc[b - 1].text in _CAPTION_WORDS and b < len(doc) and doc[b].text == ":")):
        b -= 1  # "... Ahmed Mohamed Image: Twitter": a caption label is no part of a name
    return a, b


def _country_prefix(doc: Doc, a: int, b: int, gaz: Gazetteer) -> tuple[int, str] | None:
    """(end token, alpha-2) of a country name or demonym at the start of doc[a:b]."""
    for n in range(min(4, b - a - 1), 0, -1):
        hit = gaz.scan(doc[a:a + n].text)
        if hit:
            return a + n, hit[1]
    return None


def _pieces(doc: Doc, a: int, b: int) -> list[tuple[int, int]]:
    """A span cut at brackets: "World Health Organization (WHO)" is two names."""
    cuts = [i for i in range(a, b) if doc[i].text in ("(", ")", "[", "]")]
    bounds = [a, *[c for cut in cuts for c in (cut, cut + 1)], b]
    return [(bounds[k], bounds[k + 1]) for k in range(0, len(bounds), 2)]


def _extend_name(doc: Doc, a: int) -> int:
    """Take in a first name the model left out ("Dries Mertens" tagged "Mertens")."""
    while a > 0:
        prev = doc[a - 1]
        if (prev.pos_ != "PROPN" or not prev.is_title or prev.ent_type_ or prev.lower_.rstrip(".") in _TITLES
                or (prev.is_sent_start and prev.lower_ not in first_names())):
            break
        a -= 1
    return a


def _from_ner(doc: Doc, gaz: Gazetteer) -> list[_Span]:
    spans: list[_Span] = []
    for start, end, spacy_label in repaired_ents(doc, gaz):
        label = _NER_TYPES.get(spacy_label)
        if label is None:
            continue
        for a, b in _pieces(doc, start, end):
            a, b = _trim(doc, a, b)
            titled = False
            if label == "PERSON":  # "Russian President Vladimir Putin": the country, then the name
                a = _extend_name(doc, a)
                while b - a > 1:
                    prefix = _country_prefix(doc, a, b, gaz)
                    if prefix:
                        spans.append(_Span(doc, a, prefix[0], "GPE", "gaz", code=prefix[1]))
                        a = prefix[0]
                    elif doc[a].lower_.rstrip(".") in _TITLES or doc[a].is_punct:
                        a += 1
                    else:
                        break
                # "President Trump": a title makes even a one-word name a person
                titled = a > 0 and doc[a - 1].lower_.rstrip(".") in _TITLES
            if a < b:
                spans.append(_Span(doc, a, b, label, "ner", titled=titled))
    return spans


def _from_gazetteer(doc: Doc, gaz: Gazetteer) -> list[_Span]:
    """Country names and demonyms the model may have missed or mislabelled."""
    spans: list[_Span] = []
    i, n = 0, len(doc)
    while i < n:
        token = doc[i]
        if token.text[:1].isupper() and normalise(token.text) in gaz.scan_first_words:
            pair = _coordinated(doc, i, gaz)
            if pair:  # "North and South Korea"
                spans.extend(pair)
                i = pair[-1].b
                continue
            for size in range(min(gaz.scan_max_words, n - i), 0, -1):
                hit = _scan(doc, i, i + size, gaz)
                if hit:
                    spans.append(_Span(doc, i, i + size, "GPE", "gaz", code=hit))
                    i += size - 1
                    break
        i += 1
    return spans


def _scan(doc: Doc, a: int, b: int, gaz: Gazetteer) -> str | None:
    """Alpha-2 of the country or demonym doc[a:b] names, if it is one clean name."""
    window = doc[a:b]
    if window[-1].is_punct or window[-1].text in _POSSESSIVE or any(
            t.is_space or (t.is_punct and t.text not in "-'’") for t in window):
        return None
    hit = gaz.scan(window.text)
    return hit[1] if hit else None


def _coordinated(doc: Doc, i: int, gaz: Gazetteer) -> list[_Span] | None:
    """"North and South Korea": both halves name a country, the first one elliptically."""
    if i + 3 >= len(doc) or doc[i + 1].lower_ != "and":
        return None
    for size in range(4, 1, -1):
        second = _scan(doc, i + 2, min(i + 2 + size, len(doc)), gaz)
        tail = doc[i + 3:i + 2 + size].text
        first = gaz.scan(f"{doc[i].text} {tail}") if second and tail else None
        if first and second and first[1] != second:
            return [_Span(doc, i, i + 1, "GPE", "gaz", code=first[1]),
                    _Span(doc, i + 2, i + 2 + size, "GPE", "gaz", code=second)]
    return None


def _resolve(ner: list[_Span], gazetteer: list[_Span], weapons: list[_Span]) -> list[_Span]:
    """One reading per stretch of text; an organisation may hold a country inside it."""
    dropped: set[int] = set()
    kept_gaz: list[_Span] = []
    for g in gazetteer:
        keep = True
        for k, e in enumerate(ner):
            if not e.overlaps(g) or k in dropped:
                continue
            if e.label == "PERSON":
                keep = False
            elif e.label in ("GPE", "LOC", "NORP") and e.contains(g) and (e.a, e.b) != (g.a, g.b):
                if " and" in e.text:  # "North and South Korea": the gazetteer split it
                    dropped.add(k)
                else:
                    keep = False  # "Latin America", "African Americans"
            elif e.label not in ("GPE", "LOC", "NORP") and e.contains(g) and (e.a, e.b) != (g.a, g.b):
                pass  # "the South Korean Defense Ministry": both, nested
            else:
                dropped.add(k)
        if keep:
            kept_gaz.append(g)
    kept_weapons = []
    for w in weapons:
        names = [e for k, e in enumerate(ner) if k not in dropped and e.overlaps(w)]
        if any(e.label not in ("GPE", "NORP") and e.contains(w) and (e.a, e.b) != (w.a, w.b) for e in names):
            continue  # "Missile Defense Agency": part of a name
        if any(g.overlaps(w) for g in kept_gaz):
            continue
        dropped.update(k for k, e in enumerate(ner) if e.overlaps(w))
        kept_weapons.append(w)
    return [e for k, e in enumerate(ner) if k not in dropped] + kept_gaz + kept_weapons


def _to_cand(doc: Doc, s: _Span, gaz: Gazetteer) -> Cand:
    span = doc[s.a:s.b]
    text = span.text
    start, end = span.start_char, span.end_char
    if s.label == "WEAPON":
        return Cand(start, end, "WEAPON", text, name=s.name, fixed=True)
    if s.code:
        return Cand(start, end, "GPE", text, place=gaz.countries.get(s.code) or Place(text, "country", s.code),
                    fixed=True)
    label = s.label
    if label == "NORP":
        code = gaz.demonym(text)
        place = gaz.countries.get(code) if code else None
        return Cand(start, end, "GPE", text, place=place, fixed=True) if place else Cand(start, end, "NORP", text)
    capital_of = gaz.capital(text)
    if capital_of and governs(span):  # "Pyongyang warned", whatever the model called it
        return Cand(start, end, "GPE", text, place=gaz.countries.get(capital_of), fixed=True)
    if label in ("GPE", "LOC") or (s.b - s.a <= 3 and _locative(span)):
        place = gaz.place(text)
        if place and (label in ("GPE", "LOC") or place.kind != "country"):
            fixed = place.kind != "city" or _locative(span)
            return Cand(start, end, "LOC" if place.kind == "continent" else "GPE", text, place=place, fixed=fixed)
    if label in ("ORG", "PERSON") and s.b - s.a > 1 and doc[s.b - 1].text in _FACILITY_HEADS:
        label = "FAC"  # "Johnson Space Center", "Castlefrank Road"
    return Cand(start, end, label, text, fixed=s.titled)


def _organisation(doc: Doc, s: _Span, spans: list[_Span], gaz: Gazetteer) -> Cand:
    """An ORG with its country: inside the span, or a country possessive/adjective just before.

    The name drops a leading demonym or country possessive ("South Korean Defense
    Ministry", "South Korea's Foreign Ministry" → "Defense Ministry", "Foreign
    Ministry") but keeps a country name written as part of it ("United States Navy").
    """
    plain = _to_cand(doc, s, gaz)
    if plain.label != "ORG":
        return plain
    inner = [g for g in spans if g.source == "gaz" and s.contains(g)]
    before = [g for g in spans if g.source == "gaz" and g.b in (s.a, s.a - 1) and not inner]
    if before and before[0].b == s.a - 1 and doc[s.a - 1].text not in _POSSESSIVE:
        before = []
    prefix = inner[0] if inner and inner[0].a == s.a else before[0] if before else None
    code = inner[0].code if inner else prefix.code if prefix else None
    a, org_name = s.a, None
    if prefix is not None:
        a = min(a, prefix.a)  # the mention takes in the country words before the name
        end = prefix.b + (1 if prefix.b < len(doc) and doc[prefix.b].text in _POSSESSIVE else 0)
        if (gaz.demonym(prefix.text) or end > prefix.b) and max(end, s.a) < s.b:
            org_name = doc[max(end, s.a):s.b].text
    span = doc[a:s.b]
    return Cand(span.start_char, span.end_char, "ORG", span.text, country=code, org_name=org_name)


def _as_team(doc: Doc, c: Cand) -> Cand:
    """In a match report a country named as a participant is its national team ("Sweden defeated")."""
    if (c.place is None or c.place.kind not in ("country", "subdivision") or c.label != "GPE"
            or not c.surface[:1].isupper()):
        return c
    span = doc.char_span(c.start, c.end)
    if span is None or _locative(span) or load_gazetteer().demonym(c.surface):
        return c
    return Cand(c.start, c.end, "ORG", c.surface, country=c.place.country, fixed=True)


def _entity(number: int, group: list[Cand]) -> Entity:
    first = group[0]
    etype = Counter(c.label for c in group).most_common(1)[0][0]
    places = [c.place for c in group if c.place is not None]
    kb = places[0].kb() if places else {}
    if etype == "PERSON":
        name = max(group, key=lambda c: (len(name_tokens(c.surface)), -c.start)).surface  # longest, first
    elif places and places[0].kind == "country":
        name, etype = places[0].name, "GPE"
    elif etype == "ORG":
        names = [c.org_name or c.surface for c in group]
        full = [n for n in names if not n.replace(".", "").isupper()] or names
        name = next((known for n in names if (known := canonical_organisation(n))), None) or max(full, key=len)
        countries = Counter(c.country for c in group if c.country)
        if countries:
            kb = {"country": countries.most_common(1)[0][0]}
    elif first.name:
        name = first.name
    else:
        name = Counter(c.surface for c in group).most_common(1)[0][0]
    spans = sorted({(c.start, c.end, c.surface) for c in group})
    return Entity(f"e{number}", name, etype, kb, [Mention(s, e, t) for s, e, t in spans])


def extract_entities(doc: Doc) -> list[Entity]:
    """The article's entities, ids in order of first mention, mentions sorted."""
    gaz = load_gazetteer()
    ner = _from_ner(doc, gaz)
    gazetteer = [s for s in ner if s.source == "gaz"] + _from_gazetteer(doc, gaz)
    ner = [s for s in ner if s.source == "ner"]
    weapons = [_Span(doc, a, b, "WEAPON", "weapon", name=name) for a, b, name in find_weapons(doc)]
    spans = _resolve(ner, gazetteer, weapons)
    cands = [_organisation(doc, s, spans, gaz) if s.label == "ORG" and s.source == "ner" else _to_cand(doc, s, gaz)
             for s in spans]
    text = doc.text  # spaCy rebuilds doc.text on every access: once per article
    if sports_report(text):
        cands = [_as_team(doc, c) for c in cands]
    cands = make_consistent(doc, cands, text)
    groups = cluster(cands)
    return [_entity(k + 1, group) for k, group in enumerate(groups)]


def _overlap(m: Mention, start: int, end: int) -> int:
    return max(0, min(m.end, end) - max(m.start, start))


def entity_for_span(entities: list[Entity], start: int, end: int) -> Entity | None:
    """The entity one of whose mentions overlaps [start, end) most (ties: the tighter mention)."""
    best: tuple[int, int] | None = None
    found = None
    for entity in entities:
        for m in entity.mentions:
            size = _overlap(m, start, end)
            if size and (best is None or (size, -(m.end - m.start)) > best):
                best, found = (size, -(m.end - m.start)), entity
    return found


def entity_for_name(entities: list[Entity], name: str) -> Entity | None:
    """By canonical name, mention text, country alias or a person's name part, case-insensitive."""
    key = normalise(name.replace("’s", "").replace("'s", ""))
    for entity in entities:
        if normalise(entity.name) == key or any(normalise(m.text) == key for m in entity.mentions):
            return entity
    code = load_gazetteer().country(name) or load_gazetteer().demonym(name)
    if code:
        return next((e for e in entities if e.kb.get("iso3166") == code), None)
    tokens = name_tokens(name)
    people = [e for e in entities if e.type == "PERSON"
              and any(tokens == t[:len(tokens)] or tokens == t[-len(tokens):] for t in [name_tokens(e.name)])]
    return people[0] if len(people) == 1 else None
