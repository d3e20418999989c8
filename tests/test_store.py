"""The store on both backends (SQLite file, PostgreSQL schema): see conftest's fixtures."""

from __future__ import annotations

import hashlib
import multiprocessing
import sys
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import event, func, inspect, select, text

from sitrep.errors import StoreError
from sitrep.model import Article, Entity, Metadata
from sitrep.store import SaveResult, Store, open_store, rows, schema
from sitrep.store.engine import (
    create_store_engine,
    current_revision,
    head_revision,
    migrate,
    resolve_url,
)
from tests.conftest import StoreLocation

TABLES = {t.name for t in schema.ALL_TABLES}


def simple_article(text_: str, input_: str = "in.txt", published: str | None = None) -> Article:
    return Article(
        input=input_, metadata=Metadata(title=text_[:20], published=published), text=text_
    )


def full_article(
    text_: str = "North Korea sent about 300 troops, officials said.",
    *,
    input_: str = "seed/000.txt",
    n_entities: int = 3,
) -> Article:
    """An article with every part of the record filled in, written out by hand."""
    evidence = {"start": 0, "end": len(text_), "sentence": text_}
    record: dict[str, Any] = {
        "input": input_,
        "metadata": {
            "title": "Troops sent", "byline": ["Michael Grant", "Ann Lee"],
            "published": "2025-01-13", "url": "https://example.org/a", "site": "example.org",
            "original_source": {"name": "NBC News", "domain": "nbcnews.com"}, "language": "en",
        },
        "text": text_,
        "boilerplate": ["Loading Now", "Post Comment"],
        "entities": [
            {"id": "e1", "name": "North Korea", "type": "GPE", "kb": {"iso3166": "KP"},
             "mentions": [{"start": 0, "end": 11, "text": "North Korea"},
                          {"start": 30, "end": 41, "text": "Pyongyang"}]},
            {"id": "e2", "name": "Kim Jong Un", "type": "PERSON", "kb": {},
             "mentions": [{"start": 12, "end": 15, "text": "Kim"}]},
            {"id": "e3", "name": "Ukraine", "type": "GPE",
             "kb": {"iso3166": "UA", "wikidata": "Q212"}, "mentions": []},
        ][:n_entities],
        "claims": [
            {"id": "c1", "measure": "deployed", "counted": "troops", "subject": "e1",
             "value": {"low": 300, "high": 300, "approximate": True, "qualifier": "about"},
             "unit": None,
             "time": {"text": "last October", "start": "2024-10-01", "end": "2024-10-31"},
             "source": {"text": "officials", "entity": None, "kind": "unnamed"},
             "modality": "reported", "evidence": evidence},
            {"id": "c2", "measure": "killed", "counted": "soldiers", "subject": None,
             "value": {"low": 107.5, "high": None, "approximate": False, "qualifier": "at least"},
             "unit": "people", "time": None,
             "source": {"text": None, "entity": None, "kind": "article"},
             "modality": "asserted", "evidence": evidence},
        ],
        "quotes": [
            {"id": "q1", "speaker": "e2", "speaker_text": "Kim", "cue": "said",
             "text": "We are ready.", "direct": True, "start": 5, "end": 18},
        ],
        "events": [
            {"id": "v1", "type": "MOBILIZE", "mode": "deploy", "actor": "e1", "target": "e3",
             "location": None, "time": None, "modality": "possible",
             "source": {"text": "South Korea's military", "entity": "e3", "kind": "named"},
             "claims": ["c1", "c2"], "evidence": evidence},
        ],
        "warnings": ["hand-made"],
    }  # fmt: skip
    for i in range(3, n_entities):
        mention = {"start": i, "end": i + 1, "text": "x"}
        record["entities"].append(
            {"id": f"e{i + 1}", "name": f"Thing {i}", "type": "OTHER", "mentions": [mention]}
        )
    return Article.from_record(record)


def table_count(store: Store, table: str, article_id: str | None = None) -> int:
    t = schema.metadata.tables[table]
    stmt = select(func.count()).select_from(t)
    if article_id is not None:
        stmt = stmt.where(t.c.article_id == article_id)
    with store.engine.connect() as conn:
        return int(conn.execute(stmt).scalar_one())


# -- migrations ----------------------------------------------------------------------


def test_migrations_create_all_tables(new_store_location: StoreLocation) -> None:
    loc = new_store_location
    with open_store(loc.url, schema=loc.schema) as store:
        assert TABLES | {"alembic_version"} <= set(inspect(store.engine).get_table_names())
        assert current_revision(store.engine) == head_revision() == "0003"
        if loc.schema:  # PostgreSQL: created the schema, and everything is inside it
            sql = (
                "SELECT DISTINCT table_schema FROM information_schema.tables WHERE table_name = :t"
            )
            with store.engine.connect() as conn:
                where = conn.execute(text(sql), {"t": "articles"}).scalars().all()
            assert loc.schema in where and "public" not in where


