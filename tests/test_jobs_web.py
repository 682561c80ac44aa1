"""Residents list import and the bulk mail-merge through the web app: whole-file checks before
anything is saved, "import only the valid rows", the merge as a background job in-process and on
an RQ worker through Redis, progress, cancel (nothing archived) and roles."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import zipfile

import openpyxl
import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from forms import get_form
from forms.i18n import Translator
from forms.letters import get_letter
from web.core import jobs
from web.core.extensions import db
from web.core.models import AuditEvent, Job, Record, StoredFile
from web.core.organisation import current

from .conftest import add_member, make_app, open_case, sign_in

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
        "Local authority & health board",  # the paper's free text, read as an option
        "=SUM(A1:A3)",
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
    assert rows[1]["case_number"] == "=SUM(A1:A3)"  # stored as text, never evaluated
    assert [row["funding"] for row in rows] == ["local-authority", "joint", "self"]
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
    assert r.status_code == 302 and "/residents/import/" in r.location  # replace or add?
    assert client.post(r.location, data={"mode": "replace"}).status_code == 302
    old, new = sorted(residents_records(app, case_id), key=lambda r: r.version)
    assert new.data["residents"][1]["case_number"] == "=SUM(A1:A3)"
    assert new.data["residents"] == old.data["residents"]


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
    named = re.findall(r'--numeric">3</td>\s*<td class="govuk-table__cell">([^<]*)</td>', page.text)
    assert named == ["Evans", "Evans"]  # whose row, as the row names them
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
    r = upload(client, case_id, csv_bytes([HEAD, ROWS[0]]), "list.csv")
    client.post(r.location, data={"mode": "replace"})
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
    case_id = open_case(client, "closure", provider="P", service="S")
    r = upload(client, case_id, csv_bytes([HEAD, *ROWS]), "list.csv")
    assert r.status_code == 400 and "too many rows" in r.text
    r = upload(client, case_id, b"x" * (100 * 1024), "big.csv")
    assert r.status_code == 413 and "smaller than" in r.text
    assert residents_records(app, case_id) == []


def test_viewer_cannot_import(app, case_id):
    add_member(app, case_id, "viewer")
    viewer = sign_in(app.test_client(), "viewer")
    assert upload(viewer, case_id, csv_bytes([HEAD, *ROWS]), "list.csv").status_code == 403
    assert viewer.get(f"/cases/{case_id}/residents/import").status_code == 200


# --- merge ----------------------------------------------------------------------------------


def shared_details(app, case_id, letter_id=LETTER):
    """The organisation profile and the case's own copy of the letter: what every letter shares."""
    from forms.letters.common import RECIPIENTS

    defn = get_letter(letter_id)
    example = defn.example()
    with app.app_context():
        org = current()
        for name, value in example.items():
            if name.startswith("org_") or name.startswith("signatory_"):
                setattr(org, name.removeprefix("org_") if name.startswith("org_") else name, value)
        recipient = {f.name for f in RECIPIENTS["family"]}
        data = {k: v for k, v in example.items() if k not in recipient}
        db.session.add(Record(case_id=case_id, doc_type="letter", doc_id=letter_id, data=data))
        db.session.commit()


@pytest.fixture
def merge_case(app, client, case_id):
    upload(client, case_id, csv_bytes([HEAD, *ROWS]), "list.csv")
    shared_details(app, case_id)
    return case_id


def start_merge(client, case_id, letter=LETTER) -> int:
    r = client.post(f"/cases/{case_id}/merge", data={"letter": letter})
    assert r.status_code == 302, r.text[:3000]
    return int(re.search(r"/merge-jobs/(\d+)", r.location).group(1))


def wait_for(app, job_id, timeout=180) -> Job:
    with app.app_context():
        job = jobs.wait(job_id, timeout=timeout)
        db.session.expunge(job)
        return job


def merge_records(app, case_id) -> list[tuple[Record, list[StoredFile]]]:
    with app.app_context():
        found = []
        for rec in db.session.scalars(
            select(Record).where(Record.case_id == case_id, Record.doc_type == "merge")
        ):
            files = list(rec.files)
            for f in files:
                db.session.expunge(f)
            db.session.expunge(rec)
            found.append((rec, files))
        return found


