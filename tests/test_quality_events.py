"""Quality gate: events P/R/F1 on the hand-annotated gold (gold/events/).

The floors pin what the stage reaches today; they stop regressions. Four gold files:
`events.jsonl` (34 articles), `heldout-2.jsonl` and `heldout-3.jsonl` (24 each), whose
errors have been read while writing rules, and `heldout-4.jsonl` (24), annotated blind
to the rules and never read: its figures are the honest ones. Type+actor is short of
the issue's 0.70 aim on all four.
"""

import os

import pytest

from sitrep.quality.events import CORPORA, GOLD, HELDOUT_2, HELDOUT_3, HELDOUT_4, evaluate_events

# measured: trigger 0.833, type 0.807, type+actor 0.650, type+target 0.373
# (0.783, 0.754, 0.553, 0.326 before the fourth to ninth rounds; 0.737, 0.695, 0.510,
# 0.305 before the third; 0.733, 0.689, 0.489, 0.215 before the second; 0.636, 0.583,
# 0.264, 0.157 before pronoun, title and event-coreference actors)
FLOORS = {"trigger": 0.82, "type": 0.79, "type+actor": 0.635, "type+target": 0.355}
# measured: trigger 0.626, type 0.585, type+actor 0.400, type+target 0.281
# (0.554, 0.484, 0.274, 0.207 with the rules as they were when it was annotated)
FLOORS_HELDOUT_2 = {"trigger": 0.61, "type": 0.57, "type+actor": 0.385, "type+target": 0.265}
# measured: trigger 0.681, type 0.665, type+actor 0.512, type+target 0.235 (0.432 and 0.201
# when first scored after the sixth round, before its errors were read; 0.360 and 0.186
# with the rules as they were when it was annotated)
FLOORS_HELDOUT_3 = {"trigger": 0.665, "type": 0.65, "type+actor": 0.495, "type+target": 0.22}
# measured: trigger 0.545, type 0.479, type+actor 0.315, type+target 0.187
# (0.502, 0.447, 0.256, 0.165 with the rules as they stood before the fourth round)
FLOORS_HELDOUT_4 = {"trigger": 0.53, "type": 0.465, "type+actor": 0.30, "type+target": 0.17}


def _scores(path):
    if not all(p.exists() for p in CORPORA.values()):
        if os.environ.get("CI") == "true":
            pytest.fail("../shared corpora are missing: the events gate cannot run")
        pytest.skip("../shared corpora are not here")
    return evaluate_events(path)


@pytest.mark.quality
@pytest.mark.parametrize("path, floors, articles", [
    (GOLD, FLOORS, 34), (HELDOUT_2, FLOORS_HELDOUT_2, 24), (HELDOUT_3, FLOORS_HELDOUT_3, 24),
    (HELDOUT_4, FLOORS_HELDOUT_4, 24)], ids=["events", "heldout-2", "heldout-3", "heldout-4"])
def test_events_meet_their_floors(path, floors, articles):
    result = _scores(path)
    assert result["articles"] == articles
    scores = {name: score["f1"] for name, score in result["scores"].items()}
    below = {name: (scores[name], floor) for name, floor in floors.items() if scores[name] < floor}
    assert not below, f"F1 under its floor (measured, floor): {below}"
