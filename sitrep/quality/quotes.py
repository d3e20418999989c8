"""Quote extraction quality, scored on the 24 GUM Wikinews articles.

Gold (see `gold/quotes/README.md`): every GUM `<quote>` element, aligned to the
article's text in `../shared/corpus/wikinews.jsonl`, is a gold direct quote, plus the
quotations GUM left unmarked (five articles full of quotations have none marked), added by hand
with `"source": "added"`; speakers were annotated by hand. `gold/quotes/gum-speakers.jsonl`
is the gold file this module scores against. GUM's `<q>` elements (scare quotes,
titles, names) are not quotes: a prediction on one is a false positive like any other
unmatched prediction.

Spans are the words inside the marks (the convention of `Quote.start/end`). A
predicted direct quote matches a gold quote when their character spans overlap by at
least half the longer of the two; matching is one-to-one, best overlap first. A
matched quote's speaker is right when the predicted `speaker_text` and the gold
speaker end in the same word (case-insensitive, possessive dropped), or when both are
null. Span P/R/F1 count matches; speaker P/R/F1 count matches with the right speaker.
Indirect quotes are not scored (GUM does not mark indirect speech).

`gum_quote_spans` rebuilds the gold spans from GUM's XML; the quality test checks the
gold file against it (`check_gold`), and `--skeleton` prints the gold records rebuilt
from GUM, keeping the annotated speakers and the added quotes.

Run ``python -m sitrep.quality.quotes [--shared DIR] [--gold FILE] [--show] [--skeleton]``;
it also prints, for reference, the figures against GUM's `<quote>` elements alone.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_SHARED = Path(__file__).resolve().parents[3] / "shared"
DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "gold" / "quotes" / "gum-speakers.jsonl"
MIN_OVERLAP = 0.5

_TAG = re.compile(r"<(/?)([\w:]+)")
_SPACE = re.compile(r"\s*")
_DOUBLE_MARKS = ("\"“", "\"”")  # (opening, closing) glyphs of a family
_SINGLE_MARKS = ("'‘", "'’")
_CLOSING = "\"”'’"
# A quote interrupted by its attribution inside one GUM element: …," said X. "…
_INTERRUPTION = re.compile(r"(?<=[,.?!][\"”])\s+[^\"“”]{3,200}?\s+(?=[\"“])")


@dataclass(frozen=True)
class GoldQuote:
    doc: str
    start: int
    end: int
    text: str
    speaker: str | None
    source: str = "gum"  # "gum": a GUM <quote> element; "added": a quote GUM left unmarked


def load_articles(shared: Path) -> dict[str, str]:
    """GUM document name ("GUM_news_korea") → article text, for the 24 GUM articles."""
    articles = {}
    with open(shared / "corpus" / "wikinews.jsonl", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["id"].startswith("gum-GUM_"):
                articles[record["id"][4:]] = record["text"]
    return articles


def gum_elements(xml: str, text: str) -> list[tuple[str, int, int]]:
    """(tag, start, end) in `text` of every `<quote>` and `<q>` element of a GUM XML file.

    GUM's XML holds one token per line inside `<s>` sentences. Each sentence is aligned
    token by token from where the previous one ended (only whitespace may separate
    tokens); a sentence that does not align there (the title and dateline, which the
    corpus text drops) is skipped whole.
    """
    sentences: list[list[tuple[str, tuple[int, ...]]]] = []
    open_elements: list[int] = []
    tags: list[str] = []
    for line in xml.splitlines():
        tag = _TAG.match(line)
        if tag:
            closing, name = tag.group(1) == "/", tag.group(2)
            if name == "s" and not closing:
                sentences.append([])
            elif name in ("quote", "q"):
                if closing:
                    open_elements.pop()
                else:
                    tags.append(name)
                    open_elements.append(len(tags) - 1)
        elif line.strip() and sentences:
            sentences[-1].append((html.unescape(line.split("\t")[0]), tuple(open_elements)))
    bounds: dict[int, list[int]] = {}
    pos = 0
    for sentence in sentences:
        cursor, placed = pos, []
        for token, elements in sentence:
            at = _SPACE.match(text, cursor).end()
            if not text.startswith(token, at):
                break
            placed.append((at, at + len(token), elements))
            cursor = at + len(token)
        else:
            pos = cursor
            for start, end, elements in placed:
                for k in elements:
                    span = bounds.setdefault(k, [start, end])
                    span[0], span[1] = min(span[0], start), max(span[1], end)
    return [(tags[k], *bounds[k]) for k in sorted(bounds, key=lambda k: bounds[k][0])]


def _inside_marks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Gold spans of one quote element: the words inside its marks, split where GUM
    kept an interrupting attribution inside the element."""
    while start < end and text[start].isspace():
        start += 1
    family = next((f for f in (_DOUBLE_MARKS, _SINGLE_MARKS) if start < end and text[start] in f[0]), None)
    if family is not None:
        last = max(text.rfind(mark, start + 1, end) for mark in family[1])
        start, end = start + 1, (last if last > start else end)
    parts, cursor = [], start
    for gap in _INTERRUPTION.finditer(text, start, end):
        parts.append((cursor, gap.start() - 1))
        cursor = gap.end() + 1
    parts.append((cursor, end))
    spans = []
    for a, b in parts:
        while a < b and text[a].isspace():
            a += 1
        while b > a and (text[b - 1].isspace() or text[b - 1] == ","):
            b -= 1
        if b > a:
            spans.append((a, b))
    return spans


