"""Article ↔ rows: the projection of an `Article` into the store's tables.

Reading an article back never goes through these rows: `articles.record` keeps the
exact `to_record()` and `Article.from_record()` rebuilds it. The rows exist for
queries across articles, so this mapping only runs in one direction.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sitrep.model import Article, Attribution, Entity, Evidence, TimeRef
from sitrep.store import schema

Row = dict[str, Any]

# Order matters: the first identifier present wins, and the same referent must get
# the same key in every article. ISO 3166 (countries) and GeoNames (places) come
# first because the gazetteer always knows them when it knows the place at all;
# Wikidata ids are only sometimes attached.
KB_PRIORITY = ("iso3166", "geonames", "wikidata")


def normalise_name(name: str) -> str:
    """Case-, width- and whitespace-insensitive form of an entity name."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def kb_key(entity: Entity) -> str:
    """Cross-article identity of an entity: its best KB id, else its normalised name.

    Only identifiers count: `country`, `lat` and `lon` describe an entity, they do not
    name it (every South Korean ministry has country KR).
    """
    kb = entity.kb or {}
    for key in KB_PRIORITY:
        value = kb.get(key)
        if value not in (None, ""):
            return f"{key}:{value}"
    return f"name:{normalise_name(entity.name)}"


def word_count(text: str) -> int:
    return len(text.split())


def article_row(article: Article, record: dict[str, Any], now: datetime) -> Row:
    """The `articles` row; `record` is `article.to_record()` (computed once by the caller)."""
    meta = article.metadata
    original = meta.original_source
    return {
        "id": record["id"],
        "input": article.input,
        "title": meta.title,
        "published": meta.published,
        "url": meta.url,
        "site": meta.site,
        "original_source_name": original.name if original else None,
        "original_source_domain": original.domain if original else None,
        "language": meta.language,
        "text": article.text,
        "n_words": word_count(article.text),
        "boilerplate": list(article.boilerplate),
        "record": record,
        "ingested_at": now,
    }


@dataclass
class ChildRows:
    """Rows for every child table of one article, keyed by table name."""

    by_table: dict[str, list[Row]] = field(default_factory=dict)

    def count(self, table: str) -> int:
        return len(self.by_table.get(table, []))


def _time(time: TimeRef | None) -> Row:
    return {
        "time_text": time.text if time else None,
        "time_start": time.start if time else None,
        "time_end": time.end if time else None,
    }


def _source(source: Attribution | None) -> Row:
    return {
        "source_text": source.text if source else None,
        "source_entity": source.entity if source else None,
        "source_kind": source.kind if source else None,
    }


def _evidence(evidence: Evidence) -> Row:
    return {
        "evidence_start": evidence.start,
        "evidence_end": evidence.end,
        "evidence_sentence": evidence.sentence,
    }


def child_rows(article: Article) -> ChildRows:
    """Rows for bylines, entities, mentions, claims, quotes and events of `article`."""
    aid = article.id
    rows = ChildRows()
    rows.by_table[schema.article_bylines.name] = [
        {"article_id": aid, "position": i, "name": name}
        for i, name in enumerate(article.metadata.byline)
    ]
    rows.by_table[schema.entities.name] = [
        {
            "article_id": aid,
            "local_id": e.id,
            "position": i,
            "name": e.name,
            "type": e.type,
            "kb": dict(e.kb or {}),
            "kb_key": kb_key(e),
        }
        for i, e in enumerate(article.entities)
    ]
    rows.by_table[schema.mentions.name] = [
        {
            "article_id": aid,
            "entity_id": e.id,
            "position": j,
            "start": m.start,
            "end": m.end,
            "text": m.text,
        }
        for e in article.entities
        for j, m in enumerate(e.mentions)
    ]
    rows.by_table[schema.claims.name] = [
        {
            "article_id": aid,
            "local_id": c.id,
            "position": i,
            "measure": c.measure,
            "counted": c.counted,
            "subject_id": c.subject,
            "value_low": c.value.low,
            "value_high": c.value.high,
            "approximate": bool(c.value.approximate),
            "qualifier": c.value.qualifier,
            "unit": c.unit,
            **_time(c.time),
            **_source(c.source),
            "modality": c.modality,
            **_evidence(c.evidence),
        }
        for i, c in enumerate(article.claims)
    ]
    rows.by_table[schema.quotes.name] = [
        {
            "article_id": aid,
            "local_id": q.id,
            "position": i,
            "speaker_id": q.speaker,
            "speaker_text": q.speaker_text,
            "cue": q.cue,
            "text": q.text,
            "direct": bool(q.direct),
            "start": q.start,
            "end": q.end,
        }
        for i, q in enumerate(article.quotes)
    ]
    rows.by_table[schema.events.name] = [
        {
            "article_id": aid,
            "local_id": v.id,
            "position": i,
            "type": v.type,
            "mode": v.mode,
            "actor_id": v.actor,
            "target_id": v.target,
            "location_id": v.location,
            "actor_text": v.actor_text,
            "target_text": v.target_text,
            "trigger_text": v.trigger.text if v.trigger else None,
            **_time(v.time),
            "modality": v.modality,
            **_source(v.source),
            "claim_ids": list(v.claims),
            **_evidence(v.evidence),
        }
        for i, v in enumerate(article.events)
    ]
    return rows
