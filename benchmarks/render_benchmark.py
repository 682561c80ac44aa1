"""Time to build and render one document, per form or letter and format (medians, warm process).

    python benchmarks/render_benchmark.py [--repeat 5] [--lang both]

Prints figures; asserts nothing (targets: well under a second per document).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
from functools import partial

from forms import all_forms
from generator.build import build_document
from generator.render import render_docx, render_pdf
from web.registry import all_letters


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
        pdf = median_ms(partial(render_pdf, doc), args.repeat)
        worst = max(worst, build + docx + pdf)
        print(f"{doc_id:40} {build:9.1f} {docx:9.1f} {pdf:9.1f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"slowest document, build + DOCX + PDF: {worst:.0f} ms; peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
