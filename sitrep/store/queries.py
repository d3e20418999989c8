"""Queries across stored articles: the rows behind `sitrep claims` and `sitrep quotes`.

Kept apart from `store.py`, which owns writes and single-article reads; these read the
child tables that `rows.py` projects every article into.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import func, or_, select

from sitrep.store.schema import articles, claims, entities, events, inputs, mentions, quotes
from sitrep.store.store import Store


@dataclass(frozen=True)
class ClaimRow:
    article_id: str
    title: str | None
    published: str | None
    claim_id: str
    measure: str
    counted: str | None
    low: float | None
    high: float | None
    approximate: bool
    qualifier: str | None
    unit: str | None
    source_text: str | None
    source_kind: str
    modality: str
    time_text: str | None
    time_start: str | None
    time_end: str | None
    evidence: str

    def to_record(self) -> dict[str, Any]:
        return asdict(self)


def has_words(column: Any, words: str) -> Any:
    """Case-insensitive match on whole words: "iran" finds "Iran", not "Wiranto"."""
    value, words = func.lower(column), words.lower()
    patterns = [f"{words} %", f"% {words}", f"% {words} %"]
    patterns += [f"{prefix}{words}{mark}%" for prefix in ("", "% ") for mark in ("'", "’", ",")]
    return or_(value == words, *(value.like(pattern) for pattern in patterns))


def _article_filter(column: Any, article: str) -> Any:
    """An article by full id, id prefix or input label."""
    by_input = select(inputs.c.article_id).where(inputs.c.input == article)
    return or_(column == article, column.like(f"{article}%"), column.in_(by_input))


def list_claims(
    store: Store, *, measure: str | None = None, source: str | None = None,
    article: str | None = None, limit: int = 50, offset: int = 0,
) -> list[ClaimRow]:
    """Claims, newest article first, each with its evidence sentence.

    `source` matches whole words of the source text, case-insensitively ("Zelenskyy"
    finds "Ukrainian President Volodymyr Zelenskyy", "Korea" finds "South Korea’s
    military"); `article` takes an id, an id
    prefix or an input label.
    """
    c, a = claims.c, articles.c
    stmt = select(
        c.article_id, a.title, a.published, c.local_id, c.measure, c.counted, c.value_low,
        c.value_high, c.approximate, c.qualifier, c.unit, c.source_text, c.source_kind,
        c.modality, c.time_text, c.time_start, c.time_end, c.evidence_sentence,
    ).join(articles, articles.c.id == c.article_id)
    if measure:
        stmt = stmt.where(c.measure == measure)
    if source:
        stmt = stmt.where(has_words(c.source_text, source))
    if article:
        stmt = stmt.where(_article_filter(c.article_id, article))
    stmt = stmt.order_by(a.published.desc().nulls_last(), c.article_id, c.position).limit(limit).offset(offset)
    with store.engine.connect() as conn:
        return [ClaimRow(*row) for row in conn.execute(stmt)]


@dataclass(frozen=True)
class QuoteRow:
    article_id: str
    title: str | None
    quote_id: str
    speaker_text: str | None
    cue: str | None
    text: str
    direct: bool

    def to_record(self) -> dict[str, Any]:
        return asdict(self)


def list_quotes(
    store: Store, *, speaker: str | None = None, article: str | None = None, limit: int = 50,
) -> list[QuoteRow]:
    q, a = quotes.c, articles.c
    stmt = select(q.article_id, a.title, q.local_id, q.speaker_text, q.cue, q.text, q.direct).join(
        articles, articles.c.id == q.article_id
    )
    if speaker:
        stmt = stmt.where(has_words(q.speaker_text, speaker))
    if article:
        stmt = stmt.where(_article_filter(q.article_id, article))
    stmt = stmt.order_by(a.published.desc().nulls_last(), q.article_id, q.position).limit(limit)
    with store.engine.connect() as conn:
        return [QuoteRow(*row) for row in conn.execute(stmt)]


@dataclass(frozen=True)
class EntityRow:
    name: str
    type: str
    kb_key: str
    articles: int
    mentions: int

    def to_record(self) -> dict[str, Any]:
        return asdict(self)


def list_entities(store: Store, *, type: str | None = None, name: str | None = None, limit: int = 50) -> list[EntityRow]:
    """Entities across articles, one row per cross-article identity (`kb_key`), most seen first."""
    e, m = entities.c, mentions.c
    mention_counts = (
        select(m.article_id, m.entity_id, func.count().label("n")).group_by(m.article_id, m.entity_id).subquery()
    )
    stmt = (
        select(func.min(e.name), func.min(e.type), e.kb_key, func.count(func.distinct(e.article_id)),
               func.coalesce(func.sum(mention_counts.c.n), 0))
        .select_from(entities)
        .outerjoin(mention_counts, (mention_counts.c.article_id == e.article_id) & (mention_counts.c.entity_id == e.local_id))
        .group_by(e.kb_key)
    )
    if type:
        stmt = stmt.where(e.type == type.upper())
    if name:
        stmt = stmt.where(func.lower(e.name).contains(name.lower()))
    stmt = stmt.order_by(
        func.count(func.distinct(e.article_id)).desc(), func.coalesce(func.sum(mention_counts.c.n), 0).desc(), func.min(e.name)
    ).limit(limit)
    with store.engine.connect() as conn:
        return [EntityRow(row[0], row[1], row[2], int(row[3]), int(row[4])) for row in conn.execute(stmt)]


@dataclass(frozen=True)
class EventRow:
    article_id: str
    title: str | None
    event_id: str
    type: str
    mode: str | None
    actor: str | None
    target: str | None
    modality: str
    source_text: str | None
    time_text: str | None
    evidence: str

    def to_record(self) -> dict[str, Any]:
        return asdict(self)


def list_events(
    store: Store, *, type: str | None = None, actor: str | None = None, article: str | None = None, limit: int = 50,
) -> list[EventRow]:
    """Events with their participants' canonical names (or the words of the text)."""
    v, a = events.c, articles.c
    actor_entity, target_entity = entities.alias("actor_entity"), entities.alias("target_entity")
    actor_name = func.coalesce(actor_entity.c.name, v.actor_text)
    target_name = func.coalesce(target_entity.c.name, v.target_text)
    stmt = (
        select(v.article_id, a.title, v.local_id, v.type, v.mode, actor_name, target_name, v.modality,
               v.source_text, v.time_text, v.evidence_sentence)
        .select_from(events)
        .join(articles, articles.c.id == v.article_id)
        .outerjoin(actor_entity, (actor_entity.c.article_id == v.article_id) & (actor_entity.c.local_id == v.actor_id))
        .outerjoin(target_entity, (target_entity.c.article_id == v.article_id) & (target_entity.c.local_id == v.target_id))
    )
    if type:
        stmt = stmt.where(v.type == type.upper())
    if actor:
        stmt = stmt.where(has_words(actor_name, actor))
    if article:
        stmt = stmt.where(_article_filter(v.article_id, article))
    stmt = stmt.order_by(a.published.desc().nulls_last(), v.article_id, v.position).limit(limit)
    with store.engine.connect() as conn:
        return [EventRow(*row) for row in conn.execute(stmt)]
