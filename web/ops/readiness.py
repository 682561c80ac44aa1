"""``/readyz``: can this process do its work? The database answers with the schema this code
needs, Redis answers and some RQ worker is alive (when REDIS_URL is set), and the instance folder
has room. 503 names the failure,
so a load balancer stops sending traffic and an operator sees why. ``/healthz`` stays cheap."""

from __future__ import annotations

import functools
import logging
import shutil
import time
from pathlib import Path

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text

from ..core.extensions import db

bp = Blueprint("ready", __name__)
log = logging.getLogger(__name__)


class NotReady(RuntimeError):
    """A check's own finding (no worker, little disk), safe to show on the open page."""


DEFAULT_MIN_FREE_MB = 500


def check_database() -> str:
    db.session.execute(text("SELECT 1"))
    return "ok"


@functools.cache
def code_heads() -> frozenset[str]:
    """The migrations this code expects the database to be at (read once per process)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from .. import MIGRATIONS

    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    return frozenset(ScriptDirectory.from_config(config).get_heads())


def check_schema() -> str:
    """After an upgrade of the code, before ``dogfen setup --no-demo``: not ready."""
    current = set(db.session.scalars(text("SELECT version_num FROM alembic_version")))
    if not current or not current <= code_heads():
        raise NotReady("the database schema is not the one this code needs: run dogfen setup")
    return "ok"


def check_redis(url: str) -> str:
    from redis import Redis

    Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2).ping()
    return "ok"


def check_workers(url: str) -> str:
    """At least one RQ worker listening on our queue, with a recent heartbeat."""
    from rq import Worker

    from ..core.jobs import queue

    q = queue(url)
    workers = Worker.all(queue=q)
    if not workers:
        raise NotReady("no worker is listening on the queue")
    stale = float(current_app.config.get("READY_WORKER_STALE_SECONDS", 600))
    beats = [w.last_heartbeat.timestamp() for w in workers if w.last_heartbeat]
    if not beats or time.time() - max(beats) > stale:
        raise NotReady("no worker has reported in recently")
    return f"ok ({len(workers)})"


def check_disk(path: Path, min_free_mb: float) -> str:
    free_mb = shutil.disk_usage(path).free / 1024 / 1024
    if free_mb < min_free_mb:
        raise NotReady(f"{free_mb:.0f} MB free, below {min_free_mb:.0f} MB")
    return f"ok ({free_mb:.0f} MB free)"


def run_checks() -> tuple[bool, dict]:
    config = current_app.config
    checks = {"database": check_database, "schema": check_schema}
    url = config.get("REDIS_URL")
    if url:
        checks["redis"] = lambda: check_redis(url)
        checks["workers"] = lambda: check_workers(url)
    min_free = float(config.get("READY_MIN_FREE_MB", DEFAULT_MIN_FREE_MB))
    checks["disk"] = lambda: check_disk(Path(current_app.instance_path), min_free)
    results, ready = {}, True
    for name, check in checks.items():
        try:
            results[name] = check()
        except Exception as exc:  # any failure is the answer, not an error page
            if name in ("database", "schema"):
                db.session.rollback()
            log.warning("readiness check %s failed", name, exc_info=True)
            # The page is open: our own reasons in full, a library's error (host names,
            # addresses) only by its type; the log has the rest.
            reason = str(exc) if isinstance(exc, NotReady) else "unavailable"
            results[name] = f"failed: {type(exc).__name__}: {reason}"[:300]
            ready = False
    return ready, results


@bp.get("/readyz")
def readyz():
    ready, checks = run_checks()
    response = jsonify(status="ready" if ready else "not ready", checks=checks)
    response.status_code = 200 if ready else 503
    return response
