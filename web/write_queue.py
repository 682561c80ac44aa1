"""SQLite has one writer at a time, and a writer that finds it busy polls, sleeping 1, 2, 5, 10…
ms between tries: under load each page view's audit row then waited tens of ms. Short, frequent
writes take an OS lock first instead, so writers queue and each starts the moment the last ends.
PostgreSQL needs none of this."""

from __future__ import annotations

import fcntl
import os
import threading
from contextlib import contextmanager

from .extensions import db

_threads = threading.Lock()
_files: dict[str, int] = {}


@contextmanager
def queued_write():
    path = _database_file()
    if path is None:
        yield
        return
    with _threads:
        fd = _files.get(path)
        if fd is None:
            fd = _files[path] = os.open(f"{path}-writers", os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)


def _database_file() -> str | None:
    url = db.engine.url
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return url.database
