"""The Store: saving analysed articles and reading them back, on SQLite or PostgreSQL.

Every write is one transaction: an article, all its child rows and its input label
commit together or not at all, so a reader (another process, a thread) never sees an
article without its entities, claims, quotes and events. Database failures surface
as `StoreError` after the transaction has rolled back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from sqlalchemy import Engine, func, insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from sitrep.errors import StoreError
from sitrep.model import Article, InputFailure
from sitrep.settings import default_db_url
from sitrep.store import rows
from sitrep.store.engine import (
    SQLITE_BEGIN,
    create_store_engine,
    db_reason,
    describe,
    migrate,
    resolve_url,
)
from sitrep.store.schema import CHILD_TABLES, articles, ingest_failures, inputs

SaveStatus = Literal["new", "duplicate"]

# Shortest id prefix `get` accepts: shorter ones match too much to be meant.
MIN_PREFIX = 4
_HEX = re.compile(r"^[0-9a-fA-F]+$")
# Bound on bound parameters per IN (...) query, well under every backend's limit.
_CHUNK = 500


@dataclass(frozen=True)
class SaveResult:
    """What `Store.save` did: stored a new article, or found the same text stored."""

    status: SaveStatus
    article_id: str

    def to_record(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ArticleSummary:
    """One line of an article listing (no text, no analysis)."""

    id: str
    input: str
    title: str | None
    published: str | None
    site: str | None
    original_source_name: str | None
    n_words: int
    ingested_at: str  # ISO 8601, UTC

    def to_record(self) -> dict[str, Any]:
        """JSON-ready dict (for `sitrep articles --json` and the API)."""
        return asdict(self)


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _iso_utc(value: datetime) -> str:
    # SQLite hands timestamps back naive (they were stored as UTC); PostgreSQL
    # returns them in the session time zone.
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat()


class Store:
    """Articles, their analysis rows, input labels and ingest failures in one database.

    Build it with `open_store()`, which also migrates the database. Thread-safe: each
    call checks a connection out of the engine's pool (except for an in-memory SQLite
    database, which is one shared connection and meant for single-threaded use).
    """

    def __init__(self, engine: Engine, schema: str | None = None) -> None:
        self._engine = engine
        self._schema = schema
        self._closed = False

    # -- plumbing ------------------------------------------------------------------

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, for queries the Store API does not cover (yet)."""
        return self._engine

    @property
    def backend(self) -> str:
        """`sqlite` or `postgresql`."""
        return self._engine.dialect.name

    @property
    def schema(self) -> str | None:
        """The PostgreSQL schema holding the tables (None: the default search path)."""
        return self._schema

    @property
    def url(self) -> str:
        """The database URL in `open_store`'s terms (schema included), password hidden."""
        url = self._engine.url
        if self._schema is not None:
            url = url.update_query_dict({"schema": self._schema})
        return describe(url)

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError("the store is closed")

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """A write transaction; on SQLite it takes the write lock at BEGIN."""
        self._check_open()
        with self._engine.connect() as conn:
            conn.execution_options(**{SQLITE_BEGIN: "IMMEDIATE"})
            with conn.begin():
                yield conn

    @contextmanager
    def _read(self, action: str) -> Iterator[Connection]:
        """A read transaction: one consistent snapshot for all its statements."""
        self._check_open()
        try:
            with self._engine.connect() as conn, conn.begin():
                yield conn
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot {action} in {self.url}: {db_reason(exc)}") from exc

    @contextmanager
    def transaction(self, action: str) -> Iterator[Connection]:
        """A write transaction for work beyond `save` (the situation picture).

        Database failures surface as StoreError after the rollback.
        """
        try:
            with self._write() as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot {action} in {self.url}: {db_reason(exc)}") from exc

    @contextmanager
    def snapshot(self, action: str) -> Iterator[Connection]:
        """A read transaction: one consistent view for several queries."""
        with self._read(action) as conn:
            yield conn

    def close(self) -> None:
        """Release all connections; idempotent. The store is unusable afterwards."""
        if not self._closed:
            self._closed = True
            self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    # -- writes --------------------------------------------------------------------

    def save(self, article: Article) -> SaveResult:
        """Store `article` with all its child rows, or recognise it as already stored.

        The same cleaned text is the same article (`Article.id`): a second save is a
        "duplicate" that keeps the first copy and only records the new input label.
        """
        record = article.to_record()
        article_id: str = record["id"]
        now = _utcnow()
        try:
            with self._write() as conn:
                status = self._insert_article(conn, article, record, now)
                self._record_input(conn, article.input, article_id, now)
        except IntegrityError as exc:
            # Another writer committed the same article between our check and our
            # insert (PostgreSQL, READ COMMITTED): that is a duplicate, not a failure.
            # Any other integrity error (e.g. two entities with one id) is real.
            if not self._exists(article_id):
                raise self._save_error(article, exc) from exc
            try:
                with self._write() as conn:
                    self._record_input(conn, article.input, article_id, now)
            except SQLAlchemyError as again:
                raise self._save_error(article, again) from again
            return SaveResult("duplicate", article_id)
        except SQLAlchemyError as exc:
            raise self._save_error(article, exc) from exc
        return SaveResult(status, article_id)

    def _save_error(self, article: Article, exc: SQLAlchemyError) -> StoreError:
        return StoreError(
            f"cannot save article {article.id[:12]} (input {article.input!r}) "
            f"in {self.url}: {db_reason(exc)}"
        )

    def _insert_article(
        self, conn: Connection, article: Article, record: dict[str, Any], now: datetime
    ) -> SaveStatus:
        if self._find(conn, record["id"]):
            return "duplicate"
        conn.execute(insert(articles), rows.article_row(article, record, now))
        children = rows.child_rows(article)
        for table in CHILD_TABLES:  # parents before children: FKs hold per statement
            batch = children.by_table.get(table.name)
            if batch:
                conn.execute(insert(table), batch)
        return "new"

    @staticmethod
    def _find(conn: Connection, article_id: str) -> bool:
        """Whether `article_id` is stored, as seen by `conn`'s transaction."""
        found = conn.execute(select(articles.c.id).where(articles.c.id == article_id))
        return found.first() is not None

    def _record_input(self, conn: Connection, label: str, article_id: str, now: datetime) -> None:
        if not label:
            return
        dialect_insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
        stmt = dialect_insert(inputs).values(input=label, article_id=article_id, seen_at=now)
        conn.execute(
            stmt.on_conflict_do_update(
                index_elements=[inputs.c.input, inputs.c.article_id],
                set_={"seen_at": stmt.excluded.seen_at},
            )
        )

    def _exists(self, article_id: str) -> bool:
        with self._read("look up an article") as conn:
            return self._find(conn, article_id)

    def has(self, article_id: str) -> bool:
        """Whether an article with exactly this id is stored (cheap: one index lookup)."""
        return self._exists(article_id)

    def save_failure(self, input: str, error: str, reason: str) -> None:
        """Record that `input` could not be ingested (`error`: a short code)."""
        try:
            with self._write() as conn:
                conn.execute(
                    insert(ingest_failures).values(
                        input=input, error=error, reason=reason, at=_utcnow()
                    )
                )
        except SQLAlchemyError as exc:
            raise StoreError(
                f"cannot record the failure of {input!r} in {self.url}: {db_reason(exc)}"
            ) from exc

    # -- reads ---------------------------------------------------------------------

    def get(self, key: str) -> Article | None:
        """The article with id `key`, input label `key`, or id prefix `key`.

        Looked up in that order: a full id, then an input label (its most recent
        article if the label was ingested more than once), then a unique id prefix
        of at least MIN_PREFIX hex digits. An ambiguous prefix raises StoreError.
        """
        if not key.strip():
            return None
        with self._read("read an article") as conn:
            record = conn.execute(
                select(articles.c.record).where(articles.c.id == key)
            ).scalar_one_or_none()
            if record is None:
                record = conn.execute(
                    select(articles.c.record)
                    .join(inputs, inputs.c.article_id == articles.c.id)
                    .where(inputs.c.input == key)
                    .order_by(inputs.c.seen_at.desc(), articles.c.id)
                    .limit(1)
                ).scalar_one_or_none()
            if record is None and len(key) >= MIN_PREFIX and _HEX.match(key):
                ids = (
                    conn.execute(
                        select(articles.c.id)
                        .where(articles.c.id.like(f"{key.lower()}%"))
                        .order_by(articles.c.id)
                        .limit(3)
                    )
                    .scalars()
                    .all()
                )
                if len(ids) > 1:
                    raise StoreError(
                        f"id prefix {key!r} is ambiguous: it matches {', '.join(ids[:2])}, ..."
                    )
                if ids:
                    record = conn.execute(
                        select(articles.c.record).where(articles.c.id == ids[0])
                    ).scalar_one()
        return Article.from_record(record) if record is not None else None

    def list_articles(
        self, limit: int = 20, offset: int = 0, since: str | None = None
    ) -> list[ArticleSummary]:
        """Articles newest published first (undated last), then latest ingested first.

        `since` keeps those published on or after it (an ISO date or datetime,
        compared as text, so "2025-01" means from January 2025); undated articles
        are then left out.
        """
        a = articles.c
        stmt = select(
            a.id,
            a.input,
            a.title,
            a.published,
            a.site,
            a.original_source_name,
            a.n_words,
            a.ingested_at,
        )
        if since is not None:
            stmt = stmt.where(a.published >= since)
        stmt = (
            stmt.order_by(a.published.desc().nulls_last(), a.ingested_at.desc(), a.id)
            .limit(max(0, limit))
            .offset(max(0, offset))
        )
        with self._read("list articles") as conn:
            result = conn.execute(stmt).all()
        return [
            ArticleSummary(
                id=r.id,
                input=r.input,
                title=r.title,
                published=r.published,
                site=r.site,
                original_source_name=r.original_source_name,
                n_words=r.n_words,
                ingested_at=_iso_utc(r.ingested_at),
            )
            for r in result
        ]

    def count(self) -> int:
        """How many distinct articles are stored."""
        with self._read("count articles") as conn:
            return int(conn.execute(select(func.count()).select_from(articles)).scalar_one())

    def known_inputs(self, labels: Iterable[str]) -> set[str]:
        """Which of `labels` were already stored as articles (failures don't count).

        Lets a re-run of an interrupted ingest skip what it already finished while
        retrying what failed.
        """
        wanted = list(dict.fromkeys(labels))
        found: set[str] = set()
        with self._read("check known inputs") as conn:
            for i in range(0, len(wanted), _CHUNK):
                chunk = wanted[i : i + _CHUNK]
                found.update(
                    conn.execute(
                        select(inputs.c.input).distinct().where(inputs.c.input.in_(chunk))
                    ).scalars()
                )
        return found

    def list_failures(self, limit: int = 20, offset: int = 0) -> list[InputFailure]:
        """Recorded ingest failures, most recent first."""
        f = ingest_failures.c
        stmt = (
            select(f.input, f.error, f.reason)
            .order_by(f.at.desc(), f.id.desc())
            .limit(max(0, limit))
            .offset(max(0, offset))
        )
        with self._read("list ingest failures") as conn:
            return [InputFailure(r.input, r.error, r.reason) for r in conn.execute(stmt)]


def open_store(
    location: str | Path | None = None, *, schema: str | None = None, migrate_db: bool = True
) -> Store:
    """Open (creating if needed) the store at `location` and migrate it to head.

    `location`: a SQLite file path, a `sqlite:///` URL or a PostgreSQL URL
    (`postgresql+psycopg://`, `postgresql://`, `postgres://`); None means the
    configured default (SITREP_DB, else a SQLite file in the user data directory).
    `schema` (PostgreSQL only; or `?schema=` in the URL) keeps all tables in that
    schema, created if missing. Migration is idempotent and safe when several
    processes open the same new database at once.
    """
    url, schema = resolve_url(location if location is not None else default_db_url(), schema)
    engine = create_store_engine(url, schema)
    try:
        if migrate_db:
            migrate(engine)
    except BaseException:
        engine.dispose()
        raise
    return Store(engine, schema)
