"""Letters from a case file: pre-filled from the case and the organisation profile, finalised to
the case file, and the case page shows which required letters are produced and when they are due."""

from __future__ import annotations

import datetime as dt
import io
import re

from pypdf import PdfReader

from forms.timescales import add_working_days
from web.core.registry import all_letters

from .conftest import sign_in
from .helpers import form_post


def set_up_organisation(app):
    admin = sign_in(app.test_client(), "admin")
    r = admin.post(
        "/admin/organisation",
        data={
            "name_en": "Example County Council",
            "name_cy": "Cyngor Sir Enghraifft",
            "address_en": "County Hall\nExampletown",
            "address_cy": "Neuadd y Sir\nTref Enghraifft",
            "phone": "01234 567890",
            "email": "team@example.org",
            "nation": "wales",
            "signatory_name": "Rhian Davies",
            "signatory_role_en": "Head of Commissioning",
            "signatory_role_cy": "Pennaeth Comisiynu",
        },
    )
    assert r.status_code == 302, r.text[:3000]


def test_letter_is_prefilled_finalised_and_due_dates_shown(app, client, case_id):
    set_up_organisation(app)
    page = client.get(f"/cases/{case_id}").text
    assert "What this process requires" in page
    # Nothing to count from until the decision is recorded (the letter records it)
    assert "When recorded:" in page and "Decision to enter escalating concerns" in page

    r = client.post(
        f"/cases/{case_id}/records",
        data={"doc_type": "letter", "doc_id": "provider-process-started"},
    )
    edit = r.location
    form = client.get(edit).text
    assert "Cyngor Sir Enghraifft" in form and "O&#39;Brien &amp; Sons &lt;Ltd&gt;" in form

    defn = all_letters()["provider-process-started"]
    example = defn.example()
    data = form_post(defn, example)
    data.update(org_name_en="Example County Council", org_name_cy="Cyngor Sir Enghraifft")
    data["provider"] = "O'Brien & Sons <Ltd>"
    saved = client.post(edit, data={**data, "action": "save"})
    assert saved.status_code == 302
    rid = edit.split("/")[-2]
    preview = client.get(f"/records/{rid}/preview/cy.pdf")
    assert preview.status_code == 200 and preview.mimetype == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(preview.data)).pages)
    assert "Cyngor Sir Enghraifft" in text and "Example County Council" not in text
    r = client.post(edit, data={**data, "action": "finalise"})
    assert r.status_code == 302, re.findall(r"govuk-error-message[^>]*>(.*?)</p>", r.text, re.S)
    view = client.get(r.location).text
    found = re.findall(
        r'href="(/records/\d+/files/\d+)">(\w+)<span class="govuk-visually-hidden"> – ([^<]+)', view
    )
    links = {f"{fmt}-{lang}": url for url, fmt, lang in found}
    assert len(links) == 7  # JSON data, then DOCX and PDF in three languages
    pdf = client.get(links["PDF-Welsh and English"]).data
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert text.index("Cyngor Sir Enghraifft") < text.index("Example County Council")
    assert "O'Brien & Sons <Ltd>" in text
    page = client.get(f"/cases/{case_id}").text
    decided = dt.date.fromisoformat(example["decision_date"])
    due = add_working_days(decided, 2, "wales")
    assert "Done" in page and f"{due.day} {due:%B %Y}" in page
