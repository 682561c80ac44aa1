"""Residents list import and the bulk mail-merge through the web app: whole-file checks before
anything is saved, "import only the valid rows", the merge as a background job in-process and on
an RQ worker through Redis, progress, cancel (nothing archived) and roles."""

from __future__ import annotations

import csv
import io
import re

import openpyxl
import pytest
from sqlalchemy import select

from forms import get_form
from forms.i18n import Translator
from web.extensions import db
from web.models import AuditEvent, Job, Record

from .conftest import make_app, sign_in

LETTER = "family-concerns-raised"
HEAD = [
    "Surname",
    "Forename",
    "Gender",
    "Date of birth",
    "Responsibility for funding",
    "Case-record number",
    "Has capacity",
    "Requires an advocate",
    "Representative’s name for letters",
    "Representative’s postal address",
    "Representative’s preferred language",
]
FIELDS = [
    "surname",
    "forename",
    "gender",
    "date_of_birth",
    "funding",
    "case_number",
    "has_capacity",
    "requires_advocate",
    "representative_name",
    "representative_address",
    "preferred_language",
]
RESIDENT = {f.name: f for f in get_form("bp-residents-list").member("residents").fields}
HEAD_CY = [Translator("cy")(RESIDENT[n].label) for n in FIELDS]
ROWS = [
    [
        "Jones",
        "Siân",
        "F",
        "14/02/1938",
        "Local authority",
        "CR-1",
        "Y",
        "N",
        "Mrs Eleri Jones",
        "3 Ffordd y Môr\nAberaeron",
        "Welsh",
    ],
    [
        "O'Brien",
        "Dai",
        "M",
        "1940-05-01",
        "=SUM(A1:A3)",
        "CR-2",
        "N",
        "Y",
        "Mr Sean O'Brien & family",
        "2 Heol <Newydd>\nExampletown",
        "English",
    ],
    [
        "Hughes",
        "Ann",
        "F",
        "1935-11-30",
        "Self-funding",
        "CR-3",
        "Y",
        "N",
        "Ms Gwen Hughes",
        "1 Stryd Fawr\nLlandeilo",
        "",
    ],
]


def csv_bytes(rows) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


def xlsx_bytes(rows) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client, case_id, data: bytes, name: str):
    return client.post(
        f"/cases/{case_id}/residents/import",
        data={"file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def residents_records(app, case_id) -> list[Record]:
    with app.app_context():
        records = db.session.scalars(
            select(Record).where(Record.case_id == case_id, Record.doc_id == "bp-residents-list")
        ).all()
        for r in records:
            db.session.expunge(r)
        return records


# --- import ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "make", "head"),
    [
        ("list.csv", csv_bytes, HEAD),
        ("list.xlsx", xlsx_bytes, HEAD),
        ("rhestr.xlsx", xlsx_bytes, HEAD_CY),
    ],
)
def test_import_happy_path(app, client, case_id, name, make, head):
    r = upload(client, case_id, make([head, *ROWS]), name)
    assert r.status_code == 302, r.text[:3000]
    assert "/records/" in r.location
    [record] = residents_records(app, case_id)
    assert record.status == "draft"
    rows = record.data["residents"]
    assert [row["surname"] for row in rows] == ["Jones", "O'Brien", "Hughes"]
    assert rows[0]["date_of_birth"] == "1938-02-14"
    assert rows[0]["preferred_language"] == "cy"
    assert rows[1]["funding"] == "=SUM(A1:A3)"  # stored as text, never evaluated
    assert "Residents imported: 3" in client.get(r.location).text
    with app.app_context():
        assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "import"))


def test_export_neutralises_formulas_and_reimports(app, client, case_id):
    upload(client, case_id, csv_bytes([HEAD, *ROWS]), "list.csv")
    r = client.get(f"/cases/{case_id}/residents.csv")
    assert r.status_code == 200 and r.mimetype == "text/csv"
    text = r.data.decode("utf-8-sig")
    assert "'=SUM(A1:A3)" in text
    r = upload(client, case_id, r.data, "again.csv")
    assert r.status_code == 302
    [record] = residents_records(app, case_id)
    assert record.data["residents"][1]["funding"] == "=SUM(A1:A3)"


