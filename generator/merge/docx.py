"""Word files for a merge: the same document as ``render_docx``, composed without a sub-document.

``render_docx`` builds the body in a docxtpl sub-document, which opens python-docx's default
template (350 kB of styles) a second time and re-renders the template: 15 of its 45 ms per letter.
Here the body is written straight into the template with the same block writer (``_part``) and
the header placeholder is filled in with python-docx, which escapes text itself. The result says
the same thing in the same styles (tests/test_merge.py compares the two); in tables only the
unused grid widths differ, which Word recomputes from the cell widths.
"""

from __future__ import annotations

import io

from docx import Document as open_docx
from docx.enum.text import WD_BREAK

from ..docx import BASE, WORD_LANG, _part
from ..model import Document

BODY_TAG = "{{p body }}"
HEADER_TAG = "{{ header_text }}"
PAGE_TAG, OF_TAG = "{{ page_label }}", "{{ of_label }}"


def render_docx_merge(doc: Document) -> bytes:
    word = open_docx(str(BASE))
    placeholder = next(p for p in word.paragraphs if p.text.strip() == BODY_TAG)
    for i, part in enumerate(doc.parts):
        if i:
            word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _part(word, part, doc.logo)
    placeholder._p.getparent().remove(placeholder._p)
    fill = {HEADER_TAG: doc.title, PAGE_TAG: "", OF_TAG: "/"}  # letters: "1 / 2"
    for section in word.sections:
        for paragraph in section.header.paragraphs + section.footer.paragraphs:
            for run in paragraph.runs:
                for tag, value in fill.items():
                    if tag in run.text:
                        run.text = run.text.replace(tag, value)
    props = word.core_properties
    props.title, props.subject = doc.title, doc.subject
    props.language = WORD_LANG.get(doc.primary_lang, "en-GB")
    props.author = props.last_modified_by = "Dogfen"
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()
