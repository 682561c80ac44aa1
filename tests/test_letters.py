"""Every letter builds in English, Welsh and both, keeps its values exactly, and renders to DOCX and
PDF that say the same thing."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from forms.bilingual import is_translatable
from forms.fields import Date, Group, LongText, Text
from forms.letters import LetterDefinition, all_letters, get_letter
from forms.schema import json_schema
from generator.letters import TEMPLATES_DIR, LetterError, build_letter, html_blocks
from generator.model import BulletList, FieldRows, Heading, Paragraph

LETTERS = sorted(all_letters())
LANGS = ("en", "cy", "both")
TEXT = "O'Brien & Sons <Ltd> “quoted” ŵ ŷ {{ 7*7 }}"
LONG = 'Said "quotes" & <b>tags</b>;\nsecond line with ŵ ŷ â\n\nand a third'
WELCOME = {
    "en": "We welcome correspondence in Welsh.",
    "cy": "Rydym yn croesawu gohebiaeth yn Gymraeg.",
}


def part_text(part) -> str:
    out = list(part.letterhead or []) + list(part.recipient_address or []) + part.date_lines
    out += [part.title, part.notice or ""]
    for b in part.blocks:
        if isinstance(b, (Heading, Paragraph)):
            out.append(b.text)
        elif isinstance(b, BulletList):
            out.extend(b.items)
        elif isinstance(b, FieldRows):
            out.extend(f"{k}\n{v}" for k, v in b.rows)
    if part.closing:
        out += [part.closing.valediction, *part.closing.signatory]
    return "\n".join(out)


def shown_in(name: str, lang: str) -> bool:
    """Fields held in the other language are not expected in a single-language copy."""
    return not (lang == "en" and name.endswith("_cy") or lang == "cy" and name.endswith("_en"))


def _in_langs(value, lang: str) -> list[str]:
    """A translatable answer is printed in each part's own language."""
    if isinstance(value, dict):
        return [value[x] for x in (("cy", "en") if lang == "both" else (lang,))]
    return [value]


def expected_strings(defn, values: dict, lang: str):
    """(field, text) pairs that the letter in ``lang`` must hold exactly."""
    from forms.i18n import Translator

    for m in defn.members():
        value = values.get(m.name)
        if value is None or not shown_in(m.name, lang):
            continue
        if isinstance(m, Group):
            for row in value:
                for f in m.fields:
                    if (
                        isinstance(f, (Text, LongText))
                        and row.get(f.name)
                        and shown_in(f.name, lang)
                    ):
                        for text in _in_langs(row[f.name], lang):
                            yield f"{m.name}.{f.name}", text
        elif isinstance(m, (Text, LongText)):
            for text in _in_langs(value, lang):
                yield m.name, text
        elif isinstance(m, Date):
            langs = ("cy", "en") if lang == "both" else (lang,)
            dates = [Translator(x).date(dt.date.fromisoformat(value)) for x in langs]
            yield m.name, dates[0]


def test_catalogue_letters_are_all_there():
    assert len(LETTERS) >= 2
    for letter_id in LETTERS:
        defn = get_letter(letter_id)
        assert isinstance(defn, LetterDefinition)
        assert defn.kind == "letter"
        for lang in ("en", "cy"):
            assert (TEMPLATES_DIR / lang / defn.template).is_file(), (lang, letter_id)


