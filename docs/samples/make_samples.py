"""Rebuilds the PNG samples in this folder: each form's example (and one family letter) as its
final PDF would print, in English, Welsh and both, so a reviewer can see the documents without
running the project.

    PYTHONPATH=. python docs/samples/make_samples.py      # needs pdftoppm (poppler-utils)

Two pages of each at 80 dpi; for the forms whose grid is landscape, its first landscape page too.
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import tempfile
from pathlib import Path

from pypdf import PdfReader

from forms import all_forms
from generator.build import build_document
from generator.render import render_pdf
from web.core.registry import all_letters

HERE = Path(__file__).resolve().parent
ORG = {"en": "Example County Council", "cy": "Cyngor Sir Enghreifftiol"}
LETTER = "family-home-closure"
FACTS = [
    ("Case file", lambda t: "Tŷ Gwyn Care Home Ltd"),
    ("Finalised by", lambda t: "Siân Hughes"),
    ("Finalised on", lambda t: t.date(dt.date(2026, 3, 2))),
]


def pages_to_show(pdf: bytes) -> list[int]:
    boxes = [p.mediabox for p in PdfReader(io.BytesIO(pdf)).pages]
    wanted = [1, 2][: len(boxes)]
    landscape = next((n for n, b in enumerate(boxes, 1) if b.width > b.height), None)
    if landscape and landscape not in wanted:
        wanted.append(landscape)
    return wanted


def save_pngs(pdf: bytes, stem: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "doc.pdf")
        path.write_bytes(pdf)
        for page in pages_to_show(pdf):
            out = HERE / f"{stem}-p{page}"
            pages = ["-f", str(page), "-l", str(page)]
            command = ["pdftoppm", "-r", "80", "-png", "-singlefile", *pages, str(path), str(out)]
            subprocess.run(command, check=True)


def main() -> None:
    for old in HERE.glob("*-p[0-9]*.png"):  # this script's own pages only
        old.unlink()
    for form_id, defn in sorted(all_forms().items()):
        for lang in ("en", "cy", "both"):
            doc = build_document(
                defn, defn.example(), lang, footer_rows=FACTS, organisation=ORG, version=1
            )
            save_pngs(render_pdf(doc), f"{form_id}-{lang}")
    letter = all_letters()[LETTER]
    for lang in ("en", "cy", "both"):
        save_pngs(render_pdf(build_document(letter, letter.example(), lang)), f"{LETTER}-{lang}")


if __name__ == "__main__":
    main()
