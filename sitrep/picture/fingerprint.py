"""What an article looks like to the cross-article stages: terms, numbers, a MinHash.

Everything here is a pure function of one article, computed once at ingest and
stored (`article_fingerprints`), so that comparing a new article with the thousands
already stored never re-reads or re-tokenises their text:

* `terms`: content-word counts (lower-cased, stop words out). Weighted by inverse
  document frequency at comparison time, they give the topical cosine between two
  articles; paraphrases keep most of them even when every sentence is reworded.
* `numbers`: the figures written in the text ("2,700", "10,000"). A rewrite repeats
  its origin's numbers; two reports of different incidents rarely share many.
* `minhash`: a MinHash of word 3-shingles. Its agreement with another article's
  estimates the Jaccard similarity of their wording, which only copies keep high;
  split into LSH bands it finds those copies by index lookup instead of by scan.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
from datasketch import MinHash
from spacy.lang.en.stop_words import STOP_WORDS

# 64 permutations in 16 bands of 4 rows: two texts whose 3-shingle Jaccard is 0.5 share
# a band with probability 1-(1-0.5^4)^16 ≈ 0.64, at 0.7 with 0.98, at 0.3 with 0.12:
# copies are found, unrelated texts mostly not (the candidates are verified anyway).
NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS
SEED = 20_241_025  # fixed: signatures stored today must compare with tomorrow's
SHINGLE = 3
# Enough terms to describe the topic of a long speech; rarer words beyond these add
# little to a cosine and a lot to storage.
MAX_TERMS = 120

_WORD = re.compile(r"[^\W\d_](?:[\w’'-]*\w)?", re.UNICODE)
# Possessive groups: a run of thousands separators is matched once, never backtracked
# digit group by digit group (quadratic on a 64 KB string of "1,000,000,…").
_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})++(?![\w,]*\d)|(?<![\w.,])\d++(?:\.\d+)?(?![\w])")
# Function-like words the stop list misses that news text is full of.
_EXTRA_STOP = {
    "said", "says", "told", "according", "also", "would", "could", "new", "one", "two",
    "year", "years", "week", "time", "people", "today", "percent", "including", "mr",
    "ms", "mrs", "per", "cent",
}


@dataclass(frozen=True)
class Fingerprint:
    """The stored comparison features of one article."""

    terms: dict[str, int] = field(default_factory=dict)
    numbers: tuple[str, ...] = ()
    minhash: bytes = b""
    n_words: int = 0

    def signature(self) -> np.ndarray:
        return np.frombuffer(self.minhash, dtype=np.uint32)


def words(text: str) -> list[str]:
    """Lower-cased word tokens; typographic apostrophes are plain ones."""
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def content_terms(tokens: list[str]) -> Counter[str]:
    """Counts of the words that carry topic: no stop words, no one- or two-letter words."""
    counts: Counter[str] = Counter()
    for token in tokens:
        token = token.removesuffix("'s")
        if len(token) > 2 and token not in STOP_WORDS and token not in _EXTRA_STOP:
            counts[token] += 1
    return counts


def numbers(text: str) -> tuple[str, ...]:
    """The distinct numbers written in `text`, normalised ("2,700" → "2700"), sorted.

    Small numbers (below 10) and plain years say nothing about which report a text
    repeats, so they are left out.
    """
    found = set()
    for match in _NUMBER.finditer(text):
        value = match.group().replace(",", "")
        try:
            number = float(value)
        except ValueError:
            continue
        if number < 10 or (1900 <= number <= 2100 and "." not in value):
            continue
        found.add(value)
    return tuple(sorted(found))


def shingles(tokens: list[str], size: int = SHINGLE) -> set[bytes]:
    if len(tokens) < size:
        return {" ".join(tokens).encode()} if tokens else set()
    return {" ".join(tokens[i : i + size]).encode() for i in range(len(tokens) - size + 1)}


def minhash(tokens: list[str]) -> bytes:
    sketch = MinHash(num_perm=NUM_PERM, seed=SEED)
    grams = shingles(tokens)
    if grams:
        sketch.update_batch(list(grams))
    return np.asarray(sketch.hashvalues, dtype=np.uint32).tobytes()


def fingerprint(text: str) -> Fingerprint:
    """All comparison features of one article's cleaned text."""
    tokens = words(text)
    terms = dict(content_terms(tokens).most_common(MAX_TERMS))
    return Fingerprint(terms=terms, numbers=numbers(text), minhash=minhash(tokens), n_words=len(tokens))


def band_keys(signature: bytes) -> list[str]:
    """One key per LSH band: texts sharing any key are near-duplicate candidates."""
    values = np.frombuffer(signature, dtype=np.uint32)
    keys = []
    for band in range(BANDS):
        chunk = values[band * ROWS : (band + 1) * ROWS].tobytes()
        keys.append(f"{band:02d}:{hashlib.blake2b(chunk, digest_size=8).hexdigest()}")
    return keys


def wording_similarity(a: bytes, b: bytes) -> float:
    """MinHash estimate of the Jaccard similarity of two texts' 3-shingles."""
    if not a or not b or len(a) != len(b):
        return 0.0
    return float(np.mean(np.frombuffer(a, dtype=np.uint32) == np.frombuffer(b, dtype=np.uint32)))