def gum_quote_spans(xml: str, text: str) -> list[tuple[int, int]]:
    """The gold direct-quote spans of one article.

    GUM splits a quote into several `<quote>` elements where it crosses sentence or
    paragraph markup; consecutive elements separated only by whitespace, the first not
    closed by a mark, are one quote (the multi-paragraph convention).
    """
    merged: list[list[int]] = []
    for tag, start, end in gum_elements(xml, text):
        if tag != "quote":
            continue
        if merged and start >= merged[-1][1] and not text[merged[-1][1] : start].strip() \
                and text[merged[-1][1] - 1] not in _CLOSING:
            merged[-1][1] = max(merged[-1][1], end)
        elif merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)  # nested element: already inside
        else:
            merged.append([start, end])
    return [span for start, end in merged for span in _inside_marks(text, start, end)]


def load_gold(path: Path) -> list[GoldQuote]:
    with open(path, encoding="utf-8") as lines:
        return [
            GoldQuote(r["doc"], r["start"], r["end"], r["text"], r["speaker"], r.get("source", "gum"))
            for r in map(json.loads, filter(str.strip, lines))
        ]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return max(0, shared) / max(a[1] - a[0], b[1] - b[0], 1)


def match_spans(
    predicted: Sequence[tuple[int, int]], gold: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """One-to-one (predicted index, gold index) pairs overlapping ≥ MIN_OVERLAP of the
    longer span, best overlap first."""
    candidates = sorted(
        ((_overlap(p, g), i, j) for i, p in enumerate(predicted) for j, g in enumerate(gold)),
        reverse=True,
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for ratio, i, j in candidates:
        if ratio < MIN_OVERLAP:
            break
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def _last_word(name: str | None) -> str | None:
    if not name:
        return None
    words = re.findall(r"[\w.’'-]+", name.lower())
    return re.sub(r"(['’]s?|\.)$", "", words[-1]) if words else None


def same_speaker(predicted: str | None, gold: str | None) -> bool:
    return _last_word(predicted) == _last_word(gold)


def _prf(correct: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = correct / n_pred if n_pred else 1.0
    r = correct / n_gold if n_gold else 1.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def evaluate(
    shared: Path = DEFAULT_SHARED, gold_path: Path = DEFAULT_GOLD, nlp: Any = None, gum_only: bool = False
) -> dict[str, Any]:
    """Span and speaker P/R/F1 of `extract_quotes` over the GUM articles.

    `gum_only` scores against GUM's own `<quote>` elements alone (quotes GUM left
    unmarked then count as false positives): a lower bound, for reference.
    Returns {"documents", "gold", "predicted", "span": {precision, recall, f1},
    "speaker": {…}, "errors": [one line per miss, false positive or wrong speaker]}.
    """
    from sitrep.nlp.parse import load_nlp
    from sitrep.nlp.quotes import extract_quotes

    nlp = nlp or load_nlp()
    articles = load_articles(shared)
    gold_by_doc: dict[str, list[GoldQuote]] = {name: [] for name in articles}
    for quote in load_gold(gold_path):
        if quote.source == "gum" or not gum_only:
            gold_by_doc.setdefault(quote.doc, []).append(quote)
    n_pred = n_gold = span_ok = speaker_ok = 0
    errors: list[str] = []
    for name in sorted(articles):
        text, gold = articles[name], gold_by_doc[name]
        predicted = [q for q in extract_quotes(nlp(text)) if q.direct]
        pairs = match_spans([(q.start, q.end) for q in predicted], [(g.start, g.end) for g in gold])
        n_pred, n_gold, span_ok = n_pred + len(predicted), n_gold + len(gold), span_ok + len(pairs)
        for i, j in pairs:
            if same_speaker(predicted[i].speaker_text, gold[j].speaker):
                speaker_ok += 1
            else:
                errors.append(f"{name} speaker {predicted[i].speaker_text!r} != {gold[j].speaker!r}: "
                              f"{gold[j].text[:50]!r}")
        matched_p, matched_g = {i for i, _ in pairs}, {j for _, j in pairs}
        errors += [f"{name} missed {g.text[:60]!r}" for j, g in enumerate(gold) if j not in matched_g]
        errors += [f"{name} false {q.text[:60]!r} ({q.speaker_text})"
                   for i, q in enumerate(predicted) if i not in matched_p]
    return {
        "documents": len(articles),
        "gold": n_gold,
        "predicted": n_pred,
        "span": _prf(span_ok, n_pred, n_gold),
        "speaker": _prf(speaker_ok, n_pred, n_gold),
        "errors": errors,
    }


def _gum_spans(shared: Path, articles: dict[str, str]) -> dict[str, list[tuple[int, int]]]:
    xml_dir = shared / "gold" / "gum-news" / "xml"
    return {
        name: gum_quote_spans((xml_dir / f"{name}.xml").read_text(encoding="utf-8"), text)
        for name, text in articles.items()
    }


def skeleton(shared: Path, existing: Iterable[GoldQuote] = ()) -> list[dict[str, Any]]:
    """Gold records rebuilt from GUM's XML, keeping annotated speakers and the quotes
    added by hand."""
    existing = list(existing)
    known = {(g.doc, g.start, g.end): g.speaker for g in existing}
    articles = load_articles(shared)
    records = [
        {"doc": name, "start": start, "end": end, "text": articles[name][start:end][:40],
         "speaker": known.get((name, start, end)), "source": "gum"}
        for name, spans in _gum_spans(shared, articles).items() for start, end in spans
    ]
    records += [
        {"doc": g.doc, "start": g.start, "end": g.end, "text": g.text, "speaker": g.speaker, "source": g.source}
        for g in existing if g.source != "gum"
    ]
    return sorted(records, key=lambda r: (r["doc"], r["start"]))


def check_gold(shared: Path, gold: Sequence[GoldQuote]) -> list[str]:
    """Problems of the gold file against GUM and the corpus text (none when in sync)."""
    articles = load_articles(shared)
    gum = {(name, a, b) for name, spans in _gum_spans(shared, articles).items() for a, b in spans}
    problems = [f"GUM quote not in gold: {key}" for key in sorted(gum - {(g.doc, g.start, g.end) for g in gold})]
    for g in gold:
        text = articles.get(g.doc, "")
        if not text.startswith(g.text, g.start) or g.end > len(text) or g.start >= g.end:
            problems.append(f"offsets do not give the text: {g}")
        if g.source == "gum" and (g.doc, g.start, g.end) not in gum:
            problems.append(f"not a GUM quote: {g}")
        if g.source != "gum" and any(d == g.doc and a < g.end and g.start < b for d, a, b in gum):
            problems.append(f"added quote overlaps a GUM quote: {g}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--show", action="store_true", help="list every error")
    parser.add_argument("--skeleton", action="store_true",
                        help="print gold records rebuilt from GUM (speakers kept)")
    args = parser.parse_args(argv)
    if args.skeleton:
        existing = load_gold(args.gold) if args.gold.exists() else []
        for record in skeleton(args.shared, existing):
            print(json.dumps(record, ensure_ascii=False))
        return 0
    from sitrep.nlp.parse import load_nlp

    nlp = load_nlp()
    result = evaluate(args.shared, args.gold, nlp)
    print(f"GUM news quotes: {result['documents']} documents, {result['gold']} gold, "
          f"{result['predicted']} predicted direct quotes")
    for key in ("span", "speaker"):
        s = result[key]
        print(f"  {key:8} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}")
    strict = evaluate(args.shared, args.gold, nlp, gum_only=True)
    print(f"against GUM <quote> elements alone ({strict['gold']} gold; quotes GUM left unmarked "
          f"count as false positives): span F1 {strict['span']['f1']:.3f}, "
          f"speaker F1 {strict['speaker']['f1']:.3f}")
    if args.show:
        print("\n".join(result["errors"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
