"""Time and memory to refuse hostile uploads (issue 7); each should take well under a second.

    python benchmarks/hostile_input_benchmark.py

Before the limits: a cell at row 2,000,000,000 took hours, a 1,048,576-row sheet 7 s, a 95 MB
cell 45 s and 1.5 GB, a 12,000 × 12,000 PNG logo 30 s and 1.3 GB per letter. Each case runs in
a fresh process so its peak memory (max RSS) is its own.
"""

from __future__ import annotations

import io
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
HEAD = '<row r="1"><c r="A1" t="inlineStr"><is><t>Surname</t></is></c></row>'


def _workbook(sheet: bytes | None = None, strings: bytes | None = None) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Surname", "Forename"])
    plain = io.BytesIO()
    book.save(plain)
    source, out = zipfile.ZipFile(plain), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for info in source.infolist():
            body = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml" and sheet:
                body = sheet
            z.writestr(info.filename, body)
        if strings:
            z.writestr("xl/sharedStrings.xml", strings)
    return out.getvalue()


def _sheet(rows: str, dimension: str = "") -> bytes:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f'<worksheet xmlns="{NS}">{dim}<sheetData>{HEAD}{rows}</sheetData></worksheet>'.encode()


def case(name: str) -> None:
    from forms import get_form
    from forms.spreadsheet import import_rows

    if name == "logo-12000px":
        from PIL import Image

        from web.core.logo import LogoError, clean_logo

        png = io.BytesIO()
        Image.new("1", (12_000, 12_000)).save(png, "PNG")
        start = time.perf_counter()
        try:
            clean_logo(png.getvalue())
        except LogoError:
            pass
        took = time.perf_counter() - start
        print(f"{name:<16} {len(png.getvalue()):>10,} B  {took:6.3f} s", end="")
        return
    if name == "sparse":
        data = _workbook(_sheet('<row r="2000000000"><c r="A2000000000"><v>1</v></c></row>'))
    elif name == "dimension":
        data = _workbook(_sheet("", "A1:H1048576"))
    else:  # one 95 MB shared string
        huge = b"<si><t>" + b"A" * (95 * 1024 * 1024) + b"</t></si>"
        data = _workbook(strings=f'<sst xmlns="{NS}">'.encode() + huge + b"</sst>")
    start = time.perf_counter()
    result = import_rows(get_form("bp-residents-list"), "residents", data, "x.xlsx")
    took = time.perf_counter() - start
    assert result.refused, name
    print(f"{name:<16} {len(data):>10,} B  {took:6.3f} s", end="")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        case(sys.argv[1])
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        print(f"  peak {rss} MB (includes building the file)")
        sys.exit()
    for name in ("sparse", "dimension", "cell-95MB", "logo-12000px"):
        subprocess.run([sys.executable, __file__, name], check=True)
