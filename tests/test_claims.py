"""The claims stage on texts written for the test, and on the seed."""

from datetime import date
from pathlib import Path

import pytest

from sitrep.nlp.claims import extract_claims
from sitrep.nlp.quotes import extract_quotes
from sitrep.pipeline import Pipeline
from sitrep.readers import iter_documents
from sitrep.settings import Settings

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_5e053334273b3f60.txt"


@pytest.fixture(scope="module")
def claims_of(nlp):
    def run(text, published=date(2025, 1, 13)):
        doc = nlp(text)
        return extract_claims(doc, published, extract_quotes(doc))
    return run


def test_counted_noun_measure_and_predicate(claims_of):
    [killed, wounded] = claims_of("A bomb killed 16 people and injured 20 others in the market on Sunday.")
    assert (killed.measure, killed.counted, killed.value.low) == ("killed", "people", 16)
    assert (wounded.measure, wounded.value.low) == ("wounded", 20)
    assert killed.time.start == "2025-01-12" and killed.source.kind == "article"
    assert killed.modality == "asserted"


def test_a_passive_right_after_the_count_says_what_happened_to_it(claims_of):
    # The parser hangs "were injured" on "caused"; the words after "people" still tell.
    [deaths, injured] = claims_of("The stampede caused at least 56 deaths and over 200 people were injured.")
    assert (deaths.measure, deaths.value.low) == ("killed", 56)
    assert (injured.measure, injured.counted, injured.value.low) == ("wounded", "people", 200)


def test_according_to_names_the_source_and_makes_it_reported(claims_of):
    [claim] = claims_of("According to the Interior Ministry, at least 45 protesters were arrested.")
    assert claim.measure == "detained" and claim.value.low == 45 and claim.value.high is None
    assert (claim.source.text, claim.source.kind, claim.modality) == ("Interior Ministry", "named", "reported")


def test_unnamed_officials_and_pronoun_resolution(claims_of):
    [first] = claims_of("Officials said 12 soldiers were wounded in the attack.")
    assert (first.source.text, first.source.kind) == ("Officials", "unnamed")
    [second] = claims_of("General Mark Adams visited the base. He said 300 troops were deployed to the border.")
    assert (second.source.text, second.source.kind, second.measure) == ("Mark Adams", "named", "deployed")


def test_death_toll_wording(claims_of):
    [claim] = claims_of("The death toll rose to 50 on Monday, police said.")
    assert (claim.measure, claim.value.low, claim.source.text) == ("killed", 50, "police")


def test_negated_predicate_is_denied_not_killed(claims_of):
    [claim] = claims_of("The army said its strike did not kill 30 civilians, as the rebels claimed.")
    assert claim.modality == "denied"


def test_hedges_make_possible_estimated_and_predicted(claims_of):
    assert claims_of("The government may send 5,000 troops to the region.")[0].modality == "possible"
    assert claims_of("Analysts estimated that 2,000 fighters were killed.")[0].modality == "estimated"
    assert claims_of("The ministry will deploy 800 police officers next week.")[0].modality == "predicted"


def test_counts_of_things_we_do_not_measure_are_not_claims(claims_of):
    assert claims_of("He held three meetings with the leader and visited 12 countries in 2019.") == []
    assert claims_of("The 45-year-old won 52% of the vote in Region 11.") == []


def test_every_claim_points_at_its_evidence(claims_of):
    text = "Rescuers said about 200 people were missing after the flood."
    [claim] = claims_of(text)
    assert text[claim.span.start:claim.span.end] == "about 200"
    assert text[claim.evidence.start:claim.evidence.end] == claim.evidence.sentence


@pytest.fixture(scope="module")
def seed_claims(nlp):
    if not SEED.exists():
        pytest.skip("../shared/seed is not here")
    [document] = iter_documents([str(SEED)], Settings())
    article = Pipeline(Settings(default_published="2025-01-13"), nlp=nlp).analyze(document)
    return article.claims


def test_seed_claims_table(seed_claims):
    """The four figures of the seed, as the claims issue lists them."""
    table = [(c.measure, c.value.low, c.value.high, c.value.approximate, c.source.kind, c.modality)
             for c in seed_claims]
    assert table == [
        ("deployed", 10000, 12000, True, "article", "asserted"),
        ("killed", 300, 300, True, "unnamed", "reported"),
        ("wounded", 2700, 2700, False, "unnamed", "reported"),
        ("casualties", 4000, 4000, False, "named", "estimated"),
    ]
    deployed, killed, wounded, casualties = seed_claims
    assert deployed.counted == "troops"
    assert (deployed.time.text, deployed.time.start, deployed.time.end) == ("last October", "2024-10-01", "2024-10-31")
    assert killed.counted == wounded.counted == "North Korean soldiers"
    assert killed.value.qualifier == "about"
    assert killed.source.text == wounded.source.text == "Recent reports"
    assert "Zelenskyy" in casualties.source.text and casualties.counted == "casualties"
    # "three meetings with North Korean leader Kim Jong Un" is not a figure of anything.
    assert not any(c.value.low == 3 for c in seed_claims)


def test_an_unquoted_i_as_source_is_the_author(nlp):
    doc = nlp("Well, I will tell you: we have given $650 million in aid.")
    [claim] = extract_claims(doc, None, extract_quotes(doc), author="Joe Biden")
    assert (claim.source.text, claim.source.kind) == ("Joe Biden", "named")


def test_a_model_designation_is_no_range(claims_of):
    assert claims_of("The Boeing 737-800 jet crashed shortly after takeoff.") == []
    [troops] = claims_of("Russia sent 10,000-12,000 troops.")
    assert (troops.value.low, troops.value.high) == (10000, 12000)
