"""Background jobs whose state lives in the ``Job`` table, so any process can show or cancel them.

Embedded default: a small in-process thread pool, started on first use, runs each job inside an
app context; no server is needed. With ``REDIS_URL`` set, the same ``run_job`` is put on the RQ
queue "dogfen" and run by ``dogfen worker`` processes, on this machine or others. Either way a
job reports progress and checks for a cancel through the database, so the pages work the same.
While it runs, a heartbeat thread marks it alive; ``job_recovery`` fails a silent one and hands
out again a queued one that no worker holds, so a crash never leaves a job waiting for ever.
"""

from __future__ import annotations

import importlib
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from flask import Flask, current_app, has_app_context
from sqlalchemy import select, update

from forms.i18n import N_

from .extensions import db
from .job_heartbeat import Heartbeat
from .models import Job, now

QUEUE = "dogfen"
ACTIVE = ("queued", "running")
HANDLERS: dict[str, Callable] = {}  # job kind -> fn(job, reporter)
HANDLER_MODULES = ("web.merge.job",)  # imported before a job runs, wherever it runs

log = logging.getLogger(__name__)
_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()
_dispatched: set[tuple[str, int]] = set()  # (database, job) handed to this process's pool


def rq_id(job_id: int) -> str:
    """The RQ job's id: known in advance, so a job's place in the queue can be looked up."""
    return f"dogfen-job-{job_id}"


class JobCancelled(Exception):
    """Raised by a job's work when it sees that a cancel was asked for."""


def handler(kind: str):
    """Register the function that does the work of jobs of ``kind``."""

    def register(fn):
        HANDLERS[kind] = fn
        return fn

    return register


class Reporter:
    """Progress and cancel through the database. It uses the engine directly, in short
    transactions of its own, so it may be called from any thread while the job's session is busy."""

    def __init__(self, job_id: int, engine, interval: float = 0.5):
        self.job_id, self.engine, self.interval = job_id, engine, interval
        self._last = 0.0

    def progress(self, done: int, total: int) -> None:
        moment = time.monotonic()
        if done < total and moment - self._last < self.interval:
            return  # at most two writes a second, and always the last one
        self._last = moment
        with self.engine.begin() as conn:
            conn.execute(
                update(Job)
                .where(Job.id == self.job_id)
                .values(done=done, total=total, heartbeat_at=now())
            )

    def cancelled(self) -> bool:
        with self.engine.connect() as conn:
            return bool(conn.scalar(select(Job.cancel_requested).where(Job.id == self.job_id)))

    def check(self) -> None:
        if self.cancelled():
            raise JobCancelled()


def _load_handlers() -> None:
    for name in HANDLER_MODULES:
        importlib.import_module(name)


def submit(
    kind: str, *, case_id: int | None, params: dict, user_id: int | None, total: int = 0
) -> Job:
    """Save a queued job and hand it to a worker; ``total`` is known work, shown while waiting."""
    _load_handlers()
    if kind not in HANDLERS:
        raise ValueError(f"no handler for jobs of kind {kind!r}")
    job = Job(kind=kind, case_id=case_id, params=params, created_by_id=user_id, total=total)
    db.session.add(job)
    db.session.commit()
    try:
        dispatch(job.id)
    except Exception as exc:  # the queue is down: say so on the job's page, do not leave it queued
        log.exception("job %s could not be queued", job.id)
        finish(job.id, "failed", error=f"{type(exc).__name__}: {exc}"[:2000])
    return job


def dispatch(job_id: int) -> None:
    app = current_app._get_current_object()
    url = app.config.get("REDIS_URL")
    if url:
        from rq import Callback

        queue(url).enqueue(
            run_job,
            job_id,
            job_id=rq_id(job_id),
            job_timeout=app.config.get("JOB_TIMEOUT", 3600),
            result_ttl=0,
            failure_ttl=7 * 24 * 3600,
            on_failure=Callback(rq_failed),
        )
    else:
        _dispatched.add(_key(app, job_id))
        _thread_pool(app).submit(_run_in_app, app, job_id)


def queue(url: str):
    from redis import Redis
    from rq import Queue

    return Queue(QUEUE, connection=Redis.from_url(url))


def _key(app: Flask, job_id: int) -> tuple[str, int]:
    return (str(app.config["SQLALCHEMY_DATABASE_URI"]), job_id)


def held_here(job_id: int) -> bool:
    """Whether this process's thread pool has the job, waiting or running."""
    return _key(current_app, job_id) in _dispatched


def _thread_pool(app: Flask) -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            # A merge already uses several processes, so one job at a time is the default.
            _pool = ThreadPoolExecutor(
                max_workers=int(app.config.get("JOB_THREADS", 1)), thread_name_prefix="dogfen-job"
            )
        return _pool


def _run_in_app(app: Flask, job_id: int) -> None:
    with app.app_context():
        try:
            execute(job_id)
        finally:
            _dispatched.discard(_key(app, job_id))
            db.session.remove()


