"""`make bench`: throughput figures on the real corpora in ../shared.

    python -m sitrep.bench [--corpus PATH] [--only stages|picture|ingest] [--limit N]
                           [--stages-limit N] [--ingest-limit N] [--workers N] [--db URL]

Three measurements, each printed as a JSON object:

- ingest: the White House corpus (9,930 documents) read, cleaned, parsed, analysed
  and written to a fresh SQLite store; articles/s and peak RSS.
  Inside it, the situation-picture update, and afterwards the latency of the
  picture's read commands (stories, story, figures, entity) on that store.
- picture: the situation-picture update alone over the whole corpus (9,930 articles,
  cleaned but not parsed), per thousand articles, then the read latency at that size.
- stages: on the first `--stages-limit` documents, the spaCy parse alone against our
  language stages (quotes + claims) over those parses, timed in the same run, on one
  core — the claims issue's budget is stages ≤ 15% of the parse.

A benchmark, not a test: it asserts nothing, it measures.
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


def bench_ingest(corpus: Path, limit: int | None, db_url: str | None, workers: int = 1) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        source = _limited(corpus, limit, workdir)
        settings = replace(Settings(), db_url=db_url or f"sqlite:///{workdir / 'bench.db'}", data_dir=workdir)
        report = ingest([str(source)], settings, workers=workers)
        latency = bench_queries(settings.db_url)
    return {
        "benchmark": "ingest",
        "corpus": str(corpus),
        "articles": report.seen,
        "new": report.new,
        "duplicate": report.duplicate,
        "failed": len(report.failures),
        "seconds": round(report.seconds, 2),
        "articles_per_second": round(report.rate, 1),
        # The situation-picture update (origins, stories, figure keys) inside that time.
        "picture_seconds": round(report.picture_seconds, 2),
        "picture_ms_per_article": round(1000 * report.picture_seconds / max(1, report.new), 1),
        "query_latency_ms": latency,
        "peak_rss_mb": round(peak_rss_mb(), 1),
        # The largest worker process (language stages), when workers > 1.
        "peak_rss_worker_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
        "backend": (db_url or "sqlite").split(":")[0],
        "workers": workers,
        "python": platform.python_version(),
    }


def bench_picture(corpus: Path, limit: int | None) -> dict:
    """The situation-picture update alone, over the whole corpus, on one core.

    Articles are cleaned and saved without the language stages (no entities or
    claims: the parse would take hours here), so this isolates what grows with the
    store: candidate lookup in the time window and LSH bands, the comparisons, the
    df counts. Reported per thousand articles, to show whether the cost per article
    grows as the store fills.
    """
    import gzip
    import json as jsonlib
    import time

    from sitrep.errors import InputError
    from sitrep.model import Document
    from sitrep.picture.update import PictureUpdater
    from sitrep.pipeline import clean_document
    from sitrep.store import open_store

    settings = Settings()
    per_thousand: list[float] = []
    total = 0.0
    count = 0
    with tempfile.TemporaryDirectory() as tmp, open_store(f"sqlite:///{Path(tmp) / 'picture.db'}") as store:
        updater = PictureUpdater(store)
        block = 0.0
        with gzip.open(corpus, "rt", encoding="utf-8") as lines:
            for line in lines:
                record = jsonlib.loads(line)
                document = Document(record["id"], record["text"], hints={"published": record.get("date"),
                                                                          "title": record.get("title")})
                try:
                    article = clean_document(document, settings)
                except InputError:
                    continue  # counted by the ingest benchmark; nothing to place here
                if store.save(article).status != "new":
                    continue
                started = time.perf_counter()
                updater.add(article)
                spent = time.perf_counter() - started
                block += spent
                total += spent
                count += 1
                if count % 1000 == 0:
                    per_thousand.append(round(block, 1))
                    block = 0.0
                if limit and count >= limit:
                    break
        latency = bench_queries(f"sqlite:///{Path(tmp) / 'picture.db'}")
    return {
        "benchmark": "picture update (no language stages)",
        "articles": count,
        "seconds": round(total, 1),
        "articles_per_second": round(count / total, 1) if total else None,
        "ms_per_article": round(1000 * total / max(1, count), 1),
        "seconds_per_1000_in_arrival_order": per_thousand,
        "query_latency_ms": latency,
    }


def bench_queries(db_url: str, repeat: int = 3) -> dict:
    """Median latency of the picture's read commands on the store just built."""
    import statistics
    import time

    from sqlalchemy import func, select

    from sitrep.picture.read import entity_profile, find_figures, get_story, list_stories
    from sitrep.store import open_store
    from sitrep.store import schema as s

    def timed(call) -> float:
        runs = []
        for _ in range(repeat):
            started = time.perf_counter()
            call()
            runs.append(time.perf_counter() - started)
        return round(1000 * statistics.median(runs), 1)

    with open_store(db_url) as store:
        with store.snapshot("bench") as conn:
            biggest = conn.execute(select(s.stories.c.id).order_by(s.stories.c.n_articles.desc()).limit(1)).scalar()
            n_stories = conn.execute(select(func.count()).select_from(s.stories)).scalar_one()
        if biggest is None:
            return {}
        return {
            "stories_in_store": n_stories,
            "stories (newest 20)": timed(lambda: list_stories(store, limit=20)),
            "stories --entity 'North Korea'": timed(lambda: list_stories(store, entity="North Korea")),
            "story (largest)": timed(lambda: get_story(store, biggest)),
            "figures --subject Russia": timed(lambda: find_figures(store, subject="Russia")),
            "figures --subject 'North Korea' --measure weapons": timed(
                lambda: find_figures(store, subject="North Korea", measure="weapons")),
            "entity 'Kim Jong Un'": timed(lambda: entity_profile(store, "Kim Jong Un")),
        }


