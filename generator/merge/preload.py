"""Imported once by the merge's fork server, so every worker starts warm.

Workers are forked from the fork server and replaced after every chunk (memory stays flat), so
whatever is loaded here is paid for once per merge rather than once per chunk: the renderers'
modules, the Welsh catalogue, every letter's compiled templates, a first Word file in each
language, and Typst's fonts and an idle compiler. Typst compiles nothing here: its first compile
starts threads, which a forked worker would not have (``generator.pdf``). It runs in a single
thread, so forking afterwards is safe.
"""

from __future__ import annotations

import gc

from forms.i18n import Translator
from forms.letters import all_letters

from .. import pdf
from ..build import build_document
from ..docx import render_docx
from ..model import Document, Paragraph, Part
from . import render  # noqa: F401  (what the workers run)


def warm_up() -> None:
    for defn in all_letters().values():
        for lang in ("en", "cy"):
            try:
                build_document(defn, defn.example(), lang)
            except Exception:  # noqa: BLE001, S112 (a broken letter fails in its own merge)
                continue
    for lang in ("en", "cy"):
        t = Translator(lang)
        part = Part(lang, t("Letter"), [Paragraph("Ŵ ŷ â ’ “ ”\n**")], letterhead=["-"])
        doc = Document([part], lang, kind="letter")
        render_docx(doc)
        pdf.inputs(doc)
    pdf.release(pdf.borrow())  # fonts loaded and a compiler made, not yet used


warm_up()
# Workers need not scan what they inherit: faster collections, and pages stay shared.
gc.freeze()
