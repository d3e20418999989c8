"""Numbers in news text, read as intervals and told apart by what they are.

"about 300" is [300, 300] approximate; "at least 107" is [107, ∞); "10,000 to 12,000"
is [10000, 12000]; "dozens" is [24, ∞) approximate. Years, dates, ages, ordinals,
times, percentages and measurements are recognised as such (`kind`) so that later
stages never take "2022" or "aged 95" for a count; money keeps its currency (`unit`).

Pure functions over the text; regexes compiled once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000}
_SHORT_SCALES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000, "b": 1_000_000_000}

# Vague plurals: the smallest value the word allows, always approximate.
_VAGUE = {
    "dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2_000, "millions": 2_000_000,
    "billions": 2_000_000_000, "tens of thousands": 20_000, "hundreds of thousands": 200_000,
    "tens of millions": 20_000_000, "hundreds of millions": 200_000_000,
}

# Qualifier phrase → (bound kind, approximate). "low" keeps the value as the lower bound.
_QUALIFIERS: dict[str, tuple[str, bool]] = {
    "about": ("point", True), "around": ("point", True), "approximately": ("point", True),
    "roughly": ("point", True), "some": ("point", True), "an estimated": ("point", True),
    "estimated": ("point", True), "approx.": ("point", True), "circa": ("point", True),
    "nearly": ("high", True), "almost": ("high", True), "close to": ("high", True),
    "just under": ("high", True), "at least": ("low", False), "more than": ("low", False),
    "over": ("low", False), "upwards of": ("low", False), "in excess of": ("low", False),
    "just over": ("low", False), "at minimum": ("low", False), "no fewer than": ("low", False),
    "up to": ("high", False), "as many as": ("high", False), "at most": ("high", False),
    "no more than": ("high", False), "fewer than": ("high", False), "less than": ("high", False),
    "under": ("high", False), "as few as": ("low", False), "as much as": ("high", False),
}

_WORD = r"(?:" + "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True)) + r")"
_WORD_NUMBER = (
    rf"(?:(?:a|one|{_WORD}(?:[- ]{_WORD})?)\s+(?:hundred|thousand|million|billion)(?:\s+(?:and\s+)?{_WORD}(?:[- ]{_WORD})?)?"
    rf"|{_WORD}(?:-{_WORD})?)"
)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_SCALE = r"(?:\s*(?:hundred|thousand|million|billion|trillion)\b|(?:k|m|mn|bn)\b)"
_CURRENCY_PREFIX = r"(?:US\$|C\$|A\$|HK\$|\$|€|£|¥|₩|₹|₽|Rs\.?\s?|USD\s?|EUR\s?|GBP\s?)"
_NUMBER = rf"(?:{_CURRENCY_PREFIX})?(?:{_DIGITS}{_SCALE}?|{_WORD_NUMBER}|a dozen|a couple of)"
_QUALIFIER = "|".join(re.escape(q) for q in sorted(_QUALIFIERS, key=len, reverse=True))
_VAGUE_RE = "|".join(re.escape(v) for v in sorted(_VAGUE, key=len, reverse=True))

NUMBER_RE = re.compile(
    rf"(?<![\w.$€£¥:/-])(?:(?P<qual>{_QUALIFIER})\s+)?"
    rf"(?:between\s+(?P<b_low>{_NUMBER})\s+and\s+(?P<b_high>{_NUMBER})"
    rf"|(?P<low>{_NUMBER})(?:\s*(?:to|-|–|—)\s*(?P<high>{_NUMBER}))?"
    rf"|(?P<vague>{_VAGUE_RE}))(?![\w])",
    re.IGNORECASE,
)

_AFTER_QUALIFIER = re.compile(r"(?:\s+[a-z]+)?\s+(?P<q>or more|or so|and counting)\b|(?P<q2>-plus)\b", re.I)
_VERB_QUALIFIER = re.compile(r"\b(?P<q>exceed(?:ed|s|ing)?|surpass(?:ed|es|ing)?|topp(?:ed|ing)|tops?|pass(?:ed|es)?)\s+$", re.I)
_MONTHS = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "usd": "USD", "euro": "EUR", "euros": "EUR", "eur": "EUR",
    "pound": "GBP", "pounds": "GBP", "sterling": "GBP", "gbp": "GBP", "yen": "JPY", "yuan": "CNY",
    "renminbi": "CNY", "won": "KRW", "rupee": "INR", "rupees": "INR", "ruble": "RUB", "rubles": "RUB",
    "roubles": "RUB", "hryvnia": "UAH", "hryvnias": "UAH", "shekels": "ILS", "francs": "CHF",
}
_CURRENCY_SYMBOLS = {"$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP",
                     "gbp": "GBP", "¥": "JPY", "₩": "KRW", "₹": "INR", "rs": "INR", "rs.": "INR",
                     "₽": "RUB", "c$": "CAD", "a$": "AUD", "hk$": "HKD"}
_CURRENCY_AFTER = re.compile(
    r"^\s*(?:U\.?S\.?\s+|American\s+|Canadian\s+|Australian\s+)?(" + "|".join(_CURRENCY_WORDS) + r")\b", re.I
)
_MEASUREMENT_UNITS = re.compile(
    r"^\s*(?:-\s*)?(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries|"
    r"km|kilomet(?:er|re)s?|miles?|met(?:er|re)s?|m\b|feet|foot|ft|inch(?:es)?|cm|mm|acres?|hectares?|"
    r"square|sq|kg|kilograms?|tonnes?|tons?|pounds? of|lbs?|degrees?|°|mph|km/h|knots|"
    r"magnitude|points?|percent|per ?cent|%|times|fold|storeys?|stories|floors?|pages?|"
    r"megawatts?|mw|gigawatts?|liters?|litres?|gallons?|barrels?)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class NumberMention:
    start: int
    end: int
    text: str
    low: float | None
    high: float | None
    approximate: bool
    qualifier: str | None
    kind: str          # count | money | year | date | time | age | ordinal | percent | measure
    unit: str | None = None


def _word_value(text: str) -> float | None:
    """'two thousand', 'twenty-five', 'a hundred and ten' → numbers."""
    total = current = 0
    seen = False
    for word in re.split(r"[\s-]+", text.lower()):
        if word in ("and", ""):
            continue
        if word in ("a", "one") and not seen:
            current, seen = 1, True
        elif word in _UNITS:
            current += _UNITS[word]
            seen = True
        elif word in _TENS:
            current += _TENS[word]
            seen = True
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _SCALES:
            total += (current or 1) * _SCALES[word]
            current = 0
        else:
            return None
    return float(total + current) if seen or total else None


def parse_number(text: str) -> tuple[float | None, str | None]:
    """One number as written → (value, currency code or None)."""
    raw = text.strip()
    lowered = raw.lower()
    if lowered == "a dozen":
        return 12.0, None
    if lowered == "a couple of":
        return 2.0, None
    currency = None
    prefix = re.match(_CURRENCY_PREFIX, raw, re.I)
    if prefix:
        currency = _CURRENCY_SYMBOLS.get(prefix.group(0).strip().lower())
        raw = raw[prefix.end():]
    digits = re.match(rf"({_DIGITS})\s*(hundred|thousand|million|billion|trillion|k|m|mn|bn)?$", raw.strip(), re.I)
    if digits:
        value = float(digits.group(1).replace(",", ""))
        scale = (digits.group(2) or "").lower()
        value *= _SCALES.get(scale) or _SHORT_SCALES.get(scale) or 1
        return value, currency
    return _word_value(raw), currency


def _clean(value: float | None) -> float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value  # type: ignore[return-value]


def _classify(text: str, start: int, end: int, low: float | None, match: re.Match[str], unit: str | None) -> tuple[str, str | None]:
    before = text[max(0, start - 30):start]
    after = text[end:end + 40]
    token = match.group(0)
    currency = _CURRENCY_AFTER.match(after)
    if unit or currency:
        if not unit and currency:
            unit = _CURRENCY_WORDS.get(currency.group(1).lower())
        return "money", unit
    if re.match(r"^\s*(?:%|percent\b|per cent\b|percentage points?\b)", after, re.I):
        return "percent", None
    if re.match(r"^(?:st|nd|rd|th)\b", after):
        return "ordinal", None
    if re.match(r"^\s*[:.]\d{2}\b|^\s*(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock)", after, re.I):
        return "time", None
    if re.match(r"^[\s-]*(?:years?|months?|weeks?|days?)[\s-]*old\b|^-year-old", after, re.I) or re.search(
        r"\b(?:aged?|ages)(?:\s+of)?(?:\s+between)?\s*$", before, re.I):
        return "age", None
    if re.search(rf"\b{_MONTHS}\s*$", before, re.I) or re.match(rf"^\s*(?:of\s+)?{_MONTHS}\b", after, re.I):
        if low is not None and 1 <= low <= 31 and "," not in token:
            return "date", None
    if (low is not None and re.fullmatch(r"(?:1[5-9]|20)\d\d", token.strip()) and
            not re.match(r"^\s+[a-z]+s\b", after)):
        return "year", None
    if re.match(r"^'?s\b", after) and re.fullmatch(r"\d{2,4}", token.strip()):
        return "year", None  # "the 1990s"
    if _MEASUREMENT_UNITS.match(after) or re.search(r"\b(?:magnitude|category|level|grade|scale of)\s*$", before, re.I):
        return "measure", None
    return "count", None


def find_numbers(text: str, start: int = 0, end: int | None = None) -> list[NumberMention]:
    """Every number expression in `text[start:end]`, left to right, with its interval and kind."""
    found: list[NumberMention] = []
    for match in NUMBER_RE.finditer(text, start, len(text) if end is None else end):
        if match.group("high") and re.search(r"\bfrom\s+$", text[:match.start()], re.I) and re.match(
            r"\s*to\s", text[match.end("low"):match.start("high")] + " ", re.I
        ):
            # "rose from fourteen to 31" is a change between two counts, not a range.
            found.extend(find_numbers(text, match.start("low"), match.end("low")))
            found.extend(find_numbers(text, match.start("high"), match.end("high")))
            continue
        qualifier = (match.group("qual") or "").lower() or None
        approximate = False
        if match.group("vague"):
            low, high, approximate, unit = float(_VAGUE[match.group("vague").lower()]), None, True, None
        else:
            low_text = match.group("b_low") or match.group("low")
            high_text = match.group("b_high") or match.group("high")
            low, unit = parse_number(low_text)
            high, high_unit = parse_number(high_text) if high_text else (low, None)
            unit = unit or high_unit
            # "a dozen" and "a couple of" are round figures, not counts.
            approximate = low_text.lower() in ("a dozen", "a couple of")
            if low is None or high is None:
                continue
            if high_text and low and high and low < high / 100 and re.search(r"(?:,\d{3}|thousand|million|billion|k|bn)\s*$", high_text, re.I):
                # "10-12,000" and "two to three million": the low end shares the high's scale.
                scale = 10 ** (len(str(int(high))) - len(str(int(low))))
                low = low * scale if low * scale <= high else low
            if high_text and high < low:
                # "1990-91"-style or a stray dash between unrelated numbers: read the first only.
                continue
        start, end = match.start(), match.end()
        if not qualifier:
            # Qualifiers that follow the number or are a verb: "66 people or more",
            # "300 or so", "surpassed one million", "exceeded 100".
            after = _AFTER_QUALIFIER.match(text, end)
            before = _VERB_QUALIFIER.search(text[max(0, start - 20):start])
            if after:
                qualifier = (after.group("q") or after.group("q2")).lower()
            elif before:
                qualifier = before.group("q").lower()
                start -= len(before.group(0))
        bound, qual_approx = _QUALIFIERS.get(qualifier or "", ("point", False))
        if qualifier and qualifier not in _QUALIFIERS:
            bound, qual_approx = ("point", True) if qualifier == "or so" else ("low", False)
        if qualifier and bound == "low" and low is not None:
            high = None
        elif qualifier and bound == "high":
            high, low = (high if high is not None else low), None
        approximate = approximate or qual_approx
        kind, unit = _classify(text, match.start("b_low") if match.group("b_low") else (match.start("low") if match.group("low") else match.start("vague")), end, low if low is not None else high, match, unit)
        if kind not in ("count", "money") and qualifier:
            # A qualifier before a year or a measurement is ordinary prose ("over 2022").
            start = match.start("low") if match.group("low") else match.start()
            qualifier, approximate = None, False
            low, high = (low if low is not None else high), (high if high is not None else low)
        found.append(NumberMention(start, end, text[start:end], _clean(low), _clean(high), approximate, qualifier, kind, unit))
    return found

