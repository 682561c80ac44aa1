"""Imported once by the merge's fork server, so every worker starts warm.

Workers are forked from the fork server and replaced after every chunk (memory stays flat), so
whatever is loaded here is paid for once per merge rather than once per chunk: the renderers'
modules, WeasyPrint's fonts and stylesheet, the Welsh catalogue, every letter's compiled templates
and a first layout in each language. It runs in a single thread, so forking afterwards is safe.
"""

from __future__ import annotations

import gc

from forms.i18n import Translator
from forms.letters import all_letters

from . import merge_render  # noqa: F401  (what the workers run)
from .build import build_document
from .docx import render_docx
from .model import Document, Paragraph, Part
from .pdf import render_pdf


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
        render_pdf(doc)
        render_docx(doc)


warm_up()
# Workers need not scan what they inherit: faster collections, and pages stay shared.
gc.freeze()
