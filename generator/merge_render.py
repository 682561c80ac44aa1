"""One worker task of a merge: a chunk of letters to Word files, one PDF for the whole chunk,
and that PDF split into one file per letter.

Each letter is laid out as its own WeasyPrint document, so its page numbers ("1 / 2") and page
breaks are exactly those of a single render; the chunk's pages are then written as one PDF
(``Document.copy``), which shares fonts and saves most of the per-file writing cost.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

from .build import build_document
from .merge_docx import render_docx_merge
from .merge_pdf import PdfSink
from .pdf import TEMPLATES, _weasy, to_html


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
    pdf_path: str  # the chunk's PDF, for the print file
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
    from weasyprint import HTML

    defn = definition(chunk.kind, chunk.defn_id)
    out = Path(chunk.out_dir)
    fonts, css = _weasy()
    docs, layouts, shas = [], [], []
    for item in chunk.items:
        doc = _document(defn, chunk, item)
        docs.append(doc)
        shas.append(_save(out / f"{item.stem}.docx", render_docx_merge(doc)))
        html = HTML(string=to_html([doc]), base_url=str(TEMPLATES))
        layouts.append(html.render(stylesheets=[css], font_config=fonts))
    counts = [len(layout.pages) for layout in layouts]
    pages = [page for layout in layouts for page in layout.pages]
    pdf = layouts[0].copy(pages).write_pdf(pdf_identifier=False)
    del layouts, pages
    Path(chunk.pdf_path).write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    results, start = [], 0
    for item, doc, count, docx_sha in zip(chunk.items, docs, counts, shas, strict=True):
        buffer = io.BytesIO()
        sink = PdfSink(buffer)
        sink.add_pages(reader, range(start, start + count))
        info = {"Title": doc.title, "Subject": doc.subject, "Author": "Dogfen"}
        sink.close(info, lang=doc.primary_lang)
        box = reader.pages[start + count - 1].mediabox
        results.append(
            Rendered(
                position=item.position,
                docx=f"{item.stem}.docx",
                pdf=f"{item.stem}.pdf",
                pages=count,
                docx_sha256=docx_sha,
                pdf_sha256=_save(out / f"{item.stem}.pdf", buffer.getvalue()),
                page_size=(float(box.width), float(box.height)),
            )
        )
        start += count
    return results
