"""Reader of the GUM corpus's conllu entity annotation, aligned to our texts.

GUM annotates every mention (pronouns and common nouns too) in the MISC column:
`Entity=(id-type-infstat-salience-centering-minspan-link[-identity]` opens a
mention, `id)` closes it (one-token mentions: `(...)`). The identity is a URL-quoted
Wikipedia title ("North_Korea"). The 24 Wikinews articles' texts live in
../shared/corpus/wikinews.jsonl (`gum-<doc id>`), with the title line and dateline
removed: each GUM sentence (`# text = ...`) is found in that text in order
(sentences not found, like the title, are skipped) and its tokens aligned inside
it, so gold offsets index the same string as the stage's.

A mention is *named* when its head is a proper noun (PROPN or NNP/NNPS: GUM tags
"United" in "United States" VERB/NNP), or when it ends in a name after a role noun
("Facebook creator Mark Zuckerberg", headed on "creator"); its span is then
reduced to the name itself (`_name_core`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
GOLD_DIR = SHARED / "gold" / "gum-news" / "conllu"
CORPUS = SHARED / "corpus" / "wikinews.jsonl"

# GUM type → the contract's category it is scored as.
CATEGORIES = {"person": "PERSON", "organization": "ORG", "place": "GPE"}


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
    """Every GUM news document whose text the corpus holds, with its mentions."""
    texts = {}
    with corpus_path.open(encoding="utf-8") as corpus:
        for line in corpus:
            record = json.loads(line)
            if record["id"].startswith("gum-"):
                texts[record["id"][4:]] = record["text"]
    return [parse_conllu(path, texts[path.stem]) for path in sorted(gold_dir.glob("*.conllu"))
            if path.stem in texts]
