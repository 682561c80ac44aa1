"""The documents are the paper form: each carries its seed appendix's own words (and their Welsh),
its grid in a landscape section, shaded ratings, a marked matrix and the furniture of every copy.
"""

from __future__ import annotations

import io
import json
import re

import pytest
from docx import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from pypdf import PdfReader

from forms import all_forms
from forms.i18n import Translator
from generator.build import build_form
from generator.pdf import document_json
from generator.render import render_docx, render_pdf

ORG = {"en": "Swansea Council", "cy": "Cyngor Abertawe"}

# Per document, the seed's statements that the printed copy must carry (each is a msgid, so its
# Welsh is the catalog's): headings, column names, descriptors, notes, key principles.
SEED_PHRASES = {
    "wb-risk-assessment": [
        "Western Bay — Appendix 2",
        "Escalating Concerns guidance issued by the Welsh Assembly Government: Key Principles",
        "Escalating Concerns arise where there are accumulating issues. Where accumulating issues "
        "are being identified there should already be interaction between key agencies. This will "
        "have led to the identification of issues which key agencies will have brought to the "
        "attention of the home. The purpose of this risk assessment is to assist key agencies to "
        "identify issues which the home has failed to resolve. If the home has failed to respond "
        "to concerns about the operation of, or quality of care provide at the home, “Escalating "
        "Concerns” status will have been reached. Escalating Concerns status may also arise where "
        "concerns are particularly serious (for example where this is necessary to protect the "
        "safety and wellbeing of service users or to prevent, or to manage a home closure).",
        "Summary of Process",
        "Step 2. Record any action already taken to manage each individual risk.",
        "Step 3. Use the risk matrix to assess impact to service users and the extent to which "
        "Provider is actively working to rectify problems and manage risk",
        "Note. The risk matrix is for guidance only. Final decisions may be influenced by other "
        "factors, e.g. the total number of aggregated concerns or required timescales for "
        "achieving change. Where the outcome of the risk assessment process is inconclusive, "
        "decisions on appropriate course of action can be referred to the Escalating Concerns "
        "Coordination Group for final decision",
        "Level of ongoing risk (has the care home addressed the concerns or is there a likelihood "
        "of harm if not addressed by multi agency panel)",
        "Details of action already taken to address these problems",
        "Provider has been notified of concerns but has not responded.",
        "Provider has been notified of concerns and is taking action. No further problems have "
        "arisen since notification.",
        "Risk Rating Matrix: Impact Criteria",
        "Risk Rating Matrix: Engagement Criteria",
        "Completed by",
        "Signature",
    ],
    "cm-action-plan": [
        "Carmarthenshire — Appendix I",
        "When identifying improvements required the meeting should determine whether the "
        "required improvement actions are either development actions (DA) where they are good "
        "practice requirements to assist overall improvement or corrective actions (CA) where the "
        "improvements are related to a contractual or regulatory breach in line with the "
        "Escalating Concerns with, and closures of, Care Homes providing services for Adults (WAG "
        "May 2009).",
        "The colour coding represents the current level of risk rather than the progress made "
        "against the required improvements.",
        "Improvement required (development or correction action)",
        "By when (Note when dates extended)",
        "Person Responsible",
        "Likelihood (1 – 4)",
        "Overall Risk Rating",
        "Evidence of improvement or failure to improve (date to be noted)",
        "Progress: Completed/On-going/Not started",
        "Almost certain",
        "Insignificant",
        "Risk tool matrix",
    ],
    "wb-home-closure-checklist": [
        "Western Bay — Appendix 7",
        "It is essential to name who is going to be responsible for arranging/undertaking each "
        "action.",
        "Undertake a risk assessment on each resident re moving.",
    ],
    "wb-network-notification": ["Western Bay — Appendix 4"],
    "bp-residents-list": [
        "Blackpool — Appendix 7",
        "Gender (M/F)",
        "Has capacity Y/N",
        "Requires advocate Y/N",
    ],
}
FURNITURE = ["OFFICIAL-SENSITIVE", "Version %(num)s", "Final"]


