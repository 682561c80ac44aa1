"""Mail-merge speed and memory: N recipients in mixed languages -> every output of a merge, and,
in the same run, the naive way (one WeasyPrint document and one docxtpl render per letter, one
after another) for comparison.

    python benchmarks/merge_benchmark.py              # 1,000 letters, naive way on 200 of them
    python benchmarks/merge_benchmark.py --n 10000    # also 10,000: does peak memory grow?

Peak memory is sampled from /proc every 50 ms: the largest single process and the sum over this
process and all its descendants (the pool's workers are children of the fork server).
"""

from __future__ import annotations

import argparse
import os
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


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


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
    """Peak RSS of the largest process and of the whole process tree."""

    def __init__(self, interval: float = 0.05):
        super().__init__(daemon=True)
        self.interval, self.stop = interval, threading.Event()
        self.peak_total = self.peak_single = 0

    def run(self):
        while not self.stop.is_set():
            sizes = [_rss_kb(pid) for pid in _descendants(os.getpid())]
            self.peak_total = max(self.peak_total, sum(sizes))
            self.peak_single = max(self.peak_single, max(sizes, default=0))
            self.stop.wait(self.interval)

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.join()


def mb(kb: int) -> str:
    return f"{kb / 1024:.0f} MB"


def merge_once(defn, case, n: int, workers: int, chunk: int) -> dict:
    from generator.merge import plan_merge, run_merge

    t0 = time.perf_counter()
    recipients, problems = plan_merge(defn, case, rows(n))
    assert not problems, problems[:3]
    planned = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp, MemorySampler() as mem:
        t1 = time.perf_counter()
        result = run_merge(defn, recipients, Path(tmp) / "out", workers=workers, chunk=chunk)
        wall = time.perf_counter() - t1
        size = sum(p.stat().st_size for p in (Path(tmp) / "out").iterdir())
    return {
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


def naive(letter_id: str, n: int) -> None:
    """Child process: the naive way, timed after one warm-up letter; prints seconds and peak."""
    import resource

    from forms.letters import get_letter
    from generator.build import build_document
    from generator.docx import render_docx
    from generator.merge import plan_merge
    from generator.pdf import render_pdf

    defn = get_letter(letter_id)
    recipients, _ = plan_merge(defn, defn.example(), rows(n))
    with tempfile.TemporaryDirectory() as tmp:
        render_pdf(build_document(defn, recipients[0].values, "en"))
        t0 = time.perf_counter()
        for r in recipients:
            doc = build_document(defn, r.values, r.lang)
            Path(tmp, f"{r.position}.pdf").write_bytes(render_pdf(doc))
            Path(tmp, f"{r.position}.docx").write_bytes(render_docx(doc))
        seconds = time.perf_counter() - t0
    print(seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def run_naive(letter_id: str, n: int) -> tuple[float, int]:
    out = subprocess.run(
        [sys.executable, __file__, "--naive-child", letter_id, "--naive-n", str(n)],
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
        f"all processes, {mb(r['peak_single'])} largest process"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="letters (1,000 is always run too)")
    parser.add_argument("--letter", default="family-concerns-raised")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--chunk", type=int, default=25)
    parser.add_argument("--naive-n", type=int, default=200, help="letters timed the naive way")
    parser.add_argument("--naive-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.naive_child:
        naive(args.naive_child, args.naive_n)
        return

    from forms.letters import get_letter

    defn = get_letter(args.letter)
    case = defn.example()
    print(f"{args.letter}, {os.cpu_count()} CPUs, workers={args.workers}, chunk={args.chunk}")
    base = merge_once(defn, case, 1000, args.workers, args.chunk)
    report(base)
    if args.naive_n:
        seconds, peak = run_naive(args.letter, args.naive_n)
        rate = args.naive_n / seconds
        print(
            f"naive way, {args.naive_n:,} letters one after another: {seconds:.1f} s "
            f"({rate:.1f} letters/s, {1000 / rate:.0f} s per 1,000), peak {mb(peak)}"
        )
        print(
            f"speed-up {base['rate'] / rate:.2f}x (target >= 2.5x); 1,000 letters in "
            f"{base['wall']:.1f} s (target < 60 s)"
        )
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
