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

# The owners table as this migration sees it, old and new columns together.
# Never import the app's models here: they describe the schema of today.
owners = sa.table(
    "owners",
    sa.column("id", sa.Integer),
    sa.column("name", sa.String),
    sa.column("first_name", sa.String),
    sa.column("last_name", sa.String),
)


def upgrade():
    # 1. schema: the new columns, NULL-able while they are still empty
    with op.batch_alter_table('owners', schema=None) as batch_op:
        batch_op.add_column(sa.Column('first_name', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('last_name', sa.String(length=40), nullable=True))

    # 2. data: fill first_name and last_name from name, for every owner.
    # The split is at the first space. Searching in name || ' ' finds a
    # space even in a one-word name, which then gives the whole name and ''.
    space = sa.func.instr(owners.c.name + " ", " ")
    op.execute(
        owners.update().values(
            first_name=sa.func.substr(owners.c.name, 1, space - 1),
            last_name=sa.func.substr(owners.c.name, space + 1),
        )
    )

    # 3. schema: now they can be NOT NULL, and name can go
    with op.batch_alter_table('owners', schema=None) as batch_op:
        batch_op.alter_column('first_name', existing_type=sa.String(length=40), nullable=False)
        batch_op.alter_column('last_name', existing_type=sa.String(length=40), nullable=False)
        batch_op.drop_column('name')


def downgrade():
    # The same three steps in reverse: name comes back, NULL-able at first.
    with op.batch_alter_table('owners', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name', sa.String(length=80), nullable=True))

    with op.batch_alter_table('owners', schema=None) as batch_op:
        batch_op.alter_column('name', existing_type=sa.String(length=80), nullable=False)
        batch_op.drop_column('last_name')
        batch_op.drop_column('first_name')
