"""Article-body extraction quality, scored on the public article-extraction benchmark.

The metric is shingle-based precision/recall, as described by the benchmark
(scrapinghub/article-extraction-benchmark), implemented here from its description:

* tokens are the (unicode) ``\\w+`` matches of a text;
* shingles are consecutive 4-token tuples; a text with fewer than 4 tokens gives one
  shorter shingle, an empty text none;
* per document, shingles are counted as multisets: tp = sum of min(true, pred) counts,
  fp = predicted in excess, fn = true missing; tp, fp, fn are normalised by their sum;
* per-document precision = tp/(tp+fp) (1 if fp == fn == 0, 0 if tp == fp == 0), recall
  likewise tp/(tp+fn);
* corpus precision is the mean over documents with tp+fp > 0, corpus recall the mean over
  documents with tp+fn > 0, F1 the harmonic mean of those two means.

Run ``python -m sitrep.quality.extraction [--compare-trafilatura] [BENCH_DIR]``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TOKEN_RE = re.compile(r"\w+", re.UNICODE)
SHINGLE_SIZE = 4

DEFAULT_BENCH_DIR = Path(__file__).resolve().parents[3] / "shared" / "bench" / "article-extraction"


def tokenize(text: str) -> list[str]:
    return TOKEN_RE.findall(text or "")


def shingles(text: str, n: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Multiset of consecutive n-token tuples (one shorter tuple if fewer than n tokens)."""
    tokens = tokenize(text)
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


@dataclass(frozen=True)
class DocScore:
    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        if self.tp == 0 and self.fp == 0:
            return 0.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        if self.tp == 0 and self.fn == 0:
            return 0.0
        return self.tp / (self.tp + self.fn)


def score_document(true_text: str, pred_text: str) -> DocScore:
    true_sh, pred_sh = shingles(true_text), shingles(pred_text)
    tp = sum((true_sh & pred_sh).values())
    fp = sum((pred_sh - true_sh).values())
    fn = sum((true_sh - pred_sh).values())
    total = tp + fp + fn
    if total > 0:
        return DocScore(tp / total, fp / total, fn / total)
    return DocScore(0.0, 0.0, 0.0)


def corpus_scores(scores: Iterable[DocScore]) -> dict[str, float]:
    scores = list(scores)
    precisions = [s.precision for s in scores if s.tp + s.fp > 0]
    recalls = [s.recall for s in scores if s.tp + s.fn > 0]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def bootstrap_ci(
    scores: list[DocScore], n_resamples: int = 1000, alpha: float = 0.05, seed: int = 0
) -> dict[str, tuple[float, float]]:
    """Percentile bootstrap over documents (deterministic: fixed seed)."""
    rng = random.Random(seed)
    samples: dict[str, list[float]] = {"precision": [], "recall": [], "f1": []}
    for _ in range(n_resamples):
        resample = [scores[rng.randrange(len(scores))] for _ in scores]
        for key, value in corpus_scores(resample).items():
            samples[key].append(value)
    lo_i, hi_i = int(n_resamples * alpha / 2), int(n_resamples * (1 - alpha / 2)) - 1
    return {k: (sorted(v)[lo_i], sorted(v)[hi_i]) for k, v in samples.items()}


# --- benchmark loading and running -------------------------------------------------------


def load_benchmark(bench_dir: Path) -> list[tuple[str, str, str | None, str]]:
    """[(id, html, url, true_body)], sorted by id."""
    bench_dir = Path(bench_dir)
    truth = json.loads((bench_dir / "ground-truth.json").read_text(encoding="utf-8"))
    items = []
    for doc_id in sorted(truth):
        raw = gzip.decompress((bench_dir / "html" / f"{doc_id}.html.gz").read_bytes())
        html = raw.decode("utf-8", errors="replace")
        items.append((doc_id, html, truth[doc_id].get("url"), truth[doc_id].get("articleBody") or ""))
    return items


def _ours(html: str, url: str | None) -> str:
    from sitrep.clean.html_extract import extract_html

    return extract_html(html, url).text


def _plain_trafilatura(html: str, url: str | None) -> str:
    import trafilatura

    return trafilatura.extract(html, include_comments=False) or ""


