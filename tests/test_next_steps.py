"""What happens next: a final record shows its answers and the letters the process still needs,
with links to write them; times are London time; file names say the home and the day."""

from __future__ import annotations

import datetime as dt
import re

from forms import all_forms
from web.core.extensions import db
from web.core.models import AuditEvent, Record

from .conftest import open_case
from .helpers import form_post


def _finalise_form(client, case_id: int, form_id: str) -> str:
    r = client.post(f"/cases/{case_id}/records", data={"doc_type": "form", "doc_id": form_id})
    defn = all_forms()[form_id]
    data = form_post(defn, defn.example())
    r = client.post(r.location, data={**data, "action": "finalise"})
    assert r.status_code == 302, re.findall(r"govuk-error-message[^>]*>(.*?)</p>", r.text, re.S)
    return r.location


def test_final_record_shows_answers_next_letters_and_plain_documents(app, client):
    case_id = open_case(client, "escalating-concerns", service="Bryn Hyfryd")
    view = client.get(_finalise_form(client, case_id, "wb-risk-assessment")).text
    # the answers, read-only, above the documents
    assert view.index('id="answers"') < view.index('id="documents"')
    example = all_forms()["wb-risk-assessment"].example()
    some_text = next(v for v in example.values() if isinstance(v, str) and len(v) > 8)
    assert (
        some_text.replace("'", "&#39;").replace("&", "&amp;")[:8] in view or some_text[:8] in view
    )
    # next steps: the letters at the start, each with a way to write it
    steps = view[view.index('id="next-steps"') : view.index('id="answers"')]
    assert "Notify the provider that concerns will be managed under the process" in steps
    assert "Notify the All Wales commissioning network" in steps
    assert steps.count("Write this letter") >= 2
    # documents: data for re-use, the checksum behind a disclosure, no UTC
    assert "Data (for re-use)" in view and "govuk-details" in view
    assert "UTC" not in view
    with app.app_context():
        record = db.session.scalar(db.select(Record).where(Record.case_id == case_id))
        day = record.finalised_at.date().isoformat()
        names = {f.filename for f in record.files}
    assert f"{day}-bryn-hyfryd-risk-assessment-v1-cy.pdf" in names
    assert f"{day}-bryn-hyfryd-risk-assessment-v1.json" in names


def test_write_this_letter_starts_the_letter_and_the_case_page_links_to_it(client):
    case_id = open_case(client, "escalating-concerns")
    page = client.get(f"/cases/{case_id}").text
    due = page[page.index("What this process requires") : page.index("Forms and letters")]
    assert due.count("Write this letter") >= 5
    r = client.post(
        f"/cases/{case_id}/records",
        data={"doc_type": "letter", "doc_id": "provider-process-started"},
    )
    page = client.get(f"/cases/{case_id}").text
    due = page[page.index("What this process requires") : page.index("Forms and letters")]
    assert f'href="{r.location}"' in due and "Continue this letter" in due


def test_times_are_london_time_in_summer(app, client, case_id):
    with app.app_context():
        db.session.add(
            AuditEvent(case_id=case_id, action="view", detail="x", at=dt.datetime(2026, 7, 1, 9, 5))
        )
        db.session.commit()
    page = client.get(f"/cases/{case_id}").text
    assert "1 July 2026, 10:05" in page  # BST is UTC+1


def test_chooser_groups_forms_by_policy_and_letters_by_recipient(client, case_id):
    page = client.get(f"/cases/{case_id}").text
    assert '<optgroup label="Western Bay">' in page
    assert "Western Bay — Risk assessment" in page and "(App 2)" in page
    for group in ("To the provider", "To residents’ families", "To stakeholders"):
        assert f'<optgroup label="{group}">' in page
