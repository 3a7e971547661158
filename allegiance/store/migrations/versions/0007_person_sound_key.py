"""actor_names.sound: where Latin spellings of one Arabic person name meet

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-08 03:30:00

A person the knowledge base lacks, named in Arabic in one report and in Latin
letters in another, was two discovered actors. The store now keeps, for each
name of a discovered person, the coarse key of its Latin spelling
(`extract.romanize.sound_key`), indexed, so that writing a document finds the
person the other script already named (store/persons.py). The names of persons
stored before are keyed here.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from allegiance.extract.romanize import sound_key

    with op.batch_alter_table("actor_names", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sound", sa.String(length=120), nullable=True))
        batch_op.create_index("ix_actor_names_sound", ["sound"], unique=False)
    bind = op.get_bind()
    rows = bind.execute(sa.text(
        "SELECT actor_names.id, actor_names.text FROM actor_names JOIN actors "
        "ON actors.id = actor_names.actor_id "
        "WHERE actors.origin = 'discovered' AND actors.type = 'person'")).all()
    keyed = [{"id": row_id, "sound": sound_key(text)} for row_id, text in rows]
    keyed = [row for row in keyed if row["sound"]]
    if keyed:
        bind.execute(sa.text("UPDATE actor_names SET sound = :sound WHERE id = :id"), keyed)


def downgrade() -> None:
    with op.batch_alter_table("actor_names", schema=None) as batch_op:
        batch_op.drop_index("ix_actor_names_sound")
        batch_op.drop_column("sound")
