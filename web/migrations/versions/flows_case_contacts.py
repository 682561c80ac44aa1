"""case contacts: the provider's responsible individual and manager, named on the case so a
letter to the provider is addressed to a person, not the company.

Only the ``case`` table changes (it carries no triggers).

Revision ID: flows_case_contacts
Revises: integrity_triggers
"""

import sqlalchemy as sa
from alembic import op

revision = "flows_case_contacts"
down_revision = "integrity_triggers"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("case") as batch:
        batch.add_column(
            sa.Column("responsible_individual", sa.String(200), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("manager", sa.String(200), nullable=False, server_default=""))


def downgrade():
    with op.batch_alter_table("case") as batch:
        batch.drop_column("manager")
        batch.drop_column("responsible_individual")