def test_errors_are_shown_by_row_and_nothing_is_saved(app, client, case_id):
    bad = [
        HEAD,
        ROWS[0],
        ["Evans", "", "F", "31/02/1950", "LA", "CR-9", "Y", "N", "", "", ""],
        ROWS[2],
    ]
    r = upload(client, case_id, csv_bytes(bad), "list.csv")
    assert r.status_code == 302 and "/residents/import/" in r.location
    page = client.get(r.location)
    assert page.status_code == 400
    assert "govuk-error-summary" in page.text
    assert "Rows with problems: 1 of 3" in page.text
    row_3 = re.findall(
        r'<td class="govuk-table__cell govuk-table__cell--numeric">3</td>', page.text
    )
    assert len(row_3) == 2  # forename missing and a date that is not a date, both on row 3
    assert "Forename" in page.text and "Date of birth" in page.text
    assert residents_records(app, case_id) == []
    # the same problems in the reader's language
    client.get("/language/cy")
    welsh = client.get(r.location).text
    forename = RESIDENT["forename"]
    cy = Translator("cy")
    assert cy(forename.missing_message(), label=cy(forename.label)) in welsh


def test_import_only_the_valid_rows(app, client, case_id):
    bad = [
        HEAD,
        ROWS[0],
        ["Evans", "", "F", "1950-01-01", "LA", "CR-9", "Y", "N", "", "", ""],
        ROWS[2],
    ]
    r = upload(client, case_id, csv_bytes(bad), "list.csv")
    staged = r.location
    assert residents_records(app, case_id) == []
    with app.app_context():  # held on the server, not in the cookie
        job = db.session.scalar(select(Job).where(Job.kind == "residents-import"))
        assert job.status == "waiting" and len(job.params["rows"]) == 2
    r = client.post(staged)
    assert r.status_code == 302
    [record] = residents_records(app, case_id)
    assert [row["surname"] for row in record.data["residents"]] == ["Jones", "Hughes"]
    assert client.post(staged).status_code == 404  # used once


def test_a_final_list_is_never_overwritten(app, client, case_id):
    upload(client, case_id, csv_bytes([HEAD, *ROWS]), "list.csv")
    [first] = residents_records(app, case_id)
    with app.app_context():
        rec = db.session.get(Record, first.id)
        rec.status = "final"
        db.session.commit()
    upload(client, case_id, csv_bytes([HEAD, ROWS[0]]), "list.csv")
    old, new = sorted(residents_records(app, case_id), key=lambda r: r.version)
    assert len(old.data["residents"]) == 3 and old.status == "final"
    assert new.version == 2 and new.based_on_id == old.id and len(new.data["residents"]) == 1


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"%PDF-1.4 not a list", "list.pdf", "must be a spreadsheet saved as .csv or .xlsx"),
        (b"Surname,Forename\nJones,Sian\n", "list.xlsx", "is not an Excel workbook"),
        (xlsx_bytes([HEAD, *ROWS]), "list.csv", "is not a CSV file"),
        (b"", "", "Select a CSV or Excel file"),
    ],
)
def test_wrong_file_type_is_refused(app, client, case_id, data, name, message):
    r = upload(client, case_id, data, name)
    assert r.status_code == 400
    assert message in r.text and "govuk-error-summary" in r.text
    assert residents_records(app, case_id) == []


def test_size_and_row_limits_come_from_config(tmp_path):
    app = make_app(tmp_path, IMPORT_MAX_ROWS=2, MAX_CONTENT_LENGTH=64 * 1024)
    client = sign_in(app.test_client())
    r = client.post(
        "/cases/new",
        data={
            "provider": "P",
            "service": "S",
            "case_process": "closure",
            "opened_on": "2026-03-02",
        },
    )
    case_id = int(re.search(r"/cases/(\d+)", r.location).group(1))
    r = upload(client, case_id, csv_bytes([HEAD, *ROWS]), "list.csv")
    assert r.status_code == 400 and "too many rows" in r.text
    r = upload(client, case_id, b"x" * (100 * 1024), "big.csv")
    assert r.status_code == 413 and "smaller than" in r.text
    assert residents_records(app, case_id) == []


def test_viewer_cannot_import(app, case_id):
    viewer = sign_in(app.test_client(), "viewer")
    assert upload(viewer, case_id, csv_bytes([HEAD, *ROWS]), "list.csv").status_code == 403
    assert viewer.get(f"/cases/{case_id}/residents/import").status_code == 200
