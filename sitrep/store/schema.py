"""The tables of the Sitrep store, as SQLAlchemy Core metadata.

Design:

* `articles.record` holds the full `Article.to_record()` so a stored article reads
  back exactly; every other column and table is a *projection* of that record into
  rows, so that later work (entity timelines, claim tallies across articles, event
  queries) is SQL over rows rather than JSON digging.
* Child rows are keyed by the article plus the record's own local id (`e1`, `c3`,
  `q2`, `v1`): references between them (a claim's subject, an event's actor) are
  local ids too, so they join on `(article_id, local_id)`.
* `entities.kb_key` is the cross-article identity of an entity ("iso3166:KP",
  "wikidata:Q423", or "name:north korea"): entity rows of different articles that
  share it are the same referent.
* Children cascade on article delete so removing an article never orphans rows.

This module is the *current* shape; `sitrep/migrations/versions/` holds the frozen
steps that build it (a test checks the two agree).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
)
from sqlalchemy.dialects.postgresql import JSONB

# Deterministic constraint names: Alembic (and a reader of the DDL) can refer to them.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

# JSON on SQLite (stored as text), JSONB on PostgreSQL (indexable, queryable).
JSONType = JSON().with_variant(JSONB(), "postgresql")


def _article_fk(primary_key: bool = False) -> Column[str]:
    return Column(
        "article_id",
        Text,
        ForeignKey("articles.id", ondelete="CASCADE"),
        nullable=False,
        primary_key=primary_key,
    )


articles = Table(
    "articles",
    metadata,
    Column("id", Text, primary_key=True),  # sha256 hex of the cleaned text
    Column("input", Text, nullable=False),  # input label it was first seen as
    Column("title", Text),
    Column("published", Text),  # ISO 8601 date or datetime, as in the record
    Column("url", Text),
    Column("site", Text),
    Column("original_source_name", Text),
    Column("original_source_domain", Text),
    Column("language", Text),
    Column("text", Text, nullable=False),
    Column("n_words", Integer, nullable=False),
    Column("boilerplate", JSONType, nullable=False),
    Column("record", JSONType, nullable=False),  # full analysis record
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Index(None, "published"),
    Index(None, "ingested_at"),
    Index(None, "input"),
)

article_bylines = Table(
    "article_bylines",
    metadata,
    _article_fk(),
    Column("position", Integer, nullable=False),
    Column("name", Text, nullable=False),
    PrimaryKeyConstraint("article_id", "position"),
    Index(None, "name"),
)

entities = Table(
    "entities",
    metadata,
    _article_fk(),
    Column("local_id", Text, nullable=False),
    Column("position", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("type", Text, nullable=False),
    Column("kb", JSONType, nullable=False),
    Column("kb_key", Text, nullable=False),  # cross-article identity
    PrimaryKeyConstraint("article_id", "local_id"),
    Index(None, "type"),
    Index(None, "kb_key"),
    Index(None, "name"),  # revision 0003: `sitrep entity NAME` and the --entity filters
)

mentions = Table(
    "mentions",
    metadata,
    Column("article_id", Text, nullable=False),
    Column("entity_id", Text, nullable=False),
    Column("position", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    PrimaryKeyConstraint("article_id", "entity_id", "position"),
    ForeignKeyConstraint(
        ["article_id", "entity_id"],
        ["entities.article_id", "entities.local_id"],
        ondelete="CASCADE",
    ),
)

claims = Table(
    "claims",
    metadata,
    _article_fk(),
    Column("local_id", Text, nullable=False),
    Column("position", Integer, nullable=False),
    Column("measure", Text, nullable=False),
    Column("counted", Text),
    Column("subject_id", Text),  # entity local id
    Column("value_low", Float),
    Column("value_high", Float),
    Column("approximate", Boolean, nullable=False),
    Column("qualifier", Text),
    Column("unit", Text),
    Column("time_text", Text),
    Column("time_start", Text),
    Column("time_end", Text),
    Column("source_text", Text),
    Column("source_entity", Text),  # entity local id
    Column("source_kind", Text, nullable=False),
    Column("modality", Text, nullable=False),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("evidence_sentence", Text, nullable=False),
    PrimaryKeyConstraint("article_id", "local_id"),
    Index(None, "measure"),
)

quotes = Table(
    "quotes",
    metadata,
    _article_fk(),
    Column("local_id", Text, nullable=False),
    Column("position", Integer, nullable=False),
    Column("speaker_id", Text),  # entity local id
    Column("speaker_text", Text),
    Column("cue", Text),
    Column("text", Text, nullable=False),
    Column("direct", Boolean, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    PrimaryKeyConstraint("article_id", "local_id"),
)

events = Table(
    "events",
    metadata,
    _article_fk(),
    Column("local_id", Text, nullable=False),
    Column("position", Integer, nullable=False),
    Column("type", Text, nullable=False),
    Column("mode", Text),
    Column("actor_id", Text),  # entity local id
    Column("target_id", Text),  # entity local id
    Column("location_id", Text),  # entity local id
    Column("actor_text", Text),  # as written (revision 0002)
    Column("target_text", Text),
    Column("trigger_text", Text),
    Column("time_text", Text),
    Column("time_start", Text),
    Column("time_end", Text),
    Column("modality", Text, nullable=False),
    Column("source_text", Text),
    Column("source_entity", Text),  # entity local id
    Column("source_kind", Text),
    Column("claim_ids", JSONType, nullable=False),  # claim local ids
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("evidence_sentence", Text, nullable=False),
    PrimaryKeyConstraint("article_id", "local_id"),
    Index(None, "type"),
)

# One input label can name several articles over time (a file edited and
# re-ingested, JSONL line ids reused across files), so the key is the pair and the
# latest `seen_at` wins when looking an article up by its input.
inputs = Table(
    "inputs",
    metadata,
    Column("input", Text, nullable=False),
    _article_fk(),
    Column("seen_at", DateTime(timezone=True), nullable=False),
    PrimaryKeyConstraint("input", "article_id"),
    Index(None, "article_id"),
)

ingest_failures = Table(
    "ingest_failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("input", Text, nullable=False),
    Column("error", Text, nullable=False),  # InputError.code or 'store'
    Column("reason", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Index(None, "input"),
)

# Children in insertion order (parents first); reversed, a safe delete order.
CHILD_TABLES = (article_bylines, entities, mentions, claims, quotes, events)

# -- the situation picture (revision 0003): rows the cross-article stages maintain ---
# They are derived from the articles above and rebuilt by `sitrep picture --rebuild`;
# every one cascades with its article.

# What the comparisons read instead of the text: see sitrep/picture/fingerprint.py.
fingerprints = Table(
    "fingerprints",
    metadata,
    _article_fk(primary_key=True),
    Column("seq", Integer, nullable=False),  # arrival order in the picture
    Column("day", Text),  # publication date (YYYY-MM-DD), the time axis of stories
    Column("terms", JSONType, nullable=False),  # content word → count
    Column("entities", JSONType, nullable=False),  # kb_key → mention count
    Column("numbers", JSONType, nullable=False),
    Column("minhash", LargeBinary, nullable=False),
    Index(None, "day"),
    Index(None, "seq"),
)

# One row per LSH band of each article's MinHash: equal keys are copy candidates.
minhash_bands = Table(
    "minhash_bands",
    metadata,
    Column("band_key", Text, nullable=False),
    _article_fk(),
    PrimaryKeyConstraint("band_key", "article_id"),
    Index(None, "article_id"),
)

# Document frequencies behind the idf weights, counted as articles arrive.
term_df = Table(
    "term_df",
    metadata,
    Column("term", Text, primary_key=True),
    Column("df", Integer, nullable=False),
)

origins = Table(
    "origins",
    metadata,
    _article_fk(primary_key=True),
    Column("relation", Text, nullable=False),  # original | copy | rewrite | declared
    Column("origin_id", Text),  # stored article it derives from (no FK: kept if deleted)
    Column("origin_key", Text, nullable=False),  # independence key
    Column("similarity", Float),
    Column("reason", Text, nullable=False),
    Index(None, "origin_id"),
    Index(None, "origin_key"),
)

stories = Table(
    "stories",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("title", Text),
    Column("title_article", Text),
    Column("first_day", Text),
    Column("last_day", Text),
    Column("n_articles", Integer, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index(None, "last_day"),
)

story_articles = Table(
    "story_articles",
    metadata,
    _article_fk(primary_key=True),
    Column("story_id", Integer, ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
    Column("score", Float),  # similarity that brought it in (None: it opened the story)
    Column("centrality", Float, nullable=False),  # summed similarity to fellow members
    Column("reason", Text, nullable=False),
    Index(None, "story_id"),
)

# Which figure each claim belongs to: story, measure, subject and counted object.
figure_claims = Table(
    "figure_claims",
    metadata,
    Column("article_id", Text, nullable=False),
    Column("claim_id", Text, nullable=False),
    Column("figure_key", Text, nullable=False),
    Column("story_id", Integer),
    Column("subject_key", Text),
    Column("counted_head", Text),
    PrimaryKeyConstraint("article_id", "claim_id"),
    ForeignKeyConstraint(
        ["article_id", "claim_id"], ["claims.article_id", "claims.local_id"], ondelete="CASCADE"
    ),
    Index(None, "figure_key"),
    Index(None, "subject_key"),
    Index(None, "story_id"),
)

PICTURE_TABLES = (fingerprints, minhash_bands, term_df, origins, stories, story_articles, figure_claims)
# Parents first; reversed, a safe delete order.
ALL_TABLES = (articles, *CHILD_TABLES, inputs, ingest_failures, *PICTURE_TABLES)