def check_archive(app, client, case_id, job) -> None:
    assert job.status == "done", job.error
    assert job.done == job.total == 3
    [(record, files)] = merge_records(app, case_id)
    assert record.status == "final" and record.doc_id == LETTER and job.record_id == record.id
    assert record.data["languages"] == {"cy": 1, "en": 1, "both": 1}
    labels = [f for f in files if f.filename.endswith("address-labels.pdf")]
    by_fmt = {f.fmt: f for f in files if f not in labels}
    assert set(by_fmt) == {"zip", "pdf", "csv"} and len(labels) == 1
    for f in files:
        assert hashlib.sha256(f.content).hexdigest() == f.sha256 and f.size == len(f.content)
    names = zipfile.ZipFile(io.BytesIO(by_fmt["zip"].content)).namelist()
    assert "manifest.csv" in names and "all-letters-print.pdf" in names
    for lang, position in (("cy", 1), ("en", 2), ("both", 3)):
        for ext in ("docx", "pdf"):
            assert any(re.match(rf"000{position}-.*-{lang}\.{ext}$", n) for n in names), names
    assert len(names) == 9 and "address-labels.pdf" in names
    pages = len(PdfReader(io.BytesIO(by_fmt["pdf"].content)).pages)
    assert pages == record.data["print_pages"] and pages % 2 == 0
    page = client.get(f"/merge-jobs/{job.id}").text
    assert "3 of 3 letters" in page and f"/records/{record.id}/files/{by_fmt['zip'].id}" in page
    assert f"/merges/{record.id}" in client.get(f"/cases/{case_id}").text
    with app.app_context():
        event = db.session.scalar(
            select(AuditEvent).where(
                AuditEvent.action == "merge", AuditEvent.record_id == record.id
            )
        )
        assert by_fmt["zip"].sha256 in event.detail


def test_merge_page_counts_languages_and_previews(app, client, merge_case):
    page = client.get(f"/cases/{merge_case}/merge?letter={LETTER}")
    assert page.status_code == 200
    text = page.text
    assert "Create the 3 letters" in text and "lack details" not in text
    for n in (1, 2, 3):
        assert f"/cases/{merge_case}/merge/{LETTER}/preview/{n}" in text
    preview = client.get(f"/cases/{merge_case}/merge/{LETTER}/preview/1")
    assert preview.status_code == 200 and preview.mimetype == "application/pdf"
    assert "Jones" in PdfReader(io.BytesIO(preview.data)).pages[0].extract_text()
    assert client.get(f"/cases/{merge_case}/merge/{LETTER}/preview/4").status_code == 404


def test_missing_values_are_shown_before_the_merge_starts(app, client, case_id):
    rows = [ROWS[0], [*ROWS[1][:9], "", "English"], ROWS[2]]  # no address for row 3
    upload(client, case_id, csv_bytes([HEAD, *rows]), "list.csv")
    shared_details(app, case_id)
    text = client.get(f"/cases/{case_id}/merge?letter={LETTER}").text
    assert "letter lacks details" in text and "Create the" not in text
    assert "Mr Sean O&#39;Brien &amp; family" in text
    r = client.post(f"/cases/{case_id}/merge", data={"letter": LETTER})
    assert r.status_code == 400 and "govuk-error-summary" in r.text
    with app.app_context():
        assert db.session.scalar(select(func.count(Job.id)).where(Job.kind == "merge")) == 0


def test_merge_runs_in_process_and_is_archived(app, client, merge_case):
    job_id = start_merge(client, merge_case)
    job = wait_for(app, job_id)
    check_archive(app, client, merge_case, job)
    assert "Finished" in client.get(f"/cases/{merge_case}/merge").text


def test_progress_page_refreshes_while_running(app, client, merge_case):
    with app.app_context():
        job = Job(kind="merge", case_id=merge_case, status="running", total=10, done=4)
        db.session.add(job)
        db.session.commit()
        job_id = job.id
    r = client.get(f"/merge-jobs/{job_id}")
    assert '<meta http-equiv="refresh" content="2">' in r.text
    assert '<progress id="merge-progress"' in r.text and 'max="10" value="4"' in r.text
    assert "4 of 10 letters" in r.text and "Stop creating the letters" in r.text
    assert '<meta http-equiv="refresh"' not in client.get(f"/merge-jobs/{job_id}?refresh=off").text


def test_cancel_leaves_no_archive(app, client, merge_case):
    app.config["MERGE_CHUNK"] = 1
    job_id = start_merge(client, merge_case)
    deadline = time.monotonic() + 60
    with app.app_context():
        while db.session.get(Job, job_id).status == "queued" and time.monotonic() < deadline:
            db.session.expire_all()
            time.sleep(0.02)
    r = client.post(f"/merge-jobs/{job_id}/cancel")
    assert r.status_code == 302
    job = wait_for(app, job_id)
    assert job.status == "cancelled" and job.record_id is None
    assert merge_records(app, merge_case) == []
    assert "Nothing was kept in the case file" in client.get(f"/merge-jobs/{job_id}").text


def test_a_queued_job_cancelled_never_runs(app, merge_case):
    with app.app_context():
        job = Job(kind="merge", case_id=merge_case, params={})
        db.session.add(job)
        db.session.commit()
        jobs.request_cancel(job.id)
        jobs.execute(job.id)
        assert db.session.get(Job, job.id).status == "cancelled"


