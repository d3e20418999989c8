"""Precision, recall and F1 as every gold evaluation here reports them."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any


def prf(correct: int, predicted: int, gold: int) -> dict[str, float]:
    """P over what was predicted, R over the gold, F1 their harmonic mean (rounded to 3)."""
    p = correct / predicted if predicted else 0.0
    r = correct / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def print_scores(scores: dict[str, dict[str, float]], width: int = 14) -> None:
    for name, score in scores.items():
        print(f"  {name:<{width}} P {score['precision']:.3f}  R {score['recall']:.3f}  F1 {score['f1']:.3f}")


def print_errors(errors: Iterable[dict[str, Any]]) -> None:
    for error in errors:
        print(json.dumps(error, ensure_ascii=False))
