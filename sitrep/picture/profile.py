"""An entity's profile: its names, mentions over time, roles, neighbours, stories,
figures and events, from the rows of every article that mentions it."""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from sitrep.errors import StoreError
from sitrep.picture.figures_read import _figure_line, _figures_by_keys
from sitrep.picture.names import resolve_entity
from sitrep.store import schema as s
from sitrep.store.store import Store


def entity_profile(store: Store, name: str, *, limit: int = 50) -> dict[str, Any] | None:
    """Everything stored about one entity: names, mentions by month, roles, related entities, events."""
    e, m, a = s.entities.c, s.mentions.c, s.articles.c
    with store.snapshot("read an entity") as conn:
        keys = resolve_entity(conn, name)
        if not keys:
            return None
        key = keys[0]
        rows = conn.execute(select(e.article_id, e.local_id, e.name, e.type, e.kb, a.published)
                            .join(s.articles, a.id == e.article_id).where(e.kb_key.in_(keys))).all()
        if not rows:
            raise StoreError(f"entity {key} has no rows")
        article_ids = sorted({r.article_id for r in rows})
        local = {(r.article_id, r.local_id) for r in rows}
        names = Counter(r.name for r in rows)
        types = Counter(r.type for r in rows)
        mention_rows = conn.execute(select(m.article_id, m.entity_id, m.text).where(m.article_id.in_(article_ids))).all()
        surface = Counter(t for aid, eid, t in mention_rows if (aid, eid) in local)
        by_month = Counter((r.published or "")[:7] or "undated" for r in rows)
        related = Counter()
        for other_key, other_name, n in conn.execute(
            select(e.kb_key, func.min(e.name), func.count(func.distinct(e.article_id)))
            .where(e.article_id.in_(article_ids), e.kb_key.not_in(keys),
                   e.type.in_(("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")))
            .group_by(e.kb_key)
        ):
            related[(other_key, other_name)] = n
        roles = _roles(rows, mention_rows, local)
        events = _entity_events(conn, keys, limit)
        figure_keys = [r.figure_key for r in conn.execute(
            select(s.figure_claims.c.figure_key, func.count()).where(s.figure_claims.c.subject_key.in_(keys))
            .group_by(s.figure_claims.c.figure_key).order_by(func.count().desc(), s.figure_claims.c.figure_key)
            .limit(10))]
        figures = _figures_by_keys(conn, figure_keys, keys)
        stories = conn.execute(
            select(s.stories.c.id, s.stories.c.title, func.count())
            .join(s.story_articles, s.story_articles.c.story_id == s.stories.c.id)
            .where(s.story_articles.c.article_id.in_(article_ids))
            .group_by(s.stories.c.id, s.stories.c.title).order_by(func.count().desc()).limit(10)
        ).all()
    kb = next((r.kb for r in rows if r.kb), {})
    return {
        "name": max(names, key=lambda n: (names[n] + (len(n.split()) > 1), len(n))), "key": key, "keys": keys, "type": types.most_common(1)[0][0], "kb": kb,
        "names": [n for n, _ in names.most_common(10)], "mentioned_as": [t for t, _ in surface.most_common(15)],
        "articles": len(article_ids), "mentions": sum(surface.values()),
        "mentions_by_month": dict(sorted(by_month.items())), "roles": roles,
        "related": [{"name": nm, "key": k, "articles": n} for (k, nm), n in related.most_common(15)],
        "stories": [{"id": r.id, "title": r.title, "articles": r[2]} for r in stories],
        "figures": [{"key": f.key, "summary": _figure_line(f), "best": f.best, "low": f.low, "high": f.high,
                     "independent_sources": f.n_sources, "history": f.history} for f in figures],
        "events": events,
    }


_ROLE_WORDS = ("president", "minister", "leader", "spokesperson", "spokesman", "spokeswoman", "secretary",
               "general", "commander", "chief", "ambassador", "advisor", "adviser", "chairman", "director",
               "governor", "senator", "king", "prime", "vice", "foreign", "defense", "supreme", "official")


def _roles(rows: list[Any], mention_rows: list[Any], local: set[tuple[str, str]]) -> list[str]:
    """Titles written with the entity's mentions ("North Korean leader", "President")."""
    roles: Counter[str] = Counter()
    names = {r.name.casefold() for r in rows}
    for aid, eid, text in mention_rows:
        if (aid, eid) not in local:
            continue
        words = text.split()
        lowered = [w.casefold().strip(",.") for w in words]
        if any(w in _ROLE_WORDS for w in lowered) and text.casefold() not in names:
            title = " ".join(w for w, low in zip(words, lowered, strict=True) if low in _ROLE_WORDS or low[:1].isalpha()
                             and not any(low in n.split() for n in names))
            if title:
                roles[title] += 1
    return [r for r, _ in roles.most_common(8)]


def _entity_events(conn: Connection, keys: list[str], limit: int) -> list[dict[str, Any]]:
    """Events with the entity as actor or target, by date (event time, else publication).

    Found from the entity's own rows (kb_key index) and the events of those articles
    (primary-key prefix), then matched here: a join on the actor and target columns
    could use no index.
    """
    v, a, e = s.events.c, s.articles.c, s.entities.c
    local = {(r.article_id, r.local_id) for r in conn.execute(
        select(e.article_id, e.local_id).where(e.kb_key.in_(keys)))}
    article_ids = sorted({article for article, _ in local})
    names: dict[tuple[str, str], str] = {}
    found = []
    for start in range(0, len(article_ids), 500):
        chunk = article_ids[start:start + 500]
        names.update({(r.article_id, r.local_id): r.name for r in conn.execute(
            select(e.article_id, e.local_id, e.name).where(e.article_id.in_(chunk)))})
        for r in conn.execute(
            select(v.article_id, v.local_id, v.type, v.mode, v.modality, v.time_start, a.published, v.actor_id,
                   v.target_id, v.actor_text, v.target_text, v.evidence_sentence)
            .join(s.articles, a.id == v.article_id).where(v.article_id.in_(chunk))
        ):
            as_actor = (r.article_id, r.actor_id) in local
            if as_actor or (r.article_id, r.target_id) in local:
                found.append((r, as_actor))
    found.sort(key=lambda item: (item[0].time_start or item[0].published or "", item[0].article_id, item[0].local_id))
    return [
        {"date": r.time_start or (r.published or "")[:10] or None, "date_from": "event" if r.time_start else "published",
         "role": "actor" if as_actor else "target", "type": r.type, "mode": r.mode,
         "actor": names.get((r.article_id, r.actor_id)) or r.actor_text,
         "target": names.get((r.article_id, r.target_id)) or r.target_text,
         "modality": r.modality, "article": r.article_id, "evidence": r.evidence_sentence}
        for r, as_actor in found[-limit:]  # the latest ones
    ]
