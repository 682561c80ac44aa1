"""Read an uploaded .csv or .xlsx into numbered rows of raw cells, refusing what cannot be read.

Row numbers are those the user sees in Excel: one per CSV record (a quoted cell may span lines),
one per worksheet row. Formulas are never evaluated: a workbook is opened without ``data_only``
so a formula cell gives its text (``=SUM(A1:A3)``), never the value Excel cached for it.
Reading stops at the row limit (see ``guard`` for what is refused before a workbook is opened).
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator

from ..i18n import N_
from .guard import CELL_TOO_LONG, DIMENSION_TOO_BIG, ROWS_TOO_FAR, Budget, Refused, check_workbook
from .result import WARNING, ImportResult, Limits

Row = tuple[int, list]  # (spreadsheet row number, cells)

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # old binary .xls
CSV_EXTENSIONS = (".csv", ".txt", ".tsv")
XLSX_EXTENSIONS = (".xlsx", ".xlsm")


def read_rows(
    data: bytes, filename: str, limits: Limits, result: ImportResult, budget: Budget | None = None
) -> list[Row] | None:
    """The file's rows, or None after recording why the file is refused."""
    budget = budget or Budget(limits.time_limit)
    try:
        return _read(data, filename, limits, result, budget)
    except Refused as exc:
        result.refuse(exc.message, exc.at, **exc.params)
        return None


def _read(data: bytes, filename: str, limits: Limits, result: ImportResult, budget: Budget):
    name = (filename or "").lower()
    if len(data) > limits.max_bytes:
        result.refuse(
            N_("The file must be smaller than %(size)s MB"),
            size=_megabytes(limits.max_bytes),
        )
        return None
    if not data.strip():
        result.refuse(N_("The file is empty"))
        return None
    if data.startswith(ZIP_MAGIC) or name.endswith(XLSX_EXTENSIONS):
        return _xlsx_rows(data, limits, result, budget)
    if data.startswith(OLE_MAGIC) or name.endswith(".xls"):
        result.refuse(N_("Older Excel files (.xls) cannot be read: save the file as .xlsx or .csv"))
        return None
    if name and not name.endswith(CSV_EXTENSIONS):
        result.refuse(N_("The file must be a spreadsheet saved as .csv or .xlsx"))
        return None
    return _csv_rows(data, limits, result, budget)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g}"


def _decode(data: bytes, result: ImportResult) -> str | None:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Excel "Unicode text"
        encodings = ["utf-16"]
    elif data.startswith(codecs.BOM_UTF8):  # says it is UTF-8: do not guess another encoding
        encodings = ["utf-8-sig"]
    else:
        encodings = ["utf-8-sig", "cp1252"]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        result.encoding = "utf-8" if encoding == "utf-8-sig" else encoding
        if encoding == "cp1252":
            result.add(
                (None, None),
                N_(
                    "The file was not saved as UTF-8, so it was read as Windows text. Check "
                    "letters such as ŵ and ŷ: to keep them, save as “CSV UTF-8”"
                ),
                severity=WARNING,
            )
        return text
    result.refuse(N_("The file’s text could not be read: save it as “CSV UTF-8” and try again"))
    return None


def _delimiter(text: str) -> str:
    """Comma, or the semicolon or tab some Excel versions and locales write instead."""
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _csv_rows(data: bytes, limits: Limits, result: ImportResult, budget: Budget):
    text = _decode(data, result)
    if text is None:
        return None
    if "\x00" in text:
        result.refuse(N_("The file could not be read as CSV"))
        return None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        return _take(enumerate(reader, start=1), limits, budget)
    except csv.Error:
        result.refuse(N_("The file could not be read as CSV"))
        return None


def _take(numbered: Iterator[tuple[int, list]], limits: Limits, budget: Budget) -> list[Row]:
    """Non-blank rows, up to the point where there are certainly too many; a row far below the
    list (a sparse sheet, or thousands of blank lines) refuses the file without reading on."""
    rows: list[Row] = []
    last = limits.last_sheet_row()
    for number, cells in numbered:
        if number % 256 == 0:
            budget.check()
        if number > last:
            raise Refused(ROWS_TOO_FAR, row=f"{last:,}", max=limits.max_rows)
        cells = list(cells)[: limits.max_columns]
        if any(filled_cell(c) for c in cells):  # blank rows are not data; their numbers stay
            if any(isinstance(c, str) and len(c) > limits.max_cell_chars for c in cells):
                raise Refused(CELL_TOO_LONG, (number, None), max=limits.max_cell_chars)
            rows.append((number, cells))
            if len(rows) > limits.row_limit():
                break
    return rows


def filled_cell(cell) -> bool:
    return cell is not None and not (isinstance(cell, str) and not cell.strip())


def _xlsx_rows(data: bytes, limits: Limits, result: ImportResult, budget: Budget):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_workbook(archive, limits, budget)
        return _worksheet_rows(data, limits, budget)
    except Refused:
        raise
    except Exception:  # zipfile, expat and openpyxl raise many kinds (KeyError, XML errors...)
        result.refuse(N_("The file could not be read as an Excel workbook (.xlsx)"))
        return None


def _worksheet_rows(data: bytes, limits: Limits, budget: Budget) -> list[Row]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        sheet = book.worksheets[0]
        last = limits.last_sheet_row()
        declared = sheet.max_row  # from the sheet's <dimension ref=...>, when it has one
        if declared is not None and declared > last:
            raise Refused(DIMENSION_TOO_BIG, rows=f"{declared:,}", max=limits.max_rows)
        sheet.reset_dimensions()  # some writers record a wrong size; read what is really there
        # max_row stops openpyxl from yielding every empty row up to a far-away cell: it fills
        # only up to row last + 1, whose presence tells ``_take`` that the sheet goes on.
        cells = sheet.iter_rows(max_row=last + 1, max_col=limits.max_columns, values_only=True)
        return _take(enumerate(cells, start=1), limits, budget)
    finally:
        book.close()
