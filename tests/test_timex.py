"""Time expressions: what is found, and the interval each resolves to.

Unless a test says otherwise the article was published on Monday 13 January 2025.
"""

from __future__ import annotations

import random
import re
from datetime import date, datetime
from pathlib import Path

import pytest

from sitrep.model import TimeRef
from sitrep.nlp import timex
from sitrep.nlp.timex import TimeMention, find_times, resolve_time

PUB = date(2025, 1, 13)  # a Monday
GUM = Path(__file__).resolve().parents[2] / "shared" / "gold" / "gum-news" / "xml"


def only(text: str, published: date | None = PUB) -> tuple[str, str | None, str | None, str]:
    """The single mention in `text`, as (text, begin, finish, kind)."""
    mentions = find_times(text, published)
    assert len(mentions) == 1, mentions
    m = mentions[0]
    return m.text, m.begin, m.finish, m.kind


def interval(text: str, published: date | None = PUB) -> tuple[str | None, str | None]:
    return only(text, published)[1:3]


# ------------------------------------------------------------------------- absolute


@pytest.mark.parametrize("text, expected", [
    ("It happened on January 5, 2024.", ("January 5, 2024", "2024-01-05", "2024-01-05", "date")),
    ("It happened on 5 January 2024.", ("5 January 2024", "2024-01-05", "2024-01-05", "date")),
    ("It happened on the 5th of January, 2024.", ("the 5th of January, 2024", "2024-01-05", "2024-01-05", "date")),
    ("It happened on Friday, Jan. 5, 2024.", ("Friday, Jan. 5, 2024", "2024-01-05", "2024-01-05", "date")),
    ("Filed 2024-01-05 at noon.", ("2024-01-05", "2024-01-05", "2024-01-05", "date")),
    ("It began in January 2024.", ("January 2024", "2024-01-01", "2024-01-31", "month")),
    ("It began in Sept. 2023.", ("Sept. 2023", "2023-09-01", "2023-09-30", "month")),
    ("It began in 2022.", ("2022", "2022-01-01", "2022-12-31", "year")),
    ("the 2014 protests", ("2014", "2014-01-01", "2014-12-31", "year")),
    ("Prices rose in the 1990s.", ("the 1990s", "1990-01-01", "1999-12-31", "decade")),
    ("Prices rose in the '90s.", ("the '90s", "1990-01-01", "1999-12-31", "decade")),
    ("Music of the sixties.", ("the sixties", "1960-01-01", "1969-12-31", "decade")),
    ("Wars of the 20th century.", ("the 20th century", "1900-01-01", "1999-12-31", "century")),
    ("It peaked in summer 2022.", ("summer 2022", "2022-06-01", "2022-08-31", "season")),
])
def test_absolute_expressions_resolve(text, expected):
    assert only(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("on Jan. 5", ("2025-01-05", "2025-01-05")),  # earlier this year
    ("on March 3", ("2024-03-03", "2024-03-03")),  # not yet this year: last year's
    ("on January 13", ("2025-01-13", "2025-01-13")),  # the publication day itself
    ("on 3 March", ("2024-03-03", "2024-03-03")),
])
def test_yearless_date_is_latest_on_or_before_publication(text, expected):
    assert interval(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("in October", ("2024-10-01", "2024-10-31")),
    ("in January", ("2025-01-01", "2025-01-31")),
    ("In May, troops moved.", ("2024-05-01", "2024-05-31")),
])
def test_yearless_month_is_latest_not_after_publication(text, expected):
    assert interval(text) == expected


def test_month_and_year_after_and_are_both_found():
    found = [(m.text, m.begin) for m in find_times("in September and October, and in 2022 and 2023", PUB)]
    assert found == [("September", "2024-09-01"), ("October", "2024-10-01"), ("2022", "2022-01-01"),
                     ("2023", "2023-01-01")]


def test_invalid_calendar_date_is_not_a_mention():
    assert find_times("on February 30, 2024", PUB) == []


# ------------------------------------------------------------------------- relative


