"""Quality gate: events P/R/F1 on the hand-annotated gold (gold/events/).

The floors pin what the stage reaches today; they stop regressions. Three gold files:
`events.jsonl` (34 articles) and `heldout-2.jsonl` (24), whose errors have been read
while writing rules, and `heldout-3.jsonl` (24), annotated blind to the rules and
scored once when the sixth round was done: its figures are the honest ones. Type+actor
is short of the issue's 0.70 aim on all three.
"""

import os

import pytest

from sitrep.quality.events import CORPORA, GOLD, HELDOUT_2, HELDOUT_3, evaluate_events

# measured: trigger 0.830, type 0.802, type+actor 0.650, type+target 0.372
# (0.783, 0.754, 0.553, 0.326 before the fourth to seventh rounds; 0.737, 0.695, 0.510,
# 0.305 before the third; 0.733, 0.689, 0.489, 0.215 before the second; 0.636, 0.583,
# 0.264, 0.157 before pronoun, title and event-coreference actors)
FLOORS = {"trigger": 0.815, "type": 0.79, "type+actor": 0.63, "type+target": 0.35}
# measured: trigger 0.621, type 0.580, type+actor 0.384, type+target 0.274
# (0.554, 0.484, 0.274, 0.207 with the rules as they were when it was annotated)
FLOORS_HELDOUT_2 = {"trigger": 0.60, "type": 0.565, "type+actor": 0.365, "type+target": 0.255}
# measured: trigger 0.649, type 0.622, type+actor 0.436, type+target 0.208 (0.432 and 0.201
# when first scored, after the sixth round)
# (0.605, 0.560, 0.360, 0.186 with the rules as they were when it was annotated)
FLOORS_HELDOUT_3 = {"trigger": 0.63, "type": 0.60, "type+actor": 0.42, "type+target": 0.19}


def _scores(path):
    if not all(p.exists() for p in CORPORA.values()):
        if os.environ.get("CI") == "true":
            pytest.fail("../shared corpora are missing: the events gate cannot run")
        pytest.skip("../shared corpora are not here")
    return evaluate_events(path)


@pytest.mark.quality
@pytest.mark.parametrize("path, floors, articles", [
    (GOLD, FLOORS, 34), (HELDOUT_2, FLOORS_HELDOUT_2, 24), (HELDOUT_3, FLOORS_HELDOUT_3, 24)],
    ids=["events", "heldout-2", "heldout-3"])
def test_events_meet_their_floors(path, floors, articles):
    result = _scores(path)
    assert result["articles"] == articles
    scores = {name: score["f1"] for name, score in result["scores"].items()}
    below = {name: (scores[name], floor) for name, floor in floors.items() if scores[name] < floor}
    assert not below, f"F1 under its floor (measured, floor): {below}"
