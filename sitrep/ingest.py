"""Batch ingest: readers → pipeline → store, one article at a time, nothing lost.

Every article is written in its own transaction, so an interrupted ingest leaves only
whole articles behind, and running it again stores what is missing: an article already
in the store (same cleaned text) counts as a duplicate, never as a second copy.
"""

from __future__ import annotations

import gzip
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitrep.errors import StoreError
from sitrep.model import Article, InputFailure
from sitrep.pipeline import Pipeline, enrich
from sitrep.readers import iter_documents
from sitrep.settings import Settings


@dataclass
class IngestReport:
    new: int = 0
    duplicate: int = 0
    failures: list[InputFailure] = field(default_factory=list)
    picture_errors: list[str] = field(default_factory=list)
    picture_seconds: float = 0.0  # time spent updating the situation picture
    started: float = field(default_factory=time.perf_counter)
    finished: float | None = None

    @property
    def seen(self) -> int:
        return self.new + self.duplicate + len(self.failures)

    @property
    def seconds(self) -> float:
        return (self.finished or time.perf_counter()) - self.started

    @property
    def rate(self) -> float:
        return self.seen / self.seconds if self.seconds > 0 else 0.0

    def to_record(self) -> dict[str, Any]:
        return {
            "new": self.new,
            "duplicate": self.duplicate,
            "failed": len(self.failures),
            "failures": [failure.to_record() for failure in self.failures],
            "picture_errors": self.picture_errors,
            "picture_seconds": round(self.picture_seconds, 3),
            "seconds": round(self.seconds, 3),
            "articles_per_second": round(self.rate, 2),
        }


def _lines(path: Path) -> int:
    opener = gzip.open if path.name.endswith(".gz") else open
    try:
        with opener(path, "rb") as handle:
            return sum(1 for line in handle if line.strip())
    except (OSError, EOFError):
        return 1


def count_inputs(inputs: Iterable[str]) -> int:
    """A quick estimate of how many articles `inputs` hold, for the progress bar."""
    total = 0
    for source in inputs:
        path = Path(source)
        if source == "-" or "://" in source or not path.exists():
            total += 1
        elif path.is_dir():
            total += sum(1 for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        elif path.name.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")):
            total += _lines(path)
        else:
            total += 1
    return total


# One pipeline per worker process, built by the pool's initializer: the model loads once
# per process, not once per article.
_worker_pipeline: Pipeline | None = None


def _start_worker(settings: Settings) -> None:
    global _worker_pipeline
    _worker_pipeline = Pipeline(settings)


def _enrich_in_worker(job: tuple[Article | InputFailure, bool]) -> Article | InputFailure:
    item, needs_parse = job
    if not needs_parse or not isinstance(item, Article) or _worker_pipeline is None:
        return item
    try:
        return enrich(item, _worker_pipeline.nlp(item.text))
    except Exception as error:  # noqa: BLE001 - reported per article, the batch goes on
        return InputFailure(item.input, "internal", f"{item.input}: {type(error).__name__}: {error}")


def _analysed(inputs: Iterable[str], settings: Settings, store: Any, workers: int) -> Iterable[Article | InputFailure]:
    """Reader output cleaned, then parsed unless the store already has the article."""
    pipeline = Pipeline(settings)
    documents = iter_documents(inputs, settings)
    if workers <= 1:
        yield from pipeline.run(documents, skip=lambda article: store.has(article.id))
        return
    import multiprocessing

    def jobs() -> Iterable[tuple[Article | InputFailure, bool]]:
        for document in documents:
            item = pipeline.clean(document)
            yield item, isinstance(item, Article) and not store.has(item.id)

    context = multiprocessing.get_context("spawn")  # no forked SQLAlchemy pools or model state
    with context.Pool(workers, initializer=_start_worker, initargs=(settings,)) as pool:
        yield from pool.imap(_enrich_in_worker, jobs(), chunksize=4)


def ingest(
    inputs: Iterable[str],
    settings: Settings,
    on_progress: Callable[[IngestReport], None] | None = None,
    progress_every: float = 0.2,
    workers: int = 1,
) -> IngestReport:
    """Read, analyse and store every article in `inputs`; report what happened.

    With `workers` > 1 the parse runs in that many processes; reading, cleaning and
    every write stay in this one, so the store sees a single writer.
    """
    from sitrep.store import open_store

    report = IngestReport()
    last_tick = 0.0
    from sitrep.picture.update import PictureUpdater

    with open_store(settings.db_url) as store:
        picture = PictureUpdater(store)
        for result in _analysed(inputs, settings, store, workers):
            if isinstance(result, InputFailure):
                report.failures.append(result)
                _record_failure(store, result)
            else:
                try:
                    saved = store.save(result)
                except StoreError as error:
                    report.failures.append(InputFailure(result.input, error.code, str(error)))
                else:
                    if saved.status == "new":
                        report.new += 1
                        _update_picture(picture, result, report)
                    else:
                        report.duplicate += 1
                        # Stored before the picture existed (an older store): add it now,
                        # from the stored analysis, since this copy was not parsed.
                        if not picture.has(saved.article_id):
                            stored = store.get(saved.article_id)
                            if stored is not None:
                                _update_picture(picture, stored, report)
            now = time.perf_counter()
            if on_progress and now - last_tick >= progress_every:
                last_tick = now
                on_progress(report)
    report.finished = time.perf_counter()
    if on_progress:
        on_progress(report)
    return report


def _update_picture(picture: Any, article: Article, report: IngestReport) -> None:
    # The article is saved whatever happens here: a picture that could not be updated
    # is reported and repaired by `sitrep picture --rebuild`, the article is not lost.
    started = time.perf_counter()
    try:
        picture.add(article)
    except Exception as error:  # noqa: BLE001 - the article is stored; its placement is reported
        report.picture_errors.append(f"{article.input}: {type(error).__name__}: {error}")
    report.picture_seconds += time.perf_counter() - started


def _record_failure(store: Any, failure: InputFailure) -> None:
    try:
        store.save_failure(failure.input, failure.error, failure.reason)
    except StoreError:
        pass  # the failure is still in the report; the store being down is reported by saves
