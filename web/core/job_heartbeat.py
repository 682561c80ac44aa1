"""A running job's heartbeat, written from a thread of its own: its silence means the process
running the job has died (see ``job_recovery``)."""

from __future__ import annotations

import logging
import threading

from sqlalchemy import update

from .models import Job, now

log = logging.getLogger(__name__)


class Heartbeat:
    """A running job's sign of life every few seconds from a thread of its own, however long one
    step of the work takes: silence then means its process died (see ``job_recovery``)."""

    def __init__(self, job_id: int, engine, seconds: float):
        self.job_id, self.engine, self.seconds = job_id, engine, seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._beat, name=f"dogfen-beat-{job_id}", daemon=True
        )

    def _beat(self) -> None:
        while not self._stop.wait(self.seconds):
            try:
                with self.engine.begin() as conn:
                    conn.execute(
                        update(Job)
                        .where(Job.id == self.job_id, Job.status == "running")
                        .values(heartbeat_at=now())
                    )
            except Exception:  # a missed beat is not fatal; many are, by design
                log.warning("job %s: heartbeat not recorded", self.job_id, exc_info=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=self.seconds + 30)
