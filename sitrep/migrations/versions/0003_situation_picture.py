"""The situation picture: fingerprints, copy bands, origins, stories and figure keys.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSONType = sa.JSON().with_variant(JSONB(), "postgresql")


def _article_fk() -> sa.Column:
    return sa.Column(
        "article_id", sa.Text(),
        sa.ForeignKey("articles.id", ondelete="CASCADE", name=None), nullable=False,
    )


def upgrade() -> None:
    op.create_index("ix_entities_name", "entities", ["name"])
    op.create_table(
        "fingerprints",
        sa.Column("article_id", sa.Text(), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("day", sa.Text()),
        sa.Column("terms", JSONType, nullable=False),
        sa.Column("entities", JSONType, nullable=False),
        sa.Column("numbers", JSONType, nullable=False),
        sa.Column("minhash", sa.LargeBinary(), nullable=False),
    )
    op.create_index("ix_fingerprints_day", "fingerprints", ["day"])
    op.create_index("ix_fingerprints_seq", "fingerprints", ["seq"])
    op.create_table(
        "minhash_bands",
        sa.Column("band_key", sa.Text(), nullable=False),
        _article_fk(),
        sa.PrimaryKeyConstraint("band_key", "article_id"),
    )
    op.create_index("ix_minhash_bands_article_id", "minhash_bands", ["article_id"])
    op.create_table(
        "term_df",
        sa.Column("term", sa.Text(), primary_key=True),
        sa.Column("df", sa.Integer(), nullable=False),
    )
    op.create_table(
        "origins",
        sa.Column("article_id", sa.Text(), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("relation", sa.Text(), nullable=False),
        sa.Column("origin_id", sa.Text()),
        sa.Column("origin_key", sa.Text(), nullable=False),
        sa.Column("similarity", sa.Float()),
        sa.Column("reason", sa.Text(), nullable=False),
    )
    op.create_index("ix_origins_origin_id", "origins", ["origin_id"])
    op.create_index("ix_origins_origin_key", "origins", ["origin_key"])
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("title", sa.Text()),
        sa.Column("title_article", sa.Text()),
        sa.Column("first_day", sa.Text()),
        sa.Column("last_day", sa.Text()),
        sa.Column("n_articles", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_stories_last_day", "stories", ["last_day"])
    op.create_table(
        "story_articles",
        sa.Column("article_id", sa.Text(), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("story_id", sa.Integer(), sa.ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
        sa.Column("score", sa.Float()),
        sa.Column("centrality", sa.Float(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
    )
    op.create_index("ix_story_articles_story_id", "story_articles", ["story_id"])
    op.create_table(
        "figure_claims",
        sa.Column("article_id", sa.Text(), nullable=False),
        sa.Column("claim_id", sa.Text(), nullable=False),
        sa.Column("figure_key", sa.Text(), nullable=False),
        sa.Column("story_id", sa.Integer()),
        sa.Column("subject_key", sa.Text()),
        sa.Column("counted_head", sa.Text()),
        sa.PrimaryKeyConstraint("article_id", "claim_id"),
        sa.ForeignKeyConstraint(
            ["article_id", "claim_id"], ["claims.article_id", "claims.local_id"], ondelete="CASCADE"
        ),
    )
    op.create_index("ix_figure_claims_figure_key", "figure_claims", ["figure_key"])
    op.create_index("ix_figure_claims_subject_key", "figure_claims", ["subject_key"])
    op.create_index("ix_figure_claims_story_id", "figure_claims", ["story_id"])


def downgrade() -> None:
    for table in ("figure_claims", "story_articles", "stories", "origins", "term_df",
                  "minhash_bands", "fingerprints"):
        op.drop_table(table)
    op.drop_index("ix_entities_name", table_name="entities")
