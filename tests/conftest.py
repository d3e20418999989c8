"""Shared pytest fixtures."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # imported inside the fixtures: other tests don't pay for SQLAlchemy
    from sitrep.store import Store

# ---------------------------------------------------------------------------------
# Store fixtures (storage layer, sitrep/store).
#
# `store`, `store_location` and `new_store_location` are parametrised over both
# backends: SQLite (a file in tmp_path, new per test) and PostgreSQL
# (SITREP_TEST_PG_URL, default the local server). PostgreSQL isolation: the session
# migrates its own schema `sitrep_test_<session hex>` once, reached through the
# connection's search_path (open_store's `schema=`), and `store_location` empties it
# (DELETE) before each test; `new_store_location` hands out a never-created schema
# `sitrep_test_<session hex>_<n>` for tests of database creation. Every schema of
# the session is dropped CASCADE at its end. PostgreSQL down: its tests skip, except
# under CI=true, where they fail.
# ---------------------------------------------------------------------------------

DEFAULT_TEST_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@dataclass(frozen=True)
class StoreLocation:
    """Where a test's store lives: what to pass to `open_store(url, schema=...)`."""

    backend: str
    url: str
    schema: str | None = None


def _libpq_conninfo(url: str) -> str:
    from sqlalchemy import make_url

    u = make_url(url)
    parts = {
        "host": u.host or "127.0.0.1",
        "port": u.port or 5432,
        "user": u.username or "postgres",
        "dbname": u.database or "postgres",
        "password": u.password,
        "connect_timeout": 3,
    }
    return " ".join(f"{k}={v}" for k, v in parts.items() if v is not None)


@pytest.fixture(scope="session")
def pg_url() -> str:
    """URL of the test PostgreSQL server; skips (or fails under CI=true) if it is down."""
    import psycopg

    url = os.environ.get("SITREP_TEST_PG_URL", DEFAULT_TEST_PG_URL)
    try:
        with psycopg.connect(_libpq_conninfo(url)) as conn:
            conn.execute("SELECT 1")
    except Exception as exc:  # any failure to connect means "no PostgreSQL here"
        message = f"PostgreSQL unreachable at {url}: {exc}"
        if os.environ.get("CI", "").strip().lower() == "true":
            pytest.fail(f"{message} (CI=true: PostgreSQL tests must not be skipped)", pytrace=False)
        pytest.skip(message)
    return url


@pytest.fixture(scope="session")
def pg_schemas(pg_url: str) -> Iterator[Callable[[], str]]:
    """Factory of new schema names for this session; drops them all at the end."""
    import psycopg

    session = uuid.uuid4().hex[:12]
    made: list[str] = []

    def new_schema() -> str:
        made.append(f"sitrep_test_{session}" + (f"_{len(made)}" if made else ""))
        return made[-1]

    yield new_schema
    with psycopg.connect(_libpq_conninfo(pg_url), autocommit=True) as conn:
        # A leaked connection holding a lock must not hang the whole run.
        conn.execute("SET lock_timeout = '10s'")
        for name in made:
            conn.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')


@pytest.fixture(scope="session")
def pg_session_location(pg_url: str, pg_schemas: Callable[[], str]) -> StoreLocation:
    """The session's own schema, migrated once."""
    from sitrep.store import open_store

    location = StoreLocation("postgresql", pg_url, pg_schemas())
    open_store(location.url, schema=location.schema).close()
    return location


def _empty_pg_schema(location: StoreLocation) -> None:
    import psycopg

    from sitrep.store.schema import ALL_TABLES

    options = f"options=-csearch_path={location.schema}"
    with psycopg.connect(f"{_libpq_conninfo(location.url)} {options}") as conn:
        conn.execute("SET lock_timeout = '10s'")
        # DELETE, not TRUNCATE: on a few rows it is ~10x faster (no new files).
        for table in reversed(ALL_TABLES):
            conn.execute(f'DELETE FROM "{table.name}"')


BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def store_location(request: pytest.FixtureRequest, tmp_path: Path) -> StoreLocation:
    """An empty, migrated database on each backend."""
    from sitrep.store import open_store

    if request.param == "sqlite":
        location = StoreLocation("sqlite", str(tmp_path / "db" / "sitrep.db"))
        open_store(location.url).close()
        return location
    session_location: StoreLocation = request.getfixturevalue("pg_session_location")
    _empty_pg_schema(session_location)
    return session_location


@pytest.fixture(params=BACKENDS)
def new_store_location(request: pytest.FixtureRequest, tmp_path: Path) -> StoreLocation:
    """A database location on each backend where nothing exists yet."""
    if request.param == "sqlite":
        return StoreLocation("sqlite", str(tmp_path / "new" / "sitrep.db"))
    url = request.getfixturevalue("pg_url")
    return StoreLocation("postgresql", url, request.getfixturevalue("pg_schemas")())


@pytest.fixture
def open_test_store(store_location: StoreLocation) -> Iterator[Callable[[], Store]]:
    """Opens (more) stores on this test's database; closes them all afterwards."""
    from sitrep.store import open_store

    opened: list[Store] = []

    def _open() -> Store:
        store = open_store(store_location.url, schema=store_location.schema)
        opened.append(store)
        return store

    yield _open
    for store in opened:
        store.close()


@pytest.fixture
def store(open_test_store: Callable[[], Store]) -> Store:
    """An open, migrated, empty Store on each backend."""
    return open_test_store()


# --------------------------------------------------------------- end store fixtures


# ---------------------------------------------------------------------------------
# Language fixtures: the real spaCy model, loaded once per test session.
# ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def nlp():
    from sitrep.nlp.parse import load_nlp

    return load_nlp()
