import pytest

from sitrep.nlp.numbers import find_numbers


def only(text):
    [mention] = [m for m in find_numbers(text) if m.kind in ("count", "money")]
    return mention.low, mention.high, mention.approximate, mention.qualifier


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2,700 wounded", (2700, 2700, False, None)),
        ("two thousand people", (2000, 2000, False, None)),
        ("1.5 million refugees", (1_500_000, 1_500_000, False, None)),
        ("12k troops", (12000, 12000, False, None)),
        ("a dozen villagers", (12, 12, True, None)),
        ("dozens of people", (24, None, True, None)),
        ("hundreds of soldiers", (200, None, True, None)),
        ("tens of thousands of protesters", (20000, None, True, None)),
        ("10,000 to 12,000 troops", (10000, 12000, False, None)),
        ("between 20 and 30 killed", (20, 30, False, None)),
        ("10-12,000 troops", (10000, 12000, False, None)),
        ("about 300 soldiers", (300, 300, True, "about")),
        ("nearly 300 soldiers", (None, 300, True, "nearly")),
        ("at least 107 dead", (107, None, False, "at least")),
        ("more than 20 people", (20, None, False, "more than")),
        ("over 345 pilgrims", (345, None, False, "over")),
        ("up to 3,000 troops", (None, 3000, False, "up to")),
        ("as many as 32 people", (None, 32, False, "as many as")),
        ("fewer than ten people", (None, 10, False, "fewer than")),
        ("Sixty-six people or more", (66, None, False, "or more")),
        ("the toll surpassed one million", (1_000_000, None, False, "surpassed")),
    ],
)
def test_numbers_read_as_intervals(text, expected):
    assert only(text) == expected


@pytest.mark.parametrize(
    "text, kind",
    [
        ("in 2022 the war", "year"),
        ("aged 95", "age"),
        ("a 30-year-old man", "age"),
        ("on January 5", "date"),
        ("45% of voters", "percent"),
        ("at 10:30 a.m.", "time"),
        ("a magnitude 6.3 quake hit 20 km away", "measure"),
    ],
)
def test_years_dates_ages_percentages_are_not_counts(text, kind):
    assert {m.kind for m in find_numbers(text)} == {kind}


def test_money_keeps_its_currency():
    [money] = find_numbers("$2 million in aid and 5 million euros in loans")[:1]
    assert (money.low, money.kind, money.unit) == (2_000_000, "money", "USD")
    assert find_numbers("5 million euros")[0].unit == "EUR"


def test_change_from_one_count_to_another_is_two_numbers():
    assert [(m.low, m.high) for m in find_numbers("the toll rose from fourteen to 31")] == [(14, 14), (31, 31)]


def test_ordinals_and_decades_are_not_numbers():
    assert find_numbers("the 3rd battalion in the 1990s") == []