@pytest.mark.parametrize("text, expected", [
    ("today", ("2025-01-13", "2025-01-13", "relative")),
    ("tonight", ("2025-01-13", "2025-01-13", "relative")),
    ("this morning", ("2025-01-13", "2025-01-13", "relative")),
    ("yesterday", ("2025-01-12", "2025-01-12", "relative")),
    ("yesterday afternoon", ("2025-01-12", "2025-01-12", "relative")),
    ("last night", ("2025-01-12", "2025-01-12", "relative")),
    ("tomorrow", ("2025-01-14", "2025-01-14", "relative")),
    ("last week", ("2025-01-06", "2025-01-12", "week")),
    ("this week", ("2025-01-13", "2025-01-19", "week")),
    ("next week", ("2025-01-20", "2025-01-26", "week")),
    ("last month", ("2024-12-01", "2024-12-31", "month")),
    ("this month", ("2025-01-01", "2025-01-31", "month")),
    ("last year", ("2024-01-01", "2024-12-31", "year")),
    ("this year", ("2025-01-01", "2025-12-31", "year")),
    ("next year", ("2026-01-01", "2026-12-31", "year")),
    ("earlier this month", ("2025-01-01", "2025-01-13", "relative")),
    ("earlier this year", ("2025-01-01", "2025-01-13", "relative")),
    ("later this year", ("2025-01-13", "2025-12-31", "relative")),
    ("last summer", ("2024-06-01", "2024-08-31", "season")),
    ("this winter", ("2024-12-01", "2025-02-28", "season")),
])
def test_relative_expressions_resolve_against_publication(text, expected):
    assert only(text)[1:] == expected


def test_last_october_resolves_to_previous_october():
    assert only("last October") == ("last October", "2024-10-01", "2024-10-31", "month")


def test_last_month_name_of_the_publication_month_is_a_year_back():
    assert interval("last January") == ("2024-01-01", "2024-01-31")


@pytest.mark.parametrize("text", ["on Monday", "Monday", "this Monday"])
def test_weekday_named_on_its_own_day_is_the_same_day(text):
    assert interval(f"Troops crossed {text}.") == ("2025-01-13", "2025-01-13")


@pytest.mark.parametrize("text, expected", [
    ("on Friday", "2025-01-10"),
    ("on Sunday night", "2025-01-12"),
    ("last Monday", "2025-01-06"),  # "last" is strictly before publication
    ("last Friday", "2025-01-10"),
    ("next Monday", "2025-01-20"),
])
def test_weekday_resolves_to_the_right_week(text, expected):
    assert interval(text) == (expected, expected)


@pytest.mark.parametrize("text, expected", [
    ("The leaders will meet on Friday.", ("2025-01-17", "2025-01-17")),
    ("On Wednesday, the two leaders will meet.", ("2025-01-15", "2025-01-15")),
    ("Talks are set to resume on March 3.", ("2025-03-03", "2025-03-03")),
    ("He plans to visit in October.", ("2025-10-01", "2025-10-31")),
])
def test_future_cue_moves_yearless_times_forward(text, expected):
    assert interval(text) == expected


def test_report_verb_keeps_a_sentence_opening_weekday_in_the_past():
    assert interval("On Friday, officials said they will meet again.") == ("2025-01-10", "2025-01-10")


@pytest.mark.parametrize("text, expected", [
    ("two days ago", ("2025-01-11", "2025-01-11")),
    ("48 hours ago", ("2025-01-11", "2025-01-11")),
    ("three weeks ago", ("2024-12-23", "2024-12-29")),  # the week that holds the day
    ("a year ago", ("2024-01-01", "2024-12-31")),
    ("Seventeen years ago", ("2008-01-01", "2008-12-31")),
    ("twenty-five years ago", ("2000-01-01", "2000-12-31")),
    ("several days ago", ("2025-01-04", "2025-01-10")),
])
def test_ago_is_the_unit_that_many_units_back(text, expected):
    assert interval(text) == expected


@pytest.mark.parametrize("text", ["over the weekend", "this weekend", "last weekend"])
def test_weekend_is_the_latest_saturday_and_sunday(text):
    assert only(text)[1:] == ("2025-01-11", "2025-01-12", "weekend")


# ------------------------------------------------------------------------- windows, since, ranges


@pytest.mark.parametrize("text, expected", [
    ("in the past 24 hours", ("the past 24 hours", "2025-01-12", "2025-01-13", "past")),
    ("in the past week", ("the past week", "2025-01-06", "2025-01-13", "past")),
    ("over the past two years", ("the past two years", "2023-01-13", "2025-01-13", "past")),
    ("for the last 30 years", ("the last 30 years", "1995-01-13", "2025-01-13", "past")),
    ("in the past few months", ("the past few months", "2024-08-13", "2025-01-13", "past")),
])
def test_rolling_windows_end_on_publication(text, expected):
    assert only(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("since 2022", ("2022-01-01", "2025-01-13")),
    ("since January", ("2025-01-01", "2025-01-13")),
    ("since last October", ("2024-10-01", "2025-01-13")),
    ("since Feb. 24, 2022", ("2022-02-24", "2025-01-13")),
    ("since early June", ("2024-06-01", "2025-01-13")),
])
def test_since_runs_from_the_anchor_to_publication(text, expected):
    assert only(text)[1:] == (*expected, "since")


