"""Calendar arithmetic for time expressions: a rule's match, read against the
publication date, becomes an inclusive date interval (see `timex` for the decisions).

`_apply` runs one rule's parser over an expression and hands the match to that rule's
handler; handlers never raise, returning None or an open interval instead.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from sitrep.nlp.timex_patterns import (
    _CORE_KEYS,
    _DECADE_WORDS,
    _FUZZY,
    _HAS_YEAR,
    _INNER_KEYS,
    _MONTH_NO,
    _NUMBER_WORDS,
    _PARSERS,
    _SEASON_START,
    _WEEKDAY_NO,
)

Interval = tuple[date | None, date | None]
Span = tuple[date, date]  # an interval known to be resolved
Resolved = tuple[str, Interval]
Match = re.Match[str]
_NONE: Interval = (None, None)


@dataclass(frozen=True)
class _Ctx:
    """What a handler reads besides its match: publication date and the sentence's tense."""

    pub: date | None
    future: bool = False
    year_hint: int | None = None  # a range end lends its year to a yearless other end


# ----------------------------------------------------------------------------- calendar


def _month_span(year: int, month: int) -> Span:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _year_span(year: int) -> Span:
    return date(year, 1, 1), date(year, 12, 31)


def _week_span(day: date) -> Span:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def _season_span(year: int, first_month: int) -> Span:
    first = date(year, first_month, 1)
    return first, first + relativedelta(months=3, days=-1)


def _period(day: date, unit: str) -> Span:
    """The calendar unit holding `day`: "three weeks ago" is a week, "a year ago" a year."""
    if unit in ("week", "month"):
        return _week_span(day) if unit == "week" else _month_span(day.year, day.month)
    return _year_span(day.year) if unit in ("year", "decade") else (day, day)


def _month_no(name: str) -> int:
    return _MONTH_NO[name[:3].lower()]


def _rel(word: str | None) -> str:
    word = " ".join((word or "this").lower().split())
    return {"this past": "last", "this coming": "next", "the": "this"}.get(word, word)


def _pick_year(ctx: _Ctx, month: int, day: int | None = None) -> int | None:
    """Year of a yearless month (and day): the latest not after publication or, after a
    future cue, the next one (a week's grace: "is to run from January 23" may have begun)."""
    if ctx.year_hint is not None:
        return ctx.year_hint
    if (pub := ctx.pub) is None:
        return None
    if ctx.future:
        ref = pub - timedelta(days=7) if day else pub.replace(day=1)
        return ref.year + 1 if (month, day or 1) < (ref.month, ref.day) else ref.year
    return pub.year - 1 if (month, day or 0) > (pub.month, pub.day if day else 0) else pub.year


def _count(num: str | None, plural: bool) -> tuple[int, int]:
    if num is None:
        return _FUZZY["few"] if plural else (1, 1)
    word = " ".join(num.lower().split())
    if word.isdigit():
        return int(word), int(word)
    if word in _FUZZY:
        return _FUZZY[word]
    n = sum(_NUMBER_WORDS[part] for part in word.split("-"))  # "twenty-five"
    return n, n


