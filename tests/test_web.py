"""The web flow through the Flask test client: sign-in, CSRF, drafts, rows, finalising,
downloads, immutability, roles and languages."""

from __future__ import annotations

import hashlib
import re

import pytest
from sqlalchemy import select

from forms import all_forms
from web.core.extensions import db
from web.core.models import AuditEvent, FinalisedRecordError, Record

from .conftest import add_member, make_app, sign_in
from .helpers import form_post

PLAN = all_forms()["cm-action-plan"]
pytestmark = pytest.mark.db


def start(client, case_id, form_id="cm-action-plan") -> str:
    r = client.post(f"/cases/{case_id}/records", data={"doc_type": "form", "doc_id": form_id})
    assert r.status_code == 302
    return r.location


def record(app, url) -> Record:
    with app.app_context():
        rid = int(re.search(r"/records/(\d+)", url).group(1))
        rec = db.session.get(Record, rid)
        db.session.expunge(rec)
        return rec


def test_every_page_but_sign_in_and_health_needs_sign_in(app):
    anon = app.test_client()
    open_pages = {"auth.sign_in", "health.healthz", "static", "lang.switch"}
    open_pages |= {"ready.readyz", "metrics.metrics"}  # tests/test_ops.py
    checked = 0
    for rule in app.url_map.iter_rules():
        if rule.endpoint in open_pages:
            continue
        url = re.sub(r"<(?:int:)?[^>]+>", "1", rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            r = anon.open(url, method=method)
            assert r.status_code == 302 and "/sign-in" in r.location, (method, url, r.status_code)
            checked += 1
    assert checked > 10
    assert anon.get("/healthz").json == {"status": "ok"}
    assert anon.get("/sign-in").status_code == 200


def test_wrong_password_is_refused_with_a_message(app):
    r = app.test_client().post("/sign-in", data={"email": "editor@example.org", "password": "x"})
    assert r.status_code == 400
    assert "The email address or password is not right" in r.text


def test_csrf_is_required_on_posts(tmp_path):
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    c = app.test_client()
    assert (
        c.post("/sign-in", data={"email": "editor@example.org", "password": "x"}).status_code == 400
    )
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', c.get("/sign-in").text)
    r = c.post(
        "/sign-in",
        data={
            "email": "editor@example.org",
            "password": "correct horse battery staple",
            "csrf_token": token.group(1),
        },
    )
    assert r.status_code == 302
    assert c.post("/cases/new", data={"provider": "X"}).status_code == 400


def test_draft_is_saved_resumed_and_nothing_typed_is_lost(app, client, case_id):
    url = start(client, case_id)
    page = client.get(url).text
    assert "O&#39;Brien &amp; Sons &lt;Ltd&gt;" in page  # pre-filled from the case, escaped
    r = client.post(
        url,
        data={
            "provider": "Cwmni “Ŵyn” & <Ltd>",
            "setting": "Line one",
            "started_on-day": "31",
            "started_on-month": "2",
            "started_on-year": "2026",
            "action": "save",
        },
    )
    assert r.status_code == 400
    assert "must be a real date" in r.text
    again = client.get(url).text
    assert "Cwmni “Ŵyn” &amp; &lt;Ltd&gt;" in again
    assert 'name="started_on-day" type="text" inputmode="numeric" value="31"' in again
    assert record(app, url).data["provider"] == "Cwmni “Ŵyn” & <Ltd>"


def test_rows_are_added_and_removed_without_javascript(app, client, case_id):
    url = start(client, case_id)
    r = client.post(url, data={"action": "add:actions"})
    assert r.status_code == 302 and r.location.endswith("/rows/actions/0")  # the row's own page
    client.post(url, data={"actions-0-issue-en": "first", "action": "add:actions"})
    client.post(
        url,
        data={
            "actions-0-issue-en": "first",
            "actions-1-issue-cy": "ail",
            "actions-1-issue-en": "second",
            "action": "remove:actions:0",
        },
    )
    rows = record(app, url).data["actions"]
    assert [r.get("issue") for r in rows] == [{"cy": "ail", "en": "second"}]
    page = client.get(url).text  # the rows are a summary, each changed on its own page
    assert 'id="actions-0"' in page and "/rows/actions/0" in page and "second" in page


def test_finalise_shows_errors_in_the_page_language(app, client, case_id):
    url = start(client, case_id)
    r = client.post(url, data={"action": "finalise"})
    assert r.status_code == 400
    assert "There is a problem" in r.text and 'href="#setting"' in r.text
    assert 'id="setting-error"' in r.text and "<title>Error:" in r.text
    client.get("/language/cy")
    r = client.post(url, data={"action": "finalise"})
    assert r.status_code == 400
    assert "Mae problem wedi codi" in r.text and '<html lang="cy"' in r.text
    assert "Rhowch" in r.text


def finalise_example(client, case_id, form_id="cm-action-plan"):
    url = start(client, case_id, form_id)
    defn = all_forms()[form_id]
    r = client.post(url, data={**form_post(defn, defn.example()), "action": "finalise"})
    assert r.status_code == 302, re.findall(r"govuk-error-message[^>]*>(.*?)</p>", r.text, re.S)
    return r.location


def test_finalise_download_and_audit(app, client, case_id):
    view_url = finalise_example(client, case_id)
    page = client.get(view_url).text
    links = re.findall(r'href="(/records/\d+/files/\d+)"', page)
    assert len(links) == 7  # JSON data, then DOCX and PDF in three languages
    hashes = re.findall(r"[0-9a-f]{64}", page)
    data = client.get(links[0])
    assert data.mimetype == "application/json"
    assert data.json["provider"] == PLAN.example()["provider"]
    assert data.json["actions"][0]["rating"] == {"score": 9, "colour": "amber"}
    body = client.get(links[1])
    assert body.status_code == 200
    assert hashlib.sha256(body.data).hexdigest() in hashes
    assert body.headers["Content-Disposition"].startswith("attachment;")
    with app.app_context():
        actions = db.session.scalars(
            select(AuditEvent.action).where(AuditEvent.case_id == case_id)
        ).all()
    assert {"create-case", "create", "save", "finalise", "download"} <= set(actions)


def test_final_record_cannot_change(app, client, case_id):
    view_url = finalise_example(client, case_id)
    rid = int(view_url.rsplit("/", 1)[1])
    before = record(app, view_url).data
    r = client.post(f"/records/{rid}/edit", data={"provider": "changed", "action": "save"})
    assert r.status_code == 302 and r.location.endswith(f"/records/{rid}")
    assert record(app, view_url).data == before
    with app.app_context():
        rec = db.session.get(Record, rid)
        rec.data = {"provider": "tampered"}
        with pytest.raises(FinalisedRecordError):
            db.session.commit()
        db.session.rollback()
    r = client.post(f"/records/{rid}/new-version")
    new = record(app, r.location)
    assert new.version == 2 and new.status == "draft" and new.data["provider"] == before["provider"]


def test_plan_cannot_close_while_an_issue_is_red(app, client, case_id):
    url = start(client, case_id)
    values = PLAN.example()
    values["plan_status"] = "closed"
    values["actions"][0].update(likelihood=4, impact=4)
    r = client.post(url, data={**form_post(PLAN, values), "action": "finalise"})
    assert r.status_code == 400
    assert "cannot be closed while an issue is scored red" in r.text


def test_checklist_needs_a_lead_on_every_task(app, client, case_id):
    defn = all_forms()["wb-home-closure-checklist"]
    url = start(client, case_id, defn.id)
    data = form_post(defn, defn.example())
    lead_keys = sorted(k for k in data if re.fullmatch(r"tasks-\d+-lead", k))
    data[lead_keys[0]] = ""
    r = client.post(url, data={**data, "action": "finalise"})
    assert r.status_code == 400
    assert f'href="#{lead_keys[0]}"' in r.text


def test_viewer_can_read_but_not_change(app, case_id):
    add_member(app, case_id, "viewer")
    viewer = sign_in(app.test_client(), "viewer")
    assert viewer.get(f"/cases/{case_id}").status_code == 200
    r = viewer.post(f"/cases/{case_id}/records", data={"doc_type": "form", "doc_id": PLAN.id})
    assert r.status_code == 403
    assert viewer.get("/admin/users").status_code == 403
    assert viewer.post("/cases/new", data={}).status_code == 403


def test_editor_cannot_administer(client):
    assert client.get("/admin/users").status_code == 403
    client.get("/language/cy")
    r = client.get("/admin/organisation")
    assert r.status_code == 403 and '<html lang="cy"' in r.text
    assert "You do not have permission" not in r.text  # the Welsh page, not Werkzeug's English
    assert client.get("/cases/999").status_code == 404


def test_language_toggle_keeps_the_page_and_refuses_other_sites(client, case_id):
    r = client.get(f"/language/cy?next=/cases/{case_id}")
    assert r.location == f"/cases/{case_id}"
    page = client.get(f"/cases/{case_id}").text
    assert '<html lang="cy"' in page and "Ffeil achos" in page
    assert 'hreflang="en"' in page
    assert client.get("/language/en?next=https://evil.example/").location == "/"


def test_admin_logo_upload_is_type_and_size_checked(app):
    import io

    admin = sign_in(app.test_client(), "admin")
    base = {"name_en": "Council", "name_cy": "Cyngor", "nation": "wales"}
    r = admin.post(
        "/admin/organisation",
        data={**base, "logo": (io.BytesIO(b"GIF89a...."), "x.png")},
        content_type="multipart/form-data",
    )
    assert r.status_code == 400 and "PNG or JPEG" in r.text
    big = b"\x89PNG\r\n\x1a\n" + b"0" * (600 * 1024)
    r = admin.post(
        "/admin/organisation",
        data={**base, "logo": (io.BytesIO(big), "x.png")},
        content_type="multipart/form-data",
    )
    assert r.status_code == 400 and "512 KB" in r.text
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 20)).save(out, "PNG")
    png = out.getvalue()
    r = admin.post(
        "/admin/organisation",
        data={**base, "logo": (io.BytesIO(png), "x.png")},
        content_type="multipart/form-data",
    )
    assert r.status_code == 302
