"""integrity triggers: the database itself refuses to change or delete final records, stored
files and audit rows.

The app never updates or deletes these rows (a new version is a copy; finalising changes a
*draft*), so the triggers cost nothing in normal use. They stop a bug, a careless script or a
hand-typed SQL statement from rewriting history; only someone who can drop triggers (the
schema owner) can get round them, which is why the app should not connect as the owner.

Revision ID: integrity_triggers
Revises: 65b24fde48ea
"""

from alembic import op

revision = "integrity_triggers"
down_revision = "accounts_sessions"
branch_labels = None
depends_on = None

# (table, condition on OLD row or None, what the refusal says)
GUARDED = (
    ("record", "OLD.status = 'final'", "a final record never changes"),
    ("stored_file", None, "a stored file never changes"),
    ("audit_event", None, "the audit log never changes"),
)

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION dogfen_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'dogfen: % on % refused: %', TG_OP, TG_TABLE_NAME, TG_ARGV[0]
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql
"""


def _pg_upgrade() -> None:
    op.execute(PG_FUNCTION)
    for table, when, message in GUARDED:
        condition = f" WHEN ({when})" if when else ""
        op.execute(
            f"CREATE TRIGGER dogfen_{table}_frozen BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW{condition} EXECUTE FUNCTION dogfen_refuse_change('{message}')"
        )
        op.execute(
            f"CREATE TRIGGER dogfen_{table}_no_truncate BEFORE TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION dogfen_refuse_change('{message}')"
        )


def _pg_downgrade() -> None:
    for table, _, _ in GUARDED:
        op.execute(f"DROP TRIGGER IF EXISTS dogfen_{table}_frozen ON {table}")
        op.execute(f"DROP TRIGGER IF EXISTS dogfen_{table}_no_truncate ON {table}")
    op.execute("DROP FUNCTION IF EXISTS dogfen_refuse_change()")


def _sqlite_upgrade() -> None:
    for table, when, message in GUARDED:
        condition = f" WHEN {when}" if when else ""
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER dogfen_{table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                f"FOR EACH ROW{condition} BEGIN "
                f"SELECT RAISE(ABORT, 'dogfen: {verb} on {table} refused: {message}'); END"
            )


def _sqlite_downgrade() -> None:
    for table, _, _ in GUARDED:
        for verb in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS dogfen_{table}_no_{verb}")


def upgrade():
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        _pg_upgrade()
    elif dialect == "sqlite":
        _sqlite_upgrade()


def downgrade():
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        _pg_downgrade()
    elif dialect == "sqlite":
        _sqlite_downgrade()
