"""The audit log records who read what (a case, a record, a draft, the residents list, a merge
preview, a document), and its rows cannot be changed or deleted through the app."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader
from sqlalchemy import delete, func, select, update

from web.core.extensions import db
from web.core.models import AuditEvent, AuditLogError, Record, User

from .conftest import add_member, sign_in
from .test_jobs_web import HEAD, LETTER, ROWS, csv_bytes, shared_details, upload
from .test_web import finalise_example


def events(app, case_id: int) -> list[tuple[str, str, int | None, str]]:
    """(action, who, record id, detail) for the case, oldest first."""
    with app.app_context():
        rows = db.session.execute(
            select(AuditEvent.action, User.email, AuditEvent.record_id, AuditEvent.detail)
            .join(User, AuditEvent.user_id == User.id)
            .where(AuditEvent.case_id == case_id)
            .order_by(AuditEvent.id)
        ).all()
    return [tuple(r) for r in rows]


def latest(app, case_id: int):
    return events(app, case_id)[-1]


def test_reading_a_case_and_its_records_is_audited(app, client, case_id):
    client.get(f"/cases/{case_id}")
    assert latest(app, case_id) == ("view", "editor@example.org", None, "case file")

    r = client.post(
        f"/cases/{case_id}/records", data={"doc_type": "form", "doc_id": "wb-risk-assessment"}
    )
    draft_id = int(re.search(r"/records/(\d+)", r.location).group(1))
    client.get(f"/records/{draft_id}/edit")
    assert latest(app, case_id) == (
        "view",
        "editor@example.org",
        draft_id,
        "draft: wb-risk-assessment",
    )
    before = len(events(app, case_id))
    client.post(f"/records/{draft_id}/edit", data={"action": "save"})  # a save is not a read
    assert [e[0] for e in events(app, case_id)[before:]] == ["save"]

    view_url = finalise_example(client, case_id)
    final_id = int(view_url.rsplit("/", 1)[1])
    add_member(app, case_id, "viewer")
    viewer = sign_in(app.test_client(), "viewer")
    page = viewer.get(view_url)
    assert page.status_code == 200
    assert latest(app, case_id) == ("view", "viewer@example.org", final_id, "final: cm-action-plan")
    file_url = re.search(r'href="(/records/\d+/files/\d+)"', page.text).group(1)
    assert viewer.get(file_url).status_code == 200
    action, who, record_id, detail = latest(app, case_id)
    assert (action, who, record_id) == ("download", "viewer@example.org", final_id)


def test_the_residents_list_and_merge_previews_are_audited(app, client, case_id):
    upload(client, case_id, csv_bytes([HEAD, *ROWS]), "list.csv")
    shared_details(app, case_id)
    with app.app_context():
        list_id = db.session.scalar(
            select(Record.id).where(Record.case_id == case_id, Record.doc_id == "bp-residents-list")
        )
    client.get(f"/cases/{case_id}/residents/import")
    assert latest(app, case_id) == ("view", "editor@example.org", list_id, "residents list")
    client.get(f"/records/{list_id}/edit")
    assert latest(app, case_id)[:3] == ("view", "editor@example.org", list_id)

    client.get(f"/cases/{case_id}/merge?letter={LETTER}")
    assert latest(app, case_id) == (
        "view",
        "editor@example.org",
        None,
        f"letters to families: {LETTER}",
    )
    r = client.get(f"/cases/{case_id}/merge/{LETTER}/preview/2")
    assert r.status_code == 200
    assert "Dai" in PdfReader(io.BytesIO(r.data)).pages[0].extract_text()
    assert latest(app, case_id) == (
        "preview",
        "editor@example.org",
        list_id,
        f"{LETTER} letter 2 (en)",
    )
    client.get(f"/cases/{case_id}/residents.csv")
    assert latest(app, case_id)[0] == "download"


def test_audit_rows_cannot_be_changed_or_deleted(app, client, case_id):
    with app.app_context():
        count = db.session.scalar(select(func.count(AuditEvent.id)))
        event = db.session.scalars(select(AuditEvent)).first()
        event.detail = "nothing happened"
        with pytest.raises(AuditLogError):
            db.session.commit()
        db.session.rollback()
        db.session.delete(db.session.scalars(select(AuditEvent)).first())
        with pytest.raises(AuditLogError):
            db.session.commit()
        db.session.rollback()
        with pytest.raises(AuditLogError):
            db.session.execute(update(AuditEvent).values(detail="x"))
        with pytest.raises(AuditLogError):
            db.session.execute(delete(AuditEvent))
        db.session.rollback()
        assert db.session.scalar(select(func.count(AuditEvent.id))) == count
        assert "nothing happened" not in db.session.scalars(select(AuditEvent.detail)).all()


def test_no_route_changes_the_audit_log(app):
    for rule in app.url_map.iter_rules():
        assert "audit" not in rule.rule or rule.methods <= {"GET", "HEAD", "OPTIONS"}, rule
