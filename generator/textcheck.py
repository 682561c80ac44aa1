"""Text of a DOCX and a PDF as comparable word lists: the proof that both say the same thing.

Layout differs (a table cell wraps in one and not the other), so the comparison is of the
words each holds, ignoring the page-number footer that only the PDF spells out.
"""

from __future__ import annotations

import io
import re
from collections import Counter

# "1 / 2" on a letter, "Page 1 of 2" / "Tudalen 1 o 2" on a form
# (only those words: "Steps 2 and 3" or "Timescale 29 May 2026" on a line is the form's text)
PAGE_FOOTER = re.compile(r"^\s*(?:\d+ / \d+|(?:Page \d+ of|Tudalen \d+ o) \d+)\s*$", re.M)


def docx_text(data: bytes) -> str:
    """Body text in document order: paragraphs and table cells (merged cells once)."""
    from docx import Document

    doc = Document(io.BytesIO(data))
    out = []
    for block in doc.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.append("".join(t.text or "" for t in block.iter() if t.tag.endswith("}t")))
            if any(b.tag.endswith("}br") for b in block.iter()):
                out[-1] = _with_breaks(block)
        elif tag == "tbl":
            for tc in block.iter():
                if tc.tag.endswith("}tc"):
                    out.append(_with_breaks(tc))
    return "\n".join(out)


def _with_breaks(element) -> str:
    parts = []
    for el in element.iter():
        name = el.tag.rsplit("}", 1)[-1]
        if name == "t":
            parts.append(el.text or "")
        elif name in ("br", "p") and parts:
            parts.append("\n")
    return "".join(parts)


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(data)).pages
    return "\n".join(PAGE_FOOTER.sub("", p.extract_text() or "") for p in pages)


# A line may break after a slash or a hyphen in one format and not the other: split there too.
TOKEN = re.compile(r"[^\s/\-–]+[/\-–]?|[/\-–]")


BULLET = "•"  # the PDF's list marker is text; Word's is numbering, not text


def words(text: str) -> Counter:
    return Counter(t for t in TOKEN.findall(text) if t != BULLET)


def docx_words(data: bytes) -> Counter:
    return words(docx_text(data))


def pdf_words(data: bytes) -> Counter:
    return words(pdf_text(data))


def difference(docx: bytes, pdf: bytes) -> tuple[Counter, Counter]:
    """(words the PDF lacks, words the DOCX lacks); both empty when they agree.

    Every word of the DOCX must be in the PDF as often; the PDF may repeat a word the DOCX has
    (a table's header row is printed again on each page) but hold none that the DOCX lacks."""
    a, b = docx_words(docx), pdf_words(pdf)
    return a - b, Counter({w: n for w, n in (b - a).items() if w not in a})
