"""DOGFEN_FILES=/path: stored documents in a directory (shared over NFS by several web servers
and workers) under content-addressed names, the database keeping their metadata and SHA-256.

Stored-file rows never change (the integrity triggers refuse it), so the location is not a
column: a row whose ``content`` is empty while its ``size`` is not keeps its bytes in the
directory, at ``ab/cd/<sha256>``. The name is the checksum, so two servers writing the same
document write the same file, and every read is checked against the row's SHA-256 (a missing or
altered file fails the download's integrity check and is audited). Read bytes with
``file_bytes``, never ``StoredFile.content`` directly."""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

from flask import current_app


def root() -> Path | None:
    value = os.environ.get("DOGFEN_FILES") or current_app.config.get("FILES")
    return Path(str(value)) if value else None


def blob_path(base: Path, sha256: str) -> Path:
    if len(sha256) != 64 or not all(c in "0123456789abcdef" for c in sha256):
        raise ValueError("not a SHA-256")
    return base / sha256[:2] / sha256[2:4] / sha256


def put(base: Path, content: bytes, sha256: str) -> Path:
    """Write once, atomically (a reader never sees half a file); an existing copy is kept."""
    path = blob_path(base, sha256)
    if path.exists() and path.stat().st_size == len(content):
        return path
    path.parent.mkdir(mode=0o750, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".incoming-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o640)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return path


def keep(content: bytes, sha256: str) -> bytes:
    """What goes in ``StoredFile.content``: the bytes, or nothing once they are in the directory."""
    base = root()
    if base is None or not content:
        return content
    put(base, content, sha256)
    return b""


def is_external(stored) -> bool:
    return not stored.content and (stored.size or 0) > 0


def file_bytes(stored) -> bytes:
    """The file's bytes wherever they are; b"" when the directory has lost them (the caller's
    SHA-256 check then refuses them)."""
    if not is_external(stored):
        return bytes(stored.content or b"")
    base = root()
    if base is None:
        return b""
    try:
        return blob_path(base, stored.sha256).read_bytes()
    except OSError:
        return b""


def digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
