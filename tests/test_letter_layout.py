"""Letters read as letters: the address sits in a DL envelope's window, the letterhead is at the
top right, the sign-off stays with the signatory, facts are prose and the greeting is a name."""

from __future__ import annotations

import io

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm
from pypdf import PdfReader

from forms.letters import all_letters, get_letter
from generator.docx import render_docx
from generator.letters import build_letter, greeting
from generator.model import FieldRows, Table
from generator.pdf import render_pdf

A4_HEIGHT, MM = 841.89, 72 / 25.4  # points
FAMILY = sorted(k for k, d in all_letters().items() if d.recipient == "family")


def _lines(pdf: bytes) -> list[tuple[int, str, float, float]]:
    """(page, text, x, y from the top in mm) of every piece of text pypdf reads."""
    found = []
    for n, page in enumerate(PdfReader(io.BytesIO(pdf)).pages):

        def visit(text, cm, tm, font, size, n=n):
            if text.strip():  # the text's origin, through the text and then the page matrix
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                found.append((n, text.strip(), x / MM, (A4_HEIGHT - y) / MM))

        page.extract_text(visitor_text=visit)
    return found


def _at(lines, start: str):
    return next(line for line in lines if line[1].startswith(start))


def _letter(letter_id="family-home-closure", lang="en", **changes):
    defn = get_letter(letter_id)
    values = defn.example() | changes
    return build_letter(defn, values, lang), values


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_pdf_address_sits_in_the_window_and_letterhead_at_the_right(lang):
    doc, values = _letter(lang=lang)
    lines = _lines(render_pdf(doc))
    _, _, x, y = _at(lines, values["recipient_name"])
    assert 45 <= y <= 52 and 18 <= x <= 25, (x, y)
    # the address's following lines follow it down the window
    _, _, _, y2 = _at(lines, values["recipient_address"].split("\n")[0])
    assert y < y2 < 90
    # the organisation's name starts right of the page's middle (the letterhead is right-aligned)
    org = values[f"org_name_{lang}"]
    page, _, org_x, org_y = _at(lines, org)
    assert page == 0 and org_x > 105 and org_y < 45
    # the body starts below the window
    assert _at(lines, "Dear " if lang == "en" else "Annwyl ")[3] > 90


def test_word_address_is_a_frame_fixed_where_the_window_is():
    doc, values = _letter()
    word = docx.Document(io.BytesIO(render_docx(doc)))
    para = next(p for p in word.paragraphs if p.text.startswith(values["recipient_name"]))
    frame = para._p.pPr.find(qn("w:framePr"))
    assert frame is not None
    assert frame.get(qn("w:vAnchor")) == "page" and frame.get(qn("w:hAnchor")) == "page"
    assert Mm(45).twips <= int(frame.get(qn("w:y"))) <= Mm(50).twips
    assert Mm(18).twips <= int(frame.get(qn("w:x"))) <= Mm(25).twips
    assert frame.get(qn("w:wrap")) == "notBeside"
    head = next(p for p in word.paragraphs if values["org_name_en"] in p.text)
    assert head.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    top = head._p.pPr.find(qn("w:framePr"))
    assert top.get(qn("w:xAlign")) == "right" and int(top.get(qn("w:y"))) < Mm(45).twips
    # the date and reference lines come after the address, before the greeting
    texts = [p.text for p in word.paragraphs]
    i = texts.index(para.text)
    assert texts[i + 1] == "9 March 2026" and texts[i + 2].startswith("Our reference: ")


def test_closing_and_signatory_never_part_across_pages():
    defn = get_letter("provider-ec-meeting-invitation")
    values = defn.example()
    checked = 0
    for n in range(36, 64, 2):  # body lengths that bring the sign-off to the foot of page 1
        values["concerns"] = "\n".join(f"Concern number {i} is recorded here." for i in range(n))
        lines = _lines(render_pdf(build_letter(defn, values, "en")))
        closing = _at(lines, "Yours sincerely")
        signatory = _at(lines, values["signatory_name"][:10])
        welcome = _at(lines, "We welcome correspondence")
        assert closing[0] == signatory[0], n
        checked += closing[0] > welcome[0]  # the sign-off moved on whole
    assert checked  # at least one length pushed it over a page
    word = docx.Document(io.BytesIO(render_docx(build_letter(defn, values, "en"))))
    paras = word.paragraphs
    i = next(i for i, p in enumerate(paras) if p.text == "Yours sincerely,")
    assert paras[i].paragraph_format.keep_with_next
    assert paras[i + 1].text.startswith(values["signatory_name"])
    assert paras[i + 1].paragraph_format.keep_together


@pytest.mark.parametrize("letter_id", FAMILY + ["provider-ec-status", "network-notification"])
@pytest.mark.parametrize("lang", ["en", "cy", "both"])
def test_letters_have_no_tables(letter_id, lang):
    doc, _ = _letter(letter_id, lang)
    assert not [b for p in doc.parts for b in p.blocks if isinstance(b, FieldRows | Table)]
    assert docx.Document(io.BytesIO(render_docx(doc))).tables == []


@pytest.mark.parametrize(
    ("name", "salutation", "en", "cy"),
    [
        ("Ms Ann Pryce", None, "Dear Ms Pryce,", "Annwyl Ms Pryce,"),
        ("Dr. Rhys ap Iorwerth, Registered Manager", None, "Dear Dr. Iorwerth,", None),
        ("Ms Ann Pryce", {"en": "Ann", "cy": "Ann"}, "Dear Ann,", "Annwyl Ann,"),
        ("The Registered Manager", None, "Dear Sir or Madam,", "Annwyl Syr neu Fadam,"),
    ],
)
def test_salutations(name, salutation, en, cy):
    for lang, expected in (("en", en), ("cy", cy)):
        if expected is None:
            continue
        doc, _ = _letter(
            "provider-process-started", lang, recipient_name=name, salutation=salutation
        )
        texts = [b.text for b in doc.parts[0].blocks if hasattr(b, "text")]
        assert expected in texts
        word = docx.Document(io.BytesIO(render_docx(doc)))
        assert expected in [p.text for p in word.paragraphs]
        assert expected in [line[1] for line in _lines(render_pdf(doc))]


def test_greeting_rules():
    assert greeting({"recipient_name": "Mrs Ann Morgan"}) == "Mrs Morgan"
    assert greeting({"recipient_name": "Ann Morgan"}) is None
    assert greeting({"recipient_name": "Mrs Ann Morgan", "salutation": " Annie "}) == "Annie"
    assert greeting({"recipient_name": None}) is None


@pytest.mark.parametrize("letter_id", sorted(all_letters()))
@pytest.mark.parametrize("lang", ["en", "cy"])
def test_every_letter_welcomes_welsh_and_gives_contact_details(letter_id, lang):
    doc, values = _letter(letter_id, lang)
    part = doc.parts[0]
    words = " ".join([*part.letterhead, *(b.text for b in part.blocks if hasattr(b, "text"))])
    welcome = {"en": "We welcome correspondence in Welsh", "cy": "croesawu gohebiaeth yn Gymraeg"}
    assert welcome[lang] in words
    assert values["org_phone"] in words and values["org_email"] in words
    assert part.closing and part.closing.signatory[0] == values["signatory_name"]
