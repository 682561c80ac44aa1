"""A run of letters split across the queue's workers.

The worker running the merge job renders chunks itself and stitches the print file; it also puts
one small queue job per chunk on the ``dogfen-chunks`` queue, which workers take before any new
job. Whoever claims a chunk in Redis first renders it (``SET NX`` with an expiry), so a chunk is
rendered once, and one whose renderer died is claimed again when its claim expires. Results go
through the merge's folder, which every worker must see (one machine, or a shared
``MERGE_TMP_DIR``).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from flask import current_app, has_app_context
from sqlalchemy import select

from generator.merge.share import Board, render_shared, renderer

from ..core.extensions import db
from ..core.models import Job

CHUNKS_QUEUE = "dogfen-chunks"
log = logging.getLogger(__name__)


def _run(folder: Path) -> str:
    """A run's token, from its folder's unique name: a run started again after a crash has its
    own claims and queue jobs."""
    return re.sub(r"[^A-Za-z0-9_-]", "", Path(folder).name)


def _key(job_id: int, folder: Path, n: int) -> str:
    return f"dogfen-merge:{job_id}:{_run(folder)}:{n}"


class RedisBoard(Board):
    """Claims in Redis. With Redis away the merge goes on alone: a chunk nobody has claimed is
    this process's (no other can claim it either), and one another worker holds is waited for,
    never taken, until its claim can be seen to have run out."""

    def __init__(self, job_id: int, url: str, claim_seconds: int):
        from redis import Redis

        self.job_id, self.url, self.claim_seconds = job_id, url, claim_seconds
        self.redis = Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5)
        self.folder: Path | None = None
        self.count = 0

    def share(self, chunks, folder: Path) -> None:
        from redis.exceptions import RedisError
        from rq import Queue

        self.folder, self.count = Path(folder), len(chunks)
        queue = Queue(CHUNKS_QUEUE, connection=self.redis)
        timeout = int(current_app.config.get("JOB_TIMEOUT", 3600))
        try:
            for n in range(len(chunks)):
                queue.enqueue(
                    render_chunk_job,
                    self.job_id,
                    str(folder),
                    n,
                    job_id=self._job_id(n),
                    job_timeout=timeout,
                    result_ttl=0,
                    failure_ttl=24 * 3600,
                )
        except RedisError:
            log.warning("merge %s: Redis is away, so its letters are made here alone", self.job_id)

    def claim(self, n: int) -> bool:
        from redis.exceptions import RedisError

        try:
            return bool(self.redis.set(self._key(n), renderer(), nx=True, ex=self.claim_seconds))
        except RedisError:
            return True  # no other worker can claim it either while Redis is away

    def lost(self, n: int) -> bool:
        from redis.exceptions import RedisError

        try:
            return not self.redis.exists(self._key(n))
        except RedisError:
            return False

    def close(self) -> None:
        """Claims go, and so do chunk jobs no worker has started: with the merge over they
        would only start a work horse each to find there is nothing to do."""
        if self.folder is None or not self.count:
            return
        from redis.exceptions import RedisError
        from rq import Queue
        from rq.job import Job as QueueJob

        try:
            self.redis.delete(*(self._key(n) for n in range(self.count)))
            queue = Queue(CHUNKS_QUEUE, connection=self.redis)
            for n in range(self.count):
                job_id = self._job_id(n)
                if self.redis.lrem(queue.key, 1, job_id):  # still waiting: no worker has it
                    self.redis.delete(QueueJob.key_for(job_id))
        except RedisError:  # the claims expire and the jobs find the merge over
            log.warning("merge %s: its chunk jobs could not be taken off the queue", self.job_id)

    def _job_id(self, n: int) -> str:
        return f"dogfen-job-{self.job_id}-{_run(self.folder)}-chunk-{n}"

    def _key(self, n: int) -> str:
        return _key(self.job_id, self.folder, n)


def board_for(job_id: int) -> Board:
    """Shared through Redis when workers run the jobs; the embedded default renders alone."""
    config = current_app.config
    if not config.get("REDIS_URL"):
        return Board()
    return RedisBoard(job_id, config["REDIS_URL"], int(config.get("MERGE_CLAIM_SECONDS", 120)))


def render_chunk_job(job_id: int, folder: str, n: int) -> str:
    """The queue job: render chunk ``n`` if the merge still runs and nobody has taken it."""
    if has_app_context():
        return _render_chunk(job_id, folder, n)
    from .. import create_app

    with create_app().app_context():
        return _render_chunk(job_id, folder, n)


def _render_chunk(job_id: int, folder: str, n: int) -> str:
    running = db.session.execute(
        select(Job.status, Job.cancel_requested).where(Job.id == job_id)
    ).first()
    db.session.rollback()  # no transaction held open while rendering
    if running is None or running.status != "running" or running.cancel_requested:
        return "merge ended"
    board = board_for(job_id)
    if not isinstance(board, RedisBoard):
        return "no queue"
    board.folder = Path(folder)
    if not board.claim(n):
        return "taken"
    try:
        done = render_shared(Path(folder), n)
    except Exception:
        board.redis.delete(board._key(n))  # claim it back at once rather than on expiry
        log.exception("chunk %s of merge %s failed", n, job_id)
        raise
    return "rendered" if done else "merge ended"
