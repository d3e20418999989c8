"""Quality gate: events P/R/F1 on the hand-annotated gold (gold/events/).

The floors pin what the stage reaches today; they stop regressions. Two gold files:
`events.jsonl` (34 articles, both of whose halves have now been read while writing
rules) and `heldout-2.jsonl` (24 articles annotated blind to the rules, half of whose
errors were read in the fifth round; its other half stays unread). Type+actor is short
of the issue's 0.70 aim on both, and far short on the second set.
"""

import os

import pytest

from sitrep.quality.events import CORPORA, GOLD, HELDOUT_2, evaluate_events

# measured: trigger 0.825, type 0.797, type+actor 0.635, type+target 0.324
# (0.783, 0.754, 0.553, 0.326 before the fourth and fifth rounds; 0.737, 0.695, 0.510,
# 0.305 before the third; 0.733, 0.689, 0.489, 0.215 before the second; 0.636, 0.583,
# 0.264, 0.157 before pronoun, title and event-coreference actors)
FLOORS = {"trigger": 0.81, "type": 0.78, "type+actor": 0.62, "type+target": 0.31}
# measured: trigger 0.586, type 0.543, type+actor 0.346, type+target 0.239
# (0.554, 0.484, 0.274, 0.207 with the rules as they were when it was annotated)
FLOORS_HELDOUT_2 = {"trigger": 0.57, "type": 0.53, "type+actor": 0.33, "type+target": 0.22}


def _scores(path):
    if not all(p.exists() for p in CORPORA.values()):
        if os.environ.get("CI") == "true":
            pytest.fail("../shared corpora are missing: the events gate cannot run")
        pytest.skip("../shared corpora are not here")
    return evaluate_events(path)


@pytest.mark.quality
@pytest.mark.parametrize("path, floors, articles", [(GOLD, FLOORS, 34), (HELDOUT_2, FLOORS_HELDOUT_2, 24)],
                         ids=["events", "heldout-2"])
def test_events_meet_their_floors(path, floors, articles):
    result = _scores(path)
    assert result["articles"] == articles
    scores = {name: score["f1"] for name, score in result["scores"].items()}
    below = {name: (scores[name], floor) for name, floor in floors.items() if scores[name] < floor}
    assert not below, f"F1 under its floor (measured, floor): {below}"
