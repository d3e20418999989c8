"""Stories against the hand-made story gold (gold/stories/*.json): B-cubed P/R/F1.

Each gold file names a universe of corpus articles chosen by a mechanical rule (all
Wikinews articles of some weeks, all White House documents of some weeks mentioning
North Korea…) and partitions it into stories by hand. The evaluation ingests that
universe, in corpus order, into an empty store, so the stories grow incrementally
exactly as in `sitrep ingest`, then compares the store's partition with the gold.

B-cubed (Bagga & Baldwin 1998) scores each article: precision is the share of its
predicted story that is in its gold story, recall the share of its gold story that
is in its predicted story; both are averaged over articles. Unlike pairwise scores
it does not let one big story drown the singletons.

Run: `python -m sitrep.quality.stories [--keep DIR]` (prints the scores per set).
"""

from __future__ import annotations

import argparse
import gzip
import json
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from sitrep.settings import Settings
from sitrep.store import schema as s

GOLD_DIR = Path(__file__).resolve().parents[2] / "gold" / "stories"
CORPUS_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


@dataclass
class StoryGold:
    name: str
    corpus: str
    stories: dict[str, list[str]]
    figures: list[dict[str, Any]] = field(default_factory=list)
    # Coarser grouping some stories carry: the stages of one war are one storyline.
    storylines: dict[str, str] = field(default_factory=dict)

    @property
    def articles(self) -> list[str]:
        return [a for members in self.stories.values() for a in members]


def load_gold(path: Path) -> StoryGold:
    data = json.loads(path.read_text(encoding="utf-8"))
    return StoryGold(
        name=data["set"], corpus=data["corpus"],
        stories={story["id"]: list(story["articles"]) for story in data["stories"]},
        figures=data.get("figures", []),
        storylines={story["id"]: story.get("storyline") or story["id"] for story in data["stories"]},
    )


def gold_sets(gold_dir: Path = GOLD_DIR) -> list[StoryGold]:
    return [load_gold(path) for path in sorted(gold_dir.glob("*.json"))]


def bcubed(predicted: dict[str, Any], gold: dict[str, Any]) -> dict[str, float]:
    """B-cubed precision, recall and F1 of a predicted clustering against the gold one.

    Items missing from `predicted` count as singletons (a story of their own).
    """
    items = list(gold)
    if not items:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    pred = {item: predicted.get(item, ("missing", item)) for item in items}
    by_pred: dict[Any, set[str]] = defaultdict(set)
    by_gold: dict[Any, set[str]] = defaultdict(set)
    for item in items:
        by_pred[pred[item]].add(item)
        by_gold[gold[item]].add(item)
    precision = recall = 0.0
    for item in items:
        mine, theirs = by_pred[pred[item]], by_gold[gold[item]]
        both = len(mine & theirs)
        precision += both / len(mine)
        recall += both / len(theirs)
    p, r = precision / len(items), recall / len(items)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def write_universe(gold: StoryGold, corpus_dir: Path, out: Path) -> Path:
    """The gold set's articles as a JSONL file, in corpus order (the arrival order)."""
    wanted = set(gold.articles)
    source = corpus_dir / gold.corpus
    opener = gzip.open if source.name.endswith(".gz") else open
    lines = []
    with opener(source, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip() and json.loads(line)["id"] in wanted:
                lines.append(line if line.endswith("\n") else line + "\n")
    path = out / f"{gold.name}.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def predicted_stories(db_url: str) -> dict[str, int]:
    """Input label → story id, from a store."""
    from sitrep.store import open_store

    with open_store(db_url) as store, store.snapshot("read stories") as conn:
        rows = conn.execute(
            select(s.inputs.c.input, s.story_articles.c.story_id)
            .join(s.story_articles, s.story_articles.c.article_id == s.inputs.c.article_id)
        ).all()
    return {row.input: row.story_id for row in rows}


def ingest_set(gold: StoryGold, db_url: str, corpus_dir: Path = CORPUS_DIR, workdir: Path | None = None) -> None:
    from sitrep.ingest import ingest

    with tempfile.TemporaryDirectory() as tmp:
        universe = write_universe(gold, corpus_dir, workdir or Path(tmp))
        report = ingest([str(universe)], Settings(db_url=db_url))
    if report.failures or report.picture_errors:
        raise RuntimeError(f"{gold.name}: ingest failed: {report.to_record()}")


def evaluate(gold: StoryGold, db_url: str) -> dict[str, Any]:
    """B-cubed of the store's stories over the gold set (already ingested into db_url)."""
    truth = {article: story for story, members in gold.stories.items() for article in members}
    predicted = predicted_stories(db_url)
    coarse = {article: gold.storylines.get(story, story) for article, story in truth.items()}
    return {"set": gold.name, "articles": len(truth), "gold_stories": len(gold.stories),
            "predicted_stories": len({predicted.get(a, a) for a in truth}),
            "story": bcubed(predicted, truth), "storyline": bcubed(predicted, coarse)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep", type=Path, help="keep each set's store in this directory")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for gold in gold_sets():
            db = folder / f"{gold.name}.db"
            db.unlink(missing_ok=True)
            url = f"sqlite:///{db}"
            ingest_set(gold, url)
            print(json.dumps(evaluate(gold, url)))


if __name__ == "__main__":
    main()


def evaluate_figures(gold: StoryGold, db_url: str) -> dict[str, Any]:
    """How the gold figures come out of the store.

    * estimate recall: gold estimates found as a claim of the same article, measure
      and value (low, and high when the gold gives one);
    * grouping: of the found estimates of each gold figure with two or more, the
      share filed under the figure key holding most of them (1.0: one figure).
    """
    from sitrep.store import open_store

    from sitrep.picture.read import _figures_by_keys

    found = total = grouped = groupable = 0
    misses = []
    with open_store(db_url) as store, store.snapshot("read figures") as conn:
        ids = dict(conn.execute(select(s.inputs.c.input, s.inputs.c.article_id)).all())
        # Each claim's figure as a reader sees it (split by subject and magnitude).
        stored_keys = list(conn.execute(select(s.figure_claims.c.figure_key).distinct()).scalars())
        figure_of = {(e.article_id, e.claim_id): figure.key
                     for figure in _figures_by_keys(conn, stored_keys)
                     for report in figure.reports for e in report.estimates}
        for figure in gold.figures:
            keys = []
            for estimate in figure["estimates"]:
                total += 1
                article_id = ids.get(estimate["article"])
                rows = conn.execute(
                    select(s.claims.c.local_id, s.claims.c.value_low, s.claims.c.value_high)
                    .where(s.claims.c.article_id == article_id, s.claims.c.measure == figure["measure"])
                ).all()
                match = [r for r in rows if _same(r.value_low, estimate["low"])
                         and (estimate.get("high") is None or _same(r.value_high, estimate["high"]))]
                if match:
                    found += 1
                    keys.append(figure_of.get((article_id, match[0].local_id), "none"))
                else:
                    misses.append({"figure": figure["id"], "article": estimate["article"], "text": estimate["text"]})
            if len(keys) >= 2:
                groupable += len(keys)
                grouped += max(keys.count(k) for k in set(keys))
    return {"set": gold.name, "estimates": total, "found": found,
            "estimate_recall": round(found / total, 3) if total else 0.0,
            "grouping": round(grouped / groupable, 3) if groupable else None, "misses": misses}


def _same(value: float | None, expected: float | None) -> bool:
    return value is not None and expected is not None and abs(value - expected) < 1e-6 * max(1.0, abs(expected))