def test_schema_module_matches_migrations(store: Store) -> None:
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), schema.metadata)
    assert diff == []


def test_reopening_runs_migrations_as_noop(store: Store, store_location: StoreLocation) -> None:
    store.save(simple_article("kept"))
    store.close()
    engine = create_store_engine(store_location.url, store_location.schema)
    statements: list[str] = []
    event.listen(
        engine, "before_cursor_execute", lambda conn, cur, stmt, *a: statements.append(stmt.upper())
    )
    try:
        migrate(engine)
    finally:
        engine.dispose()
    assert not [s for s in statements if s.lstrip().startswith(("CREATE", "ALTER", "DROP"))]
    with open_store(store_location.url, schema=store_location.schema) as again:
        assert again.count() == 1


def _open_and_close(location: StoreLocation, barrier: Any) -> None:
    barrier.wait(timeout=20)
    try:
        open_store(location.url, schema=location.schema).close()
    except BaseException:
        traceback.print_exc()
        sys.exit(1)


def test_concurrent_open_of_new_database(new_store_location: StoreLocation) -> None:
    """Several processes creating the same database at once: all succeed, once."""
    # fork: the children start with everything imported, so they really overlap.
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(3)
    loc = new_store_location
    procs = [ctx.Process(target=_open_and_close, args=(loc, barrier)) for _ in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=60)
    assert [p.exitcode for p in procs] == [0, 0, 0]
    with open_store(loc.url, schema=loc.schema) as store:
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 1
        assert set(inspect(store.engine).get_table_names()) >= TABLES


# -- saving --------------------------------------------------------------------------


def test_save_new_then_duplicate(store: Store) -> None:
    first = store.save(simple_article("Same text.", "a.txt"))
    assert first == SaveResult("new", hashlib.sha256(b"Same text.").hexdigest())
    again = store.save(simple_article("Same text.", "copy/a.txt"))
    assert again == SaveResult("duplicate", first.article_id)
    assert store.count() == 1
    assert store.known_inputs(["a.txt", "copy/a.txt", "b.txt"]) == {"a.txt", "copy/a.txt"}
    # The first copy is kept; the second label finds it.
    found = store.get("copy/a.txt")
    assert found is not None and found.input == "a.txt"


def test_full_article_round_trip_and_child_rows(store: Store) -> None:
    article = full_article()
    assert store.save(article).status == "new"
    back = store.get(article.id)
    assert back is not None
    assert back.to_record() == article.to_record()
    aid = article.id
    expected = {
        "articles": 1,
        "article_bylines": 2,
        "entities": 3,
        "mentions": 3,
        "claims": 2,
        "quotes": 1,
        "events": 1,
        "inputs": 1,
    }
    assert {t: table_count(store, t) for t in expected} == expected
    with store.engine.connect() as conn:
        ent = {r.local_id: r for r in conn.execute(select(schema.entities))}
        claim = conn.execute(select(schema.claims).where(schema.claims.c.local_id == "c1")).one()
        ev = conn.execute(select(schema.events)).one()
        art = conn.execute(select(schema.articles)).one()
    assert ent["e1"].kb_key == "iso3166:KP" and ent["e1"].kb == {"iso3166": "KP"}
    assert ent["e2"].kb_key == "name:kim jong un"
    assert ent["e3"].kb_key == "iso3166:UA"
    assert (claim.value_low, claim.value_high, claim.approximate) == (300, 300, True)
    assert (claim.time_start, claim.source_kind, claim.subject_id) == (
        "2024-10-01",
        "unnamed",
        "e1",
    )
    assert ev.claim_ids == ["c1", "c2"] and ev.actor_id == "e1" and ev.source_entity == "e3"
    assert (art.original_source_domain, art.n_words, art.boilerplate) == (
        "nbcnews.com",
        len(article.text.split()),
        ["Loading Now", "Post Comment"],
    )
    assert table_count(store, "mentions", aid) == 3


def test_save_failure_recorded(store: Store) -> None:
    store.save_failure("bad.bin", "binary", "not text: a PNG image")
    store.save_failure("gone.html", "fetch", "HTTP 404")
    assert [f.input for f in store.list_failures()] == ["gone.html", "bad.bin"]
    assert store.list_failures()[1].to_record() == {
        "input": "bad.bin",
        "error": "binary",
        "reason": "not text: a PNG image",
    }
    assert store.known_inputs(["bad.bin"]) == set()  # failures are retried, not skipped


