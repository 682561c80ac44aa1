"""A case's team: only the lead, the members added since and admins see a case, and every id in
a URL (case, record, file, job) of someone else's case gives 404, whatever the route."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import pytest
from sqlalchemy import select
from werkzeug.routing import IntegerConverter

from web.admin.setup import add_user
from web.core.extensions import db
from web.core.models import AuditEvent, Case, CaseKeyDate, CaseMember, Job, Record, StoredFile, User

from .conftest import PASSWORD, add_member, make_app, open_case, sign_in
from .test_jobs_web import HEAD, LETTER, ROWS, csv_bytes, shared_details, upload

OLD, OLD_AT = dt.date(2025, 1, 1), dt.datetime(2025, 1, 1, 9, 0)
# Ids in URLs that name something of a case; access.py checks each before any view runs.
CASE_SCOPED = {"case_id", "record_id", "file_id", "job_id", "date_id"}
# Ids in URLs that are not a case's: a new one must be added here or to access.URL_IDS.
NOT_CASE_SCOPED = {"user_id", "number", "index"}  # index: a row of the record in the URL


def user_id(app, who: str) -> int:
    with app.app_context():
        return db.session.scalar(select(User.id).where(User.email == f"{who}@example.org"))


def actions(app, case_id: int) -> list[str]:
    with app.app_context():
        return list(
            db.session.scalars(
                select(AuditEvent.action)
                .where(AuditEvent.case_id == case_id)
                .order_by(AuditEvent.id)
            )
        )


def stored(record_id: int, fmt: str, content: bytes) -> StoredFile:
    return StoredFile(
        record_id=record_id,
        lang="en",
        fmt=fmt,
        filename=f"file.{fmt}",
        mime="application/octet-stream",
        content=content,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )


@pytest.fixture
def world(app, client):
    """The editor's case with one of everything a URL can name: a final record and its file,
    a merge and its job, a checked residents upload waiting to be imported."""
    from forms import get_form

    case_id = open_case(client)
    upload(client, case_id, csv_bytes([HEAD, *ROWS]), "list.csv")
    shared_details(app, case_id)
    lead = user_id(app, "editor")
    plan = get_form("cm-action-plan")
    with app.app_context():
        final = Record(
            case_id=case_id,
            doc_id=plan.id,
            data=plan.example(),
            status="final",
            created_by_id=lead,
            finalised_at=OLD_AT,
        )
        merge = Record(
            case_id=case_id,
            doc_type="merge",
            doc_id=LETTER,
            status="final",
            created_by_id=lead,
            finalised_at=OLD_AT,
        )
        db.session.add_all([final, merge])
        db.session.flush()
        doc = stored(final.id, "docx", b"PK secret letter")
        db.session.add_all([doc, stored(merge.id, "zip", b"PK secret letters")])
        job = Job(
            kind="merge",
            case_id=case_id,
            status="done",
            record_id=merge.id,
            created_by_id=lead,
            params={"letter": LETTER},
        )
        staged = Job(
            kind="residents-import",
            case_id=case_id,
            status="waiting",
            created_by_id=lead,
            params={"filename": "list.csv", "rows": [], "row_numbers": [], "problems": []},
        )
        key_date = CaseKeyDate(case_id=case_id, kind="pecg_meeting", on=OLD_AT.date())
        db.session.add_all([job, staged, key_date])
        db.session.commit()
        return {
            "date_id": key_date.id,
            "case_id": case_id,
            "final": final.id,
            "merge": merge.id,
            "file_id": doc.id,
            "job": job.id,
            "staged": staged.id,
        }


def add_other_editor(app) -> None:
    with app.app_context():
        add_user("other@example.org", "Owen Other", "editor", PASSWORD)


def url_values(rule, world: dict, app) -> dict:
    """Real ids of the world's case for ``rule``: the lead gets a page, everyone else 404."""
    path = rule.rule
    values = {
        "case_id": world["case_id"],
        "record_id": world["merge"] if path.startswith("/merges/") else world["final"],
        "file_id": world["file_id"],
        "job_id": world["staged"] if "/residents/import/" in path else world["job"],
        "user_id": user_id(app, "viewer"),
        "number": 1,
        "letter_id": LETTER,
        "lang": "en",
        "date_id": world["date_id"],
        "group_name": "actions",
        "index": 0,
    }
    return {name: values[name] for name in rule.arguments}


def id_rules(app) -> list:
    rules = []
    for rule in app.url_map.iter_rules():
        ints = {n for n, c in rule._converters.items() if isinstance(c, IntegerConverter)}
        unknown = ints - CASE_SCOPED - NOT_CASE_SCOPED
        assert not unknown, f"{rule.rule}: is {unknown} a case's? Add it to access.URL_IDS"
        if ints & CASE_SCOPED:
            rules.append(rule)
    return rules


