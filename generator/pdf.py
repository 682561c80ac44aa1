"""Document model -> PDF with Typst (the ``typst`` wheel: the Rust compiler, no system libraries).

One fixed template, ``templates/document.typ``, receives the document as JSON through
``sys_inputs`` and lays it out, so user text is only ever data: nothing typed into a form can
inject Typst markup. The fonts (DejaVu, as the Word copy names) are loaded once per process and
shared by a few compilers: a compiler is reused between documents (about 18 ms each instead of
loading fonts every time), but it refuses a second caller while it works, and a web server
renders from several threads, so each compile borrows an idle one.

Typst starts worker threads at its first compile. Threads do not survive ``fork``, so a process
that has compiled must not fork a child that compiles (it would wait forever): the merge's fork
server loads the fonts but compiles nothing (``merge/preload.py``), and ``render_pdf`` refuses to
run in such a child rather than hang.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from functools import cache, lru_cache
from pathlib import Path

from .model import (
    BulletList,
    Document,
    FieldRows,
    Heading,
    Landscape,
    Matrix,
    NumberedList,
    Paragraph,
    Signature,
    Table,
)

TEMPLATE = Path(__file__).with_name("templates") / "document.typ"
FONT_DIRS = (
    os.environ.get("DOGFEN_FONT_DIR", ""),
    "/usr/share/fonts/truetype/dejavu",  # Debian's fonts-dejavu-core
    "/usr/share/fonts/dejavu",
    "/usr/share/fonts/TTF",
)
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
# PDF/A-3b for the archive (and, later, the record's JSON attached), PDF/UA-1 for screen readers.
STANDARDS = ["a-3b", "ua-1"]
# Shading for colour names (GOV.UK's palette, light enough for black text to read on it).
FILLS = {"red": "#f4a7a0", "amber": "#ffc766", "yellow": "#fff27a", "green": "#a8d5a2"}
# A row is kept whole across pages unless it is so long it could not fit on one (Typst would cut
# a non-breakable row taller than a page): a cheap estimate from its text, generous either way.
LONG_CELL = 1800  # characters
LONG_LINES = 40

MISSING_GLYPH = "could not be displayed with font"
log = logging.getLogger(__name__)

_idle: list = []  # compilers not in use; one is made whenever all are busy
_idle_lock = threading.Lock()
_compiled_in: int | None = None  # the process that started Typst's threads


@cache
def font_dir() -> str:
    for folder in filter(None, FONT_DIRS):
        if all(Path(folder, name).is_file() for name in FONT_FILES):
            return folder
    raise RuntimeError(
        "DejaVu Sans not found: install fonts-dejavu-core (scripts/system-deps.sh) "
        "or set DOGFEN_FONT_DIR to the folder holding DejaVuSans.ttf"
    )


@cache
def fonts():
    """The DejaVu folder and nothing else (system and built-in fonts ignored): quick to load,
    and the same fonts on every machine."""
    import typst

    return typst.Fonts(
        include_system_fonts=False, include_embedded_fonts=False, font_paths=[font_dir()]
    )


def _new_compiler():
    import typst

    return typst.Compiler(
        input=str(TEMPLATE), root=str(TEMPLATE.parent), font_paths=fonts(), ignore_system_fonts=True
    )


def borrow():
    """An idle compiler, or a new one when all are busy."""
    with _idle_lock:
        found = _idle.pop() if _idle else None
    return found if found is not None else _new_compiler()


def release(compiler) -> None:
    with _idle_lock:
        _idle.append(compiler)


def compile_pdf(sys_inputs: dict[str, str]) -> bytes:
    global _compiled_in
    if _compiled_in not in (None, os.getpid()):
        raise RuntimeError(
            "Typst compiled in the parent of this forked process, and its threads are gone here: "
            "start workers with 'forkserver' or 'spawn', or fork before the first PDF"
        )
    _compiled_in = os.getpid()
    compiler = borrow()
    try:
        try:
            return compiler.compile(sys_inputs=sys_inputs, pdf_standards=STANDARDS)
        except Exception as error:  # typst.TypstError
            if MISSING_GLYPH not in str(error):
                raise
            # PDF/A forbids a character no font can draw (Chinese, say, as DejaVu has none):
            # a document that shows a blank box is better than no document.
            log.warning("PDF without PDF/A and PDF/UA: %s", error)
            return compiler.compile(sys_inputs=sys_inputs, pdf_standards=[])
    finally:
        release(compiler)


def _block(block, above: int) -> dict:
    """One block as data; ``above`` is the level of the heading before it (PDF/UA refuses a
    document whose headings skip a level, so a heading is at most one deeper)."""
    if isinstance(block, Heading):
        return {"type": "heading", "text": block.text, "level": min(max(block.level, 2), above + 1)}
    if isinstance(block, Paragraph):
        return {"type": "paragraph", "text": block.text, "style": block.style}
    if isinstance(block, BulletList):
        return {"type": "list", "items": list(block.items)}
    if isinstance(block, FieldRows):
        return {"type": "fields", "rows": [[label, value] for label, value in block.rows]}
    if isinstance(block, NumberedList):
        return {"type": "numbered", "items": list(block.items)}
    if isinstance(block, Table):
        return {"type": "table", "headers": block.headers, "rows": block.rows,
                "numbered": block.numbered, "fills": _fills(block.fills), "widths": block.widths,
                "breakable": [_long(row) for row in block.rows], "small": block.small}  # fmt: skip
    if isinstance(block, Matrix):
        return {"type": "matrix", "corner": block.corner, "columns": block.columns,
                "rows": block.rows, "cells": block.cells, "fills": _fills(block.fills),
                "marked": [[r, c] for r, c in block.marked]}  # fmt: skip
    if isinstance(block, Signature):
        return {"type": "signature", "rows": [list(r) for r in block.rows],
                "sign": block.sign_label}  # fmt: skip
    raise TypeError(f"no PDF layout for {type(block).__name__}")


def _fills(fills: dict) -> list:
    return [[r, c, FILLS[colour]] for (r, c), colour in fills.items() if colour in FILLS]


def _long(row: list[str]) -> bool:
    return any(len(cell) > LONG_CELL or cell.count("\n") > LONG_LINES for cell in row)


def _blocks(blocks: list, level: int = 1) -> list[dict]:
    found = []  # the part's title is the first heading (level 1)
    for block in blocks:
        if isinstance(block, Landscape):
            found.append({"type": "landscape", "blocks": _blocks(block.blocks, level)})
            continue
        found.append(_block(block, level))
        if found[-1]["type"] == "heading":
            level = found[-1]["level"]
    return found


def _furniture(part) -> dict | None:
    f = part.furniture
    if f is None:
        return None
    return {"organisation": f.organisation, "about": f.about, "marking": f.marking,
            "facts": f.facts_line, "page": f.page_label, "of": f.of_label,
            "notice": f.running_notice}  # fmt: skip


def document_json(doc: Document) -> str:
    """The document as the template reads it: plain strings, lists and flags."""
    return json.dumps(
        {
            "title": doc.title,
            "subject": doc.subject or None,
            "lang": doc.primary_lang,
            "kind": doc.kind,
            "watermark": doc.watermark,
            "attachment": doc.attachment[0] if doc.attachment else None,
            "parts": [
                {
                    "lang": part.lang,
                    "title": part.title,
                    "notice": part.notice,
                    "letterhead": part.letterhead,
                    "blocks": _blocks(part.blocks),
                    "furniture": _furniture(part),
                    "address": part.recipient_address,
                    "dates": part.date_lines,
                    "closing": {
                        "valediction": part.closing.valediction,
                        "signatory": part.closing.signatory,
                    }
                    if part.closing
                    else None,  # fmt: skip
                }
                for part in doc.parts
            ],
        },
        ensure_ascii=False,
    )


@lru_cache(maxsize=4)
def _logo_json(logo: bytes) -> str:
    """Typst reads bytes from an array of numbers; one logo serves a whole merge, so it is
    encoded once (and Typst parses it once, as it remembers what it has decoded)."""
    return json.dumps(list(logo))


def inputs(doc: Document) -> dict[str, str]:
    found = {"doc": document_json(doc)}
    if doc.logo:
        found["logo"] = _logo_json(bytes(doc.logo))
    if doc.attachment:  # the record's data JSON (UTF-8 text), embedded in the archived PDF
        found["attachment"] = doc.attachment[1].decode("utf-8")
    return found


def render_pdf(doc: Document) -> bytes:
    return compile_pdf(inputs(doc))
