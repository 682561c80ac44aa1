"""session version per user, failed sign-ins

Revision ID: accounts_sessions
Revises: 65b24fde48ea
"""
from alembic import op
import sqlalchemy as sa


revision = "accounts_sessions"
down_revision = "teams_case_member"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("session_version", sa.Integer(), nullable=False, server_default="0")
        )
    op.create_table(
        "sign_in_failure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("sign_in_failure", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sign_in_failure_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_sign_in_failure_email"), ["email"], unique=False)
        batch_op.create_index(batch_op.f("ix_sign_in_failure_address"), ["address"], unique=False)


def downgrade():
    with op.batch_alter_table("sign_in_failure", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sign_in_failure_address"))
        batch_op.drop_index(batch_op.f("ix_sign_in_failure_email"))
        batch_op.drop_index(batch_op.f("ix_sign_in_failure_at"))
    op.drop_table("sign_in_failure")
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.drop_column("session_version")
