"""Claims quality on the hand-annotated Wikinews gold (`gold/claims/`).

    python -m sitrep.quality.claims [--details]

Each gold article's `text` (from ../shared/corpus/wikinews.jsonl) is parsed and run
through the quotes and claims stages directly, so gold offsets and predicted offsets
index the same string. A predicted claim *matches* a gold claim of the same article
when their number spans overlap (one-to-one, first come first served). Then, for each
field, a claim counts as correct when it matched and the field agrees:

    detection     matched at all
    value         low and high equal
    value+measure value and measure equal
    measure       measure equal
    source        same kind, and for named/unnamed sources a shared content word
    modality      equal
    time          both absent, or the same ISO start and end

Precision divides by the predicted claims, recall by the gold claims. Predictions of
measure `other` are not scored (the gold does not annotate out-of-scope counts).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sitrep.model import Claim
from sitrep.quality.scoring import print_errors, print_scores, prf

REPO = Path(__file__).resolve().parents[2]
GOLD = REPO / "gold" / "claims" / "wikinews-claims.jsonl"
CORPUS = REPO.parent / "shared" / "corpus" / "wikinews.jsonl"

_STOP = frozenset(["the", "a", "an", "of", "and", "s", "its", "his", "her", "their", "'s", "’s",
                   "president", "minister", "officials", "spokesperson", "spokesman", "local"])


def _words(text: str | None) -> set[str]:
    return {w for w in re.findall(r"\w+", (text or "").lower()) if w not in _STOP}


def same_source(gold: dict[str, Any], predicted: Claim) -> bool:
    if gold["kind"] != predicted.source.kind:
        return False
    if gold["kind"] == "article":
        return True
    gold_words, predicted_words = _words(gold.get("text")), _words(predicted.source.text)
    if not gold_words or not predicted_words:  # "Officials" vs "officials": only stop words
        gold_words = set(re.findall(r"\w+", (gold.get("text") or "").lower()))
        predicted_words = set(re.findall(r"\w+", (predicted.source.text or "").lower()))
    return bool(gold_words & predicted_words)


def same_time(gold: dict[str, Any] | None, predicted: Claim) -> bool:
    if gold is None or predicted.time is None:
        return gold is None and predicted.time is None
    return (gold.get("start"), gold.get("end")) == (predicted.time.start, predicted.time.end)


FIELDS: dict[str, Callable[[dict[str, Any], Claim], bool]] = {
    "detection": lambda g, p: True,
    "value": lambda g, p: (g["value"]["low"], g["value"]["high"]) == (p.value.low, p.value.high),
    "value+measure": lambda g, p: FIELDS["value"](g, p) and g["measure"] == p.measure,
    "measure": lambda g, p: g["measure"] == p.measure,
    "source": lambda g, p: same_source(g["source"], p),
    "modality": lambda g, p: g["modality"] == p.modality,
    "time": lambda g, p: same_time(g.get("time"), p),
}


@dataclass
class Tally:
    predicted: int = 0
    gold: int = 0
    correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    errors: list[dict[str, Any]] = field(default_factory=list)

    def scores(self) -> dict[str, dict[str, float]]:
        return {name: prf(correct, self.predicted, self.gold) for name, correct in self.correct.items()}


def _overlaps(gold: dict[str, Any], predicted: Claim) -> bool:
    span = predicted.span
    return span is not None and span.start < gold["end"] and gold["start"] < span.end


def score_article(gold_claims: list[dict[str, Any]], predicted: list[Claim], tally: Tally, article_id: str) -> None:
    predicted = [claim for claim in predicted if claim.measure != "other"]
    tally.predicted += len(predicted)
    tally.gold += len(gold_claims)
    unmatched = list(predicted)
    for gold in gold_claims:
        match = next((claim for claim in unmatched if _overlaps(gold, claim)), None)
        if match is None:
            tally.errors.append({"article": article_id, "missed": gold["text"], "measure": gold["measure"]})
            continue
        unmatched.remove(match)
        for name, check in FIELDS.items():
            if check(gold, match):
                tally.correct[name] += 1
            elif name in ("value", "measure", "source", "modality", "time"):
                tally.errors.append({"article": article_id, "field": name, "text": gold["text"],
                                     "gold": gold.get(name) if name != "value" else gold["value"],
                                     "predicted": _field(match, name)})
    for claim in unmatched:
        tally.errors.append({"article": article_id, "spurious": claim.span.text if claim.span else None,
                             "measure": claim.measure, "counted": claim.counted})


def _field(claim: Claim, name: str) -> Any:
    if name == "source":
        return {"text": claim.source.text, "kind": claim.source.kind}
    if name == "time":
        return claim.time and {"text": claim.time.text, "start": claim.time.start, "end": claim.time.end}
    if name == "value":
        return {"low": claim.value.low, "high": claim.value.high}
    return getattr(claim, name)


def evaluate_claims(gold_path: Path = GOLD, corpus_path: Path = CORPUS) -> dict[str, Any]:
    from sitrep.nlp.claims import extract_claims
    from sitrep.nlp.parse import load_nlp
    from sitrep.nlp.quotes import extract_quotes

    texts = {}
    with corpus_path.open(encoding="utf-8") as corpus:
        for line in corpus:
            record = json.loads(line)
            texts[record["id"]] = record["text"]
    nlp = load_nlp()
    tally = Tally()
    articles = 0
    with gold_path.open(encoding="utf-8") as gold_file:
        for line in gold_file:
            gold = json.loads(line)
            doc = nlp(texts[gold["id"]])
            published = date.fromisoformat(gold["date"]) if gold.get("date") else None
            claims = extract_claims(doc, published, extract_quotes(doc))
            score_article(gold["claims"], claims, tally, gold["id"])
            articles += 1
    return {"articles": articles, "gold": tally.gold, "predicted": tally.predicted,
            "scores": tally.scores(), "errors": tally.errors}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Claims P/R/F1 on the Wikinews gold.")
    parser.add_argument("--details", action="store_true", help="print every error")
    args = parser.parse_args(argv)
    result = evaluate_claims()
    print(f"{result['articles']} articles, {result['gold']} gold claims, {result['predicted']} predicted")
    print_scores(result["scores"])
    if args.details:
        print_errors(result["errors"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
