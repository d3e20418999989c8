"""Quality gate: events P/R/F1 on the hand-annotated gold (gold/events/).

The floors pin what the stage reaches today (far from the issue's 0.70 aim on
type+actor, which needs event coreference across sentences); they stop regressions.
"""

import os

import pytest

from sitrep.quality.events import CORPORA, GOLD, evaluate_events

# measured 2026-11-25: trigger 0.636, type 0.583, type+actor 0.264, type+target 0.157
FLOORS = {"trigger": 0.62, "type": 0.56, "type+actor": 0.25, "type+target": 0.145}


@pytest.mark.quality
def test_events_meet_their_floors():
    if not all(path.exists() for path in CORPORA.values()):
        if os.environ.get("CI") == "true":
            pytest.fail("../shared corpora are missing: the events gate cannot run")
        pytest.skip("../shared corpora are not here")
    result = evaluate_events(GOLD)
    assert result["articles"] >= 30
    scores = {name: score["f1"] for name, score in result["scores"].items()}
    below = {name: (scores[name], floor) for name, floor in FLOORS.items() if scores[name] < floor}
    assert not below, f"F1 under its floor (measured, floor): {below}"
