"""Document model -> DOCX with docxtpl.

The body is a docxtpl sub-document built with python-docx calls (which escape every value), and
the template is rendered with ``autoescape=True`` so the header text is escaped too. Core
properties are set after rendering, as docxtpl's autoescape would double-escape them.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docxtpl import DocxTemplate
from lxml.etree import SubElement

from .docx_paper import (
    cells,
    draft_watermark,
    finish_sections,
    furniture_top,
    keep_rows_whole,
    landscape_end,
    landscape_start,
    matrix,
    shade,
    signature,
)
from .model import (
    BulletList,
    Document,
    FieldRows,
    Heading,
    Landscape,
    Matrix,
    NumberedList,
    Paragraph,
    Part,
    Signature,
    Table,
)

BASE = Path(__file__).with_name("templates") / "base.docx"
WORD_LANG = {"en": "en-GB", "cy": "cy-GB"}
log = logging.getLogger(__name__)


R, RPR, B, LANG, BR, T = (qn(f"w:{tag}") for tag in ("r", "rPr", "b", "lang", "br", "t"))
VAL, SPACE = qn("w:val"), qn("xml:space")


def _text(paragraph, text: str, lang: str, bold: bool = False) -> None:
    """Add text, turning newlines into line breaks (Word drops a raw newline): one run per line,
    its language marked. The runs are made as lxml elements (``w:r`` > ``w:rPr`` > ``w:b``,
    ``w:lang``; ``w:br``; ``w:t``), which is what ``add_run`` makes at a fraction of its cost:
    a form's Word copy is thousands of runs."""
    p = paragraph._p
    for i, line in enumerate(str(text).split("\n")):
        run = SubElement(p, R)
        props = SubElement(run, RPR)
        if bold:
            SubElement(props, B)
        SubElement(props, LANG).set(VAL, WORD_LANG[lang])
        if i:
            SubElement(run, BR)
        t = SubElement(run, T)
        t.text = line
        if line != line.strip():
            t.set(SPACE, "preserve")


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _table(sd, headers: list[str] | None, rows: list[list[str]], lang: str, widths=None):
    n_cols = len(headers) if headers else len(rows[0])
    table = sd.add_table(rows=(1 if headers else 0) + len(rows), cols=n_cols)
    table.style = "Table Grid"
    all_rows = ([headers] if headers else []) + rows
    for r, (row_cells, values) in enumerate(zip(cells(table), all_rows, strict=True)):
        for c, (cell, value) in enumerate(zip(row_cells, values, strict=True)):
            _text(cell.paragraphs[0], value, lang, bold=bool(headers) and r == 0)
            if widths:
                cell.width = widths[c]
    if headers:
        _repeat_header(table.rows[0])
    keep_rows_whole(table)
    return table


def _logo(sd, logo: bytes) -> None:
    """The letterhead image; one Word cannot read is left out (and logged), never fatal."""
    try:
        sd.add_picture(io.BytesIO(logo), height=Cm(2.0))
    except Exception:  # python-docx raises UnrecognizedImageError, struct and index errors
        log.warning("The logo could not be put in a Word letter; it was left out", exc_info=True)


def _part(sd, part: Part, logo: bytes | None) -> None:
    lang = part.lang
    if part.furniture:
        if logo:
            _logo(sd, logo)
        furniture_top(sd, part.furniture, lambda p, text, bold=False: _text(p, text, lang, bold))
    if part.letterhead:
        before = len(sd.paragraphs)
        if logo:
            _logo(sd, logo)
        _text(sd.add_paragraph(), "\n".join(part.letterhead), lang)
        for p in sd.paragraphs[before:]:  # logo and address: one frame at the top right
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _frame(p, LETTERHEAD)
    if part.recipient_address:
        _window(sd.add_paragraph(), part.recipient_address, lang)
    for line in part.date_lines:
        p = sd.add_paragraph()
        p.paragraph_format.space_after = 0
        _text(p, line, lang)
    _text(sd.add_paragraph(style="Title"), part.title, lang)
    if part.notice:
        _text(sd.add_paragraph(), part.notice, lang, bold=True)
    _blocks(sd, part.blocks, lang)
    if part.closing:
        _closing(sd, part.closing, lang)
    if part.furniture and part.furniture.facts:
        p = sd.add_paragraph()
        _text(p, part.furniture.facts_line, lang)
        for run in p.runs:
            run.font.size = Pt(8.5)


