"""documents marking: the protective marking printed on every form, per organisation and language
(empty: DOGFEN_PROTECTIVE_MARKING, else OFFICIAL-SENSITIVE / SWYDDOGOL-SENSITIF).

Revision ID: documents_marking
Revises: process_stages
"""

import sqlalchemy as sa
from alembic import op

revision = "documents_marking"
down_revision = "process_stages"  # re-chained after merging main (was integrity_triggers)
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("marking_en", sa.String(100), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("marking_cy", sa.String(100), nullable=False, server_default="")
        )


def downgrade():
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.drop_column("marking_cy")
        batch_op.drop_column("marking_en")
