"""Every form in every language and format: the file opens, holds the example's values, and its
Word and PDF text agree word for word."""

from __future__ import annotations

import io

import pytest
from docx import Document as DocxDocument
from pypdf import PdfReader

from forms import all_forms
from forms.i18n import Translator
from generator.build import build_form
from generator.render import render_docx, render_pdf
from generator.textcheck import difference, docx_text, pdf_text

from .helpers import bare, free_text_values

FORMS = sorted(all_forms())
LANGS = ("en", "cy", "both")


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def rendered():
    """Render each form × language once for the module (PDF layout is the slow part)."""
    cache = {}

    def get(form_id, lang):
        if (form_id, lang) not in cache:
            defn = all_forms()[form_id]
            values = defn.example()
            doc = build_form(defn, values, lang)
            cache[form_id, lang] = (defn, values, render_docx(doc), render_pdf(doc))
        return cache[form_id, lang]

    return get


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("form_id", FORMS)
def test_docx_and_pdf_say_the_same(rendered, form_id, lang):
    defn, values, docx, pdf = rendered(form_id, lang)
    assert DocxDocument(io.BytesIO(docx)).paragraphs, "DOCX has no paragraphs"
    assert len(PdfReader(io.BytesIO(pdf)).pages) >= 1
    only_docx, only_pdf = difference(docx, pdf)
    assert not only_docx and not only_pdf, (only_docx, only_pdf)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("form_id", FORMS)
def test_example_values_survive_exactly(rendered, form_id, lang):
    defn, values, docx, pdf = rendered(form_id, lang)
    word, pdf_bare = docx_text(docx), bare(pdf_text(pdf))
    expected = list(free_text_values(defn, values))
    assert expected, "the example has no free text to check"
    for code in ("cy", "en") if lang == "both" else (lang,):
        t = Translator(code)
        for field, value in expected:
            shown = field.display(value, t)  # a default from the seed is shown translated
            assert shown in word, shown  # exactly, line breaks included
            assert bare(shown) in pdf_bare, shown


@pytest.mark.parametrize("form_id", FORMS)
def test_welsh_copy_carries_welsh_labels(rendered, form_id):
    defn, _, docx, pdf = rendered(form_id, "cy")
    cy, en = Translator("cy"), Translator("en")
    title = cy(defn.title)
    assert title != en(defn.title), "the Welsh title is not translated"
    first_section = cy(defn.sections[0].title)
    for text in (squash(docx_text(docx)), squash(pdf_text(pdf))):
        assert title in text and first_section in text


@pytest.mark.parametrize("form_id", FORMS)
def test_bilingual_copy_is_welsh_first(rendered, form_id):
    defn, _, docx, pdf = rendered(form_id, "both")
    cy_title, en_title = Translator("cy")(defn.title), Translator("en")(defn.title)
    for text in (squash(docx_text(docx)), squash(pdf_text(pdf))):
        assert text.index(cy_title) < text.index(en_title, text.index(cy_title) + len(cy_title))


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_metadata_has_title_and_language(rendered, lang):
    defn, _, _, pdf = rendered("cm-action-plan", lang)
    reader = PdfReader(io.BytesIO(pdf))
    assert Translator("cy" if lang != "en" else "en")(defn.title) in reader.metadata.title
    assert reader.trailer["/Root"]["/Lang"] == ("en" if lang == "en" else "cy")


def test_welsh_dates_use_babel_month_names(rendered):
    _, values, docx, pdf = rendered("cm-action-plan", "cy")
    assert values["started_on"] == "2026-03-02"
    assert "2 Mawrth 2026" in docx_text(docx) and "2 Mawrth 2026" in pdf_text(pdf)


def test_pdf_embeds_a_font_with_welsh_letters(rendered):
    _, _, _, pdf = rendered("cm-action-plan", "cy")
    reader = PdfReader(io.BytesIO(pdf))
    fonts = {
        str(f["/BaseFont"]) for page in reader.pages for f in page["/Resources"]["/Font"].values()
    }
    assert any("DejaVu" in name for name in fonts), fonts
    text = pdf_text(pdf)
    assert all(letter in text for letter in "ŵŷâ"), text  # from the Welsh example answers


def test_adversarial_text_survives_both_formats():
    defn = all_forms()["cm-action-plan"]
    values = defn.example()
    nasty = 'O\'Brien & Sons <Ltd> "quoted" {{ 7*7 }} {% if %} </w:t></w:r> ŵ ŷ â'
    values["provider"] = nasty
    values["actions"][0]["issue"] = "first line\nsecond & <third>"
    doc = build_form(defn, values, "en")
    docx, pdf = render_docx(doc), render_pdf(doc)
    assert nasty in docx_text(docx)
    assert "first line\nsecond & <third>" in docx_text(docx)
    assert bare(nasty) in bare(pdf_text(pdf))
    assert "first line\nsecond & <third>" in pdf_text(pdf)
    assert "49" not in docx_text(docx).split()