# Frames fixed to the page. A DL window envelope shows the address 45 mm from the top of the page
# and 20 mm from its left; the letterhead sits at the top right. The body is never set beside
# either (``notBeside``), so it starts underneath them.
WINDOW = {"w": Cm(9.0).twips, "hAnchor": "page", "x": Cm(2.0).twips, "y": Cm(4.6).twips}
LETTERHEAD = {"w": Cm(8.0).twips, "hAnchor": "margin", "xAlign": "right", "y": Cm(2.0).twips}


def _frame(p, where: dict) -> None:
    frame = OxmlElement("w:framePr")
    for key, value in (where | {"vAnchor": "page", "wrap": "notBeside"}).items():
        frame.set(qn(f"w:{key}"), str(value))
    p._p.get_or_add_pPr().insert(0, frame)


def _window(p, lines: list[str], lang: str) -> None:
    """The recipient's address in a frame where the envelope's window is."""
    _frame(p, WINDOW)
    p.paragraph_format.space_after = Cm(1.0)
    _text(p, "\n".join(lines), lang)


def _closing(sd, closing, lang: str) -> None:
    """ "Yours sincerely", room to sign, and who signs, kept on one page together."""
    p = sd.add_paragraph()
    p.paragraph_format.keep_with_next = True
    p.paragraph_format.space_after = Cm(1.6)  # room for the signature
    _text(p, closing.valediction, lang)
    p = sd.add_paragraph()
    p.paragraph_format.keep_together = True
    _text(p, "\n".join(closing.signatory), lang)


def _blocks(sd, blocks: list, lang: str) -> None:
    def text(p, value, bold=False):
        _text(p, value, lang, bold)

    for block in blocks:
        if isinstance(block, Landscape):
            landscape_start(sd)
            _blocks(sd, block.blocks, lang)
            landscape_end(sd)
        elif isinstance(block, NumberedList):
            for item in block.items:  # each step carries its own number ("Step 1.")
                text(sd.add_paragraph(style="List Paragraph"), item)
        elif isinstance(block, Matrix):
            matrix(sd, block, text)
            sd.add_paragraph()
        elif isinstance(block, Signature):
            signature(sd, block, text)
            sd.add_paragraph()
        elif isinstance(block, Heading):
            _text(sd.add_paragraph(style=f"Heading {block.level}"), block.text, lang)
        elif isinstance(block, Paragraph):
            p = sd.add_paragraph()
            if block.style == "address":
                p.paragraph_format.space_after = 0
            _text(p, block.text, lang, bold=block.style == "notice")
            if block.style in ("small", "note"):
                for run in p.runs:
                    run.font.size = Pt(9)
        elif isinstance(block, BulletList):
            for item in block.items:
                _text(sd.add_paragraph(style="List Bullet"), item, lang)
        elif isinstance(block, FieldRows):
            _table(sd, None, [list(r) for r in block.rows], lang, widths=[Cm(6.0), Cm(11.0)])
            sd.add_paragraph()
        elif isinstance(block, Table):
            table = _table(sd, block.headers, block.rows, lang)
            grid = cells(table)
            for (r, c), colour in block.fills.items():
                shade(grid[r + 1][c], colour)
            if block.widths:  # a declared grid sits in a landscape section: 25.7 cm of text
                total = sum(block.widths)
                for row in grid:
                    for cell, share in zip(row, block.widths, strict=True):
                        cell.width = Cm(25.7 * share / total)
            if block.numbered:
                for row in grid:
                    row[0].width = Cm(0.9)
            if block.small:
                for row in grid:
                    for cell in row:
                        for run in (r for p in cell.paragraphs for r in p.runs):
                            run.font.size = Pt(8.5)
            sd.add_paragraph()


def render_docx(doc: Document) -> bytes:
    tpl = DocxTemplate(BASE)
    sd = tpl.new_subdoc()
    for i, part in enumerate(doc.parts):
        if i:
            sd.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _part(sd, part, doc.logo)
    furniture = doc.parts[0].furniture
    header = " · ".join(filter(None, (furniture.marking, doc.title))) if furniture else doc.title
    if furniture and furniture.running_notice:  # on every page, as the source asks
        header = f"{header} · {' '.join(furniture.running_notice.split())}"
    page = (furniture.page_label, furniture.of_label) if furniture else ("", "/")
    context = {"body": sd, "header_text": header, "page_label": page[0], "of_label": page[1]}
    if doc.watermark:  # into the template's header, before docxtpl renders (and replaces) it
        draft_watermark(tpl.docx, doc.watermark)
    tpl.render(context, autoescape=True)
    finish_sections(tpl.docx)
    props = tpl.docx.core_properties
    props.title, props.subject = doc.title, doc.subject
    props.language = WORD_LANG.get(doc.primary_lang, "en-GB")
    props.author = props.last_modified_by = "Dogfen"
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()
