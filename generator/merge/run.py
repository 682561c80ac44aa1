"""Run a planned merge on worker processes and publish all its files at once.

Chunks of letters go to a process pool whose workers are replaced after every chunk, so memory
stays flat however long the list (a long-lived docxtpl process grows). The parent stitches the
letters' PDFs into one print file as their chunks arrive, in list order. Everything is
written to a temporary directory beside ``out_dir`` and moved into place only when complete: a
failed or cancelled merge leaves nothing behind.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import re
import shutil
import tempfile
import unicodedata
from collections import Counter
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader

from forms.i18n import Translator

from .pack import MANIFEST, manifest_csv
from .pdf import PdfSink
from .render import Chunk, Item, Rendered, render_chunk
from .share import Board, clear, published, renderer, save_orders

COMBINED = "all-letters-print.pdf"
POLL_SECONDS = 0.2


class MergeCancelled(Exception):
    """The merge was cancelled; nothing was written."""


@dataclass
class LetterFiles:
    position: int
    name: str
    lang: str
    docx: str
    pdf: str
    pages: int
    docx_sha256: str
    pdf_sha256: str


@dataclass
class MergeResult:
    out_dir: Path
    letters: list[LetterFiles] = field(default_factory=list)
    combined: str = COMBINED
    manifest: str = MANIFEST
    combined_pages: int = 0  # with the blank backs of odd-length letters
    rendered_by: dict[str, int] = field(default_factory=dict)  # letters per rendering process

    @property
    def files(self) -> list[str]:
        names = [n for letter in self.letters for n in (letter.docx, letter.pdf)]
        return [*names, self.combined, self.manifest]


def slug(name: str, limit: int = 40) -> str:
    """ASCII file-name part for a recipient's name: "Mrs Siân O'Brien" -> "mrs-sian-obrien"."""
    text = unicodedata.normalize("NFKD", str(name or "")).encode("ascii", "ignore").decode()
    text = re.sub(r"['’]", "", text)
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return text[:limit].strip("-") or "recipient"


