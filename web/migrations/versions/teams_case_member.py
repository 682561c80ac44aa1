"""case teams: the case_member table, with every existing case's creator as its first member

Revision ID: teams_case_member
Revises: 65b24fde48ea
"""

import sqlalchemy as sa
from alembic import op

revision = "teams_case_member"
down_revision = "65b24fde48ea"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "case_member",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("added_by_id", sa.Integer(), nullable=True),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"]),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"]),
        sa.ForeignKeyConstraint(["added_by_id"], ["user.id"]),
        sa.PrimaryKeyConstraint("case_id", "user_id"),
    )
    with op.batch_alter_table("case_member", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_member_user_id"), ["user_id"], unique=False)
    # Back-fill: whoever opened a case leads its team. Table objects quote "case" and "user".
    case = sa.table(
        "case", sa.column("id"), sa.column("created_by_id"), sa.column("created_at")
    )
    member = sa.table(
        "case_member",
        sa.column("case_id"),
        sa.column("user_id"),
        sa.column("added_by_id"),
        sa.column("added_at"),
    )
    op.execute(
        member.insert().from_select(
            ["case_id", "user_id", "added_by_id", "added_at"],
            sa.select(case.c.id, case.c.created_by_id, case.c.created_by_id, case.c.created_at)
            .where(case.c.created_by_id.is_not(None)),
        )
    )


def downgrade():
    with op.batch_alter_table("case_member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_member_user_id"))
    op.drop_table("case_member")
