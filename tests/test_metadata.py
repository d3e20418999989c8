import pytest

from sitrep.clean import metadata as meta
from sitrep.clean.outlets import outlet_from_reference, registered_domain
from sitrep.clean.text_clean import classify_blocks, split_blocks


def origin(text):
    found = meta.original_source_from_blocks(classify_blocks(split_blocks(text), known_title="t"))
    return (found.name, found.domain) if found else None


BODY = "Officials said on Monday that the talks had collapsed after three days of negotiations."


@pytest.mark.parametrize(
    "credit, expected",
    [
        ("Original Source: www.nbcnews.com", ("NBC News", "nbcnews.com")),
        ("Source: https://www.reuters.com/world/asia/some-story-2025-01-13/", ("Reuters", "reuters.com")),
        ("This article originally appeared on The Conversation.", ("The Conversation", None)),
        ("This story was first published by the BBC", None),  # "the BBC" unknown as written: still a credit line
        ("— Associated Press", ("Associated Press", "apnews.com")),
        ("Reuters contributed to this report.", ("Reuters", "reuters.com")),
    ],
)
def test_credit_lines_name_the_original_source(credit, expected):
    result = origin(f"{BODY}\n\n{credit}")
    if expected is None:
        assert result is None or result[0]
    else:
        assert result == expected


def test_wire_dateline_names_the_wire():
    assert origin("SEOUL, Jan 13 (Reuters) - North Korea fired a missile on Monday, officials said.") == (
        "Reuters", "reuters.com")
    assert origin("(AP) — The storm made landfall overnight, forecasters said.") == ("Associated Press", "apnews.com")


def test_no_credit_no_source():
    assert origin(BODY) is None


def test_registered_domain_handles_public_suffixes():
    assert registered_domain("https://www.bbc.co.uk/news/world-123") == "bbc.co.uk"
    assert registered_domain("www.nbcnews.com") == "nbcnews.com"
    assert registered_domain("not a domain") is None
    assert outlet_from_reference("bbc.com").name == "BBC"


def test_byline_from_by_line_and_from_biography():
    blocks = classify_blocks(split_blocks("Storm Hits Coast\n\nBy Jane Doe, John Roe & Ann Poe\n\n" + BODY))
    assert meta.byline_from_blocks(blocks) == ["Jane Doe", "John Roe", "Ann Poe"]
    bio = ("Michael Grant has spent two decades in journalism as a reporter and editor, "
           "and his work has earned awards.")
    blocks = classify_blocks(split_blocks(f"Storm Hits Coast\n\n{BODY}\n\n{BODY}\n\n{bio}"))
    assert meta.byline_from_blocks(blocks) == ["Michael Grant"]


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("2025-01-13", "2025-01-13"),
        ("January 13, 2025", "2025-01-13"),
        ("Published: 13 Jan 2025", "2025-01-13"),
        ("Updated Jan. 13, 2025 at 10:42 a.m.", "2025-01-13T10:42:00"),
        ("not a date at all", None),
        (None, None),
    ],
)
def test_dates_are_normalised_to_iso(raw, expected):
    assert meta.normalise_date(raw) == expected


def test_language_of_english_and_french():
    assert meta.detect_language(BODY) == "en"
    assert meta.detect_language("Les négociations ont repris lundi à Genève entre les deux délégations.") == "fr"
    assert meta.detect_language("Hi") is None


def test_published_date_from_the_url():
    assert meta.published_from_url("https://example.com/briefing-room/2021/01/15/fact-sheet/") == "2021-01-15"
    assert meta.published_from_url("https://example.com/news/2019-11-23-storm-hits") == "2019-11-23"
    assert meta.published_from_url("https://example.com/2021/13/45/x") is None
    assert meta.published_from_url(None) is None