@pytest.mark.parametrize("text", ["since the start of the war", "since the Russian invasion", "since then"])
def test_since_an_event_keeps_begin_unresolved_and_the_text(text):
    assert only(f"Prices rose {text}.") == (text, None, "2025-01-13", "since")


@pytest.mark.parametrize("text, expected", [
    ("between 2019 and 2021", ("2019-01-01", "2021-12-31")),
    ("from March to May 2020", ("2020-03-01", "2020-05-31")),
    ("from November to February 2021", ("2020-11-01", "2021-02-28")),
    ("between July 2003 and December 2004", ("2003-07-01", "2004-12-31")),
    ("from 2006 to 2014", ("2006-01-01", "2014-12-31")),
    ("2019-2021", ("2019-01-01", "2021-12-31")),
    ("2012–13", ("2012-01-01", "2013-12-31")),
    ("January–March 2020", ("2020-01-01", "2020-03-31")),
    ("January 5-7, 2024", ("2024-01-05", "2024-01-07")),
    ("from Jan. 2 to Jan. 9", ("2025-01-02", "2025-01-09")),
])
def test_ranges_span_both_ends(text, expected):
    assert only(text)[1:] == (*expected, "range")


def test_range_whose_ends_cannot_be_ordered_stays_unresolved():
    assert interval("from Monday to Wednesday") == (None, None)


@pytest.mark.parametrize("text, expected", [
    ("mid-2023", ("2023-01-01", "2023-12-31")),
    ("late last year", ("2024-01-01", "2024-12-31")),
    ("in early October", ("2024-10-01", "2024-10-31")),
    ("the end of March", ("2024-03-01", "2024-03-31")),
    ("by the end of the year", ("2025-01-01", "2025-12-31")),
    ("in the early 1990s", ("1990-01-01", "1999-12-31")),
    ("the first half of 2023", ("2023-01-01", "2023-06-30")),
    ("the second half of 2023", ("2023-07-01", "2023-12-31")),
])
def test_vague_qualifiers_keep_the_whole_period(text, expected):
    assert only(text)[1:] == (*expected, "vague")


# ------------------------------------------------------------------------- without a publication date


@pytest.mark.parametrize("text", [
    "yesterday", "on Monday", "last week", "last October", "three weeks ago", "in the past week",
    "earlier this month", "on March 3", "in October", "this weekend",
])
def test_without_publication_relative_expressions_stay_unresolved(text):
    mention = find_times(text, None)
    assert len(mention) == 1 and (mention[0].begin, mention[0].finish) == (None, None)


@pytest.mark.parametrize("text, expected", [
    ("January 5, 2024", ("2024-01-05", "2024-01-05")),
    ("in 2022", ("2022-01-01", "2022-12-31")),
    ("the 1990s", ("1990-01-01", "1999-12-31")),
    ("between 2019 and 2021", ("2019-01-01", "2021-12-31")),
    ("from March to May 2020", ("2020-03-01", "2020-05-31")),
])
def test_without_publication_absolute_expressions_resolve(text, expected):
    assert interval(text, None) == expected


def test_without_publication_since_keeps_its_begin():
    assert interval("since 2022", None) == ("2022-01-01", None)


# ------------------------------------------------------------------------- what is not a time


@pytest.mark.parametrize("text", [
    "The 95-year-old veteran spoke.",
    "The fighting lasted for three weeks.",
    "About 300 soldiers were killed and 2,700 wounded.",
    "He sent 12,000 troops.",
    "A force of 2000 troops crossed.",
    "Kim may see his advancing nuclear program as leverage.",
    "North Korea may send more troops.",
    "Thousands joined a protest march.",
    "The Sunday Times reported the deal.",
    "Marchers remembered Bloody Sunday.",
    "He told USA Today.",
    "Theresa May said nothing.",
    "It cost $2022 and took 120245 steps.",
    "Account 12022024 was closed.",
    "Opening night drew crowds.",
    "On the last day, he left.",
])
def test_non_times_are_not_matched(text):
    assert find_times(text, PUB) == []


def test_real_article_sentence_yields_only_last_october():
    sentence = ("North Korea has been supplying Russia with considerable artillery and conventional weapons and "
                "previously deployed approximately 10,000 to 12,000 troops to Russia last October.")
    mentions = find_times(sentence, PUB)
    assert [(m.text, m.begin, m.finish) for m in mentions] == [("last October", "2024-10-01", "2024-10-31")]
    assert sentence[mentions[0].start:mentions[0].end] == "last October"