@pytest.mark.parametrize("letter_id", LETTERS)
def test_example_is_valid_and_has_a_schema(letter_id):
    defn = get_letter(letter_id)
    values, errors = defn.validate(defn.example())
    assert errors == []
    schema = json_schema(defn)
    for name in ("org_name_en", "org_name_cy", "org_nation", "signatory_name", "letter_date"):
        assert name in schema["properties"]
    assert "letter_date" in schema["required"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("letter_id", LETTERS)
def test_builds_with_its_example_values(letter_id, lang):
    defn = get_letter(letter_id)
    values = defn.example()
    doc = build_letter(defn, values, lang)
    assert doc.kind == "letter" and doc.lang == lang
    assert [p.lang for p in doc.parts] == {"en": ["en"], "cy": ["cy"], "both": ["cy", "en"]}[lang]
    text = "\n".join(part_text(p) for p in doc.parts)
    for name, expected in expected_strings(defn, values, lang):
        assert expected in text, (name, expected)
    for part in doc.parts:
        assert part.letterhead and part.letterhead[0] == values[f"org_name_{part.lang}"]
        assert WELCOME[part.lang] in part_text(part)
        assert part.title
    if lang != "en":
        welsh = part_text(doc.parts[0])
        for english in ("Dear ", "Yours sincerely", "Re: ", "Telephone", "Our reference"):
            assert english not in welsh


def _adv(f, text: str):
    """The awkward text, as a pair for a translatable answer (so both copies print it)."""
    return {"cy": text, "en": text} if is_translatable(f) else text


def adversarial(defn) -> dict:
    values = defn.example()
    for m in defn.members():
        if isinstance(m, LongText):
            values[m.name] = _adv(m, LONG)
        elif isinstance(m, Text):
            values[m.name] = _adv(m, TEXT)
        elif isinstance(m, Group):
            values[m.name] = [
                {
                    f.name: _adv(f, LONG if isinstance(f, LongText) else TEXT)
                    for f in m.fields
                    if isinstance(f, Text)
                }
                | {k: v for k, v in row.items() if not isinstance(v, str | dict)}
                for row in values.get(m.name) or [{}]
            ]
    return values


@pytest.mark.parametrize("letter_id", LETTERS)
def test_adversarial_values_survive_exactly(letter_id):
    defn = get_letter(letter_id)
    values = adversarial(defn)
    doc = build_letter(defn, values, "both")
    text = "\n".join(part_text(p) for p in doc.parts)
    assert TEXT in text
    assert "{{ 7*7 }}" in text and "49" not in text
    if any(isinstance(m, LongText) for m in defn.members()):
        assert LONG in text


@pytest.mark.parametrize("letter_id", LETTERS)
def test_missing_required_value_is_refused_by_name(letter_id):
    defn = get_letter(letter_id)
    values = defn.example()
    del values["org_name_cy"]
    with pytest.raises(LetterError) as caught:
        build_letter(defn, values, "cy")
    assert "“Organisation name in Welsh”" in str(caught.value)
    assert [e.path for e in caught.value.errors] == ["org_name_cy"]


def test_unknown_language_is_refused():
    defn = get_letter(LETTERS[0])
    with pytest.raises(ValueError):
        build_letter(defn, defn.example(), "fr")


def test_template_html_outside_the_subset_is_refused():
    with pytest.raises(ValueError):
        html_blocks("<p>fine</p><script>alert(1)</script>")
    with pytest.raises(ValueError):
        html_blocks("loose text")


def test_layout_whitespace_is_tidied_but_values_keep_theirs():
    value = "\ue000a  b\nc\ue001"
    blocks = html_blocks(f"<p>\n  Hello\n   there {value}\n <br>\n  next  </p>")
    assert blocks == [Paragraph("Hello there a  b\nc\nnext")]


def test_bilingual_welsh_first_and_complete():
    defn = get_letter("family-concerns-raised")
    doc = build_letter(defn, defn.example(), "both")
    assert doc.parts[0].lang == "cy" and doc.parts[1].lang == "en"
    assert doc.parts[0].title == "Pryderon am safonau gofal"
    assert doc.parts[1].title == "Concerns about standards of care"


def test_regulator_follows_the_nation():
    defn = get_letter("family-concerns-raised")
    values = defn.example()
    values["org_nation"] = "england"
    doc = build_letter(defn, values, "both")
    cy, en = (part_text(p) for p in doc.parts)
    assert "Care Quality Commission" in en and "Care Inspectorate Wales" not in en
    assert "Y Comisiwn Ansawdd Gofal" in cy and "Arolygiaeth Gofal Cymru" not in cy


# --- rendered files ------------------------------------------------------------------------------

render = pytest.importorskip("generator.render")


def _words(counter):
    return {w: n for w, n in counter.items() if w != "•"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("letter_id", LETTERS)
def test_docx_and_pdf_say_the_same(letter_id, lang):
    import docx
    from pypdf import PdfReader

    from generator.textcheck import docx_words, pdf_words

    defn = get_letter(letter_id)
    doc = build_letter(defn, adversarial(defn), lang)
    data_docx, data_pdf = render.render_docx(doc), render.render_pdf(doc)
    docx.Document(io.BytesIO(data_docx))
    assert len(PdfReader(io.BytesIO(data_pdf)).pages) >= 1
    assert _words(docx_words(data_docx)) == _words(pdf_words(data_pdf))
    words = _words(pdf_words(data_pdf))
    for w in TEXT.split():
        assert w in words