def test_every_url_with_a_case_id_is_404_outside_the_team(app, client, world):
    add_other_editor(app)
    add_member(app, world["case_id"], "viewer")  # the viewer is on the team, then taken off
    with app.app_context():
        db.session.delete(db.session.get(CaseMember, (world["case_id"], user_id(app, "viewer"))))
        db.session.commit()
    outsiders = [sign_in(app.test_client(), "viewer"), sign_in(app.test_client(), "other")]
    admin = sign_in(app.test_client(), "admin")
    rules = id_rules(app)
    assert len(rules) >= 15  # cases, records, files, residents, merges, jobs, team
    with app.test_request_context():
        from flask import url_for

        urls = [(rule, url_for(rule.endpoint, **url_values(rule, world, app))) for rule in rules]
    for rule, url in urls:
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            for outsider in outsiders:
                r = outsider.open(url, method=method)
                assert r.status_code == 404, (method, url, r.status_code)
            if method == "GET":  # the ids are real: the team and admins get the page
                assert client.get(url).status_code != 404, url
                if "/residents/import/" not in url:  # a checked upload is its uploader's only
                    assert admin.get(url).status_code != 404, url
    with app.app_context():
        assert db.session.get(Job, world["job"]).cancel_requested is False
        assert len(db.session.get(Case, world["case_id"]).members) == 1


def test_counting_up_ids_finds_nothing(app, client, world):
    viewer = sign_in(app.test_client(), "viewer")
    with app.app_context():
        files = db.session.execute(select(StoredFile.record_id, StoredFile.id)).all()
    assert len(files) == 2
    for record_id in range(1, 10):
        for file_id in range(1, 5):
            r = viewer.get(f"/records/{record_id}/files/{file_id}")
            # the file's bytes, not "PK": a 404 page's CSRF token can contain those two letters
            assert r.status_code == 404 and b"PK secret letter" not in r.data
    for record_id, file_id in files:
        assert client.get(f"/records/{record_id}/files/{file_id}").status_code == 200
    add_member(app, world["case_id"], "viewer")
    record_id, file_id = files[0]
    assert viewer.get(f"/records/{record_id}/files/{file_id}").data == b"PK secret letter"


def test_ids_beyond_the_database_are_404(client):
    for url in ("/cases/9223372036854775808", "/records/99999999999999999999/edit"):
        assert client.get(url).status_code == 404


def test_case_list_shows_only_the_teams_cases(app, client):
    mine = open_case(client, provider="Cartref Teg")
    add_other_editor(app)
    other = sign_in(app.test_client(), "other")
    theirs = open_case(other, provider="Hafan Deg")
    assert "Cartref Teg" in client.get("/").text and "Hafan Deg" not in client.get("/").text
    assert "Hafan Deg" in other.get("/").text and "Cartref Teg" not in other.get("/").text
    viewer = sign_in(app.test_client(), "viewer")
    assert "Cartref Teg" not in viewer.get("/").text
    add_member(app, mine, "viewer")
    page = viewer.get("/").text
    assert "Cartref Teg" in page and "Hafan Deg" not in page
    admin = sign_in(app.test_client(), "admin").get("/").text
    assert "Cartref Teg" in admin and "Hafan Deg" in admin
    assert other.get(f"/cases/{mine}").status_code == 404
    assert client.get(f"/cases/{theirs}").status_code == 404


def test_the_lead_adds_and_removes_members(app, client, case_id):
    viewer_id = user_id(app, "viewer")
    viewer = sign_in(app.test_client(), "viewer")
    page = client.get(f"/cases/{case_id}").text
    assert "Team" in page and "Eleri Golygydd" in page and "Vic Viewer (viewer@example.org)" in page
    assert viewer.get(f"/cases/{case_id}").status_code == 404

    r = client.post(f"/cases/{case_id}/team", data={"user_id": str(viewer_id)})
    assert r.status_code == 302
    page = viewer.get(f"/cases/{case_id}")
    assert page.status_code == 200 and "Vic Viewer" in page.text
    assert "Add to the team" not in page.text  # only the lead and admins manage the team
    assert viewer.post(f"/cases/{case_id}/team", data={"user_id": "1"}).status_code == 403

    r = client.post(f"/cases/{case_id}/team/{viewer_id}/remove")
    assert r.status_code == 302
    assert viewer.get(f"/cases/{case_id}").status_code == 404
    assert client.post(f"/cases/{case_id}/team/{viewer_id}/remove").status_code == 404
    assert actions(app, case_id).count("team-add") == 1
    assert actions(app, case_id).count("team-remove") == 1
    with app.app_context():
        details = db.session.scalars(
            select(AuditEvent.detail)
            .where(AuditEvent.action.in_(["team-add", "team-remove"]))
            .order_by(AuditEvent.id)
        ).all()
    assert details == ["Vic Viewer <viewer@example.org>"] * 2


