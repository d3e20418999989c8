"""`make bench`: throughput figures on the real corpora in ../shared.

    python -m sitrep.bench [--corpus PATH] [--limit N] [--db URL]

Ingests the White House corpus (9,930 documents) into a fresh SQLite store and reports
articles/s and peak RSS. A benchmark, not a test: it asserts nothing, it measures.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from sitrep.ingest import ingest
from sitrep.settings import Settings

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEFAULT_CORPUS = SHARED / "corpus" / "whitehouse.jsonl.gz"


def _limited(corpus: Path, limit: int | None, workdir: Path) -> Path:
    """The first `limit` lines of the corpus as a file of their own (or the corpus)."""
    if not limit:
        return corpus
    import gzip

    subset = workdir / "subset.jsonl"
    with gzip.open(corpus, "rt", encoding="utf-8") as src, subset.open("w", encoding="utf-8") as dst:
        for n, line in enumerate(src):
            if n >= limit:
                break
            dst.write(line)
    return subset


def peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_ingest(corpus: Path, limit: int | None, db_url: str | None) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        source = _limited(corpus, limit, workdir)
        settings = replace(Settings(), db_url=db_url or f"sqlite:///{workdir / 'bench.db'}", data_dir=workdir)
        report = ingest([str(source)], settings)
    return {
        "benchmark": "ingest",
        "corpus": str(corpus),
        "articles": report.seen,
        "new": report.new,
        "duplicate": report.duplicate,
        "failed": len(report.failures),
        "seconds": round(report.seconds, 2),
        "articles_per_second": round(report.rate, 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "backend": (db_url or "sqlite").split(":")[0],
        "python": platform.python_version(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents")
    parser.add_argument("--db", default=None, help="store URL (default: a fresh temporary SQLite file)")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    result = bench_ingest(args.corpus, args.limit, args.db)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
