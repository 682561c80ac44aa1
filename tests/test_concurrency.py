"""Finalising and jobs under concurrency and crashes: one finalise of a record wins and the other
is told; a slow render blocks nobody; a claim or a job left by a crash is put right; a worker
killed mid-merge shows a failed job and leaves no folder of letters behind.

Time limits here only stop a broken test from hanging: nothing asserts how fast anything is.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
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
from web import create_app
from web.core import job_recovery, jobs
from web.core.extensions import db
from web.core.models import AuditEvent, Job, Record, StoredFile, now
from web.records import archive

from .conftest import PASSWORD, make_app, open_case, sign_in
from .helpers import form_post
from .test_jobs_web import (
    HEAD,
    ROWS,
    csv_bytes,
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
    assert sum(BUSY in p for p in pages) == 1


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
            data={"email": "admin@example.org", "password": PASSWORD},
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


# --- jobs after a crash -----------------------------------------------------------------------


@pytest.fixture
def merge_case(app, client, case_id):
    upload(client, case_id, csv_bytes([HEAD, *ROWS]), "list.csv")
    shared_details(app, case_id)
    return case_id


def merge_folders(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.glob("merge-*")) if parent.exists() else []


def test_a_long_step_keeps_its_heartbeat(app, client, merge_case, monkeypatch):
    """A job busy on one long step (no progress to report) is not mistaken for a dead one."""
    app.config.update(JOB_STALL_SECONDS=3, JOB_HEARTBEAT_SECONDS=0.2)
    running, release = threading.Event(), threading.Event()

    def long_step(job, reporter):
        running.set()
        release.wait(GUARD)

    monkeypatch.setitem(jobs.HANDLERS, "merge", long_step)
    job_id = start_merge(client, merge_case)
    try:
        assert running.wait(GUARD)
        until = time.monotonic() + 5  # longer than JOB_STALL_SECONDS
        while time.monotonic() < until:
            page = client.get(f"/merge-jobs/{job_id}")
            assert "The letters could not be created" not in page.text and "Refresh" in page.headers
            time.sleep(0.5)
    finally:
        release.set()
    assert wait_for(app, job_id).status == "done"


def restarted(app, **config):
    """A new process's app on the same database, as after a restart."""
    keys = ("TESTING", "SECRET_KEY", "SQLALCHEMY_DATABASE_URI", "WTF_CSRF_ENABLED", "REDIS_URL")
    return create_app({**{k: app.config[k] for k in keys}, **config})