def test_db_error_mid_save_rolls_back(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    kept = full_article()
    store.save(kept)
    real = rows.child_rows

    def broken(article: Article) -> rows.ChildRows:
        out = real(article)
        out.by_table["claims"][0]["measure"] = None  # NOT NULL: fails after other inserts
        return out

    monkeypatch.setattr(rows, "child_rows", broken)
    bad = full_article("A different text with claims.", input_="bad.txt")
    with pytest.raises(StoreError, match=r"cannot save article .* \(input 'bad.txt'\)"):
        store.save(bad)
    assert store.count() == 1
    assert store.get(bad.id) is None and store.known_inputs(["bad.txt"]) == set()
    assert store.get(kept.id).to_record() == kept.to_record()  # type: ignore[union-attr]
    assert table_count(store, "entities", bad.id) == 0
    assert table_count(store, "entities") == 3


def test_any_error_mid_save_rolls_back(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(article: Article) -> rows.ChildRows:
        raise RuntimeError("mapping bug")  # after the articles row went in

    store.save(simple_article("first"))
    monkeypatch.setattr(rows, "child_rows", boom)
    with pytest.raises(RuntimeError, match="mapping bug"):
        store.save(simple_article("second", "second.txt"))
    assert store.count() == 1 and store.get("second.txt") is None


def test_genuine_integrity_error_is_not_a_duplicate(store: Store) -> None:
    article = full_article()
    article.entities.append(Entity("e1", "Again", "GPE"))  # duplicate local id
    with pytest.raises(StoreError, match="cannot save"):
        store.save(article)
    assert store.count() == 0


def test_lost_insert_race_reports_duplicate(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """The existence check passed, then someone else's insert won: IntegrityError."""
    article = full_article()
    store.save(article)
    real_find = Store._find
    calls: list[str] = []

    def stale_first_check(conn: object, article_id: str) -> bool:
        calls.append(article_id)
        return False if len(calls) == 1 else real_find(conn, article_id)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "_find", staticmethod(stale_first_check))
    result = store.save(full_article(input_="racer.txt"))
    assert result == SaveResult("duplicate", article.id)
    assert store.count() == 1
    assert store.known_inputs(["racer.txt"]) == {"racer.txt"}


def test_concurrent_saves_of_same_article(open_test_store: Callable[[], Store]) -> None:
    a, b = open_test_store(), open_test_store()
    articles = [full_article(f"Race number {i}.", input_=f"r{i}") for i in range(10)]
    results: dict[str, list[str]] = {x.id: [] for x in articles}
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def run(store: Store) -> None:
        try:
            for art in articles:
                barrier.wait(timeout=20)
                results[art.id].append(store.save(art).status)
        except BaseException as exc:  # surfaced by the assert below
            errors.append(exc)
            barrier.abort()

    threads = [threading.Thread(target=run, args=(s,)) for s in (a, b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors
    assert all(sorted(r) == ["duplicate", "new"] for r in results.values()), results
    assert a.count() == len(articles) and table_count(a, "entities") == 3 * len(articles)


# -- reading -------------------------------------------------------------------------


def test_list_ordering_limit_offset_since(store: Store) -> None:
    for text_, published in [
        ("old", "2024-05-01"),
        ("undated", None),
        ("new", "2025-02-01"),
        ("same day 1", "2025-01-10"),
        ("same day 2", "2025-01-10"),
    ]:
        store.save(simple_article(text_, f"{text_}.txt", published))
    titles = [s.title for s in store.list_articles()]
    # Newest published first; same date: latest ingested first; undated last.
    assert titles == ["new", "same day 2", "same day 1", "old", "undated"]
    assert [s.title for s in store.list_articles(limit=2)] == ["new", "same day 2"]
    assert [s.title for s in store.list_articles(limit=2, offset=2)] == ["same day 1", "old"]
    assert [s.title for s in store.list_articles(since="2025-01")] == [
        "new",
        "same day 2",
        "same day 1",
    ]
    first = store.list_articles(limit=1)[0]
    assert (first.input, first.n_words, first.published) == ("new.txt", 1, "2025-02-01")
    assert first.ingested_at.endswith("+00:00")
    assert first.to_record()["title"] == "new" and set(first.to_record()) >= {"id", "n_words"}


def _colliding_texts() -> tuple[str, str]:
    """Two texts whose ids share their first MIN_PREFIX hex digits."""
    seen: dict[str, str] = {}
    i = 0
    while True:
        t = f"text {i}"
        prefix = hashlib.sha256(t.encode()).hexdigest()[:4]
        if prefix in seen:
            return seen[prefix], t
        seen[prefix] = t
        i += 1


def test_get_by_id_prefix_and_input_label(store: Store) -> None:
    one, two = _colliding_texts()
    a, b = simple_article(one, "one.txt"), simple_article(two, "two.txt")
    store.save(a)
    store.save(b)
    assert store.get(a.id[:12]).to_record() == a.to_record()  # type: ignore[union-attr]
    assert store.get(a.id[:12].upper()).id == a.id  # type: ignore[union-attr]
    assert store.get("two.txt").id == b.id  # type: ignore[union-attr]
    with pytest.raises(StoreError, match="ambiguous"):
        store.get(a.id[:4])
    assert store.get(a.id[:3]) is None  # too short to be a prefix
    assert store.get("missing.txt") is None and store.get("") is None
    # A label ingested again with new content names its latest article.
    store.save(simple_article(one + " (updated)", "one.txt"))
    assert store.get("one.txt").text == one + " (updated)"  # type: ignore[union-attr]


def test_known_inputs_many(store: Store) -> None:
    for i in range(3):
        store.save(simple_article(f"article {i}", f"in/{i}.txt"))
    labels = [f"in/{i}.txt" for i in range(1200)]  # more than one IN (...) chunk
    assert store.known_inputs(labels) == {"in/0.txt", "in/1.txt", "in/2.txt"}
    assert store.known_inputs(iter(["in/2.txt", "in/2.txt"])) == {"in/2.txt"}
    assert store.known_inputs([]) == set()


def test_reader_never_sees_a_partial_article(
    open_test_store: Callable[[], Store], monkeypatch: pytest.MonkeyPatch
) -> None:
    writer, reader = open_test_store(), open_test_store()
    real = rows.child_rows

    def slow(article: Article) -> rows.ChildRows:
        time.sleep(0.003)  # widen the window between the article row and its children
        return real(article)

    monkeypatch.setattr(rows, "child_rows", slow)
    n = 30
    done = threading.Event()
    failure: list[BaseException] = []

    def write() -> None:
        try:
            for i in range(n):
                writer.save(full_article(f"Concurrent article {i}.", input_=f"c{i}", n_entities=5))
        except BaseException as exc:
            failure.append(exc)
        finally:
            done.set()

    e, m, c = schema.entities.c, schema.mentions.c, schema.claims.c
    a = schema.articles.c
    per_article = select(
        a.id,
        select(func.count()).where(e.article_id == a.id).scalar_subquery(),
        select(func.count()).where(m.article_id == a.id).scalar_subquery(),
        select(func.count()).where(c.article_id == a.id).scalar_subquery(),
    )
    thread = threading.Thread(target=write)
    thread.start()
    seen_sizes: set[int] = set()
    while not done.is_set():
        with reader.engine.connect() as conn:
            counts = conn.execute(per_article).all()
        seen_sizes.add(len(counts))
        assert all(tuple(r[1:]) == (5, 5, 2) for r in counts), counts
    thread.join(timeout=30)
    assert not failure
    assert reader.count() == n and len(seen_sizes) > 1  # really read during the writes


# -- opening ---------------------------------------------------------------------------


def test_resolve_url_rules(tmp_path: Path) -> None:
    pg, schema_name = resolve_url("postgres://u@h/db?schema=s1")
    assert (pg.drivername, pg.query, schema_name) == ("postgresql+psycopg", {}, "s1")
    assert resolve_url("postgresql://u@h/db")[0].drivername == "postgresql+psycopg"
    assert resolve_url("postgresql+psycopg://u@h/db", "s2")[1] == "s2"
    path = tmp_path / "x.db"
    assert resolve_url(str(path))[0].database == str(path)
    assert resolve_url(f"sqlite:///{path}")[0].database == str(path)
    for bad, message in [
        ("mysql://u@h/db", "unsupported"),
        ("sqlite:///x.db?schema=a", "only"),
        ("postgresql://h/db?schema=a;drop", "invalid schema"),
        ("postgresql://h/db?schema=a", "twice"),
    ]:
        with pytest.raises(StoreError, match=message):
            resolve_url(bad, "b" if message == "twice" else None)


def test_sqlite_file_path_creates_directories_and_pragmas(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "sitrep.db"
    with open_store(path) as store:
        assert path.exists()
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30_000


def test_in_memory_sqlite() -> None:
    with open_store("sqlite://") as store:
        store.save(full_article())
        assert store.count() == 1


def test_unreachable_postgres_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="cannot migrate postgresql"):
        open_store("postgresql://postgres@127.0.0.1:1/test?connect_timeout=2")


def test_closed_store_refuses_work(store: Store) -> None:
    store.close()
    store.close()  # idempotent
    with pytest.raises(StoreError, match="closed"):
        store.count()
