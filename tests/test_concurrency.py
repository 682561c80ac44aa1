"""Finalising and jobs under concurrency and crashes: one finalise of a record wins and the other
is told; a slow render blocks nobody; a claim or a job left by a crash is put right; a worker
killed mid-merge shows a failed job and leaves no folder of letters behind.

Time limits here only stop a broken test from hanging: nothing asserts how fast anything is.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from forms.i18n import Translator
from web import archive, create_app, jobs
from web.extensions import db
from web.models import AuditEvent, Job, Record, StoredFile, now

from .conftest import make_app, open_case, sign_in
from .helpers import form_post
from .test_jobs_web import (  # noqa: F401  (merge_case is a fixture)
    HEAD,
    ROWS,
    csv_bytes,
    merge_case,
    shared_details,
    start_merge,
    upload,
    wait_for,
)
from .test_web import PLAN, start

BUSY = "This record is already final, or someone is finalising it now."
GUARD = 120  # seconds: only so that a broken test fails instead of hanging


def finalise_data() -> dict:
    return {**form_post(PLAN, PLAN.example()), "action": "finalise"}


def record_state(app, record_id: int) -> tuple[str, int, int]:
    """(status, stored files, finalise audit events) of a record."""
    with app.app_context():
        record = db.session.get(Record, record_id)
        files = db.session.scalar(
            select(func.count(StoredFile.id)).where(StoredFile.record_id == record_id)
        )
        events = db.session.scalar(
            select(func.count(AuditEvent.id)).where(
                AuditEvent.record_id == record_id, AuditEvent.action == "finalise"
            )
        )
        return record.status, files, events


def slow_renderer(monkeypatch, started: threading.Event, release: threading.Event):
    real = archive.render_outputs

    def slowed(*args, **kwargs):
        started.set()
        release.wait(GUARD)
        return real(*args, **kwargs)

    monkeypatch.setattr(archive, "render_outputs", slowed)


def in_threads(*calls) -> list:
    """Run each call in its own thread, started together; return their results in order."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(n, call):
        barrier.wait(GUARD)
        results[n] = call()

    threads = [threading.Thread(target=run, args=(n, c)) for n, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(GUARD)
    assert not any(t.is_alive() for t in threads)
    return results


# --- one final version ----------------------------------------------------------------------


def test_two_finalises_of_one_record_make_one_final_version(app, client, case_id, monkeypatch):
    url = start(client, case_id)
    record_id = int(re.search(r"/records/(\d+)", url).group(1))
    other = sign_in(app.test_client(), "admin")
    started, release = threading.Event(), threading.Event()
    slow_renderer(monkeypatch, started, release)
    threading.Timer(1.0, release.set).start()  # both requests are in flight by then
    first, second = in_threads(
        lambda: client.post(url, data=finalise_data()),
        lambda: other.post(url, data=finalise_data()),
    )
    assert {first.status_code, second.status_code} == {302}, (first.text, second.text)
    status, files, events = record_state(app, record_id)
    assert (status, files, events) == ("final", 7, 1)  # one set: JSON, DOCX and PDF x 3
    pages = [
        c.get(r.location, follow_redirects=True).text for c, r in ((client, first), (other, second))
    ]
    assert sum("Finalised. The documents are in the case file." in p for p in pages) == 1
    assert sum(BUSY in p for p in pages) == 1, [re.findall(r"notification-banner__heading\">(.*?)<", p) for p in pages] + [first.location, second.location]


def test_a_slow_finalise_blocks_no_one_else(app, client, case_id, monkeypatch):
    """While one record renders, another user signs in and saves a draft of another record."""
    url = start(client, case_id)
    draft_url = start(client, case_id)
    started, release = threading.Event(), threading.Event()
    slow_renderer(monkeypatch, started, release)
    outcome = {}
    worker = threading.Thread(
        target=lambda: outcome.update(r=client.post(url, data=finalise_data()))
    )
    worker.start()
    try:
        assert started.wait(GUARD)
        other = app.test_client()
        signed_in = other.post(
            "/sign-in",
            data={"email": "admin@example.org", "password": "correct horse battery staple"},
        )
        saved = other.post(draft_url, data={"provider": "Tŷ Newydd & <Co>", "action": "save"})
        assert signed_in.status_code == 302 and saved.status_code == 302, saved.text[:2000]
        with app.app_context():
            draft = db.session.get(Record, int(draft_url.split("/")[-2]))
            assert draft.data["provider"] == "Tŷ Newydd & <Co>"
    finally:
        release.set()
        worker.join(GUARD)
    assert outcome["r"].status_code == 302
    assert record_state(app, int(url.split("/")[-2]))[:2] == ("final", 7)


def test_a_failed_render_leaves_a_draft_that_can_be_finalised_again(
    app, client, case_id, monkeypatch
):
    url = start(client, case_id)
    record_id = int(url.split("/")[-2])

    def broken(*args, **kwargs):
        raise ValueError("All strings must be XML compatible")

    monkeypatch.setattr(archive, "render_outputs", broken)
    client.get("/language/cy")
    r = client.post(url, data=finalise_data())
    assert r.status_code == 302 and r.location.endswith(f"/records/{record_id}/edit")
    page = client.get(r.location).text
    welsh = Translator("cy")
    assert (
        welsh(
            "The documents could not be made, so the record was not finalised. Your answers "
            "are kept in the draft. Try again; if it fails again, tell your administrator."
        )
        in page
    )
    assert record_state(app, record_id) == ("draft", 0, 0)
    with app.app_context():  # the answers were kept
        assert db.session.get(Record, record_id).data["provider"] == PLAN.example()["provider"]
    monkeypatch.undo()
    assert client.post(url, data=finalise_data()).status_code == 302
    assert record_state(app, record_id) == ("final", 7, 1)


def claim(app, record_id: int, age: dt.timedelta) -> None:
    """Leave the record as a finalise that started ``age`` ago and never finished would."""
    with app.app_context():
        db.session.execute(
            update(Record)
            .where(Record.id == record_id)
            .values(status="finalising", updated_at=now() - age, finalised_at=now() - age)
        )
        db.session.commit()


def test_a_record_being_finalised_refuses_changes(app, client, case_id):
    url = start(client, case_id)
    record_id = int(url.split("/")[-2])
    claim(app, record_id, dt.timedelta(seconds=5))
    r = client.post(url, data={"provider": "changed", "action": "save"}, follow_redirects=True)
    assert r.status_code == 200 and BUSY in r.text
    assert "Someone is finalising this record now" in r.text
    with app.app_context():
        record = db.session.get(Record, record_id)
        assert record.status == "finalising" and record.data.get("provider") != "changed"


def test_a_claim_left_by_a_crash_expires(app, client, case_id):
    url = start(client, case_id)
    record_id = int(url.split("/")[-2])
    claim(app, record_id, dt.timedelta(seconds=app.config["FINALISE_CLAIM_SECONDS"] + 60))
    page = client.get(url)
    assert page.status_code == 200 and "Someone is finalising" not in page.text
    assert record_state(app, record_id)[0] == "draft"
    assert client.post(url, data=finalise_data()).status_code == 302
    assert record_state(app, record_id) == ("final", 7, 1)


def test_a_save_that_lost_a_race_is_not_overwritten_silently(app, client, case_id):
    """A record read before someone else saved it cannot then be saved over their change."""
    url = start(client, case_id)
    record_id = int(url.split("/")[-2])
    with app.app_context():
        engine = db.engine
    with Session(engine) as elsewhere:
        stale = elsewhere.get(Record, record_id)
        assert client.post(url, data={"provider": "first", "action": "save"}).status_code == 302
        stale.data = {"provider": "second"}
        with pytest.raises(StaleDataError):
            elsewhere.commit()
    with app.app_context():
        assert db.session.get(Record, record_id).data["provider"] == "first"


def test_sqlite_waits_for_other_writers(app):
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("SQLite only")
        with db.engine.connect() as conn:
            assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 10_000
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