def _back(pub: date, n: int, unit: str, earliest: bool) -> date:
    """`pub` minus n units; hours round outwards to whole days (24 hours ago is yesterday)."""
    if unit == "hour":
        return pub - timedelta(days=-(-n // 24) if earliest else n // 24)
    if unit == "decade":
        n, unit = 10 * n, "year"
    return pub - relativedelta(**{unit + "s": n})


# ----------------------------------------------------------------------------- handlers


def _h_date(m: Match, ctx: _Ctx) -> Resolved:
    g = m.groupdict()
    month = int(g["mo"]) if g.get("mo") else _month_no(g["mon"])
    day = int(g.get("d") or g["day"])
    year = int(g["year"]) if g.get("year") else _pick_year(ctx, month, day)
    if year is None:
        return "date", _NONE
    return "date", (date(year, month, day), date(year, month, day))


def _h_month(m: Match, ctx: _Ctx) -> Resolved:
    g, month, pub = m.groupdict(), _month_no(m["mon"]), ctx.pub
    if g.get("rel"):  # "last October" is before the publication month, "next" after it
        rel = _rel(g["rel"])
        year = None if pub is None else pub.year - (rel == "last" and month >= pub.month) + (
            rel == "next" and month <= pub.month)
    else:
        year = int(g["year"]) if g.get("year") else _pick_year(ctx, month)
    return "month", _NONE if year is None else _month_span(year, month)


def _h_era(m: Match, ctx: _Ctx) -> Resolved:
    g = m.groupdict()
    if g.get("nth"):  # "the 20th century" is 1900-1999, as people use it
        first, size, kind = (int(g["nth"]) - 1) * 100, 100, "century"
    elif g.get("year"):
        first, size, kind = int(g["year"]), 1, "year"
    elif g.get("word"):
        first, size, kind = _DECADE_WORDS[g["word"].lower()], 10, "decade"
    else:  # '90s is the 1990s, '20s the 2020s: the century is a guess either way
        short = int(g["short"] or 0)
        first = int(g["dec"]) if g["dec"] else (1900 if short >= 3 else 2000) + 10 * short
        size, kind = 10, "decade"
    return kind, (date(max(first, 1), 1, 1), date(first + size - 1, 12, 31))


def _h_season(m: Match, ctx: _Ctx) -> Resolved:
    first_month = _SEASON_START[(m["s"] or m["s2"]).lower()]
    if m["year"]:
        return "season", _season_span(int(m["year"]), first_month)
    if (pub := ctx.pub) is None:
        return "season", _NONE
    spans = [_season_span(year, first_month) for year in range(pub.year - 2, pub.year + 2)]
    rel = _rel(m["rel"])
    if rel != "this":
        return "season", max(s for s in spans if s[1] < pub) if rel == "last" else min(s for s in spans if s[0] > pub)
    return "season", next((s for s in spans if s[0] <= pub <= s[1]), _season_span(pub.year, first_month))


def _h_count(m: Match, ctx: _Ctx) -> Resolved | None:
    """ "three weeks ago" (that week) and "the past two years" (a window up to publication)."""
    ago, unit = m.group().lower().endswith("ago"), m["unit"].lower()
    if ctx.pub is None:
        return "relative" if ago else "past", _NONE
    if not ago and m["num"] is None and not m["pl"] and unit in ("hour", "day"):
        return None  # "on the last day" is the story's last day, not a window
    least, most = _count(m["num"], bool(m["pl"]))
    earliest = _back(ctx.pub, most, unit, True)
    if not ago:
        return "past", (earliest, ctx.pub)
    return "relative", (_period(earliest, unit)[0], _period(_back(ctx.pub, least, unit, False), unit)[1])


def _h_unit(m: Match, ctx: _Ctx) -> Resolved:
    """last/this/next week, month, year or weekend; "earlier this month" (up to publication)."""
    g = m.groupdict()
    unit, rel = (g["unit"] or "weekend").lower(), _rel(g.get("rel"))
    if (pub := ctx.pub) is None:
        return "relative" if g.get("q") else unit, _NONE
    step = {"last": -1, "this": 0, "next": 1}[rel]
    if unit == "weekend":
        saturday = pub - timedelta(days=(pub.weekday() - 5) % 7)  # latest Saturday on or before pub
        if rel == "last" and pub.weekday() >= 5:
            saturday -= timedelta(weeks=1)
        elif rel == "next" or (rel == "this" and ctx.future and pub.weekday() < 5):
            saturday += timedelta(weeks=1)
        return "weekend", (saturday, saturday + timedelta(days=1))
    if unit == "week":
        span = _week_span(pub + timedelta(weeks=step))
    elif unit == "month":
        first = pub.replace(day=1) + relativedelta(months=step)
        span = _month_span(first.year, first.month)
    else:
        span = _year_span(pub.year + step)
    if g.get("q"):
        return "relative", (span[0], pub) if g["q"].lower() == "earlier" else (pub, span[1])
    return unit, span


def _h_day(m: Match, ctx: _Ctx) -> Resolved:
    if ctx.pub is None:
        return "relative", _NONE
    word = m.group().lower()
    offset = -1 if word.startswith(("yesterday", "last")) else 1 if word.startswith("tomorrow") else 0
    day = ctx.pub + timedelta(days=offset)
    return "relative", (day, day)


def _h_weekday(m: Match, ctx: _Ctx) -> Resolved:
    if (pub := ctx.pub) is None:
        return "relative", _NONE
    weekday, rel = _WEEKDAY_NO[m["wd"][:3].lower()], _rel(m["rel"])
    back = (pub.weekday() - weekday) % 7  # 0: published that very weekday, taken as the same day
    if rel == "last":
        back = back or 7
    elif rel == "next" or ctx.future:
        back = -((weekday - pub.weekday()) % 7 or 7)
    day = pub - timedelta(days=back)
    return "relative", (day, day)


def _h_vague(m: Match, ctx: _Ctx) -> Resolved | None:
    inner = _resolve(m["a"], ctx, [*_CORE_KEYS, "the_unit"])
    if inner is None or (inner[1][0] is not None and inner[1][0] == inner[1][1]):
        return inner  # "early Monday" is still that day
    kind, (begin, finish) = inner
    qualifier = m["q"].lower()
    if kind == "year" and begin is not None and "half" in qualifier:
        middle = date(begin.year, 7, 1)
        return "vague", (begin, middle - timedelta(days=1)) if "first" in qualifier else (middle, finish)
    return "vague", (begin, finish)


def _h_since(m: Match, ctx: _Ctx) -> Resolved:
    inner = _resolve(m["a"], replace(ctx, future=False), _INNER_KEYS) if m["a"] else None
    begin = inner[1][0] if inner else None
    # "since 2026" in a 2025 article can't end on publication; leave the end open.
    return "since", (begin, None if begin and ctx.pub and begin > ctx.pub else ctx.pub)


def _bound(text: str, other: str, ctx: _Ctx, direction: int) -> Interval:
    """One end of a range (`direction` -1 the start, +1 the end). A yearless end borrows
    the other end's year, moved one year outwards if that would put the ends out of
    order ("from November to February 2021" starts in November 2020); a yearless start
    with a yearless end is placed on its own and the end follows it."""
    interval = _interval(text, ctx)
    if _HAS_YEAR.search(text) or (direction < 0 and not _HAS_YEAR.search(other)):
        return interval
    anchor = _interval(other, ctx)
    if anchor[0] is None or anchor[1] is None:
        return interval
    mine = _interval(text, replace(ctx, year_hint=anchor[0].year))
    if mine[0] is not None and mine[1] is not None and (mine[0] > anchor[0] if direction < 0 else mine[1] < anchor[1]):
        mine = _interval(text, replace(ctx, year_hint=anchor[0].year + direction))
    return mine


def _h_range(m: Match, ctx: _Ctx) -> Resolved:
    left, right = m["a"] or m["a2"], m["b"] or m["b2"]
    begin, finish = _bound(left, right, ctx, -1)[0], _bound(right, left, ctx, 1)[1]
    if begin is not None and finish is not None and begin > finish:
        return "range", _NONE  # "from Monday to Wednesday" can't be placed without the tense
    return "range", (begin, finish)


def _h_span(m: Match, ctx: _Ctx) -> Resolved | None:
    """ "2019-2021", "2022-23", "January-March 2020", "January 5-7, 2024"."""
    g = m.groupdict()
    if g.get("y2"):
        first, y2 = int(g["year"]), g["y2"]
        last = int(y2) if len(y2) == 4 else first // 100 * 100 + int(y2)
        return ("range", (date(first, 1, 1), date(last, 12, 31))) if first < last < first + 100 else None
    if g.get("mon2"):
        first, last, year = _month_no(g["mon"]), _month_no(g["mon2"]), int(g["year"])
        return "range", (_month_span(year - (first > last), first)[0], _month_span(year, last)[1])
    month, first, last = _month_no(g["mon"]), int(g["day"]), int(g["day2"])
    if first >= last:
        return None
    year = int(g["year"]) if g["year"] else _pick_year(ctx, month, first)
    return "range", _NONE if year is None else (date(year, month, first), date(year, month, last))


_HANDLERS: dict[str, Callable[[Match, _Ctx], Resolved | None]] = {
    **dict.fromkeys(["iso", "mdy", "dmy", "md", "dm"], _h_date), **dict.fromkeys(["my", "month", "named"], _h_month),
    **dict.fromkeys(["year", "decade", "century"], _h_era), **dict.fromkeys(["past", "ago"], _h_count),
    **dict.fromkeys(["unit", "sofar", "the_unit"], _h_unit), **dict.fromkeys(["yspan", "mspan", "dspan"], _h_span),
    "season": _h_season, "day": _h_day, "weekday": _h_weekday, "vague": _h_vague, "since": _h_since,
    "range": _h_range,
}


def _apply(key: str, text: str, ctx: _Ctx) -> Resolved | None:
    match = _PARSERS[key].fullmatch(text)
    if match is None:
        return None
    try:
        return _HANDLERS[key](match, ctx)
    except (ValueError, OverflowError):  # "February 30", or arithmetic past year 9999
        return None


def _resolve(text: str, ctx: _Ctx, keys: Sequence[str]) -> Resolved | None:
    for key in keys:
        if (resolved := _apply(key, text, ctx)) is not None:
            return resolved
    return None


def _interval(text: str, ctx: _Ctx) -> Interval:
    resolved = _resolve(text, ctx, _INNER_KEYS)
    return resolved[1] if resolved else _NONE
