"""process stages: each case names its policy and stage; stage changes and key dates; each
user's preferred language (for reminder emails).

Back-fill: the stage from the process the case was opened under, and the policy whose process
that is (provider performance: CM, escalating concerns: NW, home closure: WB), as
forms.process does for a case opened without naming one. Only ``case`` is altered: the tables
with integrity triggers (record, stored_file, audit_event) are not touched.

Revision ID: process_stages
Revises: integrity_triggers
"""

import sqlalchemy as sa
from alembic import op

revision = "process_stages"
down_revision = "integrity_triggers"
branch_labels = None
depends_on = None

STAGE = {
    "provider-performance": "monitoring",
    "escalating-concerns": "escalating",
    "closure": "closure",
}
CONTACTS = ("responsible_individual", "manager", "commissioning_lead")
POLICY = {"provider-performance": "CM", "escalating-concerns": "NW", "closure": "WB"}


def upgrade():
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.add_column(sa.Column("policy", sa.String(20), nullable=False, server_default="NW"))
        batch_op.add_column(
            sa.Column("stage", sa.String(20), nullable=False, server_default="monitoring")
        )
        batch_op.add_column(
            sa.Column("service_type", sa.String(30), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("beds", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("vacancies", sa.Integer(), nullable=True))
        for contact in CONTACTS:
            batch_op.add_column(
                sa.Column(contact, sa.String(300), nullable=False, server_default="")
            )
    case = sa.table(
        "case", sa.column("process"), sa.column("policy"), sa.column("stage"), sa.column("status")
    )
    for process, stage in STAGE.items():
        op.execute(
            case.update()
            .where(case.c.process == process)
            .values(stage=stage, policy=POLICY[process])
        )
    op.execute(case.update().where(case.c.status == "closed").values(stage="closed"))
    op.create_table(
        "case_stage_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("from_stage", sa.String(20), nullable=False),
        sa.Column("to_stage", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=True),
        sa.Column("by_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"]),
        sa.ForeignKeyConstraint(["record_id"], ["record.id"]),
        sa.ForeignKeyConstraint(["by_id"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_case_stage_change_case_id", "case_stage_change", ["case_id"])
    op.create_table(
        "case_key_date",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"]),
        sa.ForeignKeyConstraint(["record_id"], ["record.id"]),
        sa.ForeignKeyConstraint(["created_by_id"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_case_key_date_case_id", "case_key_date", ["case_id"])
    # The language of a user's reminder emails (the last one they chose on the pages).
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("language", sa.String(4), nullable=False, server_default="en"))


def downgrade():
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.drop_column("language")
    op.drop_index("ix_case_key_date_case_id", table_name="case_key_date")
    op.drop_table("case_key_date")
    op.drop_index("ix_case_stage_change_case_id", table_name="case_stage_change")
    op.drop_table("case_stage_change")
    with op.batch_alter_table("case", schema=None) as batch_op:
        for column in (*CONTACTS, "vacancies", "beds", "service_type"):
            batch_op.drop_column(column)
        batch_op.drop_column("stage")
        batch_op.drop_column("policy")
