"""Initial store: articles, their child rows, input labels and ingest failures.

Revision ID: 0001
Revises:
Create Date: 2025-11-25

Frozen on purpose: this does not import `sitrep.store.schema`, because a migration
must keep building the schema of its own day while `schema.py` moves on.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
TZ = sa.DateTime(timezone=True)


def _article_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["article_id"],
        ["articles.id"],
        name=f"fk_{table}_article_id_articles",
        ondelete="CASCADE",
    )


def _evidence() -> list[sa.Column[Any]]:
    return [
        sa.Column("evidence_start", sa.Integer(), nullable=False),
        sa.Column("evidence_end", sa.Integer(), nullable=False),
        sa.Column("evidence_sentence", sa.Text(), nullable=False),
    ]


def _time() -> list[sa.Column[Any]]:
    return [
        sa.Column("time_text", sa.Text()),
        sa.Column("time_start", sa.Text()),
        sa.Column("time_end", sa.Text()),
    ]


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("input", sa.Text(), nullable=False),
        sa.Column("title", sa.Text()),
        sa.Column("published", sa.Text()),
        sa.Column("url", sa.Text()),
        sa.Column("site", sa.Text()),
        sa.Column("original_source_name", sa.Text()),
        sa.Column("original_source_domain", sa.Text()),
        sa.Column("language", sa.Text()),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("n_words", sa.Integer(), nullable=False),
        sa.Column("boilerplate", JSON, nullable=False),
        sa.Column("record", JSON, nullable=False),
        sa.Column("ingested_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_articles"),
    )
    op.create_index("ix_articles_published", "articles", ["published"])
    op.create_index("ix_articles_ingested_at", "articles", ["ingested_at"])
    op.create_index("ix_articles_input", "articles", ["input"])

    op.create_table(
        "article_bylines",
        sa.Column("article_id", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("article_id", "position", name="pk_article_bylines"),
        _article_fk("article_bylines"),
    )
    op.create_index("ix_article_bylines_name", "article_bylines", ["name"])

    op.create_table(
        "entities",
        sa.Column("article_id", sa.Text(), nullable=False),
        sa.Column("local_id", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("type", sa.Text(), nullable=False),
        sa.Column("kb", JSON, nullable=False),
        sa.Column("kb_key", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("article_id", "local_id", name="pk_entities"),
        _article_fk("entities"),
    )
    op.create_index("ix_entities_type", "entities", ["type"])
    op.create_index("ix_entities_kb_key", "entities", ["kb_key"])

    op.create_table(
        "mentions",
        sa.Column("article_id", sa.Text(), nullable=False),
        sa.Column("entity_id", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("article_id", "entity_id", "position", name="pk_mentions"),
        sa.ForeignKeyConstraint(
            ["article_id", "entity_id"],
            ["entities.article_id", "entities.local_id"],
            name="fk_mentions_article_id_entity_id_entities",
            ondelete="CASCADE",
        ),
    )

    op.create_table(
        "claims",
        sa.Column("article_id", sa.Text(), nullable=False),
        sa.Column("local_id", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("measure", sa.Text(), nullable=False),
        sa.Column("counted", sa.Text()),
        sa.Column("subject_id", sa.Text()),
        sa.Column("value_low", sa.Float()),
        sa.Column("value_high", sa.Float()),
        sa.Column("approximate", sa.Boolean(), nullable=False),
        sa.Column("qualifier", sa.Text()),
        sa.Column("unit", sa.Text()),
        *_time(),
        sa.Column("source_text", sa.Text()),
        sa.Column("source_entity", sa.Text()),
        sa.Column("source_kind", sa.Text(), nullable=False),
        sa.Column("modality", sa.Text(), nullable=False),
        *_evidence(),
        sa.PrimaryKeyConstraint("article_id", "local_id", name="pk_claims"),
        _article_fk("claims"),
    )
    op.create_index("ix_claims_measure", "claims", ["measure"])

    op.create_table(
        "quotes",
        sa.Column("article_id", sa.Text(), nullable=False),
        sa.Column("local_id", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("speaker_id", sa.Text()),
        sa.Column("speaker_text", sa.Text()),
        sa.Column("cue", sa.Text()),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("direct", sa.Boolean(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("article_id", "local_id", name="pk_quotes"),
        _article_fk("quotes"),
    )

    op.create_table(
        "events",
        sa.Column("article_id", sa.Text(), nullable=False),
        sa.Column("local_id", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("type", sa.Text(), nullable=False),
        sa.Column("mode", sa.Text()),
        sa.Column("actor_id", sa.Text()),
        sa.Column("target_id", sa.Text()),
        sa.Column("location_id", sa.Text()),
        *_time(),
        sa.Column("modality", sa.Text(), nullable=False),
        sa.Column("source_text", sa.Text()),
        sa.Column("source_entity", sa.Text()),
        sa.Column("source_kind", sa.Text()),
        sa.Column("claim_ids", JSON, nullable=False),
        *_evidence(),
        sa.PrimaryKeyConstraint("article_id", "local_id", name="pk_events"),
        _article_fk("events"),
    )
    op.create_index("ix_events_type", "events", ["type"])

    op.create_table(
        "inputs",
        sa.Column("input", sa.Text(), nullable=False),
        sa.Column("article_id", sa.Text(), nullable=False),
        sa.Column("seen_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("input", "article_id", name="pk_inputs"),
        _article_fk("inputs"),
    )
    op.create_index("ix_inputs_article_id", "inputs", ["article_id"])

    op.create_table(
        "ingest_failures",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("input", sa.Text(), nullable=False),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_ingest_failures"),
    )
    op.create_index("ix_ingest_failures_input", "ingest_failures", ["input"])


def downgrade() -> None:
    for table in (
        "ingest_failures",
        "inputs",
        "events",
        "quotes",
        "claims",
        "mentions",
        "entities",
        "article_bylines",
        "articles",
    ):
        op.drop_table(table)
