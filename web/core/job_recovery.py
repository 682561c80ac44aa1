"""What a crash leaves behind, found and put right: run at start-up (a web process's first
request, a worker's start) and whenever a job's page is viewed.

- A running job whose heartbeat stopped (its process died, say by ``kill -9``) is failed with a
  message, so its page stops saying "Running"; on RQ, a job RQ itself gave up on is failed at once.
- A queued job that no worker holds any more is handed out again. A job runs only once however
  often it is handed out, because ``jobs.execute`` claims it (queued -> running) first.
- A merge's temporary folder (letters with personal data) lives under one known parent, named
  ``merge-<job id>-...``; folders whose job is no longer active, or that are older than
  ``MERGE_TMP_MAX_AGE`` seconds, are deleted.
"""

from __future__ import annotations

import logging
import re
import shutil
import time
from pathlib import Path

from flask import Flask, current_app
from sqlalchemy import select, update

from forms.i18n import N_

from . import jobs
from .extensions import db
from .models import Job, now

log = logging.getLogger(__name__)
FOLDER = re.compile(r"merge-(\d+)-")
RQ_GAVE_UP = N_("The worker running the merge stopped. Nothing was kept. Start it again.")


def merge_tmp_dir() -> Path:
    """The parent of every merge's temporary folder (made readable by its owner only)."""
    configured = current_app.config.get("MERGE_TMP_DIR")
    parent = Path(configured) if configured else Path(current_app.instance_path) / "tmp"
    parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    return parent


def sweep_merge_folders() -> int:
    """Delete merge folders that no running job owns; return how many went."""
    parent = merge_tmp_dir()
    limit = float(current_app.config.get("MERGE_TMP_MAX_AGE", 24 * 3600))
    removed = 0
    for path in parent.iterdir():
        found = FOLDER.match(path.name)
        if not found or not path.is_dir():
            continue
        job = db.session.get(Job, int(found.group(1)))
        too_old = time.time() - path.stat().st_mtime > limit
        if job is None or job.status not in jobs.ACTIVE or too_old:
            shutil.rmtree(path, ignore_errors=True)
            removed += 1
    return removed


def clear_job_folders(job_id: int) -> None:
    """Folders an earlier attempt at the same job left behind (it is running again now)."""
    for path in merge_tmp_dir().glob(f"merge-{int(job_id)}-*"):
        shutil.rmtree(path, ignore_errors=True)


def _rq_status(job_id: int) -> str | None:
    """RQ's own view of the job ("queued", "started", "failed", ...), "missing" when Redis has
    no such job, None when Redis cannot be asked."""
    from rq.exceptions import NoSuchJobError
    from rq.job import Job as RqJob

    try:
        connection = jobs.queue(current_app.config["REDIS_URL"]).connection
        status = RqJob.fetch(jobs.rq_id(job_id), connection=connection).get_status()
        return getattr(status, "value", status)  # JobStatus.FAILED -> "failed"
    except NoSuchJobError:
        return "missing"
    except Exception:  # Redis is down: nothing can be learnt now, nor handed out
        log.warning("job %s: RQ could not be asked", job_id, exc_info=True)
        return None


def _fail(job: Job, message: str) -> None:
    db.session.execute(
        update(Job)
        .where(Job.id == job.id, Job.status == job.status)
        .values(status="failed", error=message, finished_at=now())
    )
    db.session.commit()


def recover_job(job: Job) -> None:
    """Put one queued or running job right if whoever held it has died."""
    if job.status not in jobs.ACTIVE:
        return
    rq = bool(current_app.config.get("REDIS_URL"))
    if job.status == "running":
        if jobs.fail_if_stalled(job, current_app.config["JOB_STALL_SECONDS"]):
            return
        if rq and _rq_status(job.id) in ("failed", "stopped", "canceled"):
            _fail(job, RQ_GAVE_UP)
    elif job.status == "queued":
        if rq:
            status = _rq_status(job.id)
            if status in ("failed", "stopped", "canceled"):
                _fail(job, RQ_GAVE_UP)
            elif status == "missing":  # Redis lost it (restarted empty): queue it again
                jobs.dispatch(job.id)
        elif not jobs.held_here(job.id):  # its process died before running it
            jobs.dispatch(job.id)
    db.session.refresh(job)


def recover() -> None:
    """Every active job, then the merge folders."""
    for job in db.session.scalars(select(Job).where(Job.status.in_(jobs.ACTIVE))).all():
        try:
            recover_job(job)
        except Exception:  # recovery must never stop a page or a worker from starting
            db.session.rollback()
            log.exception("job %s could not be recovered", job.id)
    try:
        sweep_merge_folders()
    except OSError:
        log.exception("merge folders could not be swept")


def init_recovery(app: Flask) -> None:
    """Recover once per process, at its first request: jobs left by a process that died."""
    state = {"done": False}

    @app.before_request
    def _recover_once() -> None:
        if state["done"]:
            return
        state["done"] = True
        try:
            recover()
        except Exception:  # say, a database not set up yet: never the reason a page fails
            db.session.rollback()
            log.exception("jobs could not be recovered at start-up")


def _recover_in_worker() -> None:
    try:
        recover()
    except Exception:  # the database is away: the worker goes on, and tries again later
        db.session.rollback()
        log.exception("jobs could not be recovered by the worker")
    finally:
        db.session.remove()
        db.engine.dispose()  # no connection may be shared with the work horses it forks


def worker_class():
    """An RQ worker that also recovers jobs, at its start and at each of RQ's maintenance runs."""
    from rq import Worker

    class RecoveringWorker(Worker):
        def run_maintenance_tasks(self):
            super().run_maintenance_tasks()
            _recover_in_worker()

    return RecoveringWorker
