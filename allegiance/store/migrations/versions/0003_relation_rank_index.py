"""an index to rank the relations holding at a date without reading them

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 22:50:00
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Covers the time filter and the ranking (most sources, then confidence), so a
    # network view picks its best-attested periods from the index alone.
    with op.batch_alter_table("relations", schema=None) as batch_op:
        batch_op.create_index("ix_relations_rank",
                              ["start_key", "end_key", "sources", "confidence", "kind"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("relations", schema=None) as batch_op:
        batch_op.drop_index("ix_relations_rank")
