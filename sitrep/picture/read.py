"""Reading the situation picture: stories, one story's timeline, figures, entity profiles.

The rows were written as articles arrived (`update.py`); these queries only join and
aggregate them, plus the reconciliation of each figure (`figures.reconcile`), which
is cheap because a figure's estimates are found through the `figure_key` index.
Every item carries the article ids (and input labels) and evidence it rests on.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from sitrep.errors import StoreError
from sitrep.picture.figures import (
    Estimate,
    Figure,
    reconcile,
    scope_note,
    split_by_value,
    split_by_subject,
)
from sitrep.store import schema as s
from sitrep.store.queries import _has_words
from sitrep.store.store import Store

CASUALTY_MEASURES = ("killed", "wounded", "casualties")


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

    def to_record(self) -> dict[str, Any]:
        return asdict(self)


def resolve_entity(conn: Connection, name: str) -> list[str]:
    """The cross-article keys of the entity named `name` (whole words), best first.

    The most mentioned identity comes first, then its other spellings: a person
    written only by surname in some articles ("Zelenskyy") is the same person as the
    full name ("Volodymyr Zelenskyy") when no other stored person has that surname.
    """
    e = s.entities.c
    rows = conn.execute(
        select(e.kb_key, func.min(e.name).label("name"), func.min(e.type).label("type"),
               func.count(func.distinct(e.article_id)).label("n"))
        .where(_has_words(e.name, name)).group_by(e.kb_key).order_by(func.count(func.distinct(e.article_id)).desc())
    ).all()
    if not rows:
        return []
    ranked = sorted(rows, key=lambda r: (-r.n, -len(r.name)))
    best = ranked[0]
    if best.type == "PERSON" and " " not in best.name.strip():
        # A surname alone: prefer the full name it abbreviates, if there is just one.
        full = [r for r in rows if r.type == "PERSON" and r.name.split()[-1].casefold() == best.name.casefold()
                and " " in r.name.strip()]
        if len(full) == 1:
            best = full[0]
    keys = [best.kb_key]
    if best.type == "PERSON" and " " in best.name.strip():
        surname = best.name.split()[-1]
        namesakes = conn.execute(
            select(func.count(func.distinct(e.kb_key)))
            .where(e.type == "PERSON", _has_words(e.name, surname), e.name != surname)
        ).scalar_one()
        if namesakes == 1:
            keys.append(f"name:{surname.casefold()}")
    return keys


def _story_entities(conn: Connection, story_ids: list[int], per_story: int = 5) -> dict[int, list[str]]:
    e, sa = s.entities.c, s.story_articles.c
    rows = conn.execute(
        select(sa.story_id, e.kb_key, func.min(e.name), func.count(func.distinct(e.article_id)))
        .join(s.entities, e.article_id == sa.article_id)
        .where(sa.story_id.in_(story_ids), e.type.in_(("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT")))
        .group_by(sa.story_id, e.kb_key)
    ).all()
    by_story: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for story_id, _key, name, n in rows:
        by_story[story_id].append((n, name))
    return {sid: [name for _, name in sorted(items, key=lambda x: (-x[0], x[1]))[:per_story]]
            for sid, items in by_story.items()}


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
        figures = _key_figures(conn, ids)
    return [
        StorySummary(row.id, row.title, row.first_day, row.last_day, row.n_articles, reports.get(row.id, 0),
                     sorted(sites[row.id]), names.get(row.id, []), figures.get(row.id, []))
        for row in stories
    ]


def _key_figures(conn: Connection, story_ids: list[int], per_story: int = 3) -> dict[int, list[str]]:
    """One line per most-estimated figure of each story ("killed people: 56–60, 3 reports")."""
    fc = s.figure_claims.c
    rows = conn.execute(
        select(fc.story_id, fc.figure_key, func.count())
        .where(fc.story_id.in_(story_ids)).group_by(fc.story_id, fc.figure_key)
    ).all()
    best: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for story_id, key, n in rows:
        best[story_id].append((n, key))
    out: dict[int, list[str]] = {}
    for story_id, items in best.items():
        keys = [key for _, key in sorted(items, key=lambda x: (-x[0], x[1]))[:per_story]]
        out[story_id] = [_figure_line(f) for f in _figures_by_keys(conn, keys)]
    return out


def _figure_line(figure: Figure) -> str:
    def num(v: float | None) -> str:
        return "?" if v is None else f"{v:,.0f}"
    span = num(figure.low) if figure.low == figure.high else f"{num(figure.low)}–{num(figure.high)}"
    if figure.high_open:
        span += "+"
    subject = f" ({figure.subject})" if figure.subject else ""
    return f"{figure.measure} {figure.counted}{subject}: best {num(figure.best)}, range {span}, " \
           f"{figure.n_sources} source{'s' if figure.n_sources != 1 else ''}"


# -- figures --------------------------------------------------------------------------


def _estimate_query() -> Any:
    c, fc, a, o = s.claims.c, s.figure_claims.c, s.articles.c, s.origins.c
    src = s.entities.alias("src")
    return (
        select(fc.figure_key, fc.subject_key, fc.counted_head, c.measure, c.article_id, c.local_id, a.title,
               a.published, func.coalesce(o.origin_key, "article:" + c.article_id).label("origin_key"),
               func.coalesce(o.relation, "original").label("relation"), c.value_low, c.value_high,
               c.approximate, c.qualifier, c.counted, c.modality, c.source_text, c.source_kind,
               src.c.kb_key.label("source_key"), src.c.kb.label("source_kb"), c.time_text, c.time_start,
               c.time_end, c.evidence_sentence, c.evidence_start, c.evidence_end)
        .select_from(s.figure_claims)
        .join(s.claims, (c.article_id == fc.article_id) & (c.local_id == fc.claim_id))
        .join(s.articles, a.id == fc.article_id)
        .outerjoin(s.origins, o.article_id == fc.article_id)
        .outerjoin(src, (src.c.article_id == c.article_id) & (src.c.local_id == c.source_entity))
    )


def _estimate(row: Any) -> Estimate:
    kb = row.source_kb or {}
    return Estimate(
        article_id=row.article_id, claim_id=row.local_id, title=row.title, published=row.published,
        origin_key=row.origin_key, relation=row.relation, low=row.value_low, high=row.value_high,
        approximate=bool(row.approximate), qualifier=row.qualifier, counted=row.counted, modality=row.modality,
        source_text=row.source_text, source_kind=row.source_kind, source_key=row.source_key,
        source_country=kb.get("iso3166") or kb.get("country"), time_text=row.time_text,
        time_start=row.time_start, time_end=row.time_end, evidence=row.evidence_sentence,
        evidence_start=row.evidence_start, evidence_end=row.evidence_end,
    )


def _subject_names(conn: Connection, keys: set[str]) -> dict[str, str]:
    if not keys:
        return {}
    e = s.entities.c
    rows = conn.execute(select(e.kb_key, e.name, func.count()).where(e.kb_key.in_(keys))
                        .group_by(e.kb_key, e.name)).all()
    best: dict[str, tuple[int, str]] = {}
    for key, name, n in rows:
        if key not in best or (n, len(name)) > (best[key][0], len(best[key][1])):
            best[key] = (n, name)
    return {key: name for key, (_, name) in best.items()}


def _figures_by_keys(conn: Connection, keys: list[str], subjects: list[str] | None = None) -> list[Figure]:
    """The figures filed under these keys, split by subject (and, for an unnamed counted
    object, by value), optionally only those about `subjects`."""
    if not keys:
        return []
    rows = conn.execute(_estimate_query().where(s.figure_claims.c.figure_key.in_(keys))).all()
    grouped: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        grouped[row.figure_key].append(row)
    names = _subject_names(conn, {r.subject_key for r in rows if r.subject_key})
    figures = []
    for key in keys:
        members = grouped.get(key)
        if not members:
            continue
        first = members[0]
        for subject, estimates in split_by_subject([(r.subject_key, _estimate(r)) for r in members]):
            if subjects is not None and subject not in subjects:
                continue
            parts = split_by_value(estimates) if first.counted_head == "-" else [estimates]
            for n, part in enumerate(parts):
                figure_id = f"{key}|{subject or '-'}" + (f"|{n + 1}" if len(parts) > 1 else "")
                figures.append(reconcile(figure_id, first.measure, names.get(subject or ""), first.counted_head, part))
    return figures


def find_figures(
    store: Store, *, subject: str | None = None, measure: str | None = None, story: int | None = None,
    limit: int = 20,
) -> list[Figure]:
    """Reconciled figures, most-reported first, filtered by subject entity, measure, story."""
    fc = s.figure_claims.c
    subjects: list[str] | None = None
    with store.snapshot("read figures") as conn:
        stmt = select(fc.figure_key, func.count().label("n")).group_by(fc.figure_key)
        if subject:
            keys = resolve_entity(conn, subject)
            if not keys:
                return []
            stmt = stmt.where(fc.figure_key.in_(select(fc.figure_key).where(fc.subject_key.in_(keys))))
            subjects = keys
        if measure:
            stmt = stmt.join(s.claims, (s.claims.c.article_id == fc.article_id) & (s.claims.c.local_id == fc.claim_id)) \
                .where(s.claims.c.measure == measure)
        if story is not None:
            stmt = stmt.where(fc.story_id == story)
        keys_found = [row.figure_key for row in conn.execute(
            stmt.order_by(func.count().desc(), fc.figure_key).limit(limit))]
        figures = _figures_by_keys(conn, keys_found, subjects)
        _add_scope_notes(conn, figures)
    return figures


def _add_scope_notes(conn: Connection, figures: list[Figure]) -> None:
    """Tell killed, wounded and casualties apart within one story.

    A "killed" figure and a "casualties" figure of one story measure overlapping
    scopes, not rival counts; each says so, naming the other, even when the other
    was filtered out of the listing. Figures about another subject are left alone,
    except a figure with no subject, which may be about anyone in the story.
    """
    wanted = [f for f in figures if f.measure in CASUALTY_MEASURES]
    if not wanted:
        return
    scopes = {f.key.split("|")[0] for f in wanted}
    story_ids = [int(scope.split(":")[1]) for scope in scopes if scope.split(":")[1].isdigit()]
    fc = s.figure_claims.c
    keys = [row.figure_key for row in conn.execute(
        select(fc.figure_key).where(fc.story_id.in_(story_ids)).distinct())
        if row.figure_key.split("|")[1] in CASUALTY_MEASURES]
    known = {f.key: f for f in figures}
    related = [known.get(k) for k in keys]
    missing = [k for k, f in zip(keys, related, strict=True) if f is None]
    pool = [f for f in related if f is not None] + _figures_by_keys(conn, missing)
    for figure in wanted:
        scope = figure.key.split("|")[0]
        for other in pool:
            if other.key == figure.key or other.key.split("|")[0] != scope or other.best is None:
                continue
            if figure.subject and other.subject and figure.subject != other.subject:
                continue
            note = scope_note(figure.measure, other.measure)
            if note:
                source = other.reports[0].lead.source_text if other.single_source and other.reports else None
                who = f" per {source}" if source else f", {other.n_sources} sources"
                figure.disagreements.append(
                    f"other scope: {other.measure} {other.counted} best {other.best:,.0f}{who} ({note})")


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
        timeline = _timeline(conn, ids)
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
    }


def _timeline(conn: Connection, article_ids: list[str], limit: int = 500) -> list[dict[str, Any]]:
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
    return entries[:limit]


# -- one entity -----------------------------------------------------------------------


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
    v, a = s.events.c, s.articles.c
    actor, target = s.entities.alias("actor"), s.entities.alias("target")
    rows = conn.execute(
        select(v.article_id, v.local_id, v.type, v.mode, v.modality, v.time_start, a.published,
               func.coalesce(actor.c.name, v.actor_text).label("actor"),
               func.coalesce(target.c.name, v.target_text).label("target"), actor.c.kb_key.label("actor_key"),
               v.evidence_sentence)
        .join(s.articles, a.id == v.article_id)
        .outerjoin(actor, (actor.c.article_id == v.article_id) & (actor.c.local_id == v.actor_id))
        .outerjoin(target, (target.c.article_id == v.article_id) & (target.c.local_id == v.target_id))
        .where(actor.c.kb_key.in_(keys) | target.c.kb_key.in_(keys))
        .order_by(func.coalesce(v.time_start, a.published), v.article_id, v.local_id).limit(limit)
    ).all()
    return [
        {"date": r.time_start or (r.published or "")[:10] or None, "date_from": "event" if r.time_start else "published",
         "role": "actor" if r.actor_key in keys else "target", "type": r.type, "mode": r.mode, "actor": r.actor,
         "target": r.target, "modality": r.modality, "article": r.article_id, "evidence": r.evidence_sentence}
        for r in rows
    ]


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
