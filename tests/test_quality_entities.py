"""Quality gate: entity span/type F1 and place linking on the GUM Wikinews gold.

Floors sit a little under what was measured when they were pinned, so quality can
only go up. Under CI=true missing ../shared data is a failure; elsewhere the gate
skips. The GUM reader itself is tested on a small document written here.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitrep.quality.entities import core_span, evaluate_entities, identity_place
from sitrep.quality.gum import CORPUS, GOLD_DIR, parse_conllu

# category: minimum F1 (measured: PERSON 0.867, ORG 0.741, GPE 0.815, overall 0.807; ORG was 0.726
# before well-known organisations; the held-out half of the articles stayed at 0.749 overall)
F1_FLOORS = {"PERSON": 0.85, "ORG": 0.725, "GPE": 0.80, "overall": 0.79}
# kind: minimum accuracy (measured: country 0.981 of 105, city 0.896 of 48)
LINKING_FLOORS = {"country": 0.965, "city": 0.875}


@pytest.mark.quality
def test_entities_meet_their_floors():
    if not (CORPUS.exists() and GOLD_DIR.exists()):
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CORPUS} or {GOLD_DIR} is missing: the entities gate cannot run")
        pytest.skip("../shared gold is not here")
    result = evaluate_entities()
    assert result["articles"] == 24 and result["scores"]["overall"]["gold"] >= 900
    f1 = {name: score["f1"] for name, score in result["scores"].items()}
    below = {name: (f1[name], floor) for name, floor in F1_FLOORS.items() if f1[name] < floor}
    assert not below, f"F1 under its floor (measured, floor): {below}"
    linking = {kind: score["accuracy"] for kind, score in result["linking"].items()}
    below = {kind: (linking.get(kind), floor) for kind, floor in LINKING_FLOORS.items()
             if linking.get(kind, 0.0) < floor}
    assert not below, f"linking under its floor (measured, floor): {below}"


_ROWS = [
    "# newdoc id = GUM_news_tiny",
    "# text = A Title Line",
    "1 A a DET DT _ 3 det _ _",
    "2 Title title PROPN NNP _ 3 compound _ _",
    "3 Line line PROPN NNP _ 0 root _ _",
    "",
    "# text = US President Barack Obama met North Korea's envoy.",
    "1 US US PROPN NNP _ 2 compound _ Entity=(1-person-new-sssss-cf1-3,4-coref-Barack_Obama"
    "(2-place-new-nnnnn-cf2-1-sgl-United_States)",
    "2 President president PROPN NNP _ 3 nmod:desc _ _",
    "3 Barack Barack PROPN NNP _ 5 nsubj _ _",
    "4 Obama Obama PROPN NNP _ 3 flat _ Entity=1)",
    "5 met meet VERB VBD _ 0 root _ _",
    "6 North North PROPN NNP _ 7 compound _ Entity=(3-person-new-nnnnn-cf3-3-sgl"
    "(4-organization-new-sssss-cf4-1,2-coref-North_Korea",
    "7 Korea Korea PROPN NNP _ 9 nmod:poss _ Entity=4)",
    "8 's 's PART POS _ 7 case _ _",
    "9 envoy envoy NOUN NN _ 5 obj _ Entity=3)|SpaceAfter=No",
    "10 . . PUNCT . _ 5 punct _ _",
    "",
]
# conllu columns are tab-separated; the rows above are written with spaces
_CONLLU = "\n".join(row if row.startswith("#") else "\t".join(row.split()) for row in _ROWS)


def test_gum_reader_aligns_mentions_and_reduces_them_to_names(tmp_path: Path):
    path = tmp_path / "GUM_news_tiny.conllu"
    path.write_text(_CONLLU, encoding="utf-8")
    text = "US President Barack Obama met North Korea's envoy."
    doc = parse_conllu(path, text)
    assert doc.skipped_sentences == 1  # the title is not in the text
    mentions = {(m.text, m.etype, m.identity, m.named) for m in doc.mentions}
    assert ("Barack Obama", "person", "Barack Obama", True) in mentions
    assert ("US", "place", "United States", True) in mentions
    assert ("North Korea", "organization", "North Korea", True) in mentions
    assert ("North Korea's envoy", "person", None, False) in mentions  # a common-noun head: no name


def test_core_span_drops_the_and_possessive():
    text = "the U.S. Navy's ships"
    assert core_span(text, 0, 15) == (4, 13)


def test_identity_titles_name_countries_and_cities_not_regions():
    assert identity_place("North Korea") == ("country", "KP")
    assert identity_place("Irving, Texas") == ("city", 4700168)
    assert identity_place("Los Angeles") == ("city", 5368361)
    assert identity_place("Florida") is None and identity_place("Ontario") is None
