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
from sitrep.model import InputFailure
from sitrep.pipeline import Pipeline
from sitrep.readers import iter_documents
from sitrep.settings import Settings


@dataclass
class IngestReport:
    new: int = 0
    duplicate: int = 0
    failures: list[InputFailure] = field(default_factory=list)
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


def ingest(
    inputs: Iterable[str],
    settings: Settings,
    on_progress: Callable[[IngestReport], None] | None = None,
    progress_every: float = 0.2,
) -> IngestReport:
    """Read, analyse and store every article in `inputs`; report what happened."""
    from sitrep.store import open_store

    report = IngestReport()
    pipeline = Pipeline(settings)
    last_tick = 0.0
    with open_store(settings.db_url) as store:
        for result in pipeline.run(iter_documents(inputs, settings)):
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
                    else:
                        report.duplicate += 1
            now = time.perf_counter()
            if on_progress and now - last_tick >= progress_every:
                last_tick = now
                on_progress(report)
    report.finished = time.perf_counter()
    if on_progress:
        on_progress(report)
    return report


def _record_failure(store: Any, failure: InputFailure) -> None:
    try:
        store.save_failure(failure.input, failure.error, failure.reason)
    except StoreError:
        pass  # the failure is still in the report; the store being down is reported by saves
