"""Word pieces of the paper form that python-docx has no call for: cell shading, rows kept whole,
landscape sections, risk matrices, signature lines, the form's furniture and a draft watermark.

Everything is built as elements (values set as attributes or text, so they are escaped); the
only XML written as a string is the watermark, whose text is the fixed word DRAFT / DRAFFT.
"""

from __future__ import annotations

import copy
from xml.sax.saxutils import quoteattr

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import _Cell

from .model import Furniture, Matrix, Signature

FILLS = {"red": "F4A7A0", "amber": "FFC766", "yellow": "FFF27A", "green": "A8D5A2"}
HEADER_FILL = "F3F2F1"
A4 = (11906, 16838)  # twentieths of a point
MARGIN = "1134"  # 2 cm


def cells(table) -> list[list[_Cell]]:
    """The table's cells by row and column, read once: ``table.cell(r, c)`` walks every cell of
    the table on each call, which made a matrix quadratic. (Our tables merge no cells.)"""
    return [[_Cell(tc, table) for tc in tr.tc_lst] for tr in table._tbl.tr_lst]


def shade(cell, colour: str) -> None:
    """Fill a cell with a colour name's shade (``w:shd``); the text already says the colour."""
    fill = FILLS.get(colour, colour)
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def keep_rows_whole(table) -> None:
    """``w:cantSplit`` on every row: Word moves a row to the next page rather than split it
    (and splits it only when it is taller than a page)."""
    for row in table.rows:
        el = OxmlElement("w:cantSplit")
        row._tr.get_or_add_trPr().insert(0, el)


def _sect_pr(landscape: bool):
    sect = OxmlElement("w:sectPr")
    size = OxmlElement("w:pgSz")
    width, height = (A4[1], A4[0]) if landscape else A4
    size.set(qn("w:w"), str(width))
    size.set(qn("w:h"), str(height))
    if landscape:
        size.set(qn("w:orient"), "landscape")
    margins = OxmlElement("w:pgMar")
    for side in ("top", "right", "bottom", "left"):
        margins.set(qn(f"w:{side}"), MARGIN)
    for side in ("header", "footer"):
        margins.set(qn(f"w:{side}"), "708")
    margins.set(qn("w:gutter"), "0")
    sect.append(size)
    sect.append(margins)
    return sect


def _section_break(sd, landscape: bool) -> None:
    """A paragraph ending a section: its ``sectPr`` describes the section it closes."""
    p = sd.add_paragraph()
    p._p.get_or_add_pPr().append(_sect_pr(landscape))


def landscape_start(sd) -> None:
    _section_break(sd, landscape=False)  # what came before stays portrait


def landscape_end(sd) -> None:
    _section_break(sd, landscape=True)


def finish_sections(document) -> None:
    """Give every section the template's running header and footer (a section break written
    inside the body has none of its own, and the first section would inherit nothing)."""
    body = document.element.body
    final = body.find(qn("w:sectPr"))
    refs = [el for el in final if el.tag in (qn("w:headerReference"), qn("w:footerReference"))]
    for sect in body.iter(qn("w:sectPr")):
        if sect is not final:
            for n, ref in enumerate(refs):
                sect.insert(n, copy.deepcopy(ref))


def _cell_text(cell, value: str, text, bold=False) -> None:
    text(cell.paragraphs[0], value, bold)


def matrix(sd, m: Matrix, text) -> None:
    table = sd.add_table(rows=1 + len(m.rows), cols=1 + len(m.columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid = cells(table)
    header = [m.corner, *m.columns]
    for c, value in enumerate(header):
        cell = grid[0][c]
        _cell_text(cell, value, text, bold=True)
        shade(cell, HEADER_FILL)
    for r, label in enumerate(m.rows):
        _cell_text(grid[r + 1][0], label, text, bold=True)
        shade(grid[r + 1][0], HEADER_FILL)
        for c, value in enumerate(m.cells[r]):
            cell = grid[r + 1][c + 1]
            _cell_text(cell, value, text, bold=(r, c) in m.marked)
            if (r, c) in m.fills:
                shade(cell, m.fills[r, c])
            if (r, c) in m.marked:
                _thick_border(cell)
    keep_rows_whole(table)


def _thick_border(cell) -> None:
    borders = OxmlElement("w:tcBorders")
    for side in ("top", "left", "bottom", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "24")
        el.set(qn("w:color"), "0B0C0C")
        borders.append(el)
    cell._tc.get_or_add_tcPr().append(borders)


def signature(sd, s: Signature, text) -> None:
    rows = [list(r) for r in s.rows] + ([[s.sign_label, ""]] if s.sign_label else [])
    table = sd.add_table(rows=len(rows), cols=2)
    table.style = "Table Grid"
    for (left, right), (label, value) in zip(cells(table), rows, strict=True):
        _cell_text(left, label, text, bold=True)
        shade(left, HEADER_FILL)
        _cell_text(right, value, text)
        left.width, right.width = Cm(6.0), Cm(11.0)
    if s.sign_label:
        table.rows[-1].height = Cm(1.4)
    keep_rows_whole(table)


def furniture_top(sd, f: Furniture, text) -> None:
    """The organisation and marking, then source, version and status, as the PDF opens."""
    for value, bold in ((f.organisation, True), (f.marking, True), (f.about, False)):
        if value:
            p = sd.add_paragraph()
            p.paragraph_format.space_after = Pt(2)
            text(p, value, bold)
            for run in p.runs:
                run.font.size = Pt(9)


WATERMARK = (
    '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">'
    "<w:r><w:pict>"
    '<v:shape id="DogfenDraftWatermark" o:spid="_x0000_s2049" type="#_x0000_t136" '
    'style="position:absolute;margin-left:0;margin-top:0;width:468pt;height:117pt;rotation:315;'
    "z-index:-251657216;mso-position-horizontal:center;mso-position-horizontal-relative:margin;"
    'mso-position-vertical:center;mso-position-vertical-relative:margin" o:allowincell="f" '
    'fillcolor="#d8d8d8" stroked="f">'
    '<v:fill opacity=".5"/><v:textpath style="font-family:&quot;Arial&quot;;font-size:1pt" '
    "string={text}/></v:shape></w:pict></w:r></w:p>"
)


def draft_watermark(document, word: str) -> None:
    """Word's own kind of watermark (a diagonal text shape in the header, so on every page)."""
    header = document.sections[-1].header  # every section shares it (``finish_sections``)
    header._element.append(parse_xml(WATERMARK.format(text=quoteattr(word))))
