"""residents options: a draft residents list's funding and relationship, typed as free text
until now, become the options (and "other", in English) they are now chosen from; mobility
needs become the English of an answer typed in both languages. Final lists are left as they
were finalised (the database refuses to change them).

Revision ID: residents_options
Revises: documents_marking
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "residents_options"
down_revision = "documents_marking"
branch_labels = None
depends_on = None

RECORD = sa.table(
    "record",
    sa.column("id", sa.Integer),
    sa.column("doc_id", sa.String),
    sa.column("status", sa.String),
    sa.column("data", sa.JSON),
)


def upgrade():
    from forms.catalogue.bp_residents_list import FUNDING, RELATIONSHIP
    from forms.spreadsheet.cells import _option, options_index

    conn = op.get_bind()
    rows = conn.execute(
        sa.select(RECORD.c.id, RECORD.c.data).where(
            RECORD.c.doc_id == "bp-residents-list", RECORD.c.status == "draft"
        )
    ).all()
    for record_id, data in rows:
        data = json.loads(data) if isinstance(data, str) else data
        changed = False
        for resident in (data or {}).get("residents") or []:
            for choice in (FUNDING, RELATIONSHIP):
                value = resident.get(choice.name)
                if not isinstance(value, str) or not value.strip():
                    continue
                if value in {v for v, _ in choice.options}:
                    continue
                found = _option(value, options_index(choice))
                if found in {v for v, _ in choice.options}:
                    resident[choice.name] = found
                else:
                    resident[choice.name] = "other"
                    resident.setdefault(f"{choice.name}_other", {"en": value.strip()})
                changed = True
            mobility = resident.get("mobility_needs")
            if isinstance(mobility, str) and mobility.strip():
                resident["mobility_needs"] = {"en": mobility}
                changed = True
        if changed:
            conn.execute(sa.update(RECORD).where(RECORD.c.id == record_id).values(data=data))


def downgrade():
    pass  # the chosen options stay; the old free text is kept under "other"
