"""The grammar of time expressions: vocabulary, the rules `timex` scans with, and the
words around a match that decide whether it is a time and which way it points.

Each rule is a (key, regex) pair; a rule's key names the handler in `timex_resolve`
that turns its match into an interval. Named groups in a rule are what the handlers
read; `_unnamed` strips them where rules are embedded in one another.
"""

from __future__ import annotations

import re

# ----------------------------------------------------------------------------- vocabulary


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


# ----------------------------------------------------------------------------- rules


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


# ----------------------------------------------------------------------------- context

# What a rule can't say: the words around a match that make it a time or not, and
# that point it forwards or back (read by `timex`; `_HAS_YEAR` by range resolution).
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
