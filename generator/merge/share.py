"""Chunks of one merge shared between processes, possibly on several machines.

The merge's temporary folder (on storage every worker sees) holds each chunk's work order and,
once rendered, its result, so a chunk can be rendered by any process and read back by the one
that stitches the print file. Who renders which chunk is decided by a ``Board``: alone, the
stitching process renders every chunk (the embedded default); ``web/merge/chunks.py`` shares them
with other queue workers through Redis.
"""

from __future__ import annotations

import json
import os
import pickle
import socket
from dataclasses import asdict
from pathlib import Path

from .render import Chunk, Rendered, render_chunk


class Board:
    """Every chunk is this process's to render; nobody else takes part."""

    def share(self, chunks: list[Chunk], folder: Path) -> None:
        """Called once the chunks' work orders are saved in ``folder``."""

    def claim(self, n: int) -> bool:
        return True

    def lost(self, n: int) -> bool:
        """Whether chunk ``n``'s renderer went away without a result (it may be claimed again)."""
        return False

    def close(self) -> None:
        """The merge has ended, finished or not: nothing more will be rendered for it."""


def renderer() -> str:
    """Which process rendered a chunk: the queue worker's, when this is one of its work horses."""
    try:
        from rq import get_current_job

        pid = os.getppid() if get_current_job() is not None else os.getpid()
    except ImportError:
        pid = os.getpid()
    return f"{socket.gethostname()}:{pid}"


def _order(folder: Path, n: int) -> Path:
    return Path(folder) / f".chunk-{n:05d}.order"


def _result(folder: Path, n: int) -> Path:
    return Path(folder) / f".chunk-{n:05d}.json"


def save_orders(chunks: list[Chunk], folder: Path) -> None:
    """Each chunk's work order, written by the merge's own process into its private folder."""
    for n, chunk in enumerate(chunks):
        _order(folder, n).write_bytes(pickle.dumps(chunk, protocol=pickle.HIGHEST_PROTOCOL))


def publish(folder: Path, n: int, rendered: list[Rendered], by: str) -> None:
    """Written whole and then renamed, so a reader never sees half a result."""
    path = _result(folder, n)
    part = path.with_name(f"{path.name}.{os.getpid()}.part")
    part.write_text(json.dumps({"by": by, "letters": [asdict(r) for r in rendered]}))
    os.replace(part, path)


def published(folder: Path, n: int) -> tuple[list[Rendered], str] | None:
    try:
        data = json.loads(_result(folder, n).read_text())
    except FileNotFoundError:
        return None
    letters = [Rendered(**{**r, "page_size": tuple(r["page_size"])}) for r in data["letters"]]
    return letters, data["by"]


def render_shared(folder: Path, n: int) -> bool:
    """Render chunk ``n`` of the merge in ``folder`` here and publish it; False when the merge
    has gone (its folder was removed: finished, failed or cancelled)."""
    try:
        # Written by the merge's own process into its 0700 folder: the same trust as RQ, which
        # pickles every job's arguments into Redis.
        chunk = pickle.loads(_order(folder, n).read_bytes())  # noqa: S301
        rendered = render_chunk(chunk)
        publish(folder, n, rendered, renderer())
    except FileNotFoundError:
        return False
    return True


def clear(folder: Path) -> None:
    """The work orders and results (and any part a dead renderer left), once all is stitched."""
    for path in Path(folder).glob(".chunk-*"):
        path.unlink(missing_ok=True)
