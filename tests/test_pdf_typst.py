"""The Typst PDF: text that looks like Typst markup comes out exactly, each half of a bilingual
copy is tagged in its own language, the file claims PDF/A-3b and PDF/UA-1, a letterhead logo is
drawn, and a forked process refuses to compile instead of hanging."""

from __future__ import annotations

import io
import os
import signal
import time

import pytest
from PIL import Image
from pypdf import PdfReader

from forms.letters import get_letter
from generator.build import build_document
from generator.model import BulletList, Document, FieldRows, Heading, Paragraph, Part, Table
from generator.pdf import render_pdf
from generator.textcheck import pdf_text

# Each would do something in Typst markup or code if it were pasted into the template.
HOSTILE = [
    '#set page(fill: red) #read("/etc/passwd")',
    "$x^2$ and $ a = b $",
    "[*bold*] _em_ `raw` <label> @ref",
    "= Not a heading",
    r"back\slash \ line \n",
    "{{ 7*7 }} {% if %} #{1 + 1} #sys.inputs.doc",
    "- dash -- en --- em ... ~ +plus / term: x",
    "O'Brien & Sons <Ltd> \"quoted\" 'single'",
    "ŵ ŷ â Ŵ Ŷ ẁ ẃ ẅ ỳ office affluent finish flow",
]


STYLES = ("body", "notice", "small", "address", "signature")  # generator.model.Paragraph


def _doc(lang: str = "en") -> Document:
    part = Part(
        lang=lang,
        title=HOSTILE[0],
        notice=HOSTILE[1],
        letterhead=[HOSTILE[2], HOSTILE[3]],
        blocks=[
            Heading(HOSTILE[4]),
            Heading(HOSTILE[5], level=3),
            *(Paragraph(text, style) for text, style in zip(HOSTILE, STYLES, strict=False)),
            Paragraph("\n".join(HOSTILE), "address"),
            BulletList(HOSTILE[:3]),
            FieldRows([(HOSTILE[6], HOSTILE[7]), (HOSTILE[8], HOSTILE[0])]),
            Table(headers=HOSTILE[:3], rows=[HOSTILE[3:6], HOSTILE[6:9]]),
        ],
    )
    return Document(parts=[part], lang=lang, subject=HOSTILE[5], kind="letter")


def _lines(pdf: bytes) -> list[str]:
    return [line.strip() for line in pdf_text(pdf).splitlines()]


def test_markup_in_text_comes_out_exactly():
    pdf = render_pdf(_doc())
    lines = _lines(pdf)
    for text in HOSTILE:
        assert text in lines, (text, lines)
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.metadata.title == HOSTILE[0]
    assert len(reader.pages) <= 2  # no text turned into page breaks or giant markup
    text = pdf_text(pdf)
    assert "root:" not in text and "49" not in text.split()
    assert "Not a heading" in text and "= Not a heading" in text


def test_newlines_are_line_breaks_and_blank_lines_stay():
    doc = Document([Part("en", "T", [Paragraph("first line\n\nthird & <line>")])], "en")
    pdf = render_pdf(doc)
    assert "first line\nthird & <line>" in pdf_text(pdf)
    baselines = {}

    def seen(text, cm, tm, *_):
        if text.strip():
            baselines.setdefault(text.strip(), tm[5] * cm[3] + cm[5])

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=seen)
    pitch = 1.35 * 10  # line height 1.35 at 10 pt
    gap = baselines["first line"] - baselines["third & <line>"]
    assert gap == pytest.approx(2 * pitch, abs=0.5)  # the empty line is kept


def _effective_langs(pdf: bytes) -> list[tuple[str, str]]:
    """(structure type, language) of each element under the document element, the language
    inherited from the element's parents or the catalogue when it has none of its own."""
    root = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    found = []

    def walk(node, lang):
        lang = str(node.get("/Lang", lang))
        if node.get("/S") not in (None, "/Document"):
            found.append((str(node["/S"]), lang))
            return  # the parts' blocks are enough
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if hasattr(kid, "get") and kid.get("/S") is not None:
                walk(kid, lang)

    walk(root["/StructTreeRoot"].get_object(), root["/Lang"])
    return found


def test_bilingual_letter_tags_each_half_in_its_language():
    defn = get_letter("family-home-closure")
    pdf = render_pdf(build_document(defn, defn.example(), "both"))
    assert PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Lang"] == "cy"
    elements = _effective_langs(pdf)
    titles = [i for i, (kind, _) in enumerate(elements) if kind == "/H1"]
    assert len(titles) == 2
    # each half opens with the same frame (letterhead, address, date lines) before its title
    head = titles[0]
    welsh, english = elements[: titles[1] - head], elements[titles[1] - head :]
    assert welsh and {lang for _, lang in welsh} == {"cy"}
    assert english and {lang for _, lang in english} == {"en"}


def test_pdf_claims_pdf_a3b_and_pdf_ua1():
    defn = get_letter("family-home-closure")
    reader = PdfReader(io.BytesIO(render_pdf(build_document(defn, defn.example(), "cy"))))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert "<pdfaid:part>3</pdfaid:part>" in xmp and "<pdfaid:conformance>B" in xmp
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]


def _logo(fmt: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 100), (0, 94, 165)).save(out, fmt)
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_letterhead_logo_is_drawn_on_each_part(fmt):
    defn = get_letter("family-home-closure")
    doc = build_document(defn, defn.example(), "both", logo=_logo(fmt))
    reader = PdfReader(io.BytesIO(render_pdf(doc)))
    with_image = [i for i, page in enumerate(reader.pages) if page.images]
    assert len(with_image) == 2 and with_image[0] == 0
    image = reader.pages[0].images[0].image
    assert image.size == (300, 100)


def test_forked_child_of_a_compiling_process_refuses_rather_than_hangs():
    render_pdf(_doc())  # this process has started Typst's threads
    pid = os.fork()
    if pid == 0:  # pragma: no cover (child)
        try:
            render_pdf(_doc())
        except RuntimeError:
            os._exit(0)
        os._exit(1)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            assert os.waitstatus_to_exitcode(status) == 0
            return
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    pytest.fail("the forked child hung in Typst")


def test_headings_that_skip_a_level_and_letters_no_font_has_still_render():
    blocks = [Heading("Skips to three", 3), Paragraph("Chinese 漢字 and Welsh ŵ")]
    pdf = render_pdf(Document([Part("en", "T", blocks)], "en"))
    text = pdf_text(pdf)
    assert "Skips to three" in text and "Welsh ŵ" in text


def test_threads_render_at_once():
    """A web server renders from several threads; one Typst compiler refuses a second caller."""
    from concurrent.futures import ThreadPoolExecutor

    defn = get_letter("family-home-closure")
    docs = [build_document(defn, defn.example(), lang) for lang in ("en", "cy", "both") * 4]
    with ThreadPoolExecutor(max_workers=4) as pool:
        pdfs = list(pool.map(render_pdf, docs))
    assert [PdfReader(io.BytesIO(p)).trailer["/Root"]["/Lang"] for p in pdfs] == [
        "en" if d.lang == "en" else "cy" for d in docs
    ]
