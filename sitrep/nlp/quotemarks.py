"""Quote marks: the stretches of a text that stand between quotation marks.

`find_quoted_spans(text)` reads marks only, no parse; `sitrep.nlp.quotes` decides which
spans are quotations. Rules (why each exists is in the comments):

* Double marks (" “ ” „ « ») and single marks (' ‘ ’) outside double-quoted spans.
* Whether a mark opens or closes is read from what flanks it (space or punctuation on
  one side, a word on the other), the glyph breaking ties; so apostrophes (don't,
  Trump’s, '90s, the girls' robot) never open a quote.
* A double quote still open at the end of a paragraph continues if the next paragraph
  starts with a mark (the multi-paragraph convention) or if the next paragraph's first
  mark closes it; otherwise it ends with its paragraph. A mark that opens while a
  quote is open ends the earlier one there. Nothing raises on unbalanced marks.
* Single-mark quotes must close within their paragraph: an unmatched ‘ is more often
  an apostrophe than a quote.
* Spans nested in another span (a “double” inside a ‘single’ quote) are dropped.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

__all__ = ["QuotedSpan", "find_quoted_spans", "paragraphs"]

_DOUBLE = frozenset('"“”„‟«»″')
_SINGLE = frozenset("'‘’‚‛‹›")
_OPEN_GLYPHS = frozenset("“„‟«‘‚‛‹")
_CLOSE_GLYPHS = frozenset("”»’›")
# Characters after which a mark may open, and before which one may close.
_OPEN_CONTEXT = frozenset("([{<—–-/:;,")
_CLOSE_CONTEXT = frozenset(".,;:!?)]}>—–-…")
# Elisions that start with an apostrophe and so look like an opening single mark.
_ELISION = re.compile(r"(?:\d\d(?:s|’s|'s)?|em|tis|twas|til|cause|n|bout|round)\b", re.I)
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")


@dataclass(frozen=True)
class QuotedSpan:
    """A stretch of text between quote marks: `open`/`close` index the marks (`close`
    None when the quote never closes), `start`/`end` the trimmed words between them."""

    open: int
    close: int | None
    start: int
    end: int


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty paragraph, whitespace trimmed."""
    bounds, pos = [], 0
    for m in (*_PARAGRAPH_BREAK.finditer(text), None):
        stop = m.start() if m else len(text)
        chunk = text[pos:stop]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            bounds.append((pos + lead, pos + len(chunk.rstrip())))
        pos = m.end() if m else pos
    return bounds


def _role(text: str, i: int) -> str | None:
    """"open", "close", "either" or None (not a quote mark here, e.g. an apostrophe)."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    marks = _DOUBLE | _SINGLE
    can_open = not nxt.isspace() and (prev.isspace() or prev in _OPEN_CONTEXT or prev in marks)
    can_close = not prev.isspace() and (nxt.isspace() or nxt in _CLOSE_CONTEXT or nxt in marks)
    if ch in _SINGLE:
        if prev.isalnum() and nxt.isalnum():
            return None  # don't, Trump’s
        if can_open and _ELISION.match(text, i + 1):
            return None  # '90s, 'em
        if can_open and not can_close:
            return "open"
        return "close" if can_close and not can_open and ch not in _OPEN_GLYPHS else None
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close"
    # Ambiguous flanking (word"word, or between two marks): trust a curly glyph.
    if ch in _OPEN_GLYPHS:
        return "open"
    return "close" if ch in _CLOSE_GLYPHS else "either"


def _trimmed(text: str, open_: int, close: int | None, start: int, end: int) -> QuotedSpan | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return QuotedSpan(open_, close, start, end) if end > start else None


def _pair(text: str, paras: list[tuple[int, int]], glyphs: frozenset[str],
          skip: list[QuotedSpan], multi_paragraph: bool) -> list[QuotedSpan]:
    """Pair the marks of one family (double or single) paragraph by paragraph."""
    spans: list[QuotedSpan] = []
    inside = sorted((s.open, s.close if s.close is not None else s.end) for s in skip)
    inside_starts = [a for a, _ in inside]

    def skipped(i: int) -> bool:
        k = bisect.bisect_right(inside_starts, i) - 1
        return k >= 0 and i <= inside[k][1]

    def emit(open_: int, close: int | None, end: int) -> None:
        span = _trimmed(text, open_, close, open_ + 1, end)
        if span is not None:
            spans.append(span)

    current: int | None = None  # index of the opening mark of the quote being read
    previous_end = 0
    for p_start, p_end in paras:
        marks = [
            (i, role)
            for i in range(p_start, p_end)
            if text[i] in glyphs
            and not skipped(i)
            and (role := _role(text, i)) is not None
        ]
        k = 0
        if current is not None:
            if marks and marks[0][0] == p_start and marks[0][1] != "close":
                k = 1  # the paragraph reopens the running quote: it continues
            elif marks and marks[0][1] == "close":
                emit(current, marks[0][0], marks[0][0])  # the quote closes here
                current, k = None, 1
            else:
                emit(current, None, previous_end)  # never closed: ends with its paragraph
                current = None
        for i, role in marks[k:]:
            if current is None:
                if role != "close":
                    current = i  # a stray closing mark (inch sign, typo) is ignored
            elif role != "open":
                emit(current, i, i)
                current = None
            else:
                emit(current, None, i)  # reopened before closing: the first never closed
                current = i
        if current is not None and not multi_paragraph:
            current = None  # single marks must close in their paragraph
        previous_end = p_end
    if current is not None:
        emit(current, None, previous_end)
    return spans


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """Every quoted stretch of `text`, outermost only, in text order."""
    paras = paragraphs(text)
    doubles = _pair(text, paras, _DOUBLE, [], multi_paragraph=True)
    singles = _pair(text, paras, _SINGLE, doubles, multi_paragraph=False)
    spans = sorted(doubles + singles, key=lambda s: s.open)
    outer: list[QuotedSpan] = []
    for span in spans:  # a double quote inside a single-quoted one is nested speech
        if outer and span.open < (outer[-1].close or outer[-1].end) and span.end <= outer[-1].end:
            continue
        outer.append(span)
    return outer