def test_modal_may_is_not_a_month():
    assert find_times("Kim may see his advancing nuclear program", PUB) == []


# ------------------------------------------------------------------------- the mention itself


def test_mention_offsets_index_the_text():
    text = "Officials said on Monday that since 2022 the area, shelled last week, had emptied."
    for mention in find_times(text, PUB):
        assert text[mention.start:mention.end] == mention.text
    assert [m.text for m in find_times(text, PUB)] == ["Monday", "since 2022", "last week"]


@pytest.mark.parametrize("text, mention", [
    ("on Monday", "Monday"), ("in 2022", "2022"), ("over the weekend", "the weekend"),
    ("in the past week", "the past week"), ("since 2022", "since 2022"), ("last Monday", "last Monday"),
])
def test_mention_text_leaves_out_a_governing_preposition(text, mention):
    assert only(text)[0] == mention


def test_keywords_are_case_insensitive_at_sentence_start():
    assert only("Last week, troops withdrew.")[:3] == ("Last week", "2025-01-06", "2025-01-12")


def test_to_timeref_carries_text_and_interval():
    mention = find_times("last October", PUB)[0]
    assert mention.to_timeref() == TimeRef(text="last October", start="2024-10-01", end="2024-10-31")


def test_datetime_publication_is_read_as_its_date():
    assert interval("yesterday", datetime(2025, 1, 13, 23, 59)) == ("2025-01-12", "2025-01-12")


def test_mention_is_immutable():
    mention = find_times("today", PUB)[0]
    with pytest.raises(AttributeError):
        mention.begin = "2000-01-01"  # type: ignore[misc]


# ------------------------------------------------------------------------- resolve_time


@pytest.mark.parametrize("expression, expected", [
    ("2022", ("2022-01-01", "2022-12-31")),  # a bare year needs no preposition here
    ("October", ("2024-10-01", "2024-10-31")),
    ("on Monday", ("2025-01-13", "2025-01-13")),
    ("last October,", ("2024-10-01", "2024-10-31")),
    ("since the start of the war", (None, "2025-01-13")),
    ("as of late last year", ("2024-01-01", "2024-12-31")),
    ("the deployment last October", ("2024-10-01", "2024-10-31")),  # the time inside a longer phrase
])
def test_resolve_time_reads_one_expression(expression, expected):
    assert resolve_time(expression, PUB) == expected


@pytest.mark.parametrize("expression", ["", "   ", "the opening night", "may", "2,700"])
def test_resolve_time_of_a_non_time_is_unresolved(expression):
    assert resolve_time(expression, PUB) == (None, None)


def test_resolve_time_without_publication_resolves_only_absolute():
    assert resolve_time("March 2020", None) == ("2020-03-01", "2020-03-31")
    assert resolve_time("last month", None) == (None, None)


# ------------------------------------------------------------------------- robustness and speed

_FUZZ_WORDS = ("May March Monday Sunday last this next since between from to and the of in on early mid late "
               "January Feb. 2024 1990s '90s 5th 31 29 2,700 12,000 - – ago years weeks days past few several "
               "weekend summer 95-year-old 0 9999 1600 2099 , . ( ) : / $ % \n").split(" ")


def test_fuzz_never_raises_and_mentions_are_consistent():
    rng = random.Random(20250113)
    alphabet = "aAmM01239 ,.-–'/$%\n\t\u00e9\u2014\U0001f600"
    for _ in range(2000):
        if rng.random() < 0.5:
            text = " ".join(rng.choice(_FUZZ_WORDS) for _ in range(rng.randint(0, 30)))
        else:
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        published = rng.choice([PUB, None, date(1, 1, 1), date(9999, 12, 31), date(2024, 2, 29)])
        mentions = find_times(text, published)
        assert mentions == find_times(text, published)  # deterministic
        previous_end = 0
        for m in mentions:
            assert isinstance(m, TimeMention) and text[m.start:m.end] == m.text
            assert m.start >= previous_end  # in order, never overlapping
            previous_end = m.end
            for day in (m.begin, m.finish):
                assert day is None or re.fullmatch(r"\d{4}-\d\d-\d\d", day)
            if m.begin and m.finish:
                assert m.begin <= m.finish
        resolve_time(text, published)


@pytest.mark.parametrize("value", [None, 42, b"Monday", ["last week"]])
def test_wrong_input_types_give_nothing_instead_of_raising(value):
    assert find_times(value, PUB) == []  # type: ignore[arg-type]
    assert resolve_time(value, PUB) == (None, None)  # type: ignore[arg-type]