def test_an_orphaned_queued_job_runs_after_a_restart(
    app, client, merge_case, monkeypatch, tmp_path
):
    """The process that held a queued merge died: the next process runs it, and sweeps the
    merge folders that no running job owns."""
    folders = tmp_path / "merge-tmp"
    app.config["MERGE_TMP_DIR"] = str(folders)
    monkeypatch.setattr(jobs, "dispatch", lambda job_id: None)  # it dies before running it
    job_id = start_merge(client, merge_case)
    monkeypatch.undo()
    with app.app_context():
        alive = Job(kind="merge", case_id=merge_case, status="running", heartbeat_at=now())
        db.session.add(alive)
        db.session.commit()
        alive_id = alive.id
    for name in ("merge-9999-gone", f"merge-{job_id}-old", f"merge-{alive_id}-live"):
        (folders / name / "letters").mkdir(parents=True)
        (folders / name / "letters" / "0001-jones-cy.pdf").write_bytes(b"personal data")
    assert wait_for(app, job_id, timeout=1).status == "queued"  # and it would stay so

    after = restarted(app, MERGE_TMP_DIR=str(folders))
    sign_in(after.test_client())  # the first request of the new process
    job = wait_for(after, job_id, timeout=GUARD)
    assert job.status == "done", job.error
    assert merge_folders(folders) == [f"merge-{alive_id}-live"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def redis_url():
    """A redis-server of this test's own, on a free port."""
    binary = shutil.which("redis-server")
    if binary is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Debian's redis-server is needed in CI")
        pytest.skip("no redis-server here")
    port = free_port()
    proc = subprocess.Popen(
        [binary, "--port", str(port), "--save", "", "--daemonize", "no"],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + GUARD
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                pytest.fail("redis-server did not start")
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    proc.terminate()
    proc.wait(timeout=GUARD)


def test_a_job_redis_lost_is_queued_again_at_start_up(tmp_path, redis_url):
    from redis import Redis

    app = make_app(tmp_path, REDIS_URL=redis_url)
    client = sign_in(app.test_client())
    case_id = open_case(client, "closure", provider="P", service="S")
    upload(client, case_id, csv_bytes([HEAD, *ROWS]), "list.csv")
    shared_details(app, case_id)
    job_id = start_merge(client, case_id)
    Redis.from_url(redis_url).flushdb()  # Redis restarted empty: no worker will ever see it
    sign_in(restarted(app).test_client())
    with app.app_context():
        assert jobs.rq_id(job_id) in jobs.queue(redis_url).job_ids
        assert db.session.get(Job, job_id).status == "queued"


def parents() -> dict[int, int]:
    """Every process's parent (Linux /proc)."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            found[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
    return found


def children(pid: int) -> list[int]:
    return [child for child, parent in parents().items() if parent == pid]


def process_tree(root: int) -> set[int]:
    """``root`` and every process descended from it."""
    parents_of = parents()
    tree, grew = {root}, True
    while grew:
        more = {pid for pid, ppid in parents_of.items() if ppid in tree} - tree
        tree |= more
        grew = bool(more)
    return tree


def kill_tree(root: int) -> None:
    """kill -9 of a worker and everything it started (its work horse runs in a session of its
    own), as when the server or container dies. Stopped first, so none can start another."""
    stopped: set[int] = set()
    while (tree := process_tree(root)) - stopped:
        for pid in tree - stopped:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGSTOP)
        stopped |= tree
    for pid in stopped:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


@pytest.mark.parametrize("victim", ["everything", "work horse"])
def test_a_worker_killed_mid_merge_shows_a_failed_job_and_leaves_no_letters(
    tmp_path, redis_url, victim
):
    """kill -9 mid-merge, of the worker, its work horse and the merge's processes (as when a
    server or container dies), or of the work horse alone (the worker lives on and RQ sees it):
    the job page shows the merge failed in the reader's language within a minute, nothing is
    archived, no folder of letters is left, and the merge can be started again."""
    folders = tmp_path / "merge-tmp"
    # Killed whole, only its silence tells; the worker that lives on reports through RQ at once.
    stall = 3 if victim == "everything" else 3600
    app = make_app(
        tmp_path, REDIS_URL=redis_url, JOB_STALL_SECONDS=stall, MERGE_TMP_DIR=str(folders)
    )
    client = sign_in(app.test_client())
    case_id = open_case(client, "closure", provider="P", service="S")
    rows = [[*ROWS[n % 3][:5], f"CR-{n}", *ROWS[n % 3][6:]] for n in range(30)]
    upload(client, case_id, csv_bytes([HEAD, *rows]), "list.csv")
    shared_details(app, case_id)
    job_id = start_merge(client, case_id)
    env = {
        **os.environ,
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "REDIS_URL": redis_url,
        "SECRET_KEY": "test",
        "DOGFEN_JOB_HEARTBEAT_SECONDS": "0.5",
        "DOGFEN_MERGE_TMP_DIR": str(folders),
        "DOGFEN_MERGE_CHUNK": "1",
        "DOGFEN_MERGE_WORKERS": "1",
    }
    log = (tmp_path / "worker.log").open("w")
    worker = subprocess.Popen(
        [sys.executable, "-c", "from web.cli import main; main()", "worker"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + GUARD
        with app.app_context():
            while True:  # mid-merge: running, some letters made, its folder on disk
                db.session.expire_all()
                job = db.session.get(Job, job_id)
                if job.status == "running" and job.done and merge_folders(folders):
                    break
                assert job.status in jobs.ACTIVE, job.error
                assert time.monotonic() < deadline, (tmp_path / "worker.log").read_text()[-3000:]
                time.sleep(0.05)
        if victim == "everything":
            kill_tree(worker.pid)
        else:
            [horse] = children(worker.pid)
            kill_tree(horse)
        assert merge_folders(folders)  # the letters so far are still on disk

        client.get("/language/cy")
        deadline = time.monotonic() + 60  # the "within a minute"
        welsh = Translator("cy")
        while (
            welsh("The letters could not be created")
            not in (page := client.get(f"/merge-jobs/{job_id}")).text
        ):
            assert time.monotonic() < deadline, page.text[-2000:]
            time.sleep(0.5)
        assert "Refresh" not in page.headers
        why = jobs.STALLED if victim == "everything" else job_recovery.RQ_GAVE_UP
        assert welsh(why) in page.text
        assert merge_folders(folders) == []
        with app.app_context():
            assert db.session.get(Job, job_id).status == "failed"
            assert not db.session.scalar(
                select(func.count(Record.id)).where(Record.doc_type == "merge")
            )
        assert start_merge(client, case_id) != job_id  # and it can be started again
    finally:
        kill_tree(worker.pid)
        worker.wait(timeout=GUARD)
        log.close()


def test_a_starting_worker_puts_right_what_a_dead_worker_left(tmp_path, redis_url):
    """No web page viewed: the next worker to start fails the dead worker's job and deletes its
    folder of letters."""
    folders = tmp_path / "merge-tmp"
    app = make_app(tmp_path, REDIS_URL=redis_url)
    client = sign_in(app.test_client())
    case_id = open_case(client, "closure", provider="P", service="S")
    with app.app_context():
        dead = Job(
            kind="merge",
            case_id=case_id,
            status="running",
            heartbeat_at=now() - dt.timedelta(hours=1),
        )
        db.session.add(dead)
        db.session.commit()
        dead_id = dead.id
    (folders / f"merge-{dead_id}-abc" / "letters").mkdir(parents=True)
    env = {
        **os.environ,
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "REDIS_URL": redis_url,
        "SECRET_KEY": "test",
        "DOGFEN_MERGE_TMP_DIR": str(folders),
    }
    worker = subprocess.run(
        [sys.executable, "-c", "from web.cli import main; main()", "worker", "--burst"],
        env=env,
        capture_output=True,
        text=True,
        timeout=GUARD,
    )
    assert worker.returncode == 0, worker.stderr[-3000:]
    with app.app_context():
        job = db.session.get(Job, dead_id)
        assert job.status == "failed" and job.error == jobs.STALLED
    assert merge_folders(folders) == []


WEB_PROCESS = """
import sys
from tests.conftest import sign_in
from web import create_app

client = sign_in(create_app({"WTF_CSRF_ENABLED": False}).test_client())
r = client.post(f"/cases/{sys.argv[1]}/merge", data={"letter": sys.argv[2]})
print(r.status_code, r.location, flush=True)
sys.stdin.read()  # runs the merge in its thread pool until killed
"""


def test_a_web_process_killed_mid_merge_shows_a_failed_job_and_leaves_no_letters(tmp_path):
    """In-process jobs: the web process running a merge is killed with kill -9; another web
    process shows the job failed within a minute and deletes the folder of letters."""
    folders = tmp_path / "merge-tmp"
    app = make_app(tmp_path, JOB_STALL_SECONDS=3, MERGE_TMP_DIR=str(folders))
    client = sign_in(app.test_client())
    case_id = open_case(client, "closure", provider="P", service="S")
    rows = [[*ROWS[n % 3][:5], f"CR-{n}", *ROWS[n % 3][6:]] for n in range(30)]
    upload(client, case_id, csv_bytes([HEAD, *rows]), "list.csv")
    shared_details(app, case_id)
    env = {
        **{k: v for k, v in os.environ.items() if k != "REDIS_URL"},
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "SECRET_KEY": "test",
        "DOGFEN_JOB_HEARTBEAT_SECONDS": "0.5",
        "DOGFEN_MERGE_TMP_DIR": str(folders),
        "DOGFEN_MERGE_CHUNK": "1",
        "DOGFEN_MERGE_WORKERS": "1",
    }
    web = subprocess.Popen(
        [sys.executable, "-c", WEB_PROCESS, str(case_id), "family-concerns-raised"],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=(tmp_path / "web.log").open("w"),
        text=True,
    )
    try:
        status, location = web.stdout.readline().split()
        assert status == "302", (tmp_path / "web.log").read_text()[-3000:]
        job_id = int(location.rsplit("/", 1)[1])
        deadline = time.monotonic() + GUARD
        with app.app_context():
            while True:  # mid-merge
                db.session.expire_all()
                job = db.session.get(Job, job_id)
                if job.status == "running" and job.done and merge_folders(folders):
                    break
                assert job.status in jobs.ACTIVE, job.error
                assert time.monotonic() < deadline, (tmp_path / "web.log").read_text()[-3000:]
                time.sleep(0.05)
    finally:
        kill_tree(web.pid)
        web.wait(timeout=GUARD)
    assert merge_folders(folders)

    deadline = time.monotonic() + 60  # the "within a minute"
    while (
        "The letters could not be created" not in (page := client.get(f"/merge-jobs/{job_id}")).text
    ):
        assert time.monotonic() < deadline, page.text[-2000:]
        time.sleep(0.5)
    assert "stopped responding" in page.text and "Refresh" not in page.headers
    assert merge_folders(folders) == []
    with app.app_context():
        assert not db.session.scalar(
            select(func.count(Record.id)).where(Record.doc_type == "merge")
        )
