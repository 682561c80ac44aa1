"""Wide grids (the seed's landscape grids) print a size smaller in Word and PDF, with each
column at least as wide as its longest words, so a grid starts on the page of its heading."""

from __future__ import annotations

import io

from docx import Document as open_docx
from pypdf import PdfReader

from forms import all_forms
from generator.build import build_document
from generator.docx import render_docx
from generator.model import Table
from generator.render import render_pdf


def _wb_risk(lang: str):
    defn = all_forms()["wb-risk-assessment"]
    return build_document(defn, defn.example(), lang)


def _tables(doc) -> list[Table]:
    return [b for part in doc.parts for b in _walk(part.blocks) if isinstance(b, Table)]


def _walk(blocks):
    for b in blocks:
        yield b
        yield from _walk(getattr(b, "blocks", []) or [])


def test_the_welsh_risk_grid_starts_on_the_page_of_its_heading():
    pdf = PdfReader(io.BytesIO(render_pdf(_wb_risk("cy"))))
    pages = [p.extract_text() for p in pdf.pages]
    heading_page = next(i for i, text in enumerate(pages) if "Materion risg\n" in text)
    assert "Safon 7: rheolir" in pages[heading_page]  # the first row, not the next page


def test_a_wide_grid_is_small_print_in_word_too():
    doc = _wb_risk("cy")
    wide = [t for t in _tables(doc) if t.small]
    assert wide and all(len(t.headers) >= Table.SMALL_FROM_COLUMNS for t in wide)
    word = open_docx(io.BytesIO(render_docx(doc)))
    grid = next(t for t in word.tables if len(t.columns) >= Table.SMALL_FROM_COLUMNS)
    sizes = {r.font.size.pt for c in grid.rows[0].cells for p in c.paragraphs for r in p.runs}
    assert sizes == {8.5}
    narrow = next(t for t in word.tables if len(t.columns) == 2)
    assert {r.font.size for c in narrow.rows[0].cells for p in c.paragraphs for r in p.runs} == {
        None
    }
