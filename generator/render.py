"""The two renderers, by format name.

Each renderer is imported when first used, so a process that only writes PDFs (a cold
``dogfen render --format pdf``) never loads docxtpl and python-docx, and one that only writes
Word never loads the Typst layer."""

from __future__ import annotations

from .model import Document


def render_docx(doc: Document) -> bytes:
    from .docx import render_docx as to_docx

    return to_docx(doc)


def render_pdf(doc: Document) -> bytes:
    from .pdf import render_pdf as to_pdf

    return to_pdf(doc)


FORMATS = {"docx": render_docx, "pdf": render_pdf}
MIME = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def render(doc: Document, fmt: str) -> bytes:
    try:
        return FORMATS[fmt](doc)
    except KeyError:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}") from None


__all__ = ["FORMATS", "MIME", "render", "render_docx", "render_pdf"]
