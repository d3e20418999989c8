"""Events keep their participants as written, for events whose actor is no entity.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("actor_text", sa.Text(), nullable=True))
        batch.add_column(sa.Column("target_text", sa.Text(), nullable=True))
        batch.add_column(sa.Column("trigger_text", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_column("trigger_text")
        batch.drop_column("target_text")
        batch.drop_column("actor_text")