def squash(text: str) -> str:
    """Whitespace as one space, and none after a slash or dash (a line may break there)."""
    return re.sub(r"([/\-–])\s+", r"\1", " ".join(text.split()))


def pdf_pages(data: bytes) -> list[str]:
    return [squash(p.extract_text() or "") for p in PdfReader(io.BytesIO(data)).pages]


@pytest.fixture(scope="module")
def copies():
    cache = {}

    def get(form_id, lang, draft=False, values=None):
        key = (form_id, lang, draft, json.dumps(values, sort_keys=True) if values else None)
        if key not in cache:
            defn = all_forms()[form_id]
            doc = build_form(
                defn, values or defn.example(), lang, draft=draft, organisation=ORG, version=3
            )
            cache[key] = (doc, render_docx(doc), render_pdf(doc))
        return cache[key]

    return get


@pytest.mark.parametrize("lang", ["en", "cy"])
@pytest.mark.parametrize("form_id", sorted(SEED_PHRASES))
def test_pdf_carries_the_seed_words_in_its_language(copies, form_id, lang):
    t = Translator(lang)
    _, _, pdf = copies(form_id, lang)
    text = " ".join(pdf_pages(pdf))
    missing = [p for p in SEED_PHRASES[form_id] if squash(t(p)) not in text]
    assert not missing, missing
    for msgid in FURNITURE:
        assert squash(t(msgid, num=3)) in text
    assert ORG[lang] in text
    if lang == "cy":  # the Welsh copy says it in Welsh, not in English
        english = [p for p in SEED_PHRASES[form_id] if t(p) != p and squash(p) in text]
        assert not english, english


def test_every_page_carries_the_marking_and_page_x_of_y(copies):
    expected = (("en", "OFFICIAL-SENSITIVE", "Page"), ("cy", "SWYDDOGOL-SENSITIF", "Tudalen"))
    for lang, marking, page in expected:
        pages = pdf_pages(copies("wb-risk-assessment", lang)[2])
        assert len(pages) > 2
        for n, text in enumerate(pages, start=1):
            assert marking in text
            assert f"{page} {n} {'of' if lang == 'en' else 'o'} {len(pages)}" in text


def test_protective_marking_is_set_per_deployment(monkeypatch):
    monkeypatch.setenv("DOGFEN_PROTECTIVE_MARKING", "OFFICIAL|SWYDDOGOL")
    defn = all_forms()["wb-network-notification"]
    for lang, word in (("en", "OFFICIAL"), ("cy", "SWYDDOGOL")):
        doc = build_form(defn, defn.example(), lang)
        assert doc.parts[0].furniture.marking == word
        assert word in " ".join(pdf_pages(render_pdf(doc)))


def test_record_facts_show_no_internal_ids():
    import datetime as dt

    from web.records.archive import Frozen, footer_rows

    when = dt.datetime(2026, 3, 2)
    frozen = Frozen(2, "Gofal Cymru Cyf", "form", "cm-action-plan", 1, "Siân", when, None)
    defn = all_forms()["cm-action-plan"]
    doc = build_form(defn, defn.example(), "en", footer_rows=footer_rows(frozen))
    facts = doc.parts[0].furniture.facts_line
    assert "Gofal Cymru Cyf" in facts and "2: Gofal" not in facts
    assert "Siân" in facts and "2 March 2026" in facts


@pytest.mark.parametrize("form_id", ["cm-action-plan", "wb-risk-assessment", "bp-residents-list"])
def test_grid_sits_in_a_landscape_section(copies, form_id):
    _, docx, pdf = copies(form_id, "en")
    sections = DocxDocument(io.BytesIO(docx)).sections
    orientations = [s.orientation for s in sections]
    assert WD_ORIENT.LANDSCAPE in orientations and WD_ORIENT.PORTRAIT in orientations
    landscape = [s for s in sections if s.orientation == WD_ORIENT.LANDSCAPE]
    assert all(s.page_width > s.page_height for s in landscape)
    assert all(s.header.paragraphs for s in sections)  # every section keeps the running header
    boxes = [p.mediabox for p in PdfReader(io.BytesIO(pdf)).pages]
    assert any(b.width > b.height for b in boxes) and any(b.width < b.height for b in boxes)


