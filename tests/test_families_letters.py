"""Letters to residents' families without dead ends: missing details by resident with a way to
fix each, leaving some residents out and saying so, the shared details on their own page, a
manifest and labels that say where each letter goes, the run counted as the letter produced,
and "Mark as posted" in the case file."""

from __future__ import annotations

import csv
import io
import re
import zipfile

from pypdf import PdfReader
from sqlalchemy import select

from web.core.extensions import db
from web.core.models import AuditEvent, Job, Record

from .conftest import open_case
from .test_jobs_web import HEAD, LETTER, ROWS, csv_bytes, shared_details, upload, wait_for

NO_ADDRESS = [*ROWS[1][:9], "", "English"]  # Dai O'Brien's representative has no address


def _case_with_a_gap(app, client, letter=LETTER, process="provider-performance") -> int:
    case_id = open_case(client, process)
    upload(client, case_id, csv_bytes([HEAD, ROWS[0], NO_ADDRESS, ROWS[2]]), "list.csv")
    shared_details(app, case_id, letter)
    return case_id


def test_missing_details_are_listed_by_resident_with_a_link_to_fix_each(app, client):
    case_id = _case_with_a_gap(app, client)
    page = client.get(f"/cases/{case_id}/merge?letter={LETTER}").text
    assert "1 resident’s letter lacks details" in page
    table = page[page.index('id="missing"') :]
    assert "Dai O&#39;Brien" in table  # the resident, not only the representative
    assert "Position in the list of residents" in table
    assert "Recipient’s address" in table and "Blank" in table
    with app.app_context():
        listed = db.session.scalar(select(Record).where(Record.doc_id == "bp-residents-list"))
    assert f"/records/{listed.id}/edit#residents-1" in table
    assert "Leave out 1 resident and create the rest (2 letters)" in page
    assert "merge" not in re.sub(r"<[^>]+>", " ", page.split('id="main-content"')[1]).lower()


def test_a_bad_value_is_shown_beside_the_resident(app, client):
    case_id = open_case(client)
    upload(client, case_id, csv_bytes([HEAD, ROWS[0], ROWS[2]]), "list.csv")
    shared_details(app, case_id)
    with app.app_context():  # a draft keeps what was typed, even a value no letter can use
        listed = db.session.scalar(select(Record).where(Record.doc_id == "bp-residents-list"))
        residents = [dict(r) for r in listed.data["residents"]]
        residents[1]["preferred_language"] = "Klingon <b>"
        listed.data = {**listed.data, "residents": residents}
        db.session.commit()
    page = client.get(f"/cases/{case_id}/merge?letter={LETTER}").text
    table = page[page.index('id="missing"') :]
    assert "Ann Hughes" in table and "Klingon &lt;b&gt;" in table
    assert "Preferred language" in table


def test_leave_out_and_send_the_rest_records_who_was_left_out(app, client):
    case_id = _case_with_a_gap(app, client)
    # without choosing to leave them out, nothing starts
    r = client.post(f"/cases/{case_id}/merge", data={"letter": LETTER})
    assert r.status_code == 400 and "fix them or leave those residents out" in r.text
    r = client.post(f"/cases/{case_id}/merge", data={"letter": LETTER, "leave_out": "2"})
    assert r.status_code == 302, r.text[:2000]
    job_id = int(re.search(r"/merge-jobs/(\d+)", r.location).group(1))
    job = wait_for(app, job_id)
    assert job.status == "done", job.error and job.total == 2
    with app.app_context():
        record = db.session.get(Record, job.record_id)
        assert [i["resident"] for i in record.data["left_out"]] == ["Dai O'Brien"]
        files = {f.filename: f.content for f in record.files}
        started = db.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "merge", AuditEvent.record_id.is_(None))
        )
        assert "left out 1: 2 Dai O'Brien" in started.detail
    # run number and file names agree
    assert all(f"-run{job_id}" in name for name in files), files
    page = client.get(f"/merges/{job.record_id}").text
    assert f"Run {job_id}" in page and "Residents left out of this run" in page
    assert "Dai O&#39;Brien" in page
    assert "1 resident was left out" in client.get(f"/merge-jobs/{job_id}").text
    # the manifest and the labels say whose each letter is and where it goes
    manifest = next(c for n, c in files.items() if n.endswith("manifest.csv"))
    rows = list(csv.DictReader(io.StringIO(manifest.decode("utf-8-sig"))))
    assert [r["Resident’s name"] for r in rows] == ["Siân Jones", "Ann Hughes"]
    assert rows[0]["Postal address"] == "3 Ffordd y Môr, Aberaeron"
    labels = next(c for n, c in files.items() if n.endswith("address-labels.pdf"))
    reader = PdfReader(io.BytesIO(labels))
    assert len(reader.pages) == 1 and round(float(reader.pages[0].mediabox.width)) == 595
    text = reader.pages[0].extract_text()
    assert "Mrs Eleri Jones" in text and "3 Ffordd y Môr" in text and "Sean" not in text
    zipped = zipfile.ZipFile(io.BytesIO(next(c for n, c in files.items() if n.endswith(".zip"))))
    assert "address-labels.pdf" in zipped.namelist()


