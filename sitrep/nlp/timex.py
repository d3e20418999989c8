"""Time expressions in news text, resolved against the publication date.

A claim needs its "as of when": "last October", "on Monday", "since 2022". `find_times`
finds such expressions and resolves each to an inclusive ISO date interval, taking the
publication date as "now"; `resolve_time` does the same for one expression already
picked out (a spaCy DATE entity, say). Pure functions: no I/O, no state, never raise.

Decisions:

* Intervals *contain* the true time. "early/mid-/late", "the end of" keep the whole
  period: "mid-2023" and "late last year" are whole years (kind "vague"); only
  "first/second half of YEAR" narrows. "three weeks ago" is that week, "a year ago"
  that calendar year; "a few" counts as 2-5, "several" as 3-9.
* News reports the past. Yearless "March 3" is the latest March 3 on or before
  publication; "in October" the latest October not after it; "Monday" / "on Monday"
  the latest Monday on or before it (the same day if published on a Monday). A future
  cue in the sentence ("will", "is set to", "plans to") looks forward instead.
* "last October" is the latest October before the publication month ("last January"
  in January 2025 is January 2024); "last Monday" is strictly before publication.
* "last week/month/year" are calendar periods, weeks Monday-Sunday; "the past week",
  "the last two years", "the past 24 hours" are windows ending on publication (kind
  "past"). "the weekend" is the latest Saturday-Sunday starting on or before
  publication. Seasons are northern meteorological; "winter 2023" is Dec 2023-Feb 2024.
* "since X" runs from X to publication; a non-date anchor ("since the start of the
  war") has begin None. A range's yearless end borrows the other end's year.
* Without a publication date only absolute expressions resolve.
* Not matched: durations ("for three weeks"), ages ("95-year-old"), counts ("12,000
  troops", "2000 troops"), a bare year or month name with no time preposition (or
  "the") before it ("Kim may", "a protest march"), named days ("Sunday Times"), and
  numeric dates like "1/5/2024" (US/EU ambiguous). Month and weekday names must be
  capitalised; keywords need not be.

Kinds: date, week, weekend, month, season, year, decade, century, relative (today,
Monday, two days ago, earlier this month), past, since, range, vague. A mention's text
drops a governing "on"/"in"/"over" but keeps "since", "between", "from", "last".

This module scans the text; the rules and cue words are in `timex_patterns`, the
calendar arithmetic that resolves a match in `timex_resolve`.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

from sitrep.model import TimeRef
from sitrep.nlp.timex_patterns import (
    _ALL_KEYS,
    _COUNTED,
    _CUE,
    _DECADE_WORDS,
    _FUTURE,
    _LEADING_PREPOSITION,
    _MONTH_NAMES,
    _MONTH_NO,
    _NAMED_DAY_AFTER,
    _NAMED_DAY_BEFORE,
    _NUMBER_WORDS,
    _OPENING,
    _REPORTED,
    _RULES,
    _SENTENCE_END,
    _TENSED,
    _WEEKDAY_STEMS,
    _unnamed,
)
from sitrep.nlp.timex_resolve import Match, _apply, _Ctx, _resolve

__all__ = ["TimeMention", "find_times", "resolve_time"]


@dataclass(frozen=True)
class TimeMention:
    """One time expression: char offsets (end exclusive) and its resolved interval."""

    start: int
    end: int
    text: str
    begin: str | None
    finish: str | None
    kind: str

    def to_timeref(self) -> TimeRef:
        return TimeRef(text=self.text, start=self.begin, end=self.finish)


# ----------------------------------------------------------------------------- scanning


def _master(keys: frozenset[str]) -> re.Pattern[str]:
    # At a word start the first rule that matches wins, so longer rules come first.
    # Nothing starts inside a number ("12,000", "2.5").
    rules = "|".join(f"(?P<{key}>{_unnamed(src)})" for key, src in _RULES if key in keys)
    return re.compile(rf"(?<!\w)(?<!\d[,.])(?:{rules})(?!\w)")


# Trying two dozen rules at every position is slow in `re`. A scan for the words a rule
# can begin with comes first; it runs on an ASCII-lowercased copy (same offsets) since
# plain literals scan far faster than case-insensitive ones, and each kind of word then
# tries only the rules that can begin with it.
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_MASTERS = {start: _master(frozenset(keys.split())) for start, keys in {
    "digit": "iso yspan dmy dm decade century ago year",
    "month": "mspan dspan mdy md my month",
    "weekday": "mdy dmy md dm weekday",
    "word": "since range vague sofar dmy dm decade century season past ago unit named day weekday",
}.items()}
_STARTERS = ("since|between|from|early|mid|late|start|beginning|end|middle|first|second|earlier|later|past|last|"
             "this|next|yesterday|tomorrow|today|tonight|spring|summer|autumn|fall|winter|few|several|hours?|days?|"
             "weeks?|months?|years?|decades?|" + "|".join(sorted(set(_NUMBER_WORDS) - {"a", "an"})))
_MONTH_WORDS = "|".join(sorted({*_MONTH_NO, "sept", *(name.lower() for name in _MONTH_NAMES)}, key=len, reverse=True))
_TRIGGER = re.compile(
    rf"(?<!\w)(?:(?P<digit>(?<!\d[,.])\d(?!\d*[,.]\d))|(?P<month>{_MONTH_WORDS})(?!\w)"
    rf"|(?P<weekday>(?:{'|'.join(_WEEKDAY_STEMS).lower()})day)(?!\w)"
    rf"|(?P<word>'\d|(?:{'|'.join(sorted(_STARTERS.split('|'), key=len, reverse=True))})(?!\w)"
    r"|an?(?=\s+(?:few|couple|hour|day|week|month|year|decade))"
    rf"|the(?=\s+(?:{_STARTERS}|weekend|{'|'.join(_DECADE_WORDS)})(?!\w)|\s+[\d'])))")


def _candidates(text: str) -> Iterator[Match]:
    """What trying every rule at every position would match, trying only at words where
    a rule can begin, and only the rules that can."""
    resume = 0
    for trigger in _TRIGGER.finditer(text.translate(_ASCII_LOWER)):
        start, kind = trigger.start(), trigger.lastgroup or "word"
        if start < resume or (kind in ("month", "weekday") and not text[start].isupper()):
            continue  # month and weekday names count only capitalised ("may", "a march")
        match = _MASTERS[kind].match(text, start)
        if match is not None:
            resume = match.end()
            yield match


def _accepts(key: str, text: str, start: int, end: int) -> bool:
    """What a pattern can't say: a bare year needs a time preposition or "the" before it
    and no count noun after it, a bare month a time preposition; a weekday must not be
    part of a name."""
    before = text[max(0, start - 30):start]
    if key == "year":
        return not _COUNTED.match(text, end) and (before[-4:].lower() == "the " or _CUE.search(before) is not None)
    if key == "month":
        return _CUE.search(before) is not None
    if key == "weekday":
        return not (_NAMED_DAY_BEFORE.search(before) or _NAMED_DAY_AFTER.match(text, end))
    return key != "day" or not before.endswith("USA ")


def _future(text: str, start: int, end: int) -> bool:
    """Does the sentence put this time in the future? A future cue within 80 characters
    before it; or, for a time that opens the sentence ("On Wednesday, they are to
    travel"), one after it in the same sentence with no report verb in between."""
    before, after = text[max(0, start - 80):start], text[end:end + 80]
    boundaries = list(_SENTENCE_END.finditer(before))
    before = before[boundaries[-1].end():] if boundaries else before
    if _FUTURE.search(before):
        return True
    if not _OPENING.fullmatch(before if boundaries or start >= 80 else text[:start]):
        return False
    stop = _SENTENCE_END.search(after)
    after = after[:stop.start()] if stop else after
    cue = _FUTURE.search(after)
    return cue is not None and not _REPORTED.search(after, 0, cue.start())


def _as_date(published: object) -> date | None:
    if isinstance(published, datetime):
        return published.date()
    return published if isinstance(published, date) else None


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


# ----------------------------------------------------------------------------- public API


def find_times(text: str, published: date | None) -> list[TimeMention]:
    """Every time expression in `text`, in text order, resolved against `published`."""
    if not isinstance(text, str):
        return []
    pub = _as_date(published)
    found: list[TimeMention] = []
    for match in _candidates(text):
        key = match.lastgroup
        if key is None or not _accepts(key, text, match.start(), match.end()):
            continue
        future = key in _TENSED and _future(text, match.start(), match.end())
        resolved = _apply(key, match.group(), _Ctx(pub, future))
        if resolved is not None:
            kind, (begin, finish) = resolved
            found.append(TimeMention(match.start(), match.end(), match.group(), _iso(begin), _iso(finish), kind))
    return found


def resolve_time(expression: str, published: date | None) -> tuple[str | None, str | None]:
    """(begin, finish) ISO dates of one time expression, (None, None) if unresolved.

    The whole expression is read as a time, so "2022" and "October" resolve without a
    preposition, and a leading "in"/"on"/"over" is ignored; failing that, the longest
    time expression inside it is used.
    """
    if not isinstance(expression, str):
        return None, None
    pub = _as_date(published)
    phrase = expression.strip().strip(".,;:!?()[]\"“”").strip()
    lead = _LEADING_PREPOSITION.match(phrase)
    resolved = _resolve(phrase[lead.end():] if lead else phrase, _Ctx(pub), _ALL_KEYS)
    if resolved is not None:
        return _iso(resolved[1][0]), _iso(resolved[1][1])
    mentions = find_times(expression, pub)
    if not mentions:
        return None, None
    best = max(mentions, key=lambda mention: mention.end - mention.start)
    return best.begin, best.finish