def _cell_fills(docx: bytes) -> dict[str, str]:
    """Text of each shaded table cell -> its fill."""
    from docx.oxml.ns import qn

    found = {}
    for table in DocxDocument(io.BytesIO(docx)).tables:
        for tc in table._tbl.iter(qn("w:tc")):
            shd = tc.find(f"{qn('w:tcPr')}/{qn('w:shd')}")
            if shd is not None:
                text = "".join(t.text or "" for t in tc.iter(qn("w:t")))
                found[text] = shd.get(qn("w:fill"))
    return found


def test_rating_cells_are_shaded_with_their_word(copies):
    doc, docx, pdf = copies("cm-action-plan", "en")
    fills = _cell_fills(docx)
    assert fills["9 – Amber"] == "FFC766"  # the row's overall rating: colour and word
    assert fills["16Red"] == "F4A7A0"  # the matrix's top right cell
    assert fills["9AmberIssue 1"] == "FFC766"  # the chosen cell is marked with its issue
    model = json.loads(document_json(doc))
    blocks = [b for p in model["parts"] for b in p["blocks"] for b in b.get("blocks", [b])]
    grid = next(b for b in blocks if b["type"] == "table" and b["fills"])
    assert [6] in [[c] for _, c, _ in grid["fills"]]
    assert any(colour == "#ffc766" for _, _, colour in grid["fills"])
    # the shade is painted in the PDF: its colour operator (255, 199, 102) is in a content stream
    streams = b"".join(p.get_contents().get_data() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert b"1 0.78" in streams or b"1 .78" in streams


def test_wb_level_of_risk_is_shaded_and_matrix_marked(copies):
    _, docx, pdf = copies("wb-risk-assessment", "en")
    fills = _cell_fills(docx)
    assert fills["Red: address under Escalating Concerns"] == "F4A7A0"
    assert fills["RedRisk issue 1"] == "F4A7A0"


def test_empty_extension_fields_are_left_out_of_a_row(copies):
    defn = all_forms()["cm-action-plan"]
    values = defn.example()
    for key in ("original_by_when", "extended_on", "extension_rationale"):
        values["actions"][0].pop(key, None)
    values, errors = defn.validate(values)
    assert not errors
    _, docx, pdf = copies("cm-action-plan", "en", values=values)
    text = " ".join(pdf_pages(pdf))  # (the help above the grid names the field, not a value)
    assert not re.search(r"Original target date, if extended: \d", text)
    assert not re.search(r"Date the target was extended: \d", text)
    with_ext = " ".join(pdf_pages(copies("cm-action-plan", "en")[2]))
    assert "Original target date, if extended: 30 April 2026" in with_ext


def _many_rows(n: int) -> dict:
    defn = all_forms()["cm-action-plan"]
    values = defn.example()
    row = values["actions"][0]
    values["actions"] = [
        dict(row, issue=f"START{i:02d} " + "word " * 40 + f"END{i:02d}") for i in range(n)
    ]
    return values


def test_header_row_repeats_and_no_row_splits(copies):
    values = _many_rows(14)
    _, docx, pdf = copies("cm-action-plan", "en", values=values)
    pages = pdf_pages(pdf)
    grid_pages = [t for t in pages if "START" in t]
    assert len(grid_pages) >= 3
    for text in grid_pages:
        assert "Overall Risk Rating" in text and "Person Responsible" in text
    for i in range(14):
        holding = [n for n, t in enumerate(pages) if f"START{i:02d}" in t or f"END{i:02d}" in t]
        assert len(set(holding)) == 1, (i, holding)  # start and end of a row on one page
    rows = DocxDocument(io.BytesIO(docx)).tables
    grid = next(t for t in rows if any("Overall Risk Rating" in c.text for c in t.rows[0].cells))
    from docx.oxml.ns import qn

    assert grid.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in grid.rows)


