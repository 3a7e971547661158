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
    # In ranking order (most sources, then confidence) and covering the time filter:
    # a network view walks it from the best-attested end and stops at its limit,
    # instead of sorting the hundreds of thousands of periods that hold at a date.
    with op.batch_alter_table("relations", schema=None) as batch_op:
        batch_op.create_index("ix_relations_rank",
                              ["sources", "confidence", "start_key", "end_key", "kind"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("relations", schema=None) as batch_op:
        batch_op.drop_index("ix_relations_rank")
