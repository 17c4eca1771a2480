"""split owner name

The second revision, b2_split_owner_name: owners.name becomes first_name
and last_name, and the rows already stored are converted on the way.

Revision ID: b2_split_owner_name
Revises: a1_create_stable
Create Date: 2026-11-22 09:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b2_split_owner_name'
down_revision = 'a1_create_stable'
branch_labels = None
depends_on = None

# TODO: describe the owners table as this migration sees it, with
#       sa.table() and one sa.column() for every column your statements use
#       (never import the app's models here: they describe today's schema).
owners = sa.table(
    "owners",
    sa.column("id", sa.Integer),
)


def upgrade():
    # 1. schema: the new columns, NULL-able while they are still empty
    with op.batch_alter_table('owners', schema=None) as batch_op:
        batch_op.add_column(sa.Column('first_name', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('last_name', sa.String(length=40), nullable=True))

    # 2. data: fill first_name and last_name from name, for every owner.
    # TODO: first_name is the part of name before its first space and
    #       last_name the part after it; a one-word name gives the whole
    #       name and '' (an empty string, not NULL).

    # 3. schema: now they can be NOT NULL, and name can go
    with op.batch_alter_table('owners', schema=None) as batch_op:
        batch_op.alter_column('first_name', existing_type=sa.String(length=40), nullable=False)
        batch_op.alter_column('last_name', existing_type=sa.String(length=40), nullable=False)
        batch_op.drop_column('name')


def downgrade():
    # The same three steps in reverse: name comes back, NULL-able at first.
    with op.batch_alter_table('owners', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name', sa.String(length=80), nullable=True))

    # TODO: put each owner's name back together from first_name and
    #       last_name, exactly as it was before the upgrade.

    with op.batch_alter_table('owners', schema=None) as batch_op:
        batch_op.alter_column('name', existing_type=sa.String(length=80), nullable=False)
        batch_op.drop_column('last_name')
        batch_op.drop_column('first_name')
