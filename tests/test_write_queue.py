"""Page views' audit rows queue for SQLite's writer behind an OS lock (web/core/write_queue.py)."""

from __future__ import annotations

import fcntl
import os
import threading

import pytest

from tests.conftest import open_case
from web.core.extensions import db
from web.core.models import AuditEvent
from web.core.write_queue import _database_file, queued_write


def _views(app, case_id: int) -> int:
    with app.app_context():
        return db.session.query(AuditEvent).filter_by(case_id=case_id, action="view").count()


def test_a_view_waits_for_the_writer_ahead_of_it_then_is_audited(app, client):
    with app.app_context():
        path = _database_file()
    if path is None:
        pytest.skip("PostgreSQL: writers do not queue")
    case_id = open_case(client)
    before = _views(app, case_id)
    held = os.open(f"{path}-writers", os.O_RDWR | os.O_CREAT, 0o600)  # another process's writer
    fcntl.flock(held, fcntl.LOCK_EX)
    answers = []
    viewer = threading.Thread(target=lambda: answers.append(client.get(f"/cases/{case_id}")))
    viewer.start()
    viewer.join(0.5)
    assert viewer.is_alive(), "the view's audit row was written past a writer holding the lock"
    assert _views(app, case_id) == before
    fcntl.flock(held, fcntl.LOCK_UN)
    os.close(held)
    viewer.join(10)
    assert answers[0].status_code == 200
    assert _views(app, case_id) == before + 1


def test_postgresql_and_memory_take_no_lock(app):
    with app.app_context():
        if db.engine.url.get_backend_name() == "postgresql":
            assert _database_file() is None
        else:
            assert _database_file().endswith("test.sqlite3")
        with queued_write():  # re-entered by nothing, released on exit
            pass
        with queued_write():
            pass