def bench_stages(corpus: Path, limit: int) -> dict:
    """Parse time vs each of our stages' time over the same cleaned texts, one process."""
    import gzip
    import json as jsonlib
    import time

    from sitrep.model import Document
    from sitrep.nlp.claims import extract_claims
    from sitrep.nlp.entities import extract_entities
    from sitrep.nlp.events import extract_events
    from sitrep.nlp.linking import link
    from sitrep.nlp.parse import load_nlp
    from sitrep.nlp.quotes import extract_quotes
    from sitrep.pipeline import clean_document, published_date

    settings = Settings()
    articles = []
    started = time.perf_counter()
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = jsonlib.loads(line)
            document = Document(record["id"], record["text"], hints={"published": record.get("date")})
            articles.append(clean_document(document, settings))
            if len(articles) >= limit:
                break
    clean_seconds = time.perf_counter() - started
    nlp = load_nlp()
    started = time.perf_counter()
    docs = list(nlp.pipe((a.text for a in articles), batch_size=16))
    parse_seconds = time.perf_counter() - started
    seconds = dict.fromkeys(["entities", "quotes", "claims", "events", "linking"], 0.0)
    counts = dict.fromkeys(["entities", "quotes", "claims", "events"], 0)
    for article, doc in zip(articles, docs):
        published = published_date(article)
        tick = time.perf_counter()
        entities = extract_entities(doc)
        seconds["entities"] += (now := time.perf_counter()) - tick
        quotes = extract_quotes(doc)
        seconds["quotes"] += (tick := time.perf_counter()) - now
        claims = extract_claims(doc, published, quotes)
        seconds["claims"] += (now := time.perf_counter()) - tick
        events = extract_events(doc, entities, claims, published)
        seconds["events"] += (tick := time.perf_counter()) - now
        link(article.text, entities, quotes, claims, events)
        seconds["linking"] += time.perf_counter() - tick
        for name, found in (("entities", entities), ("quotes", quotes), ("claims", claims), ("events", events)):
            counts[name] += len(found)
    ours = sum(seconds.values())
    return {
        "benchmark": "stages (one process)",
        "articles": len(articles),
        "words": sum(len(a.text.split()) for a in articles),
        "clean_seconds": round(clean_seconds, 2),
        "parse_seconds": round(parse_seconds, 2),
        "stage_seconds": {name: round(value, 2) for name, value in seconds.items()},
        "claims_and_quotes_over_parse": round((seconds["claims"] + seconds["quotes"]) / parse_seconds, 3),
        "all_our_stages_over_parse": round(ours / parse_seconds, 3),
        "analyze_articles_per_second": round(len(articles) / (clean_seconds + parse_seconds + ours), 2),
        "parse_only_articles_per_second": round(len(articles) / parse_seconds, 2),
        "found": counts,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents")
    parser.add_argument("--db", default=None, help="store URL (default: a fresh temporary SQLite file)")
    parser.add_argument("--workers", type=int, default=2, help="processes for the language stages in ingest")
    parser.add_argument("--stages-limit", type=int, default=500, help="documents for the parse-vs-stages timing")
    parser.add_argument("--ingest-limit", type=int, default=1000,
                        help="documents for the full ingest (0: all; the whole corpus takes about an hour here)")
    parser.add_argument("--only", choices=["stages", "picture", "ingest"], help="run one benchmark")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    if args.only in (None, "stages"):
        print(json.dumps(bench_stages(args.corpus, args.stages_limit), indent=2), flush=True)
    if args.only in (None, "picture"):
        print(json.dumps(bench_picture(args.corpus, args.limit), indent=2), flush=True)
    if args.only in (None, "ingest"):
        limit = args.ingest_limit or None
        print(json.dumps(bench_ingest(args.corpus, limit, args.db, args.workers), indent=2), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
