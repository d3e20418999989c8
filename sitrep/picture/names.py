"""Finding the stored entity a user names: "North Korea", "Kim Jong Un", "Zelenskyy"."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from sitrep.store import schema as s
from sitrep.store.queries import has_words
from sitrep.store.rows import normalise_name


def resolve_entity(conn: Connection, name: str) -> list[str]:
    """The cross-article keys of the entity named `name` (whole words), best first.

    A name of several words written as stored ("North Korea", "Kim Jong Un") is found
    through an index; anything else by a scan for the name's words. The most
    mentioned identity comes first, then its other spellings: a person written only by
    surname in some articles ("Zelenskyy") is the same person as the full name
    ("Volodymyr Zelenskyy") when no other stored person has that surname.
    """
    e = s.entities.c
    # Written as stored ("North Korea", "Kim Jong Un", "Russia"): through the name or
    # kb_key index. A single word naming a person may be a surname, whose full name
    # only the scan below finds.
    row = conn.execute(select(e.kb_key, e.name, e.type).where(e.name == name.strip()).limit(1)).first() \
        or conn.execute(select(e.kb_key, e.name, e.type).where(e.kb_key == f"name:{normalise_name(name)}")
                        .limit(1)).first()
    if row is not None and (len(name.split()) > 1 or row.type != "PERSON"):
        return _with_surname(conn, row.kb_key, row.name, row.type)
    rows = conn.execute(
        select(e.kb_key, func.min(e.name).label("name"), func.min(e.type).label("type"),
               func.count(func.distinct(e.article_id)).label("n"))
        .where(has_words(e.name, name)).group_by(e.kb_key).order_by(func.count(func.distinct(e.article_id)).desc())
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
    return _with_surname(conn, best.kb_key, best.name, best.type)


def _with_surname(conn: Connection, key: str, name: str, type_: str) -> list[str]:
    """`key`, and the key of its surname alone when that surname is nobody else's."""
    e = s.entities.c
    keys = [key]
    if type_ == "PERSON" and " " in name.strip():
        surname = name.split()[-1]
        alone = f"name:{surname.casefold()}"
        if conn.execute(select(e.kb_key).where(e.kb_key == alone).limit(1)).first() is None:
            return keys  # never written alone: nothing to join (and no scan needed)
        namesakes = conn.execute(
            select(func.count(func.distinct(e.kb_key)))
            .where(e.type == "PERSON", has_words(e.name, surname), e.name != surname)
        ).scalar_one()
        if namesakes == 1:
            keys.append(alone)
    return keys