def test_trigger_prefilter_finds_what_a_full_scan_finds():
    # `_candidates` tries only the rules that can begin with the word at hand, and only
    # at such words; it must find exactly what trying every rule everywhere finds.
    every_rule = timex._master(frozenset(key for key, _ in timex._RULES))
    rng = random.Random(7)
    words = _FUZZ_WORDS + "'last week' The the 5th Sept. an hour a few twenty-five the sixties".split(" ")
    texts = [" ".join(rng.choice(words) for _ in range(40)) for _ in range(500)]
    for text in [*texts, _article()]:
        fast = [(m.span(), m.lastgroup) for m in timex._candidates(text)]
        assert fast == [(m.span(), m.lastgroup) for m in every_rule.finditer(text)], text


def _article() -> str:
    paragraph = (
        "SEOUL, Jan 13 (Reuters) - North Korea has been supplying Russia with artillery and previously deployed "
        "approximately 10,000 to 12,000 troops to Russia last October, lawmakers said on Monday. About 300 "
        "soldiers have been killed and 2,700 wounded since the deployment, the spy agency said. Kim may see the "
        "war as a chance to test weapons; Pyongyang may send more troops in the coming months, analysts said. "
        "The war, which began in February 2022, has dragged on for nearly three years, and a 95-year-old "
        "veteran told the Sunday Times that a protest march was planned. ")
    return (paragraph * 12)[:5000]


def test_long_article_is_scanned_whole_without_overlaps():
    # Speed is measured in `make bench`, not here; this checks the scan on a long text.
    mentions = find_times(_article(), PUB)
    assert mentions and all(a.end <= b.start for a, b in zip(mentions, mentions[1:]))


# ------------------------------------------------------------------------- gold data (../shared)


def _gum_dates() -> list[tuple[date, str, str, str | None, str | None]]:
    """(published, sentence, date text, gold begin, gold end) for every <date> in GUM news."""
    import calendar

    def bound(value: str | None, end: bool) -> str | None:
        if value is None or "T" in value:
            return None
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 3:
            return value
        year, month = parts[0], parts[1] if len(parts) == 2 else (12 if end else 1)
        day = calendar.monthrange(year, month)[1] if end else 1
        return f"{year:04d}-{month:02d}-{day:02d}"

    def detokenise(tokens: list[str]) -> str:
        return re.sub(r" ([,.;:!?%)'])|([($]) ", r"\1\2", " ".join(tokens))

    rows = []
    for path in sorted(GUM.glob("*.xml")):
        xml = path.read_text(encoding="utf-8")
        published = date.fromisoformat(re.search(r'dateCreated="([^"]+)"', xml).group(1))
        for sentence in re.findall(r"<s [^>]*>(.*?)</s>", xml, re.S):
            tokens: list[str] = []
            spans: list[tuple[dict[str, str], int, int]] = []
            opened: tuple[dict[str, str], int] | None = None
            for line in sentence.split("\n"):
                if line.startswith("<date"):
                    opened = (dict(re.findall(r'(\w+)="([^"]*)"', line)), len(tokens))
                elif line.startswith("</date") and opened:
                    spans.append((opened[0], opened[1], len(tokens)))
                elif line and not line.startswith("<"):
                    tokens.append(line.split("\t")[0])
            for attrs, i, j in spans:
                begin = bound(attrs.get("when") or attrs.get("from") or attrs.get("notBefore"), False)
                end = bound(attrs.get("when") or attrs.get("to") or attrs.get("notAfter"), True)
                rows.append((published, detokenise(tokens), detokenise(tokens[i:j]), begin, end))
    return rows


@pytest.mark.quality
@pytest.mark.skipif(not GUM.is_dir(), reason="../shared/gold/gum-news not present")
def test_gum_news_dates_are_found_and_resolved():
    # Floors measured when this test was written (found 172/194, equal 149/194); GUM
    # marks each end of a range separately and annotates discourse times ("the opening
    # night") that are out of scope, so 100% is not reachable.
    rows = _gum_dates()
    found = equal = 0
    for published, sentence, text, begin, end in rows:
        hits = [m for m in find_times(sentence, published) if text in m.text or m.text in text]
        found += bool(hits)
        got = (hits[0].begin, hits[0].finish) if hits else resolve_time(text, published)
        equal += got == (begin, end)
    assert len(rows) >= 190
    assert found / len(rows) >= 0.87, found
    assert equal / len(rows) >= 0.75, equal
