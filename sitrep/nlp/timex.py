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
"""

from __future__ import annotations

import calendar
import re
import string
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta

from sitrep.model import TimeRef

__all__ = ["TimeMention", "find_times", "resolve_time"]

Interval = tuple[date | None, date | None]
Span = tuple[date, date]  # an interval known to be resolved
Resolved = tuple[str, Interval]
Match = re.Match[str]
_NONE: Interval = (None, None)


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


@dataclass(frozen=True)
class _Ctx:
    pub: date | None
    future: bool = False
    year_hint: int | None = None  # a range end lends its year to a yearless other end


# ----------------------------------------------------------------------------- patterns


def _ci(pattern: str) -> str:
    # Keywords are case-insensitive; month and weekday names are not, which is what keeps
    # "may" the verb and "a march" the noun out.
    return f"(?i:{pattern})"


_MONTH_NAMES = "January February March April May June July August September October November December".split()
_MONTH_NO = {name[:3].lower(): n for n, name in enumerate(_MONTH_NAMES, 1)}
_MONTHS = "|".join(rf"{n[:3]}(?:{n[3:]}|\.)?" if len(n) > 3 else n for n in _MONTH_NAMES).replace("Sep(", r"Sep(?:t\.?)?(")
_WEEKDAY_STEMS = "Mon Tues Wednes Thurs Fri Satur Sun".split()
_WEEKDAY_NO = {stem[:3].lower(): n for n, stem in enumerate(_WEEKDAY_STEMS)}
_SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_ONES = "one two three four five six seven eight nine".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_NUMBER_WORDS = {"a": 1, "an": 1, **{w: n for n, w in enumerate(_ONES, 1)}, **{w: n for n, w in enumerate(_TEENS, 10)},
                 **{w: 10 * n for n, w in enumerate(_TENS, 2)}}
_DECADE_WORDS = {w[:-1] + "ies": 1900 + 10 * n for n, w in enumerate(_TENS, 2)}  # "the sixties"
_FUZZY = {"a few": (2, 5), "few": (2, 5), "several": (3, 9), "a couple": (2, 2), "a couple of": (2, 2)}


def _month(name: str = "mon") -> str:
    return rf"(?P<{name}>{_MONTHS})(?![a-z])"


def _day(name: str = "day") -> str:
    return rf"(?<![\d,.$])(?P<{name}>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\w|[.,:]\d)"


# A year never touches other digits, a currency sign or a thousands separator.
_YEAR = r"(?<![\w$£€.,/])(?P<year>1[6-9]\d\d|20\d\d)(?![\w%]|[.,:/]\d)"
_WD = rf"(?P<wd>(?:{'|'.join(_WEEKDAY_STEMS)})day)(?!\w)"
_WD_PREFIX = rf"(?:(?:{'|'.join(_WEEKDAY_STEMS)})day,?\s+)?"
_THE = _ci("the") + r"\s+"
_REL = _ci(r"last|this\s+past|this\s+coming|this|next")
_UNIT = _ci(r"(?P<unit>hour|day|week|month|year|decade)(?P<pl>s)?")
_NUM = _ci(f"(?:{'|'.join(_TENS)})-(?:{'|'.join(_ONES)})|" + r"\d{1,3}|"
           + "|".join(sorted([*_NUMBER_WORDS, *_FUZZY], key=len, reverse=True)).replace(" ", r"\s+"))
_SEASON = _ci("spring|summer|autumn|fall|winter")
_PART = _ci("morning|afternoon|evening|night")

_CORE_RULES: list[tuple[str, str]] = [
    ("iso", r"(?<![\w/.-])(?P<year>\d{4})-(?P<mo>[01]\d)-(?P<d>[0-3]\d)(?![\d-])"),
    ("mdy", rf"{_WD_PREFIX}{_month()}\s+{_day()},?\s+{_YEAR}"),
    ("dmy", rf"{_WD_PREFIX}(?:{_THE})?{_day()}(?:\s+of)?\s+{_month()},?\s+{_YEAR}"),
    ("md", rf"{_WD_PREFIX}{_month()}\s+{_day()}"),
    ("dm", rf"{_WD_PREFIX}(?:{_THE})?{_day()}(?:\s+of)?\s+{_month()}"),
    ("my", rf"{_month()}(?:\s+of|,)?\s+{_YEAR}"),
    ("decade", rf"(?:{_THE})?(?:(?<![\w$£€.,/])(?P<dec>(?:1[6-9]|20)\d0)s|'(?P<short>\d)0s)|"
               + _ci(rf"the\s+(?P<word>{'|'.join(_DECADE_WORDS)})")),
    ("century", _ci(r"(?:the\s+)?(?P<nth>[12]\d|[1-9])(?:st|nd|rd|th)\s+century")),
    ("season", rf"(?P<rel>{_REL})\s+(?P<s>{_SEASON})|(?:{_THE})?(?P<s2>{_SEASON})\s+(?:of\s+)?{_YEAR}"),
    ("past", _ci(rf"(?:the\s+)?past\s+|the\s+last\s+|last\s+(?=(?:{_NUM})\s)")
             + rf"(?:(?P<num>{_NUM})\s+)?{_UNIT}(?!\s+of\b)"),
    ("ago", rf"(?:(?P<num>{_NUM})\s+)?{_UNIT}\s+{_ci('ago')}"),
    ("unit", rf"(?P<rel>{_REL})\s+(?P<unit>{_ci('weekend|week|month|year')})(?!\s+of\b)|{_THE}{_ci('weekend')}"),
    ("named", rf"(?P<rel>{_REL})\s+{_month()}"),
    ("day", _ci(rf"(?:yesterday|tomorrow)(?:\s+{_PART})?|today|tonight|last\s+night|"
                r"(?:this|earlier|later)\s+(?:morning|afternoon|evening)|(?:earlier|later)\s+today")),
    ("weekday", rf"(?:(?P<rel>{_REL})\s+)?{_WD}(?:\s+(?P<part>{_PART}))?"),
    ("month", _month()),
    ("year", _YEAR),
]


def _unnamed(pattern: str) -> str:
    # Rules are embedded in each other and in the scanning patterns, where group names
    # would clash; handlers re-parse the matched text with the named original.
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


_CORE = "|".join(_unnamed(src) for _, src in _CORE_RULES)
_VAGUE = _ci(r"(?P<q>(?:the\s+)?(?:early|mid|late)(?:-|\s+)|(?:the\s+)?(?:start|beginning|end|middle|"
             r"first\s+half|second\s+half)\s+of\s+)") + f"(?P<a>{_CORE}|{_THE}{_ci('week|month|year')})"
_INNER = f"{_unnamed(_VAGUE)}|{_CORE}"
# "since the start of the war": an anchor that is an event, not a date.
_ANCHOR = (_ci("then") + "|" + _ci(r"the\s+(?:start|beginning|outbreak|onset|end)\s+of\s+(?:(?:the|its|this)\s+)?")
           + rf"(?:[A-Z][\w'-]*\s+){{0,3}}[\w'-]+|{_THE}(?:[A-Z][\w'-]*\s+){{0,3}}"
           + _ci(r"(?:war|invasion|conflict|fighting|offensive|ceasefire|truce|elections?|pandemic|coup|"
                 r"attacks?|uprising|revolution|crisis|occupation|annexation|agreement|deal|talks|summit)"))
_TO = rf"(?:\s+{_ci('to|until|till|through|thru')}\s+|\s*[-–—]\s*)"
_DASH = r"\s*[-–—]\s*"

_RULES: list[tuple[str, str]] = [
    ("since", rf"{_ci('since')}\s+(?:(?P<a>{_INNER})|(?P<anchor>{_ANCHOR}))"),
    ("range", rf"{_ci('between')}\s+(?P<a>{_INNER})\s+{_ci('and')}\s+(?P<b>{_INNER})|"
              rf"{_ci('from')}\s+(?P<a2>{_INNER}){_TO}(?P<b2>{_INNER})"),
    _CORE_RULES[0],  # "iso" before "yspan": 2024-01-05 is not the years 2024-2001
    ("yspan", rf"{_YEAR}\s*[-–—/]\s*(?P<y2>\d{{4}}|\d\d)(?!\d)"),
    ("mspan", rf"{_month()}{_DASH}{_month('mon2')},?\s+{_YEAR}"),
    ("dspan", rf"{_month()}\s+{_day()}{_DASH}{_day('day2')}(?:,?\s+{_YEAR})?"),
    ("vague", _VAGUE),
    ("sofar", _ci(r"(?P<q>earlier|later)\s+(?:this|in\s+the)\s+(?P<unit>week|month|year)")),
    *_CORE_RULES[1:],
]
# "the year" alone is too common to be a time; in "the end of the year" it is this year.
_THE_UNIT = ("the_unit", _ci(r"(?P<rel>the)\s+(?P<unit>week|month|year)"))
_PARSERS = {key: re.compile(src) for key, src in [*_RULES, _THE_UNIT]}
_CORE_KEYS = [key for key, _ in _CORE_RULES]
_ALL_KEYS = [key for key, _ in _RULES]
_INNER_KEYS = ["vague", *_CORE_KEYS]


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

_CUE = re.compile(r"(?:\b" + _ci(r"in|since|by|until|till|during|before|after|from|through|throughout|as\s+of")
                  + rf"|(?:\d{{4}}|{_MONTHS}),?\s+" + _ci("and|or") + r")\s+$")
# A bare four-digit number before these is a count, not a year ("by 2000 troops").
_COUNTED = re.compile(_ci(r"\s+(?:troops|soldiers|people|civilians|residents|refugees|migrants|workers|fighters|"
                          r"militants|prisoners|men|women|children|casualties|deaths|dead|injured|wounded|homes|"
                          r"houses|vehicles|tanks|missiles|rockets|drones|shells|rounds|units|votes|dollars|euros|"
                          r"pounds|tons|tonnes|barrels|km|kilometres|kilometers|miles|metres|meters|feet|acres)\b"))
_NAMED_DAY_BEFORE = re.compile(r"\b(?:Bloody|Good|Black|Cyber|Super|Ash|Palm|Easter|Holy|Maundy|Shrove)\s+$")
_NAMED_DAY_AFTER = re.compile(r"\s+(?:Times|Telegraph|Mirror|Express|Post|Herald|Mail|Tribune|Independent|Star|"
                              r"Sport|People|Review|Football|Live|Agreement|Massacre|Service|School)\b")
_FUTURE = re.compile(_ci(r"\b(?:will|shall|won't|would|(?:is|are)\s+(?:due|going|planning)?\s*to|(?<!was\s)"
                         r"(?<!were\s)(?:set|slated|scheduled|poised|plans?|intends?|aims?|expected)\s+to|expects?|"
                         r"predicts?|forecasts?|upcoming|(?:scheduled|planned)\s+for)\b|'ll\b"))
# "On Monday, officials said they will ...": a report verb before the cue keeps Monday past.
_REPORTED = re.compile(_ci(r"\b(?:said|says|told|announced|reported|added|noted|stated|claimed|confirmed|warned|"
                           r"wrote|declared)\b"))
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s")
_OPENING = re.compile(r"\s*(?:[\"“(]\s*)?(?:" + _ci(r"on|by|from|until|in|early|late") + r"\s+)?")
_TENSED = frozenset({"md", "dm", "month", "weekday", "unit", "range", "dspan"})  # rules that read the tense
_HAS_YEAR = re.compile(r"\d{4}|'\d0s")
_LEADING_PREPOSITION = re.compile(_ci(r"(?:in|on|at|during|over|for|as\s+of)\s+"))


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


# ----------------------------------------------------------------------------- scanning


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
