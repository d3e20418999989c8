"""Reading figures: a figure key's estimates from the store, split and reconciled.

The grouping was stored as claims arrived (`figure_claims`); here the rows of a key are
split by subject and, for an unnamed counted object, by value, then reconciled
(`figures.reconcile`). Killed, wounded and casualties figures of one story name each
other, since they measure overlapping scopes rather than rival counts.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from sitrep.picture.figures import (
    Estimate,
    Figure,
    reconcile,
    scope_note,
    split_by_subject,
    split_by_value,
)
from sitrep.model import number_text
from sitrep.picture.names import resolve_entity
from sitrep.store import schema as s
from sitrep.store.store import Store

CASUALTY_MEASURES = ("killed", "wounded", "casualties")


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
        # The figures an analyst looks for first: of a named counted object, most reported.
        figures = sorted(_figures_by_keys(conn, keys), key=lambda f: (
            f.counted == "-", -len(f.reports), -sum(len(r.estimates) for r in f.reports), f.key))
        out[story_id] = [_figure_line(f) for f in figures[:per_story]]
    return out


def _figure_line(figure: Figure) -> str:
    num = number_text
    span = num(figure.low) if figure.low == figure.high else f"{num(figure.low)}–{num(figure.high)}"
    if figure.high_open:
        span += "+"
    subject = f" ({figure.subject})" if figure.subject else ""
    return f"{figure.measure} {figure.counted}{subject}: best {num(figure.best)}, range {span}, " \
           f"{figure.n_sources} source{'s' if figure.n_sources != 1 else ''}"


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
            # An unnamed counted object only groups equal values: a fact sheet's forty
            # dollar amounts are forty quantities. A named one ("cases") may grow tenfold
            # over a story and stays one figure with a history.
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


