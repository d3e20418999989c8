"""Opening a database: URL rules, per-backend connection setup, migrations.

Accepted locations (`resolve_url`):

* a filesystem path (`~/sitrep.db`, `data/x.db`) or `sqlite:///path` — SQLite file;
  parent directories are created. `sqlite://` (no path) is an in-memory database
  on one shared connection: for single-threaded tests and throwaway runs.
* `postgresql+psycopg://user@host/db`; `postgresql://` and `postgres://` are
  rewritten to the psycopg (3) driver.

PostgreSQL schema: `schema="name"` (keyword) or `?schema=name` (in the URL, so a
single SITREP_DB string can carry it) puts every table of the store in that schema.
It is applied as the connection's `search_path` *at connect time* (libpq
`options=-csearch_path=name`), so it holds for every pooled connection and survives
rollbacks, and the schema is created if missing. The search path is the schema
alone, never `name,public`: otherwise an `alembic_version` table in `public` would
make a fresh schema look already migrated. A raw `?options=-csearch_path%3D...` in
the URL also works (it is passed to libpq), but the store then neither creates the
schema nor scopes its migration lock to it.
"""

from __future__ import annotations

import re
import sqlite3
import time
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import URL, Engine, create_engine, event, make_url, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.pool import NullPool, StaticPool

from sitrep.errors import StoreError

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"

# A writer waits this long for another writer's lock before giving up with
# "database is locked"; long enough for a big batch commit on a slow disk.
SQLITE_BUSY_TIMEOUT_MS = 30_000

# Execution option naming the BEGIN flavour on SQLite (see `_setup_sqlite`).
SQLITE_BEGIN = "sitrep_sqlite_begin"

# Plain lower-case identifiers only: they go unquoted into libpq's `options`, where
# PostgreSQL would fold upper case, so "MySchema" could never be found again.
_SCHEMA_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")

# First key of Sitrep's PostgreSQL advisory locks (the second is a hash of the
# schema): any fixed number, so that unrelated applications' locks don't collide.
_PG_LOCK_CLASS = 0x5172E9


def describe(url: URL) -> str:
    """A URL for messages: password hidden."""
    return url.render_as_string(hide_password=True)


def db_reason(exc: SQLAlchemyError) -> str:
    """The driver's own words for a database error, without SQL or parameters.

    SQLAlchemy's message embeds the statement and its parameters, which for a save
    means the whole article text; the driver message says what went wrong.
    """
    orig = getattr(exc, "orig", None)
    message = " ".join(str(orig if orig is not None else exc).split())
    return message if len(message) <= 500 else message[:497] + "..."


def resolve_url(location: str | Path | URL, schema: str | None = None) -> tuple[URL, str | None]:
    """Normalise a path or URL into a SQLAlchemy URL plus the PostgreSQL schema."""
    raw = location.render_as_string(False) if isinstance(location, URL) else str(location)
    if isinstance(location, Path) or "://" not in raw:
        url = URL.create("sqlite", database=str(Path(raw).expanduser().resolve()))
    else:
        try:
            url = make_url(raw)
        except ArgumentError as exc:
            raise StoreError(f"not a database URL: {raw!r} ({exc})") from exc
    if url.drivername in ("postgres", "postgresql"):
        url = url.set(drivername="postgresql+psycopg")
    backend = url.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise StoreError(f"unsupported database {describe(url)}: use SQLite or PostgreSQL")
    url_schema = url.query.get("schema")
    if url_schema is not None:
        url = url.difference_update_query(["schema"])
        if isinstance(url_schema, tuple):
            url_schema = url_schema[-1]
        if schema is not None and schema != url_schema:
            raise StoreError(f"schema given twice: {schema!r} and ?schema={url_schema}")
        schema = url_schema
    if schema is not None:
        if backend != "postgresql":
            raise StoreError(f"a schema applies to PostgreSQL only, not {describe(url)}")
        if not _SCHEMA_NAME.match(schema):
            raise StoreError(
                f"invalid schema name {schema!r}: lower-case letters, digits and _ only"
            )
    return url, schema


def create_store_engine(location: str | Path | URL, schema: str | None = None) -> Engine:
    """An Engine for `location`, with the per-backend connection setup applied."""
    url, schema = resolve_url(location, schema)
    try:
        if url.get_backend_name() == "sqlite":
            return _sqlite_engine(url)
        return _postgres_engine(url, schema)
    except (ImportError, ArgumentError, OSError) as exc:  # missing driver, bad option, mkdir
        raise StoreError(f"cannot open {describe(url)}: {exc}") from exc