def _pool(workers: int, jobs: int) -> ProcessPoolExecutor:
    """Workers fork from a server process that has loaded and warmed the renderers
    (``merge/preload.py``): cheap to replace, and safe in a threaded web process (not plain fork).
    One chunk per worker: on Python 3.11-3.13 a pool with ``max_tasks_per_child`` above 1 and
    queued tasks stops replacing its workers and hangs (CPython gh-115634); 1 is not affected."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["generator.merge.preload"])
    return ProcessPoolExecutor(
        max_workers=max(1, min(workers, jobs)), mp_context=ctx, max_tasks_per_child=1
    )


def chunk_sizes(total: int, largest: int, workers: int) -> list[int]:
    """Chunks of ``largest`` letters, smaller towards the end so the workers finish together
    (a last full chunk would leave the other cores idle for seconds)."""
    sizes, left = [], total
    while left:
        size = max(1, min(largest, -(-left // (2 * max(1, workers))), left))
        size = max(size, min(left, largest, 5))  # not so small that start-up costs dominate
        sizes.append(size)
        left -= size
    return sizes


def _chunks(defn, recipients, tmp: Path, largest: int, workers: int, logo, today) -> list[Chunk]:
    width = max(4, len(str(max((r.position for r in recipients), default=0))))
    kind = getattr(defn, "kind", "form")
    items = [
        Item(r.position, r.lang, r.values, f"{r.position:0{width}d}-{slug(r.name)}-{r.lang}")
        for r in recipients
    ]
    chunks, start = [], 0
    for size in chunk_sizes(len(items), largest, workers):
        chunks.append(Chunk(kind, defn.id, items[start : start + size], str(tmp), logo, today))
        start += size
    return chunks


class _Printer:
    """The print file: letters in list order, each starting on a new sheet of a duplex print."""

    def __init__(self, path: Path):
        self.dir = path.parent
        self.file = path.open("wb")
        self.sink = PdfSink(self.file)

    def add(self, rendered: list[Rendered]) -> None:
        for r in rendered:
            reader = PdfReader(self.dir / r.pdf)
            self.sink.add_pages(reader, range(r.pages))
            if r.pages % 2:
                self.sink.add_blank_page(*r.page_size)

    def close(self, title: str) -> int:
        self.sink.close({"Title": title, "Author": "Dogfen"})
        self.file.close()
        return len(self.sink.pages)


def _render_all(chunks, printer, workers, progress, cancelled, total, board, folder) -> tuple:
    """Render every chunk, here or elsewhere (``board``), stitching the print file in list order
    as results come; returns (results by chunk, letters by renderer)."""
    done, results, by, next_chunk = 0, {}, Counter(), 0
    pool = _pool(workers, len(chunks))
    unclaimed = iter(range(len(chunks)))
    pending: dict = {}  # future -> chunk rendered here
    elsewhere: set[int] = set()  # chunks another process claimed
    me = renderer()
    try:
        while True:
            # A few chunks ahead of the workers, not all: less to hold, cancel or share.
            for n in itertools.islice(unclaimed, max(0, workers + 2 - len(pending))):
                if board.claim(n):
                    pending[pool.submit(render_chunk, chunks[n])] = n
                else:
                    elsewhere.add(n)
            if not pending and not elsewhere and next_chunk == len(chunks):
                break
            if cancelled and cancelled():
                raise MergeCancelled()
            arrived = []
            for n in sorted(elsewhere):
                shared = published(folder, n)
                if shared is not None:
                    elsewhere.discard(n)
                    arrived.append((n, *shared))
                elif board.lost(n) and board.claim(n):  # its renderer died: render it here
                    elsewhere.discard(n)
                    pending[pool.submit(render_chunk, chunks[n])] = n
            finished, _ = wait(pending, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
            arrived += [(pending.pop(f), f.result(), me) for f in finished]
            for n, rendered, who in arrived:
                results[n] = rendered
                by[who] += len(rendered)
                done += len(chunks[n].items)
                if progress:
                    progress(done, total)
            while next_chunk in results:  # the print file grows in list order
                printer.add(results[next_chunk])
                next_chunk += 1
    finally:
        board.close()
        pool.shutdown(wait=True, cancel_futures=True)
    if cancelled and cancelled():
        raise MergeCancelled()
    return results, dict(by)


def _publish(tmp: Path, out_dir: Path) -> None:
    if out_dir.exists():
        os.chmod(tmp, out_dir.stat().st_mode & 0o7777)
        out_dir.rmdir()  # empty, checked before the merge began
    os.replace(tmp, out_dir)


def run_merge(
    defn,
    recipients,
    out_dir,
    progress=None,
    cancelled=None,
    workers=2,
    chunk=50,
    *,
    logo: bytes | None = None,
    today=None,
    board: Board | None = None,
) -> MergeResult:
    """Write each recipient's letter as DOCX and PDF in their language, one print-ready PDF of all
    letters and ``manifest.csv`` into ``out_dir`` (absent or empty). ``progress(done, total)`` is
    called as letters finish; when ``cancelled()`` turns true, ``MergeCancelled`` is raised and
    nothing is left behind. A ``board`` shares the chunks with other processes."""
    if not recipients:
        raise ValueError("a merge needs at least one recipient")
    out_dir = Path(out_dir)
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise FileExistsError(f"{out_dir} must be an empty directory or not exist yet")
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    total = len(recipients)
    if progress:
        progress(0, total)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
    try:
        size = max(1, int(chunk))
        chunks = _chunks(defn, recipients, tmp, size, workers, logo, today)
        board = board or Board()
        save_orders(chunks, tmp)
        board.share(chunks, tmp)
        printer = _Printer(tmp / COMBINED)
        try:
            results, by = _render_all(
                chunks, printer, workers, progress, cancelled, total, board, tmp
            )
        finally:
            title = " / ".join(Translator(lang)(defn.title) for lang in ("cy", "en"))
            pages = printer.close(title)
        clear(tmp)
        result = MergeResult(out_dir=out_dir, combined_pages=pages, rendered_by=by)
        by_position = {r.position: r for n in sorted(results) for r in results[n]}
        for recipient in recipients:
            r = by_position[recipient.position]
            result.letters.append(
                LetterFiles(
                    recipient.position,
                    recipient.name,
                    recipient.lang,
                    r.docx,
                    r.pdf,
                    r.pages,
                    r.docx_sha256,
                    r.pdf_sha256,
                )
            )
        (tmp / MANIFEST).write_bytes(manifest_csv(result.letters).encode("utf-8"))
        _publish(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return result
