"""One worker task of a merge: a chunk of letters, each to its own Word file and PDF.

Each letter is compiled by Typst as its own document, so its page numbers ("1 / 2") and page
breaks are exactly those of a single render, and each file carries its own tagging and language.
The parent stitches the letters' PDFs into the print file as chunks finish.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

from ..build import build_document
from ..pdf import render_pdf
from .docx import render_docx_merge


@dataclass
class Item:
    position: int
    lang: str
    values: dict
    stem: str  # file name without extension: 0001-mrs-jones-cy


@dataclass
class Chunk:
    """What a worker needs; a definition is found again by id, as it does not pickle."""

    kind: str  # "letter" or "form"
    defn_id: str
    items: list[Item]
    out_dir: str
    logo: bytes | None = None
    today: object = None


@dataclass
class Rendered:
    position: int
    docx: str
    pdf: str
    pages: int
    docx_sha256: str
    pdf_sha256: str
    page_size: tuple[float, float]


def definition(kind: str, defn_id: str):
    if kind == "letter":
        from forms.letters import get_letter

        return get_letter(defn_id)
    from forms import all_forms

    return all_forms()[defn_id]


def _save(path: Path, content: bytes) -> str:
    path.write_bytes(content)
    return hashlib.sha256(content).hexdigest()


def _document(defn, chunk: Chunk, item: Item):
    if chunk.kind == "letter":
        return build_document(defn, item.values, item.lang, logo=chunk.logo, today=chunk.today)
    return build_document(defn, item.values, item.lang)


def render_chunk(chunk: Chunk) -> list[Rendered]:
    defn = definition(chunk.kind, chunk.defn_id)
    out = Path(chunk.out_dir)
    results = []
    for item in chunk.items:
        doc = _document(defn, chunk, item)
        docx_sha = _save(out / f"{item.stem}.docx", render_docx_merge(doc))
        pdf = render_pdf(doc)
        pages = PdfReader(io.BytesIO(pdf)).pages
        box = pages[len(pages) - 1].mediabox
        results.append(
            Rendered(
                position=item.position,
                docx=f"{item.stem}.docx",
                pdf=f"{item.stem}.pdf",
                pages=len(pages),
                docx_sha256=docx_sha,
                pdf_sha256=_save(out / f"{item.stem}.pdf", pdf),
                page_size=(float(box.width), float(box.height)),
            )
        )
    return results
