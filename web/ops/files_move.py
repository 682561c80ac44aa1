"""``dogfen files to-dir`` / ``dogfen files to-db``: move existing stored documents between the
database and the DOGFEN_FILES directory.

Stored-file rows are frozen by triggers, and this is the one deliberate exception: only the
``content`` column changes, only to the empty value (to-dir) or back to bytes whose SHA-256 is
the row's own (to-db), each file checked on disk first, in one transaction per batch during
which the trigger is lifted and put back (so a failure leaves the guard in place). Lifting a
trigger needs the schema owner: the web app's own role, which should not own the schema, cannot,
so run this with the owner's DATABASE_URL. Each batch is written to the audit log."""

from __future__ import annotations

import hashlib

import click
from sqlalchemy import bindparam, select, text
from sqlalchemy.exc import DBAPIError

from .files import blob_path, put, root

BATCH = 100
PG_TRIGGER = "dogfen_stored_file_frozen"
SQLITE_TRIGGER = "dogfen_stored_file_no_update"


def _set_contents(db, changes: list[tuple[int, bytes, str]]) -> None:
    """UPDATE stored_file.content for (id, content, sha256) with the update trigger lifted."""
    statement = text(
        "UPDATE stored_file SET content = :content WHERE id = :id AND sha256 = :sha256"
    ).bindparams(bindparam("content", type_=db.LargeBinary))
    rows = [{"id": i, "content": c, "sha256": s} for i, c, s in changes]
    if db.engine.dialect.name == "postgresql":
        with db.engine.begin() as conn:
            conn.execute(text(f"ALTER TABLE stored_file DISABLE TRIGGER {PG_TRIGGER}"))
            conn.execute(statement, rows)
            conn.execute(text(f"ALTER TABLE stored_file ENABLE TRIGGER {PG_TRIGGER}"))
        return
    raw = db.engine.raw_connection()  # SQLite: DDL and DML in one explicit transaction
    try:
        sqlite = raw.driver_connection
        old_level, sqlite.isolation_level = sqlite.isolation_level, None
        trigger = sqlite.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (SQLITE_TRIGGER,)
        ).fetchone()
        sqlite.execute("BEGIN IMMEDIATE")
        try:
            if trigger:
                sqlite.execute(f"DROP TRIGGER {SQLITE_TRIGGER}")
            sqlite.executemany(
                "UPDATE stored_file SET content = :content WHERE id = :id AND sha256 = :sha256",
                rows,
            )
            if trigger:
                sqlite.execute(trigger[0])
            sqlite.execute("COMMIT")
        except BaseException:
            sqlite.execute("ROLLBACK")
            raise
        finally:
            sqlite.isolation_level = old_level
    finally:
        raw.close()


def _audit(db, detail: str) -> None:
    from ..core.models import AuditEvent

    db.session.add(AuditEvent(action="files-moved", detail=detail[:2000]))
    db.session.commit()


def move(to_dir: bool) -> tuple[int, int]:
    """Move every file that is on the other side; return (moved, refused as not matching)."""
    from ..core.extensions import db
    from ..core.models import StoredFile

    base = root()
    if base is None:
        raise click.UsageError("set DOGFEN_FILES to the directory first")
    moved = refused = 0
    last_id = 0
    while True:
        where = StoredFile.size > 0, StoredFile.id > last_id
        batch = db.session.execute(
            select(StoredFile.id, StoredFile.content, StoredFile.sha256, StoredFile.size)
            .where(*where)
            .order_by(StoredFile.id)
            .limit(BATCH)
        ).all()
        db.session.rollback()
        if not batch:
            return moved, refused
        last_id = batch[-1].id
        changes = []
        for file_id, content, sha256, size in batch:
            content = bytes(content or b"")
            if to_dir and content:
                if hashlib.sha256(content).hexdigest() != sha256:
                    refused += 1  # never copy bytes that already fail their check
                    continue
                path = put(base, content, sha256)
                if hashlib.sha256(path.read_bytes()).hexdigest() == sha256:
                    changes.append((file_id, b"", sha256))
            elif not to_dir and not content:
                try:
                    data = blob_path(base, sha256).read_bytes()
                except OSError:
                    data = b""
                if len(data) == size and hashlib.sha256(data).hexdigest() == sha256:
                    changes.append((file_id, data, sha256))
                else:
                    refused += 1
        if changes:
            try:
                _set_contents(db, changes)
            except DBAPIError as exc:
                raise click.ClickException(
                    "could not lift the stored-file trigger (this needs the schema owner: run "
                    f"with the owner's DATABASE_URL): {str(exc.orig).strip()[:300]}"
                ) from exc
            where_to = f"to {base}" if to_dir else "into the database"
            _audit(db, f"{len(changes)} stored files moved {where_to}: ids {changes[0][0]}..")
            moved += len(changes)


@click.group()
def files() -> None:
    """Move stored documents between the database and the DOGFEN_FILES directory."""


def _run(to_dir: bool) -> None:
    from .. import create_app

    with create_app().app_context():
        moved, refused = move(to_dir)
    click.echo(f"{moved} files moved; {refused} refused (their bytes do not match their SHA-256)")
    if refused:
        raise SystemExit(1)


@files.command("to-dir")
def to_dir() -> None:
    """Move documents kept in the database into DOGFEN_FILES (needs the schema owner)."""
    _run(True)


@files.command("to-db")
def to_db() -> None:
    """Move documents kept in DOGFEN_FILES back into the database (needs the schema owner)."""
    _run(False)
