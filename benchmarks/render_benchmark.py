"""Time to build and render one document, per form or letter and format (medians, warm process).

    python benchmarks/render_benchmark.py [--repeat 5] [--lang both]

Prints figures; asserts nothing (targets: well under a second per document).

Typst remembers the layout of what it has laid out before, so each PDF timing renders a document
whose every text differs from the last ones (a counter is added): the figures are those of new
documents, not of the same one again. A cold ``dogfen render`` (a new process) is timed too.
"""

from __future__ import annotations

import argparse
import copy
import itertools
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

from forms import all_forms
from generator.build import build_document
from generator.model import (
    BulletList,
    FieldRows,
    Heading,
    Landscape,
    Matrix,
    NumberedList,
    Paragraph,
    Signature,
    Table,
)
from generator.render import render_docx, render_pdf
from web.core.registry import all_letters

_count = itertools.count()


def fresh(doc):
    """The same document with a new number after every text, so nothing is laid out from memory."""
    n, doc = f" {next(_count)}", copy.deepcopy(doc)
    for part in doc.parts:
        part.title += n
        _fresh_blocks(part.blocks, n)
    return doc


def _fresh_blocks(blocks: list, n: str) -> None:
    for b in blocks:
        if isinstance(b, Heading | Paragraph):
            b.text += n
        elif isinstance(b, BulletList | NumberedList):
            b.items = [i + n for i in b.items]
        elif isinstance(b, FieldRows | Signature):
            b.rows = [(label + n, value + n) for label, value in b.rows]
        elif isinstance(b, Table):
            b.rows = [[c + n for c in row] for row in b.rows]
        elif isinstance(b, Matrix):
            b.cells = [[c + n for c in row] for row in b.cells]
        elif isinstance(b, Landscape):
            _fresh_blocks(b.blocks, n)


def median_new_pdf_ms(doc, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        new = fresh(doc)
        start = time.perf_counter()
        render_pdf(new)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def cold_render_s(doc_id: str, lang: str, repeat: int) -> float:
    """Seconds for ``dogfen render`` to write a PDF from a new process (median)."""
    defn = {**all_forms(), **all_letters()}[doc_id]
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp, "data.json")
        data.write_text(json.dumps(defn.example()), encoding="utf-8")
        dogfen = [sys.executable, "-c", "from web.cli import main; main()"]
        cmd = [*dogfen, "render", doc_id, "--data", str(data), "--lang", lang,
               "--format", "pdf", "--out", str(Path(tmp, "out.pdf"))]  # fmt: skip
        for _ in range(repeat):
            start = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True)
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--lang", choices=["en", "cy", "both"], default="both")
    args = ap.parse_args()
    definitions = {**all_forms(), **all_letters()}
    render_pdf(
        build_document(all_forms()["cm-action-plan"], all_forms()["cm-action-plan"].example(), "en")
    )  # warm
    print(f"{'document':40} {'build ms':>9} {'docx ms':>9} {'pdf ms':>9}")
    worst = 0.0
    for doc_id, defn in sorted(definitions.items()):
        values = defn.example()
        build = median_ms(partial(build_document, defn, values, args.lang), args.repeat)
        doc = build_document(defn, values, args.lang)
        docx = median_ms(partial(render_docx, doc), args.repeat)
        pdf = median_new_pdf_ms(doc, args.repeat)
        worst = max(worst, build + docx + pdf)
        print(f"{doc_id:40} {build:9.1f} {docx:9.1f} {pdf:9.1f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"slowest document, build + DOCX + PDF: {worst:.0f} ms; peak memory {peak:.0f} MB")
    cold = cold_render_s("family-home-closure", "both", args.repeat)
    print(f"cold `dogfen render family-home-closure --lang both --format pdf`: {cold:.2f} s")


if __name__ == "__main__":
    main()
