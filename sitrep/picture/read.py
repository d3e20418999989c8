"""Reading the situation picture: stories, one story with its timeline, an article's place.

The rows were written as articles arrived (`update.py`); these queries only join and
aggregate them. Figures are read by `figures_read.py`, entity profiles by
`profile.py`; every item carries the article ids (and input labels) and the evidence
it rests on. Together these are the Python API behind `sitrep stories | story |
figures | entity`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from sitrep.picture.figures import Figure
from sitrep.picture.figures_read import _add_scope_notes, _figures_by_keys, _key_figures, find_figures
from sitrep.picture.names import resolve_entity
from sitrep.picture.profile import entity_profile
from sitrep.store import schema as s
from sitrep.store.store import Store

__all__ = ["StorySummary", "article_picture", "entity_profile", "find_figures", "get_story", "list_stories",
           "resolve_entity", "Figure"]


@dataclass
class StorySummary:
    id: int
    title: str | None
    first_day: str | None
    last_day: str | None
    articles: int
    reports: int  # distinct origins: copies and rewrites count once
    sites: list[str]
    entities: list[str]
    key_figures: list[str] = field(default_factory=list)
    inputs: list[str] = field(default_factory=list)  # input labels of its articles

    def to_record(self) -> dict[str, Any]:
        return asdict(self)


_TOPICAL = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT")


def _story_entities(conn: Connection, story_ids: list[int], per_story: int = 5) -> dict[int, list[str]]:
    """The entities most of each story's articles mention.

    Read as the stories' articles first, then those articles' entities (primary-key
    prefix): a join from stories to entities lets SQLite start from the type index and
    scan every entity of the store.
    """
    e, sa = s.entities.c, s.story_articles.c
    story_of = dict(conn.execute(select(sa.article_id, sa.story_id).where(sa.story_id.in_(story_ids))).all())
    seen: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    names: dict[str, str] = {}
    articles = sorted(story_of)
    for start in range(0, len(articles), 500):
        for article_id, key, name, type_ in conn.execute(
            select(e.article_id, e.kb_key, e.name, e.type).where(e.article_id.in_(articles[start:start + 500]))
        ):
            if type_ in _TOPICAL:
                seen[story_of[article_id]][key].add(article_id)
                names[key] = min(names.get(key, name), name)
    return {sid: [names[key] for key, _ in sorted(keys.items(), key=lambda kv: (-len(kv[1]), names[kv[0]]))[:per_story]]
            for sid, keys in seen.items()}


def list_stories(
    store: Store, *, since: str | None = None, entity: str | None = None, limit: int = 20, offset: int = 0,
) -> list[StorySummary]:
    """Stories, most recently active first."""
    st, sa, o, a = s.stories.c, s.story_articles.c, s.origins.c, s.articles.c
    with store.snapshot("list stories") as conn:
        stmt = select(s.stories)
        if since:
            stmt = stmt.where(st.last_day >= since)
        if entity:
            keys = resolve_entity(conn, entity)
            if not keys:
                return []
            member = (select(sa.story_id).join(s.entities, s.entities.c.article_id == sa.article_id)
                      .where(s.entities.c.kb_key.in_(keys)))
            stmt = stmt.where(st.id.in_(member))
        stmt = stmt.order_by(st.last_day.desc().nulls_last(), st.n_articles.desc(), st.id.desc())
        stories = conn.execute(stmt.limit(limit).offset(offset)).all()
        ids = [row.id for row in stories]
        if not ids:
            return []
        reports = dict(conn.execute(
            select(sa.story_id, func.count(func.distinct(o.origin_key)))
            .join(s.origins, o.article_id == sa.article_id).where(sa.story_id.in_(ids)).group_by(sa.story_id)
        ).all())
        sites: dict[int, list[str]] = defaultdict(list)
        for story_id, site in conn.execute(
            select(sa.story_id, a.site).join(s.articles, a.id == sa.article_id)
            .where(sa.story_id.in_(ids), a.site.is_not(None)).distinct()
        ):
            sites[story_id].append(site)
        names = _story_entities(conn, ids)
        labels: dict[int, list[str]] = defaultdict(list)
        for story_id, label in conn.execute(
            select(sa.story_id, a.input).join(s.articles, a.id == sa.article_id)
            .where(sa.story_id.in_(ids)).order_by(a.published, a.input)
        ):
            labels[story_id].append(label)
        figures = _key_figures(conn, ids)
    return [
        StorySummary(row.id, row.title, row.first_day, row.last_day, row.n_articles, reports.get(row.id, 0),
                     sorted(sites[row.id]), names.get(row.id, []), figures.get(row.id, []), labels[row.id])
        for row in stories
    ]


# -- one story ------------------------------------------------------------------------


def get_story(store: Store, story_id: int) -> dict[str, Any] | None:
    """A story with its articles, sources, timeline and figures."""
    st, sa, a, o = s.stories.c, s.story_articles.c, s.articles.c, s.origins.c
    with store.snapshot("read a story") as conn:
        story = conn.execute(select(s.stories).where(st.id == story_id)).first()
        if story is None:
            return None
        members = conn.execute(
            select(a.id, a.input, a.title, a.published, a.site, a.original_source_name, o.relation, o.origin_id,
                   o.origin_key, o.reason.label("origin_reason"), sa.score, sa.reason)
            .join(s.story_articles, sa.article_id == a.id).outerjoin(s.origins, o.article_id == a.id)
            .where(sa.story_id == story_id).order_by(a.published.nulls_last(), a.id)
        ).all()
        # Copies and rewrites repeat their origin's events and figures: the timeline
        # reads each report once, from the article that first published it.
        ids = [m.id for m in members if m.origin_id is None or m.origin_id not in {x.id for x in members}]
        timeline, background = _split_background(_timeline(conn, ids), story.first_day)
        # A long story keeps its latest developments: the oldest entries are cut first.
        cut = max(0, len(timeline) - TIMELINE_LIMIT)
        timeline, background = timeline[cut:], background[-BACKGROUND_LIMIT:]
        figure_keys = [row.figure_key for row in conn.execute(
            select(s.figure_claims.c.figure_key, func.count()).where(s.figure_claims.c.story_id == story_id)
            .group_by(s.figure_claims.c.figure_key).order_by(func.count().desc(), s.figure_claims.c.figure_key))]
        figures = _figures_by_keys(conn, figure_keys)
        _add_scope_notes(conn, figures)
        names = _story_entities(conn, [story_id], per_story=10).get(story_id, [])
    sources = Counter(m.origin_key or f"article:{m.id}" for m in members)
    return {
        "id": story.id, "title": story.title, "first_day": story.first_day, "last_day": story.last_day,
        "articles": [
            {"article": m.id, "input": m.input, "title": m.title, "published": m.published, "site": m.site,
             "origin": {"relation": m.relation, "of": m.origin_id, "key": m.origin_key, "reason": m.origin_reason},
             "joined": {"score": m.score, "reason": m.reason}}
            for m in members
        ],
        "inputs": [m.input for m in members],
        "independent_reports": len(sources),
        "sites": sorted({m.site for m in members if m.site}),
        "entities": names,
        "figures": [f.to_record() for f in figures],
        "timeline": timeline,
        "timeline_cut": cut,  # oldest entries left out of a very long timeline
        "background": background,
    }


# Entries dated this long before the story's first article are background the articles
# recall ("since 2014", "in 1947"), not developments of the story.
BACKGROUND_DAYS = 30
TIMELINE_LIMIT = 500
BACKGROUND_LIMIT = 50


def _split_background(entries: list[dict[str, Any]], first_day: str | None) -> tuple[list, list]:
    if not first_day:
        return entries, []
    from datetime import date, timedelta

    try:
        cutoff = (date.fromisoformat(first_day) - timedelta(days=BACKGROUND_DAYS)).isoformat()
    except ValueError:
        return entries, []
    background = [e for e in entries if e["date"] and e["date"][:10] < cutoff]
    return [e for e in entries if not (e["date"] and e["date"][:10] < cutoff)], background


def _timeline(conn: Connection, article_ids: list[str]) -> list[dict[str, Any]]:
    """Events and figures of these articles in date order: event time where known, else publication."""
    if not article_ids:
        return []
    v, a = s.events.c, s.articles.c
    actor, target = s.entities.alias("actor"), s.entities.alias("target")
    entries = []
    for row in conn.execute(
        select(v.article_id, v.local_id, v.type, v.mode, v.modality, v.time_start, v.time_text, a.published,
               func.coalesce(actor.c.name, v.actor_text).label("actor"),
               func.coalesce(target.c.name, v.target_text).label("target"), v.trigger_text, v.source_text,
               v.evidence_sentence, v.evidence_start, v.evidence_end)
        .join(s.articles, a.id == v.article_id)
        .outerjoin(actor, (actor.c.article_id == v.article_id) & (actor.c.local_id == v.actor_id))
        .outerjoin(target, (target.c.article_id == v.article_id) & (target.c.local_id == v.target_id))
        .where(v.article_id.in_(article_ids))
    ):
        when, basis = (row.time_start, "event") if row.time_start else ((row.published or "")[:10] or None, "published")
        entries.append({
            "date": when, "date_from": basis, "kind": "event", "type": row.type, "mode": row.mode,
            "actor": row.actor, "target": row.target, "trigger": row.trigger_text, "modality": row.modality,
            "source": row.source_text, "time_text": row.time_text, "article": row.article_id,
            "event": row.local_id,
            "evidence": {"start": row.evidence_start, "end": row.evidence_end, "sentence": row.evidence_sentence},
        })
    c = s.claims.c
    for row in conn.execute(
        select(c.article_id, c.local_id, c.measure, c.counted, c.value_low, c.value_high, c.qualifier, c.modality,
               c.source_text, c.time_start, c.time_text, a.published, c.evidence_sentence, c.evidence_start,
               c.evidence_end)
        .join(s.articles, a.id == c.article_id).where(c.article_id.in_(article_ids))
    ):
        when, basis = (row.time_start, "claim") if row.time_start else ((row.published or "")[:10] or None, "published")
        entries.append({
            "date": when, "date_from": basis, "kind": "figure", "measure": row.measure, "counted": row.counted,
            "low": row.value_low, "high": row.value_high, "qualifier": row.qualifier, "modality": row.modality,
            "source": row.source_text, "time_text": row.time_text, "article": row.article_id, "claim": row.local_id,
            "evidence": {"start": row.evidence_start, "end": row.evidence_end, "sentence": row.evidence_sentence},
        })
    entries.sort(key=lambda e: (e["date"] or "9999", e["article"], e["kind"], e.get("event") or e.get("claim") or ""))
    return entries


def article_picture(store: Store, article_id: str) -> dict[str, Any] | None:
    """Where one article stands in the picture: its origin and its story."""
    o, sa, st = s.origins.c, s.story_articles.c, s.stories.c
    with store.snapshot("read an article's picture") as conn:
        row = conn.execute(
            select(o.relation, o.origin_id, o.origin_key, o.similarity, o.reason, sa.story_id, st.title,
                   sa.reason.label("story_reason"))
            .select_from(s.origins).outerjoin(s.story_articles, sa.article_id == o.article_id)
            .outerjoin(s.stories, st.id == sa.story_id).where(o.article_id == article_id)
        ).first()
        if row is None:
            return None
        copies = conn.execute(select(func.count()).select_from(s.origins).where(o.origin_id == article_id)).scalar_one()
    return {
        "origin": {"relation": row.relation, "of": row.origin_id, "key": row.origin_key,
                   "similarity": row.similarity, "reason": row.reason},
        "repeated_by": copies,
        "story": {"id": row.story_id, "title": row.title, "reason": row.story_reason},
    }
