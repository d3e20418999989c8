"""How alike two articles are, on four separate scales, each in [0, 1].

* `topic`: cosine of the articles' content words weighted by TF-IDF (sublinear tf,
  idf from the store's document frequencies). Two reports of one development share
  their rare words ("Soleimani", "stampede", "Kerman").
* `entities`: cosine of the canonical entities they mention (by `kb_key`), weighted
  by mentions and idf, so that "United States" in every White House document weighs
  little and "Qasem Soleimani" a lot.
* `numbers`: overlap of the figures they write (share of the smaller set).
* `wording`: MinHash estimate of the Jaccard similarity of their 3-shingles.

Kept apart because the decisions differ: a story needs topic and entities to agree;
a copy needs wording; a paraphrased rewrite needs topic, entities *and* numbers.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from sitrep.picture.fingerprint import wording_similarity

Weights = dict[str, float]


@dataclass
class ArticleView:
    """One stored article as the cross-article stages see it."""

    id: str
    published: date | None
    terms: Mapping[str, int]
    entities: Mapping[str, int]  # kb_key → mention count
    numbers: tuple[str, ...] = ()
    minhash: bytes = b""
    site: str | None = None
    host: str | None = None  # host of its URL ("en.wikinews.org")
    declared_domain: str | None = None  # the original source it names, if any
    declared_name: str | None = None
    title: str | None = None
    story_id: int | None = None
    ingested_order: int = 0  # smaller: stored earlier
    n_words: int = 0
    entity_names: Mapping[str, str] = field(default_factory=dict)  # kb_key → name


@dataclass(frozen=True)
class Similarity:
    topic: float
    entities: float
    numbers: float
    wording: float

    @property
    def story(self) -> float:
        """Evidence that two articles report one development."""
        if self.entities <= 0.0:
            return TOPIC_WEIGHT * self.topic
        return TOPIC_WEIGHT * self.topic + (1 - TOPIC_WEIGHT) * self.entities

    def explain(self) -> str:
        return (
            f"topic {self.topic:.2f}, entities {self.entities:.2f}, "
            f"numbers {self.numbers:.2f}, wording {self.wording:.2f}"
        )


# Topic words and entities weigh about the same; measured on the story gold
# (gold/stories/), where either alone merges too much (templated readouts share
# words, every White House text shares "United States").
TOPIC_WEIGHT = 0.5


def idf(df: int, n_docs: int) -> float:
    """Smoothed inverse document frequency; a term seen nowhere yet is maximally rare."""
    return math.log((1 + n_docs) / (1 + df)) + 1.0


def weigh(counts: Mapping[str, int], df: Mapping[str, int], n_docs: int) -> Weights:
    """Sublinear TF-IDF weights of one article's terms or entities."""
    return {
        key: (1.0 + math.log(count)) * idf(df.get(key, 0), n_docs)
        for key, count in counts.items()
        if count > 0
    }


def cosine(a: Weights, b: Weights) -> float:
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(weight * b[key] for key, weight in a.items() if key in b)
    if dot == 0.0:
        return 0.0
    norm = math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values()))
    return min(1.0, dot / norm)


def number_overlap(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    if not a or not b:
        return 0.0
    return len(set(a) & set(b)) / min(len(a), len(b))


def compare(
    a: ArticleView, b: ArticleView,
    a_terms: Weights, b_terms: Weights, a_entities: Weights, b_entities: Weights,
) -> Similarity:
    """All four similarities of two articles, given their weighted terms and entities."""
    return Similarity(
        topic=cosine(a_terms, b_terms),
        entities=cosine(a_entities, b_entities),
        numbers=number_overlap(a.numbers, b.numbers),
        wording=wording_similarity(a.minhash, b.minhash),
    )


def days_apart(a: date | None, b: date | None) -> int | None:
    if a is None or b is None:
        return None
    return abs((a - b).days)
