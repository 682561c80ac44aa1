"""The two renderers, by format name."""

from __future__ import annotations

from .docx import render_docx
from .model import Document
from .pdf import render_pdf

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