def run_job(job_id: int) -> None:
    """The task an RQ worker runs; it makes an app when started by a plain ``rq worker``."""
    if has_app_context():
        execute(job_id)
        return
    from .. import create_app

    with create_app().app_context():
        execute(job_id)


def rq_failed(rq_job, connection, exc_type, exc_value, traceback) -> None:
    """RQ calls this when ``run_job`` itself did not finish (a timeout, a lost database)."""
    job_id, error = rq_job.args[0], f"{getattr(exc_type, '__name__', 'Error')}: {exc_value}"

    def mark() -> None:
        db.session.execute(
            update(Job)
            .where(Job.id == job_id, Job.status.in_(ACTIVE))
            .values(status="failed", error=error[:2000], finished_at=now())
        )
        db.session.commit()

    if has_app_context():
        mark()
        return
    from .. import create_app

    with create_app().app_context():
        mark()


def execute(job_id: int) -> None:
    """Run a queued job once: running -> done, or cancelled, or failed with a message."""
    _load_handlers()
    claimed = db.session.execute(
        update(Job)
        .where(Job.id == job_id, Job.status == "queued", Job.cancel_requested.is_(False))
        .values(status="running", heartbeat_at=now())
    ).rowcount
    db.session.commit()
    if not claimed:
        _finish_if_cancelled(job_id)
        return
    job = db.session.get(Job, job_id)
    reporter = Reporter(job.id, db.engine)
    beat = float(current_app.config.get("JOB_HEARTBEAT_SECONDS", 10))
    try:
        with Heartbeat(job.id, db.engine, beat):
            HANDLERS[job.kind](job, reporter)
    except JobCancelled:
        db.session.rollback()
        finish(job_id, "cancelled")
    except Exception as exc:  # a failed job is recorded, never raised into the worker
        log.exception("job %s failed", job_id)
        db.session.rollback()
        finish(job_id, "failed", error=f"{type(exc).__name__}: {exc}"[:2000])
    else:
        finish(job_id, "done")


def _finish_if_cancelled(job_id: int) -> None:
    db.session.execute(
        update(Job)
        .where(Job.id == job_id, Job.status == "queued", Job.cancel_requested.is_(True))
        .values(status="cancelled", finished_at=now())
    )
    db.session.commit()


def finish(job_id: int, status: str, error: str = "") -> None:
    db.session.execute(
        update(Job).where(Job.id == job_id).values(status=status, error=error, finished_at=now())
    )
    db.session.commit()


STALLED = N_("The merge stopped responding, perhaps because the server restarted. Start it again.")


def fail_if_stalled(job: Job, seconds: int) -> bool:
    """A running job silent for ``seconds`` died with its process (a restart, a kill -9, a lost
    machine): record it as failed so nobody waits on it for ever."""
    beat = job.heartbeat_at or job.created_at
    if job.status != "running" or (now() - beat).total_seconds() < seconds:
        return False
    db.session.execute(
        update(Job)
        .where(Job.id == job.id, Job.status == "running", Job.heartbeat_at == job.heartbeat_at)
        .values(status="failed", error=STALLED, finished_at=now())
    )
    db.session.commit()
    db.session.refresh(job)
    return True


def request_cancel(job_id: int) -> None:
    """A queued job is cancelled at once; a running one stops at its next check."""
    db.session.execute(
        update(Job)
        .where(Job.id == job_id, Job.status == "queued")
        .values(status="cancelled", cancel_requested=True, finished_at=now())
    )
    db.session.execute(
        update(Job).where(Job.id == job_id, Job.status == "running").values(cancel_requested=True)
    )
    db.session.commit()


def wait(job_id: int, timeout: float = 120.0, poll: float = 0.2) -> Job | None:
    """Block until the job has ended (for the command line and tests)."""
    deadline = time.monotonic() + timeout
    while True:
        db.session.expire_all()
        job = db.session.get(Job, job_id)
        if job is None or job.status not in ACTIVE or time.monotonic() > deadline:
            return job
        time.sleep(poll)


def run_worker(app: Flask, burst: bool = False) -> bool:
    """Work the RQ queue with an app context, which each forked job process inherits; at start
    and every ``JOB_MAINTENANCE_SECONDS`` it puts right what dead workers left."""
    from .job_recovery import worker_class

    url = app.config.get("REDIS_URL")
    if not url:
        raise RuntimeError("REDIS_URL is not set: without it jobs run inside the web app")
    from rq import Queue

    from ..merge.chunks import CHUNKS_QUEUE

    with app.app_context():
        q = queue(url)
        chunks = Queue(CHUNKS_QUEUE, connection=q.connection)  # first: runs under way finish first
        every = int(app.config.get("JOB_MAINTENANCE_SECONDS", 60))
        worker = worker_class()([chunks, q], connection=q.connection, maintenance_interval=every)
        return worker.work(burst=burst)