_EXTRACTORS: dict[str, Callable[[str, str | None], str]] = {
    "ours": _ours,
    "trafilatura": _plain_trafilatura,
}


def _run_one(args: tuple[str, str, str | None]) -> str:
    name, html, url = args
    return _EXTRACTORS[name](html, url)


def run_extractor(
    name: str, items: list[tuple[str, str, str | None, str]], workers: int = 1
) -> dict[str, str]:
    jobs = [(name, html, url) for _, html, url, _ in items]
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            outputs = list(pool.map(_run_one, jobs, chunksize=4))
    else:
        outputs = [_run_one(job) for job in jobs]
    return {doc_id: out for (doc_id, *_), out in zip(items, outputs)}


def evaluate_outputs(
    items: list[tuple[str, str, str | None, str]], outputs: dict[str, str]
) -> dict[str, Any]:
    per_doc = {}
    scores = []
    for doc_id, _, _, truth in items:
        s = score_document(truth, outputs.get(doc_id, ""))
        scores.append(s)
        per_doc[doc_id] = {"precision": s.precision, "recall": s.recall, "tp": s.tp, "fp": s.fp, "fn": s.fn}
    result: dict[str, Any] = corpus_scores(scores)
    result["n"] = len(scores)
    result["per_doc"] = per_doc
    result["_scores"] = scores
    return result


def evaluate_extraction(bench_dir: Path, workers: int = 1, extractor: str = "ours") -> dict[str, Any]:
    """Run `extract_html` (or, with extractor="trafilatura", plain trafilatura.extract) over
    every benchmark page and score it.

    Returns {"precision", "recall", "f1", "n", "seconds",
             "per_doc": {id: {"precision", "recall", "tp", "fp", "fn"}}}.
    """
    items = load_benchmark(bench_dir)
    start = time.perf_counter()
    outputs = run_extractor(extractor, items, workers=workers)
    elapsed = time.perf_counter() - start
    result = evaluate_outputs(items, outputs)
    result.pop("_scores")
    result["seconds"] = elapsed
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitrep.quality.extraction", description=__doc__.split("\n")[0])
    parser.add_argument("bench_dir", nargs="?", type=Path, default=DEFAULT_BENCH_DIR)
    parser.add_argument("--compare-trafilatura", action="store_true", help="also score plain trafilatura.extract")
    parser.add_argument("--workers", type=int, default=min(4, os.cpu_count() or 1), help="worker processes")
    parser.add_argument("--ci", action="store_true", help="add a 95%% bootstrap confidence interval")
    parser.add_argument("--worst", type=int, default=0, help="list the N worst documents by F1 (ours)")
    args = parser.parse_args(argv)
    if not (args.bench_dir / "ground-truth.json").exists():
        print(f"benchmark not found: {args.bench_dir}", file=sys.stderr)
        return 2
    items = load_benchmark(args.bench_dir)
    names = ["ours"] + (["trafilatura"] if args.compare_trafilatura else [])
    print(f"{'system':<14}{'P':>8}{'R':>8}{'F1':>8}{'n':>6}{'secs':>8}")
    for name in names:
        start = time.perf_counter()
        outputs = run_extractor(name, items, workers=args.workers)
        elapsed = time.perf_counter() - start
        res = evaluate_outputs(items, outputs)
        print(f"{name:<14}{res['precision']:>8.3f}{res['recall']:>8.3f}{res['f1']:>8.3f}{res['n']:>6}{elapsed:>8.1f}")
        if args.ci:
            ci = bootstrap_ci(res["_scores"])
            print("    95% CI  " + "  ".join(f"{k} [{lo:.3f}, {hi:.3f}]" for k, (lo, hi) in ci.items()))
        if args.worst and name == "ours":
            worst = sorted(
                res["per_doc"].items(),
                key=lambda kv: 2 * kv[1]["precision"] * kv[1]["recall"] / ((kv[1]["precision"] + kv[1]["recall"]) or 1),
            )[: args.worst]
            for doc_id, d in worst:
                print(f"    {doc_id[:16]}  P {d['precision']:.3f}  R {d['recall']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