def test_a_row_taller_than_a_page_breaks_rather_than_being_cut(copies):
    defn = all_forms()["cm-action-plan"]
    values = defn.example()
    values["actions"][0]["issue"] = "BEGIN " + "long words here " * 600 + "FINISH"
    values, errors = defn.validate(values)
    assert not errors
    _, _, pdf = copies("cm-action-plan", "en", values=values)
    text = " ".join(pdf_pages(pdf))
    assert "BEGIN" in text and "FINISH" in text  # nothing was cut off


@pytest.mark.parametrize(
    ("lang", "words"), [("en", ["DRAFT"]), ("cy", ["DRAFFT"]), ("both", ["DRAFFT", "DRAFT"])]
)
def test_draft_copies_are_marked_on_every_page_and_finals_never(copies, lang, words):
    _, docx, pdf = copies("wb-risk-assessment", lang, draft=True)
    for page in PdfReader(io.BytesIO(pdf)).pages:
        text = page.extract_text()
        assert all(w in text.split() for w in words), text[:200]
    header = DocxDocument(io.BytesIO(docx)).sections[-1].header._element.xml
    assert all(f'string="{w}' in header or f"/ {w}" in header for w in words)
    _, final_docx, final_pdf = copies("wb-risk-assessment", lang)
    for text in pdf_pages(final_pdf):
        assert "DRAFT" not in text.split() and "DRAFFT" not in text.split()
    assert "textpath" not in DocxDocument(io.BytesIO(final_docx)).sections[-1].header._element.xml


def test_word_and_pdf_agree_with_fixed_text_matrices_and_furniture(copies):
    from generator.textcheck import difference

    for form_id in SEED_PHRASES:
        for lang in ("en", "cy", "both"):
            _, docx, pdf = copies(form_id, lang)
            assert difference(docx, pdf) == ({}, {}), (form_id, lang)


def test_a_form_carries_the_organisations_logo_when_set():
    from .test_logo import image_bytes

    defn = all_forms()["wb-network-notification"]
    doc = build_form(defn, defn.example(), "both", organisation=ORG)
    doc.logo = image_bytes()
    pdf = PdfReader(io.BytesIO(render_pdf(doc)))
    assert pdf.pages[0].images  # each language's copy opens with it
    assert sum(len(p.images) for p in pdf.pages) == 2
    word = DocxDocument(io.BytesIO(render_docx(doc)))
    assert len(word.inline_shapes) == 2


def test_a_five_by_five_matrix_with_named_bands_prints_its_words():
    """The design for BP's 5 x 5 (impact x likelihood; 1–3 Low, 4–6 Moderate, 8–12 High, 15–25
    Extreme): a band may name itself, and the colour goes with that word."""
    from forms.i18n import N_
    from forms.paper import RiskMatrix
    from generator.model import Matrix
    from generator.paper import fixed_blocks

    def band(a, b):
        score = a * b
        if score >= 15:
            return ("red", N_("Extreme"))
        if score >= 8:
            return ("amber", N_("High"))
        return ("yellow", N_("Moderate")) if score >= 4 else ("green", N_("Low"))

    scale = [(n, "") for n in range(1, 6)]
    matrix = RiskMatrix(
        N_("Risk matrix"),
        "rows",
        "impact",
        "likelihood",
        scale,
        scale,
        corner=N_("Impact / Likelihood"),
        band_source="BP Appendix 2",
        score=lambda a, b: a * b,
        band=band,
        mark_label=N_("Risk issue %(rows)s"),
    )
    values = {"rows": [{"impact": 5, "likelihood": 4}, {"impact": 1, "likelihood": 2}]}
    blocks = fixed_blocks([matrix], values, None, Translator("en"))
    grid = next(b for b in blocks if isinstance(b, Matrix))
    assert len(grid.cells) == 5 and all(len(row) == 5 for row in grid.cells)
    assert grid.cells[0][3] == "20\nExtreme\nRisk issue 1"  # impact 5 (first row), likelihood 4
    assert grid.fills[0, 3] == "red" and grid.fills[4, 0] == "green"
    assert grid.cells[4][1] == "2\nLow\nRisk issue 2"
