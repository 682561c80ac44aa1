"""Mail-merge speed and memory: N recipients in mixed languages -> every output of a merge, and,
in the same run, one letter at a time and LibreOffice for comparison.

    python benchmarks/merge_benchmark.py              # 1,000 letters; one at a time on 200
    python benchmarks/merge_benchmark.py --n 10000    # also 10,000: does peak memory grow?

One letter at a time is timed two ways, each in a fresh process after one warm-up letter:
"naive" is the plain use of the libraries (``typst.compile`` of the template per letter, which
loads the fonts every time, and ``render_docx``); "single" is ``dogfen render``'s own path
(``render_pdf``: fonts loaded once, a compiler reused, and ``render_docx``).

When LibreOffice (``soffice``) is installed, the merge's own Word files are also converted to PDF
by it, 200 per call, on as many processes as the merge has workers (each with its own profile),
and every PDF is counted (LibreOffice can exit 0 having written only some of them).

Peak memory is sampled from /proc every 250 ms: the RSS of the largest single process, and the PSS
summed over this process and all its descendants (the pool's workers are children of the fork
server, and share its pages).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

LANGS = ["en", "cy", "unknown", "en", "cy", "both", "en", "unknown", "cy", "en"]
NAMES = ["Mrs Siân O'Brien", "Mr Dafydd ap Gwŷr", "Ms Eleri Jones & family", "=Mr Ŵyn", "Dr Rhys"]


def rows(n: int) -> list[dict]:
    return [
        {
            "recipient_name": f"{NAMES[i % len(NAMES)]} {i + 1}",
            "recipient_address": f"{i + 1} Heol y Bryn\nAberaeron\nSA46 {i % 9}AA",
            "salutation": None if i % 3 else f"{NAMES[i % len(NAMES)].split()[0]} {i + 1}",
            "resident_name": f"Resident {i + 1} ŷ",
            "language": LANGS[i % len(LANGS)],
        }
        for i in range(n)
    ]


def _memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of a process: PSS shares each page among the processes that map it, so the
    sum over the workers and the fork server they were forked from is not counted twice."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


def _descendants(root: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            parents.setdefault(ppid, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(parents.get(pid, []))
    return found


class MemorySampler(threading.Thread):
    """Peak RSS of the largest process, and peak PSS summed over the whole process tree."""

    def __init__(self, interval: float = 0.25):
        super().__init__(daemon=True)
        self.interval, self.stop = interval, threading.Event()
        self.peak_total = self.peak_single = 0

    def run(self):
        while not self.stop.is_set():
            sizes = [_memory_kb(pid) for pid in _descendants(os.getpid())]
            self.peak_total = max(self.peak_total, sum(pss for _, pss in sizes))
            self.peak_single = max(self.peak_single, max((rss for rss, _ in sizes), default=0))
            self.stop.wait(self.interval)

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.join()


def mb(kb: int) -> str:
    return f"{kb / 1024:.0f} MB"


def libreoffice(docx: list[Path], out: Path, per_call: int, procs: int) -> float:
    """Seconds for LibreOffice to convert ``docx`` to PDF, ``per_call`` files per call, ``procs``
    calls at a time (each its own user profile, as two instances cannot share one)."""
    soffice = shutil.which("soffice")
    batches = [docx[i : i + per_call] for i in range(0, len(docx), per_call)]
    out.mkdir()
    t0 = time.perf_counter()
    running: list[subprocess.Popen] = []
    for n, batch in enumerate(batches):
        if len(running) >= procs:
            running.pop(0).wait()
        profile = (out / f".profile{n % procs}").as_uri()
        cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(out), *map(str, batch)]  # fmt: skip
        running.append(subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    for proc in running:
        proc.wait()
    seconds = time.perf_counter() - t0
    made = len(list(out.glob("*.pdf")))
    assert made == len(docx), f"LibreOffice wrote {made} of {len(docx)} PDFs"
    return seconds


def merge_once(defn, case, n: int, workers: int, chunk: int, lo_per_call: int = 0) -> dict:
    from generator.merge import plan_merge, run_merge

    t0 = time.perf_counter()
    recipients, problems = plan_merge(defn, case, rows(n))
    assert not problems, problems[:3]
    planned = time.perf_counter() - t0
    lo = None
    with tempfile.TemporaryDirectory() as tmp:
        with MemorySampler() as mem:
            t1 = time.perf_counter()
            result = run_merge(defn, recipients, Path(tmp) / "out", workers=workers, chunk=chunk)
            wall = time.perf_counter() - t1
        size = sum(p.stat().st_size for p in (Path(tmp) / "out").iterdir())
        if lo_per_call and shutil.which("soffice"):
            docx = [Path(tmp) / "out" / letter.docx for letter in result.letters]
            lo = libreoffice(docx, Path(tmp) / "lo", lo_per_call, workers)
    return {
        "lo": lo,
        "n": n,
        "plan": planned,
        "wall": wall,
        "rate": n / wall,
        "pages": sum(letter.pages for letter in result.letters),
        "print_pages": result.combined_pages,
        "bytes": size,
        "peak_total": mem.peak_total,
        "peak_single": mem.peak_single,
    }


def one_at_a_time(letter_id: str, n: int, way: str) -> None:
    """Child process: ``n`` letters one after another, timed after a warm-up letter; prints the
    seconds and the peak memory in kB."""
    import resource

    import typst

    from forms.letters import get_letter
    from generator.build import build_document
    from generator.docx import render_docx
    from generator.merge import plan_merge
    from generator.pdf import STANDARDS, TEMPLATE, font_dir, inputs, render_pdf

    def naive_pdf(doc) -> bytes:
        return typst.compile(
            str(TEMPLATE),
            root=str(TEMPLATE.parent),
            font_paths=[font_dir()],
            ignore_system_fonts=True,
            sys_inputs=inputs(doc),
            pdf_standards=STANDARDS,
        )

    pdf = naive_pdf if way == "naive" else render_pdf
    defn = get_letter(letter_id)
    recipients, _ = plan_merge(defn, defn.example(), rows(n))
    with tempfile.TemporaryDirectory() as tmp:
        pdf(build_document(defn, recipients[0].values, "en"))
        t0 = time.perf_counter()
        for r in recipients:
            doc = build_document(defn, r.values, r.lang)
            Path(tmp, f"{r.position}.pdf").write_bytes(pdf(doc))
            Path(tmp, f"{r.position}.docx").write_bytes(render_docx(doc))
        seconds = time.perf_counter() - t0
    print(seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def run_one_at_a_time(letter_id: str, n: int, way: str) -> tuple[float, int]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", way, "--letter", letter_id, "--one-n", str(n)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return float(out[-2]), int(out[-1])


def report(r: dict) -> None:
    print(
        f"merge of {r['n']:,} letters: {r['wall']:.1f} s wall ({r['rate']:.1f} letters/s), "
        f"plan {r['plan']:.2f} s, {r['pages']:,} letter pages, {r['print_pages']:,} pages in the "
        f"print file, {r['bytes'] / 1e6:.0f} MB written; peak memory {mb(r['peak_total'])} "
        f"all processes (PSS), {mb(r['peak_single'])} largest process (RSS)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="letters (1,000 is always run too)")
    parser.add_argument("--letter", default="family-concerns-raised")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--chunk", type=int, default=50, help="largest chunk of letters")
    parser.add_argument("--one-n", type=int, default=200, help="letters timed one at a time")
    parser.add_argument("--lo-per-call", type=int, default=200, help="0: skip LibreOffice")
    parser.add_argument("--child", choices=["naive", "single"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        one_at_a_time(args.letter, args.one_n, args.child)
        return

    from forms.letters import get_letter

    defn = get_letter(args.letter)
    case = defn.example()
    print(f"{args.letter}, {os.cpu_count()} CPUs, workers={args.workers}, chunk<={args.chunk}")
    base = merge_once(defn, case, 1000, args.workers, args.chunk, args.lo_per_call)
    report(base)
    if base["lo"] is not None:
        print(
            f"LibreOffice, the merge's 1,000 Word files to PDF, {args.lo_per_call} per call on "
            f"{args.workers} processes: {base['lo']:.1f} s; merge (all outputs) is "
            f"{base['lo'] / base['wall']:.2f}x faster"
        )
    elif args.lo_per_call:
        print("LibreOffice (soffice) is not installed: no comparison")
    if args.one_n:
        for way, what in (
            ("naive", "naive way (typst.compile per letter, and docxtpl)"),
            ("single", "single-letter path (render_pdf, render_docx)"),
        ):
            seconds, peak = run_one_at_a_time(args.letter, args.one_n, way)
            rate = args.one_n / seconds
            print(
                f"{what}, {args.one_n:,} letters one after another: {seconds:.1f} s "
                f"({rate:.1f} letters/s, {1000 / rate:.0f} s per 1,000), peak {mb(peak)}; "
                f"merge is {base['rate'] / rate:.2f}x faster"
            )
        print("targets: >= 2.5x the naive way and LibreOffice; 1,000 letters in <= 25 s")
    if args.n > 1000:
        big = merge_once(defn, case, args.n, args.workers, args.chunk)
        report(big)
        ratio = big["peak_total"] / base["peak_total"]
        single = big["peak_single"] / base["peak_single"]
        print(
            f"peak memory {args.n:,} vs 1,000 letters: {ratio:.2f}x all processes, "
            f"{single:.2f}x largest process (target <= 1.2x)"
        )


if __name__ == "__main__":
    main()
