"""indexes that answer a busy actor's or a busy pair's view without reading all its rows

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22 04:10:00

In a store of ten million claims the busiest actor has some 17,500 relation
periods and the busiest pair some 20,000 claims. A profile ranked and counted
the actor's periods by reading every one of them from the table, and a pair's
newest claims were sorted after reading all of its claims.

* ix_relations_a_rank and ix_relations_b_rank (one per side): a side's periods
  of one kind in ranking order (most sources, then confidence, then start, then
  id), with the other side last, so the best N are read from the front of the
  index and counted from it alone. The b one replaces ix_relations_b.
* ix_claims_pair_date replaces ix_claims_pair: one direction of a pair in date
  order, so its newest claims are read from the end, and counted from it alone.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_RANK = [sa.text("sources DESC"), sa.text("confidence DESC"), "start_key", "id"]


def upgrade() -> None:
    op.create_index("ix_relations_a_rank", "relations", ["a", "kind", *_RANK, "b"])
    op.create_index("ix_relations_b_rank", "relations", ["b", "kind", *_RANK, "a"])
    op.drop_index("ix_relations_b", table_name="relations")
    op.create_index("ix_claims_pair_date", "claims", ["source_id", "target_id", "event_date"])
    op.drop_index("ix_claims_pair", table_name="claims")


def downgrade() -> None:
    op.create_index("ix_claims_pair", "claims", ["source_id", "target_id"])
    op.drop_index("ix_claims_pair_date", table_name="claims")
    op.create_index("ix_relations_b", "relations", ["b"])
    op.drop_index("ix_relations_b_rank", table_name="relations")
    op.drop_index("ix_relations_a_rank", table_name="relations")