def test_team_changes_refused(app, client, case_id):
    lead = user_id(app, "editor")
    with app.app_context():
        user = add_user("gone@example.org", "Gwen Gone", "editor", PASSWORD)
        user.active = False
        db.session.commit()
        gone = user.id
    assert "Gwen Gone" not in client.get(f"/cases/{case_id}").text
    for value in (str(gone), str(lead), "", "abc", "99999"):
        r = client.post(f"/cases/{case_id}/team", data={"user_id": value})
        assert r.status_code == 400 and "Select the person to add to the team" in r.text
    assert client.post(f"/cases/{case_id}/team/{lead}/remove").status_code == 400
    add_other_editor(app)
    add_member(app, case_id, "other")
    other = sign_in(app.test_client(), "other")
    assert other.get(f"/cases/{case_id}").status_code == 200
    r = other.post(f"/cases/{case_id}/team", data={"user_id": str(user_id(app, "viewer"))})
    assert r.status_code == 403  # a member, but not the lead
    assert other.post(f"/cases/{case_id}/team/{lead}/remove").status_code == 403
    with app.app_context():
        assert {m.user_id for m in db.session.get(Case, case_id).members} == {
            lead,
            user_id(app, "other"),
        }


def test_admins_manage_any_team_and_their_visits_are_audited(app, client, case_id):
    admin = sign_in(app.test_client(), "admin")
    assert "Add to the team" in admin.get(f"/cases/{case_id}").text
    r = admin.post(f"/cases/{case_id}/team", data={"user_id": str(user_id(app, "viewer"))})
    assert r.status_code == 302
    assert sign_in(app.test_client(), "viewer").get(f"/cases/{case_id}").status_code == 200
    with app.app_context():
        rows = db.session.execute(
            select(AuditEvent.detail, User.email)
            .join(User, AuditEvent.user_id == User.id)
            .where(AuditEvent.action == "admin-access")
            .order_by(AuditEvent.id)
        ).all()
    assert [tuple(r) for r in rows] == [
        (f"GET /cases/{case_id}", "admin@example.org"),
        (f"POST /cases/{case_id}/team", "admin@example.org"),
    ]
    add_member(app, case_id, "admin")  # on the team, an admin is a member like any other
    admin.get(f"/cases/{case_id}")
    assert actions(app, case_id).count("admin-access") == 2


def test_team_forms_need_the_csrf_token(tmp_path):
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    editor = app.test_client()
    page = editor.get("/sign-in").text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    editor.post(
        "/sign-in",
        data={"email": "editor@example.org", "password": PASSWORD, "csrf_token": token},
    )
    with app.app_context():
        lead = db.session.scalar(select(User).where(User.email == "editor@example.org"))
        case = Case(provider="P", service="S", process="closure", opened_on=lead.created_at.date())
        case.created_by_id = lead.id
        case.members.append(CaseMember(user_id=lead.id))
        db.session.add(case)
        db.session.commit()
        case_id = case.id
    viewer_id = user_id(app, "viewer")
    assert editor.post(f"/cases/{case_id}/team", data={"user_id": viewer_id}).status_code == 400
    assert editor.post(f"/cases/{case_id}/team/{viewer_id}/remove").status_code == 400
    with app.app_context():
        assert len(db.session.get(Case, case_id).members) == 1
        db.session.remove()
        db.engine.dispose()


def test_migration_makes_each_creator_a_member(app):
    from alembic.script import ScriptDirectory
    from flask_migrate import downgrade, upgrade

    from web import MIGRATIONS

    before = ScriptDirectory(MIGRATIONS).get_revision("teams_case_member").down_revision
    with app.app_context():
        downgrade(revision=before)
        lead = user_id(app, "editor")
        db.session.execute(
            Case.__table__.insert().values(
                provider="Old",
                service="S",
                process="closure",
                opened_on=OLD,
                status="open",
                created_by_id=lead,
                provider_address="",
                created_at=OLD_AT,
            )
        )
        db.session.execute(
            Case.__table__.insert().values(
                provider="Orphan",
                service="S",
                process="closure",
                opened_on=OLD,
                status="open",
                created_by_id=None,
                provider_address="",
                created_at=OLD_AT,
            )
        )
        db.session.commit()
        upgrade()
        rows = db.session.execute(select(CaseMember.user_id, CaseMember.added_by_id)).all()
        assert [tuple(r) for r in rows] == [(lead, lead)]
