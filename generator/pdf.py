"""Document model -> PDF with WeasyPrint.

The stylesheet is parsed once and one FontConfiguration is shared by every document: the
measured way to keep a long-lived process fast and its memory flat (generation-notes.md).
"""

from __future__ import annotations

import base64
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .model import Document

TEMPLATES = Path(__file__).with_name("templates")


@cache
def _env() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
    )


@cache
def _weasy():
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    css = CSS(filename=str(TEMPLATES / "print.css"), font_config=fonts)
    return fonts, css


def _logo_uri(logo: bytes | None) -> str | None:
    if not logo:
        return None
    mime = "image/png" if logo.startswith(b"\x89PNG") else "image/jpeg"
    return f"data:{mime};base64,{base64.b64encode(logo).decode()}"


def to_html(docs: list[Document]) -> str:
    """HTML for one document, or several laid out as one (bulk merge), each starting a page."""
    first = docs[0]
    body = _env().get_template("document.html")
    if len(docs) == 1:
        return body.render(doc=first, logo=_logo_uri(first.logo))
    merged = Document(
        parts=[p for d in docs for p in d.parts],
        lang=first.lang,
        subject=first.subject,
        logo=first.logo,
        kind=first.kind,
    )
    return body.render(doc=merged, logo=_logo_uri(first.logo))


def render_pdf(doc: Document) -> bytes:
    from weasyprint import HTML

    fonts, css = _weasy()
    html = HTML(string=to_html([doc]), base_url=str(TEMPLATES))
    return html.write_pdf(stylesheets=[css], font_config=fonts, pdf_identifier=False)