def test_a_run_counts_as_the_required_family_letter(app, client):
    case_id = open_case(client, "closure")
    upload(client, case_id, csv_bytes([HEAD, ROWS[0]]), "list.csv")
    shared_details(app, case_id, "family-home-closure")
    page = client.get(f"/cases/{case_id}").text
    due = page[page.index("What this process requires") : page.index("Forms and letters")]
    write = "/merge?letter=family-home-closure"  # the row's "Write the letters to families"
    assert write in due
    r = client.post(f"/cases/{case_id}/merge", data={"letter": "family-home-closure"})
    assert r.status_code == 302, r.text[:3000]
    job = wait_for(app, int(r.location.rsplit("/", 1)[1]))
    assert job.status == "done", job.error
    page = client.get(f"/cases/{case_id}").text
    due = page[page.index("What this process requires") : page.index("Forms and letters")]
    assert f"/merges/{job.record_id}" in due and write not in due


def test_shared_details_have_their_own_page_and_lead_back(app, client):
    from .test_letters_web import set_up_organisation

    set_up_organisation(app)
    case_id = open_case(client)
    upload(client, case_id, csv_bytes([HEAD, ROWS[0]]), "list.csv")
    page = client.get(f"/cases/{case_id}/merge?letter={LETTER}").text
    assert "Details every letter needs" in page
    url = f"/cases/{case_id}/merge/{LETTER}/shared"
    form = client.get(url).text
    assert "Name of the relative or representative" not in form  # one family's detail
    assert "Organisation name in English" not in form  # the letterhead is the admin's
    from forms.letters import get_letter
    from web.merge.family_details import shared_definition

    from .helpers import form_post

    with app.app_context():
        sub = shared_definition(get_letter(LETTER))
    data = form_post(sub, get_letter(LETTER).example())
    r = client.post(url, data=data)
    assert r.status_code == 302, re.findall(r"govuk-error-message[^>]*>(.*?)</p>", r.text, re.S)
    assert r.location.endswith(f"/cases/{case_id}/merge?letter={LETTER}")
    page = client.get(r.location).text
    assert "Details every letter needs" not in page and "Create 1 letter" in page


def test_mark_as_posted_goes_in_the_case_file(app, client):
    case_id = _case_with_a_gap(app, client)
    r = client.post(f"/cases/{case_id}/merge", data={"letter": LETTER, "leave_out": "2"})
    job = wait_for(app, int(r.location.rsplit("/", 1)[1]))
    guide = client.get(f"/merges/{job.record_id}/posting").text
    assert "double-sided" in guide and "21 labels" in guide
    bad = client.post(
        f"/merges/{job.record_id}/posting", data={"day": "31", "month": "2", "year": "2026"}
    )
    assert bad.status_code == 400 and "Enter the date the letters were posted" in bad.text
    r = client.post(
        f"/merges/{job.record_id}/posting", data={"day": "1", "month": "3", "year": "2026"}
    )
    assert r.status_code == 302
    assert "1 March 2026" in client.get(f"/merges/{job.record_id}").text
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "posted"))
        assert event.detail == "2026-03-01" and event.record_id == job.record_id
        assert db.session.scalar(select(Job).where(Job.id == job.id)).status == "done"


def test_leave_out_refuses_odd_numbers_without_failing(app, client):
    case_id = _case_with_a_gap(app, client)
    for odd in ("²", "-2", "9" * 5000, "2,3", ""):
        r = client.post(f"/cases/{case_id}/merge", data={"letter": LETTER, "leave_out": odd})
        assert r.status_code == 400, odd
    with app.app_context():
        assert db.session.scalar(select(Job).where(Job.kind == "merge")) is None
