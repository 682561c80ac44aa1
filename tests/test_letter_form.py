"""The letter form: addressed to the provider's responsible individual (or manager) named on
the case, and previewed with what is typed now, saved or not, without saving it."""

from __future__ import annotations

import io

from pypdf import PdfReader

from forms.letters import get_letter
from web.core.extensions import db
from web.core.models import Case, Record

from .conftest import open_case
from .helpers import form_post
from .test_letters_web import set_up_organisation

LETTER = "provider-process-started"


def _start(client, case_id: int) -> str:
    r = client.post(f"/cases/{case_id}/records", data={"doc_type": "letter", "doc_id": LETTER})
    assert r.status_code == 302
    return r.location


def _record(app, url: str) -> dict:
    with app.app_context():
        return dict(db.session.get(Record, int(url.split("/")[-2])).data)


def test_letter_goes_to_the_responsible_individual_named_on_the_case(app, client):
    case_id = open_case(client, responsible_individual="Mrs Eleri Ŵyn O'Brien", manager="Tom Ap")
    page = client.get(f"/cases/{case_id}").text
    assert "Responsible individual" in page and "Mrs Eleri Ŵyn O&#39;Brien" in page
    data = _record(app, _start(client, case_id))
    assert data["recipient_name"] == "Mrs Eleri Ŵyn O'Brien, Responsible Individual"
    assert data["salutation"] == "Mrs Eleri Ŵyn O'Brien"


def test_the_manager_when_there_is_no_responsible_individual(app, client):
    case_id = open_case(client, manager="Gareth Jones")
    assert _record(app, _start(client, case_id))["recipient_name"] == "Gareth Jones, Manager"
    other = open_case(client)
    assert _record(app, _start(client, other))["recipient_name"] == "O'Brien & Sons <Ltd>"


def test_contacts_can_be_changed_and_are_audited(app, client, case_id):
    r = client.post(
        f"/cases/{case_id}/edit",
        data={
            "provider": "O'Brien & Sons <Ltd>",
            "service": "Tŷ Gwyn Care Home",
            "provider_address": "1 Heol y Parc\nLlandeilo",
            "responsible_individual": "Siân Evans",
            "manager": "",
            "case_process": "provider-performance",
            "opened_on": "2026-03-02",
        },
    )
    assert r.status_code == 302
    with app.app_context():
        assert db.session.get(Case, case_id).responsible_individual == "Siân Evans"


def test_preview_shows_what_is_typed_without_saving_it(app, client, case_id):
    set_up_organisation(app)
    url = _start(client, case_id)
    defn = get_letter(LETTER)
    data = form_post(defn, defn.example())
    data["recipient_name"] = "Ms Unsaved “Quotes” & <Co>"
    before = _record(app, url)
    rid = url.split("/")[-2]
    edit = client.get(url).text
    assert f'formaction="/records/{rid}/preview"' in edit and 'formtarget="_blank"' in edit
    r = client.post(f"/records/{rid}/preview", data={**data, "preview_lang": "en"})
    assert r.status_code == 200 and r.mimetype == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(r.data)).pages)
    assert "Ms Unsaved “Quotes” & <Co>" in text
    assert _record(app, url) == before  # nothing saved


def test_preview_lists_what_is_missing(app, client, case_id):
    url = _start(client, case_id)
    rid = url.split("/")[-2]
    r = client.post(f"/records/{rid}/preview", data={"preview_lang": "cy"})
    assert r.status_code == 400 and "The preview needs more answers" in r.text
    assert "<li>" in r.text.split("fill in:")[1]