def _sqlite_engine(url: URL) -> Engine:
    database = url.database or ""
    memory = database in ("", ":memory:")
    if not memory and not database.startswith("file:"):
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    kwargs: dict[str, Any] = {}
    if memory:
        # One connection for everyone, or each checkout would see an empty database.
        kwargs = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
    engine = create_engine(url, **kwargs)
    _setup_sqlite(engine)
    return engine


def _switch_to_wal(cursor: sqlite3.Cursor) -> None:
    """`PRAGMA journal_mode = WAL`, waiting out another process doing the same.

    SQLite does not call the busy handler for the lock this switch takes, so when
    several processes open one new database at once the losers get "database is
    locked" at once; they retry here for as long as a writer would wait.
    """
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
    pause = 0.01
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() + pause > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.5)


def _setup_sqlite(engine: Engine) -> None:
    """Pragmas on every connection, and transactions that SQLite actually honours.

    pysqlite (Python < 3.12) starts transactions lazily, only before DML, so DDL and
    SELECTs run outside any transaction and a read-then-write can fail with
    SQLITE_BUSY_SNAPSHOT instead of waiting. SQLAlchemy's documented remedy is to
    turn that off and emit BEGIN ourselves; writers ask for BEGIN IMMEDIATE, which
    takes the write lock up front so concurrent writers queue on the busy timeout.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        try:
            # busy_timeout first: switching to WAL itself needs a lock on a new file.
            cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
            # WAL: readers see the last commit and never block the writer (or v.v.).
            _switch_to_wal(cursor)
            cursor.execute("PRAGMA foreign_keys = ON")
            # Safe with WAL (no corruption, at worst the last commits on power loss).
            cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = conn.get_execution_options().get(SQLITE_BEGIN, "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


def _postgres_engine(url: URL, schema: str | None) -> Engine:
    connect_args: dict[str, Any] = {}
    if schema is not None:
        _ensure_schema(url, schema)
        options = url.query.get("options") or ""
        if isinstance(options, tuple):
            options = " ".join(options)
        # connect_args override the URL's own `options`, hence the merge.
        connect_args["options"] = f"{options} -csearch_path={schema}".strip()
    # pre_ping: a long-lived store (the API) outlives server restarts and idle kills.
    return create_engine(url, connect_args=connect_args, pool_pre_ping=True)


def _ensure_schema(url: URL, schema: str) -> None:
    """Create `schema` if missing, before any pooled connection exists.

    Done on a throwaway engine so that the real engine's first connection (which
    SQLAlchemy uses to learn the default schema) already finds it on its search path.
    Existence is checked first because CREATE SCHEMA IF NOT EXISTS still demands the
    CREATE privilege; the advisory lock keeps two processes from racing the create.
    """
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.begin() as conn:
            conn.execute(
                text("SELECT pg_advisory_xact_lock(:k, hashtext(:s))"),
                {"k": _PG_LOCK_CLASS, "s": schema},
            )
            found = conn.execute(
                text("SELECT 1 FROM pg_namespace WHERE nspname = :s"), {"s": schema}
            ).first()
            if found is None:
                conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    except SQLAlchemyError as exc:
        raise StoreError(
            f"cannot prepare schema {schema!r} in {describe(url)}: {db_reason(exc)}"
        ) from exc
    finally:
        engine.dispose()


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic Config for the packaged migrations; no alembic.ini needed."""
    config = Config(attributes={"connection": connection} if connection is not None else {})
    # ConfigParser interpolation: a literal % in the install path must be doubled.
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    config.set_main_option("path_separator", "os")
    return config


def migrate(engine: Engine) -> None:
    """Bring the database to the head revision; a no-op when it is already there.

    The whole upgrade runs in one transaction that first takes a lock (BEGIN
    IMMEDIATE on SQLite, an advisory lock on PostgreSQL), so a second process opening
    the same new database waits, then finds it at head and does nothing.
    """
    try:
        with engine.connect() as conn:
            conn.execution_options(**{SQLITE_BEGIN: "IMMEDIATE"})
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    conn.execute(
                        text(
                            "SELECT pg_advisory_xact_lock(:k, "
                            "hashtext(coalesce(current_schema(), '')))"
                        ),
                        {"k": _PG_LOCK_CLASS},
                    )
                command.upgrade(alembic_config(conn), "head")
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot migrate {describe(engine.url)}: {db_reason(exc)}") from exc


def current_revision(engine: Engine) -> str | None:
    """The Alembic revision the database is at (None: never migrated)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str | None:
    """The newest revision shipped with this package."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()