def test_a_job_that_stopped_responding_is_shown_as_failed(app, client, merge_case):
    """An in-process job dies with its web process: after JOB_STALL_SECONDS of silence its page
    says so instead of refreshing for ever; a job with a recent heartbeat is left alone."""
    import datetime as dt

    from web.core.models import now

    with app.app_context():
        old = Job(
            kind="merge",
            case_id=merge_case,
            params={},
            status="running",
            heartbeat_at=now() - dt.timedelta(hours=1),
        )
        fresh = Job(
            kind="merge", case_id=merge_case, params={}, status="running", heartbeat_at=now()
        )
        db.session.add_all([old, fresh])
        db.session.commit()
        old_id, fresh_id = old.id, fresh.id
    page = client.get(f"/merge-jobs/{old_id}")
    assert "stopped responding" in page.text and "Refresh" not in page.headers
    assert "Refresh" in client.get(f"/merge-jobs/{fresh_id}").headers
    with app.app_context():
        assert db.session.get(Job, old_id).status == "failed"
        assert db.session.get(Job, fresh_id).status == "running"


def test_failed_merge_leaves_no_archive(app, client, merge_case, monkeypatch):
    import generator.merge

    def broken(*args, **kwargs):
        kwargs["progress"](1, 3)
        raise OSError("disk full")

    monkeypatch.setattr(generator.merge, "run_merge", broken)
    job = wait_for(app, start_merge(client, merge_case))
    assert job.status == "failed" and "disk full" in job.error
    assert merge_records(app, merge_case) == []
    assert "The letters could not be created" in client.get(f"/merge-jobs/{job.id}").text


def test_viewer_cannot_start_or_cancel_a_merge(app, client, merge_case):
    add_member(app, merge_case, "viewer")
    viewer = sign_in(app.test_client(), "viewer")
    page = viewer.get(f"/cases/{merge_case}/merge?letter={LETTER}")
    assert page.status_code == 200 and "Create the 3 letters" not in page.text
    assert viewer.post(f"/cases/{merge_case}/merge", data={"letter": LETTER}).status_code == 403
    with app.app_context():
        job = Job(kind="merge", case_id=merge_case, status="running")
        db.session.add(job)
        db.session.commit()
        job_id = job.id
    assert viewer.post(f"/merge-jobs/{job_id}/cancel").status_code == 403
    with app.app_context():
        assert db.session.scalar(select(func.count(Job.id)).where(Job.kind == "merge")) == 1
        assert not db.session.get(Job, job_id).cancel_requested


# --- Redis and an RQ worker -----------------------------------------------------------------


def test_worker_command_needs_redis_url(monkeypatch):
    from click.testing import CliRunner

    from web.cli import main

    monkeypatch.setenv("SECRET_KEY", "test")
    monkeypatch.delenv("REDIS_URL", raising=False)
    result = CliRunner().invoke(main, ["worker", "--burst"])
    assert result.exit_code == 2 and "REDIS_URL" in result.output


def test_a_queue_that_is_down_fails_the_job_with_a_message(app, client, merge_case):
    app.config["REDIS_URL"] = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    job = wait_for(app, start_merge(client, merge_case), timeout=5)
    assert job.status == "failed" and "Error" in job.error
    assert "The letters could not be created" in client.get(f"/merge-jobs/{job.id}").text


def test_a_job_rq_gave_up_on_is_marked_failed(app, merge_case):
    class RqJob:
        args = None

    with app.app_context():
        job = Job(kind="merge", case_id=merge_case, status="running")
        db.session.add(job)
        db.session.commit()
        RqJob.args = (job.id,)
        jobs.rq_failed(RqJob(), None, TimeoutError, TimeoutError("took too long"), None)
        db.session.expire_all()
        job = db.session.get(Job, job.id)
        assert job.status == "failed" and "took too long" in job.error


REDIS_PORT = 6399


@pytest.fixture
def redis_server():
    binary = shutil.which("redis-server")
    if binary is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Debian's redis-server is needed in CI")
        pytest.skip("no redis-server here")
    proc = subprocess.Popen(
        [binary, "--port", str(REDIS_PORT), "--save", "", "--daemonize", "no"],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", REDIS_PORT), timeout=0.2).close()
            break
        except OSError:
            if time.monotonic() > deadline:
                proc.kill()
                pytest.fail("redis-server did not start")
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{REDIS_PORT}/0"
    proc.terminate()
    proc.wait(timeout=10)


def test_merge_through_redis_and_an_rq_worker(tmp_path, redis_server):
    from redis import Redis

    Redis.from_url(redis_server).flushdb()
    app = make_app(tmp_path, REDIS_URL=redis_server)
    client = sign_in(app.test_client())
    case_id = open_case(client, "closure", provider="P", service="S")
    upload(client, case_id, csv_bytes([HEAD, *ROWS]), "list.csv")
    shared_details(app, case_id)
    job_id = start_merge(client, case_id)
    assert "Waiting to start" in client.get(f"/merge-jobs/{job_id}").text  # no worker yet
    env = {
        **os.environ,
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "REDIS_URL": redis_server,
        "SECRET_KEY": "test",
    }
    worker = subprocess.run(
        [sys.executable, "-c", "from web.cli import main; main()", "worker", "--burst"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert worker.returncode == 0, worker.stderr[-3000:]
    job = wait_for(app, job_id, timeout=5)
    check_archive(app, client, case_id, job)
