"""Finding the stored entity a user names: "North Korea", "Kim Jong Un", "Zelenskyy"."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from sitrep.store import schema as s
from sitrep.store.queries import _has_words


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
