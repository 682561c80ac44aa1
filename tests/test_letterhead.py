"""The letterhead and signatory come from the organisation profile, which only an admin can
change: an editor posting their own ``org_*`` or ``signatory_*`` values to a letter's page gets
documents with the organisation's real name and signatory all the same."""

from __future__ import annotations

import io
import json
import re

import docx
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader

from web.core.extensions import db
from web.core.models import Record, StoredFile
from web.core.registry import all_letters

from .conftest import open_case, sign_in
from .helpers import form_post
from .test_jobs_web import HEAD, LETTER, ROWS, csv_bytes, shared_details, upload
from .test_letters_web import set_up_organisation

pytestmark = pytest.mark.db

PROVIDER_LETTER = "provider-process-started"
FORGED = {
    "org_name_en": "Evil Corp",
    "org_name_cy": "Corff Drwg",
    "org_address_en": "1 Forged Street",
    "org_address_cy": "1 Stryd Ffug",
    "org_phone": "09999 999999",
    "org_email": "evil@example.com",
    "org_nation": "england",
    "signatory_name": "Mallory Forger",
    "signatory_role_en": "Chief Forger",
    "signatory_role_cy": "Prif Ffugiwr",
}
FORGED_TEXT = ("Evil Corp", "Corff Drwg", "Mallory Forger", "Chief Forger", "Prif Ffugiwr")


def pdf_text(data: bytes) -> str:
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [document.element.body]
    for section in document.sections:
        parts += [section.header._element, section.footer._element]
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in parts)


def start_letter(client, case_id, letter_id=PROVIDER_LETTER) -> str:
    r = client.post(f"/cases/{case_id}/records", data={"doc_type": "letter", "doc_id": letter_id})
    assert r.status_code == 302
    return r.location


def forged_post(letter_id=PROVIDER_LETTER) -> dict:
    defn = all_letters()[letter_id]
    data = form_post(defn, defn.example())
    return {**data, **FORGED, "provider": "O'Brien & Sons <Ltd>"}


def record_id(url: str) -> int:
    return int(re.search(r"/records/(\d+)", url).group(1))


def test_the_letter_page_shows_the_letterhead_but_has_no_inputs_for_it(app, client, case_id):
    set_up_organisation(app)
    page = client.get(start_letter(client, case_id)).text
    for name in FORGED:
        assert f'name="{name}"' not in page
    assert "Example County Council" in page and "Cyngor Sir Enghraifft" in page
    assert "Rhian Davies" in page and "Head of Commissioning" in page
    assert "Set by an administrator under Organisation." in page
    assert 'href="/admin/organisation"' not in page  # the editor cannot change it
    assert 'name="recipient_name"' in page  # the rest of the letter is still typed
    client.get("/language/cy")
    welsh = client.get(start_letter(client, case_id)).text
    assert "Gweinyddwr sy’n gosod y rhain, o dan Sefydliad." in welsh


def test_an_editor_cannot_forge_the_letterhead(app, client, case_id):
    set_up_organisation(app)
    edit = start_letter(client, case_id)
    rid = record_id(edit)
    assert client.post(edit, data={**forged_post(), "action": "save"}).status_code == 302
    with app.app_context():
        saved = db.session.get(Record, rid).data
    assert saved["org_name_en"] == "Example County Council"
    assert saved["signatory_name"] == "Rhian Davies" and saved["org_nation"] == "wales"
    preview = pdf_text(client.get(f"/records/{rid}/preview/both.pdf").data)
    assert "Example County Council" in preview and "Evil Corp" not in preview

    r = client.post(edit, data={**forged_post(), "action": "finalise"})
    assert r.status_code == 302, re.findall(r"govuk-error-message[^>]*>(.*?)</p>", r.text, re.S)
    with app.app_context():
        files = db.session.query(StoredFile).filter_by(record_id=rid).all()
        outputs = {(f.lang, f.fmt): f.content for f in files}
    assert len(outputs) == 7
    data = json.loads(outputs[("", "json")])
    assert {k: data[k] for k in ("org_name_en", "org_name_cy", "signatory_name")} == {
        "org_name_en": "Example County Council",
        "org_name_cy": "Cyngor Sir Enghraifft",
        "signatory_name": "Rhian Davies",
    }
    for (lang, fmt), content in outputs.items():
        if fmt == "json":
            continue
        text = docx_text(content) if fmt == "docx" else pdf_text(content)
        assert "Rhian Davies" in text, (lang, fmt)
        if lang in ("en", "both"):
            assert "Example County Council" in text, (lang, fmt)
        if lang in ("cy", "both"):
            assert "Cyngor Sir Enghraifft" in text, (lang, fmt)
        assert not [w for w in FORGED_TEXT if w in text], (lang, fmt)


def test_a_stored_draft_with_a_forged_letterhead_still_prints_the_profile(app, client, case_id):
    """Data written before this rule (or by any other way in) never reaches a document."""
    set_up_organisation(app)
    rid = record_id(start_letter(client, case_id))
    defn = all_letters()[PROVIDER_LETTER]
    with app.app_context():
        db.session.get(Record, rid).data = {**defn.example(), **FORGED}
        db.session.commit()
    text = pdf_text(client.get(f"/records/{rid}/preview/en.pdf").data)
    assert "Example County Council" in text and "Rhian Davies" in text
    assert not [w for w in FORGED_TEXT if w in text]
    page = client.get(f"/records/{rid}/edit").text
    assert "Evil Corp" not in page and "Example County Council" in page


def test_merged_letters_use_the_profile_not_the_case_copy(app, client, case_id):
    upload(client, case_id, csv_bytes([HEAD, *ROWS]), "list.csv")
    shared_details(app, case_id)  # sets the profile from the letter's example
    defn = all_letters()[LETTER]
    example = defn.example()
    with app.app_context():
        own = db.session.query(Record).filter_by(case_id=case_id, doc_id=LETTER).one()
        own.data = {**own.data, **FORGED}
        db.session.commit()
    r = client.get(f"/cases/{case_id}/merge/{LETTER}/preview/1")
    assert r.status_code == 200, r.text[:500]
    text = pdf_text(r.data)
    assert example["signatory_name"] in text
    assert not [w for w in FORGED_TEXT if w in text]


def test_only_an_admin_changes_the_profile(app, client):
    r = client.post("/admin/organisation", data={"name_en": "Evil Corp", "name_cy": "Corff Drwg"})
    assert r.status_code == 403
    admin = sign_in(app.test_client(), "admin")
    page = admin.get(start_letter(admin, open_case(admin))).text
    assert 'href="/admin/organisation"' in page


def test_without_a_profile_an_editor_cannot_fill_the_gap(app, client, case_id):
    """No organisation name yet: the letter cannot be finalised until an admin sets one."""
    edit = start_letter(client, case_id)
    r = client.post(edit, data={**forged_post(), "action": "finalise"})
    assert r.status_code == 400 and 'href="#org_name_en"' in r.text
    assert 'id="org_name_en"' in r.text and "Evil Corp" not in r.text
    with app.app_context():
        record = db.session.get(Record, record_id(edit))
        assert record.status == "draft" and record.data["org_name_en"] == ""
