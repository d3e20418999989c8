"""Quality gate: events P/R/F1 on the hand-annotated gold (gold/events/).

The floors pin what the stage reaches today; they stop regressions. Type+actor is still
short of the issue's 0.70 aim: "I" in a statement needs the speaker from the title,
which the events stage does not see, and a third of the gold triggers are not found.
"""

import os

import pytest

from sitrep.quality.events import CORPORA, GOLD, evaluate_events

# measured: trigger 0.783, type 0.754, type+actor 0.553, type+target 0.326
# (was 0.737, 0.695, 0.510, 0.305 before the third round's lexicon, phrase and span rules;
# was 0.733, 0.689, 0.489, 0.215 before target coreference, owners of things hit,
# joint-act second parties, national organs as their state and purpose clauses;
# 0.636, 0.583, 0.264, 0.157 before pronoun, title and event-coreference actors)
FLOORS = {"trigger": 0.77, "type": 0.74, "type+actor": 0.54, "type+target": 0.31}


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
