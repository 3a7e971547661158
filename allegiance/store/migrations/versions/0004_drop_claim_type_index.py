"""drop the index on claims.type

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21 23:58:00

A claim type has 17 values, so the index selects millions of rows in a large
store, and PostgreSQL's planner ANDed it with the actor indexes, turning an
actor's recent events from a few thousand row reads into a lossy scan of the
table. Every query that filters on type also filters on actors or ids.
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_index("ix_claims_type")


def downgrade() -> None:
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.create_index("ix_claims_type", ["type"], unique=False)
