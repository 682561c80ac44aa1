"""Integrity: a stored file whose bytes no longer match its SHA-256 is refused and audited, and
the database itself refuses to change or delete final records, stored files and audit rows.

Run on SQLite by default and on PostgreSQL with DOGFEN_TEST_DATABASE_URL (the triggers differ)."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError

from web.core.audit import log
from web.core.extensions import db
from web.core.models import AuditEvent, AuditLogError, Record, StoredFile, now
from web.records.archive import store

from .test_web import finalise_example

pytestmark = pytest.mark.db

PDF = b"%PDF-1.7\n% a stored document: O'Brien & Sons <Ltd>, \xc5\xb5\n%%EOF\n"
SQLITE_TRIGGERS = {
    f"dogfen_{table}_no_{verb}"
    for table in ("record", "stored_file", "audit_event")
    for verb in ("update", "delete")
}
PG_TRIGGERS = {
    f"dogfen_{table}_{what}"
    for table in ("record", "stored_file", "audit_event")
    for what in ("frozen", "no_truncate")
}


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("letter-1-cy.pdf", PDF)
    return out.getvalue()


@pytest.fixture
def final(app, case_id) -> dict:
    """A final record with a stored PDF, a draft record, a merge archive and an audit row."""
    with app.app_context():
        record = Record(case_id=case_id, doc_id="cm-action-plan", status="final", data={"a": 1})
        draft = Record(case_id=case_id, doc_id="cm-action-plan", version=2, data={"a": 2})
        merge = Record(case_id=case_id, doc_type="merge", doc_id="family-concerns-raised")
        merge.status, merge.lang, merge.finalised_at = "final", "mix", now()
        db.session.add_all([record, draft, merge])
        db.session.flush()
        pdf = store(record, "en", "pdf", PDF, "plan-en.pdf")
        archive = store(merge, "mix", "zip", _zip(), "merge.zip")
        archive.mime = "application/zip"
        db.session.flush()
        event = log("finalise", record=record, detail="test")
        db.session.commit()
        return {
            "record": record.id,
            "draft": draft.id,
            "merge": merge.id,
            "file": pdf.id,
            "archive": archive.id,
            "audit": event.id,
        }


def dialect(app) -> str:
    with app.app_context():
        return db.engine.dialect.name


def triggers(app) -> set[str]:
    with app.app_context(), db.engine.connect() as conn:
        if db.engine.dialect.name == "postgresql":
            sql = "SELECT tgname FROM pg_trigger WHERE tgname LIKE 'dogfen%'"
        else:
            sql = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
        return set(conn.scalars(text(sql)))


def tamper(app, file_id: int, content: bytes) -> None:
    """Change a stored file's bytes as someone with the schema owner's rights could: turn the
    trigger off, write, turn it back on."""
    with app.app_context(), db.engine.begin() as conn:
        update = text("UPDATE stored_file SET content = :c WHERE id = :id")
        if db.engine.dialect.name == "postgresql":
            conn.execute(text("ALTER TABLE stored_file DISABLE TRIGGER dogfen_stored_file_frozen"))
            conn.execute(update, {"c": content, "id": file_id})
            conn.execute(text("ALTER TABLE stored_file ENABLE TRIGGER dogfen_stored_file_frozen"))
        else:
            name = "dogfen_stored_file_no_update"
            sql = conn.scalar(text("SELECT sql FROM sqlite_master WHERE name = :n"), {"n": name})
            conn.execute(text(f"DROP TRIGGER {name}"))
            conn.execute(update, {"c": content, "id": file_id})
            conn.execute(text(sql))


def failures(app) -> list[AuditEvent]:
    with app.app_context():
        rows = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "integrity-failure")
        ).all()
        db.session.expunge_all()
        return rows


# --- checksums on download -------------------------------------------------------------------


def test_an_intact_file_is_sent(app, client, final):
    r = client.get(f"/records/{final['record']}/files/{final['file']}")
    assert r.status_code == 200 and r.data == PDF
    assert failures(app) == []


def test_tampered_bytes_are_refused_and_audited(app, client, final, case_id):
    forged = PDF.replace(b"O'Brien", b"O'Bryan")  # same length: only the checksum can tell
    assert len(forged) == len(PDF)
    tamper(app, final["file"], forged)
    r = client.get(f"/records/{final['record']}/files/{final['file']}")
    assert r.status_code == 500
    assert b"O'Bryan" not in r.data and "attachment" not in r.headers.get("Content-Disposition", "")
    assert "This file failed its integrity check" in r.text
    assert r.headers["Cache-Control"] == "no-store"
    [event] = failures(app)
    assert event.file_id == final["file"] and event.record_id == final["record"]
    assert hashlib.sha256(PDF).hexdigest() in event.detail
    assert hashlib.sha256(forged).hexdigest() in event.detail
    with app.app_context():  # no download was recorded for it
        assert not db.session.scalar(
            select(AuditEvent).where(
                AuditEvent.action == "download", AuditEvent.file_id == final["file"]
            )
        )
    assert "File failed its integrity check" in client.get(f"/cases/{case_id}").text


def test_refusal_is_in_welsh_for_a_welsh_reader(app, client, final):
    tamper(app, final["file"], PDF + b"more")
    client.get("/language/cy")
    r = client.get(f"/records/{final['record']}/files/{final['file']}")
    assert r.status_code == 500
    assert "Methodd y ffeil hon ei gwiriad cywirdeb" in r.text
    assert "failed its integrity check" not in r.text


def test_a_merge_archive_is_checked_too(app, client, final):
    url = f"/records/{final['merge']}/files/{final['archive']}"
    assert client.get(url).status_code == 200
    tamper(app, final["archive"], _zip()[:-10])
    assert client.get(url).status_code == 500
    assert [e.file_id for e in failures(app)] == [final["archive"]]


def test_finalised_documents_download_after_the_triggers(app, client, case_id):
    """Finalising turns a draft into a final record: the triggers must allow that."""
    view = finalise_example(client, case_id)
    rid = int(view.rsplit("/", 1)[1])
    with app.app_context():
        files = db.session.scalars(select(StoredFile).where(StoredFile.record_id == rid)).all()
        ids = [f.id for f in files]
        assert len(ids) == 7
    for file_id in ids:
        assert client.get(f"/records/{rid}/files/{file_id}").status_code == 200
    assert failures(app) == []


# --- triggers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE record SET data = '{\"a\": 9}' WHERE id = :record",
        "UPDATE record SET status = 'draft' WHERE id = :record",
        "DELETE FROM record WHERE id = :record",
        "UPDATE stored_file SET filename = 'other.pdf' WHERE id = :file",
        "UPDATE stored_file SET content = :blank WHERE id = :file",
        "DELETE FROM stored_file WHERE id = :file",
        "UPDATE audit_event SET detail = 'nothing happened' WHERE id = :audit",
        "UPDATE audit_event SET action = 'view' WHERE id = :audit",
        "DELETE FROM audit_event WHERE id = :audit",
        "DELETE FROM audit_event",
    ],
)
def test_the_database_refuses_raw_changes(app, final, sql):
    with app.app_context():
        with pytest.raises(DatabaseError, match="refused"), db.engine.begin() as conn:
            conn.execute(text(sql), {**final, "blank": b""})
        db.session.expire_all()
        assert db.session.get(Record, final["record"]).data == {"a": 1}
        assert db.session.get(Record, final["record"]).status == "final"
        assert db.session.get(StoredFile, final["file"]).content == PDF
        assert db.session.get(AuditEvent, final["audit"]).detail == "test"


@pytest.mark.parametrize("table", ["record", "stored_file", "audit_event"])
def test_postgres_refuses_truncate(app, final, table):
    if dialect(app) != "postgresql":
        pytest.skip("SQLite has no TRUNCATE")
    with app.app_context():
        with pytest.raises(DatabaseError, match="refused"), db.engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {table} CASCADE"))


def test_drafts_and_other_tables_still_change(app, final, case_id):
    with app.app_context():
        other = Record(case_id=case_id, doc_id="cm-action-plan", version=3)
        db.session.add(other)
        db.session.commit()
        ids = {"draft": final["draft"], "other": other.id}
    with app.app_context(), db.engine.begin() as conn:
        conn.execute(text("UPDATE record SET data = '{}' WHERE id = :draft"), ids)
        conn.execute(text("UPDATE record SET status = 'final' WHERE id = :draft"), ids)
        conn.execute(text("DELETE FROM record WHERE id = :other"), ids)
        conn.execute(text("UPDATE \"case\" SET provider = 'Renamed'"))
    with app.app_context():
        assert db.session.get(Record, final["draft"]).status == "final"
        assert db.session.get(Record, ids["other"]) is None


def test_the_orm_sees_the_refusal_too(app, final):
    with app.app_context():
        event = db.session.get(AuditEvent, final["audit"])
        db.session.delete(event)
        with pytest.raises((DatabaseError, AuditLogError), match="refused|never"):
            db.session.commit()
        db.session.rollback()
        assert db.session.get(AuditEvent, final["audit"]) is not None


def test_triggers_are_in_place_at_head_and_go_on_downgrade(app):
    expected = PG_TRIGGERS if dialect(app) == "postgresql" else SQLITE_TRIGGERS
    assert triggers(app) == expected  # a later migration that rebuilds a table must keep them
    with app.app_context():
        downgrade(revision="integrity_triggers-1")
    assert triggers(app) == set()
    with app.app_context():
        upgrade()
    assert triggers(app) == expected
