"""claims.event_date: the claim's own date, else its document's, indexed per side and type

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 01:20:00

A profile lists an actor's newest events and its lineage and leader claims. In a
store of ten million claims the busiest actor has about a hundred thousand, and
sorting them on COALESCE(claim date, document date) read every one of them.
With that date stored on the claim, an index on (side, type, date) answers
"the newest N of this type" from its end, and "the rare types" from a prefix.
The new (target_id, type, event_date) index covers what ix_claims_target did.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.add_column(sa.Column("event_date", sa.String(length=10), nullable=True))
    op.execute("UPDATE claims SET event_date = COALESCE(valid_from, (SELECT published FROM "
               "documents WHERE documents.id = claims.document_id))")
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.create_index("ix_claims_source_type_date",
                              ["source_id", "type", "event_date"], unique=False)
        batch_op.create_index("ix_claims_target_type_date",
                              ["target_id", "type", "event_date"], unique=False)
        batch_op.drop_index("ix_claims_target")


def downgrade() -> None:
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.create_index("ix_claims_target", ["target_id"], unique=False)
        batch_op.drop_index("ix_claims_target_type_date")
        batch_op.drop_index("ix_claims_source_type_date")
        batch_op.drop_column("event_date")
