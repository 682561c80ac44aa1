"""Hostile spreadsheets (issue 7): sparse sheets, absurd dimensions, zip bombs and huge cells are
refused before they are read in full, with a message in English and Welsh, and nothing is saved.

Every file is built here. The tests assert behaviour (which refusal, how far reading went), never
timings.
"""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from click.testing import CliRunner
from sqlalchemy import select

from forms import get_form
from forms.i18n import Translator
from forms.spreadsheet import Limits, import_rows
from forms.spreadsheet import reading as reading_module
from forms.spreadsheet.guard import (
    CELL_TOO_LONG,
    DIMENSION_TOO_BIG,
    ROWS_TOO_FAR,
    TOO_BIG_UNZIPPED,
    TOO_SLOW,
)
from web.core.extensions import db
from web.core.models import Job, Record

FORM = get_form("bp-residents-list")
HEAD = [
    "Surname",
    "Forename",
    "Gender",
    "Date of birth",
    "Responsibility for funding",
    "Case-record number",
    "Has capacity",
    "Requires an advocate",
]
ROW = ["Jones", "Siân", "F", "14/02/1938", "Local authority", "CR-1", "Y", "N"]
SHEET = "xl/worksheets/sheet1.xml"
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
EN, CY = Translator("en"), Translator("cy")


def workbook(rows=(HEAD, ROW)) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def replace_members(data: bytes, **members: bytes) -> bytes:
    """The workbook with some members rewritten, deflated as hard as zip can (a zip bomb)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for info in source.infolist():
            z.writestr(info.filename, members.pop(info.filename, None) or source.read(info))
        for name, body in members.items():
            z.writestr(name, body)
    return out.getvalue()


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def sheet_xml(rows: dict[int, list[str]], dimension: str | None = None) -> bytes:
    """A worksheet written by hand: openpyxl will not write a row past 1,048,576."""
    body = "".join(
        f'<row r="{n}">'
        + "".join(inline(f"{chr(65 + i)}{n}", v) for i, v in enumerate(cells))
        + "</row>"
        for n, cells in rows.items()
    )
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f'<worksheet xmlns="{NS}">{dim}<sheetData>{body}</sheetData></worksheet>'.encode()


def run(data: bytes, name: str = "list.xlsx", **limits):
    return import_rows(FORM, "residents", data, name, limits=Limits(**limits) if limits else None)


def refusal(result) -> str:
    """The msgid of the one whole-file refusal; the file gave no rows."""
    assert result.refused and result.rows == []
    [problem] = [p for p in result.errors if p.whole_file]
    assert problem.text(CY) != problem.text(EN)  # really translated
    return problem.message


class RowCounter:
    """Counts the rows the reader takes from openpyxl or csv."""

    def __init__(self, monkeypatch):
        self.seen = 0
        real = reading_module._take

        def counting(numbered, limits, budget):
            def counted():
                for item in numbered:
                    self.seen += 1
                    assert self.seen < 100_000, "the reader walks every empty row"
                    yield item

            return real(counted(), limits, budget)

        monkeypatch.setattr(reading_module, "_take", counting)


# --- sparse sheets and declared dimensions --------------------------------------------------


def test_a_cell_at_row_two_billion_is_refused_after_reading_only_the_limit(monkeypatch):
    data = replace_members(workbook(), **{SHEET: sheet_xml({1: HEAD, 2_000_000_000: ["x"]})})
    assert len(data) < 10_000
    counter = RowCounter(monkeypatch)
    result = run(data)
    assert refusal(result) == ROWS_TOO_FAR
    assert counter.seen <= Limits(max_rows=result_max(FORM)).last_sheet_row() + 1


def test_a_sheet_whose_dimension_lies_is_read_only_to_the_limit(monkeypatch):
    rows = {1: HEAD, 2: ROW, 2_000_000_000: ["x"]}
    data = replace_members(workbook(), **{SHEET: sheet_xml(rows, dimension="A1:H2")})
    counter = RowCounter(monkeypatch)
    assert refusal(run(data)) == ROWS_TOO_FAR
    assert counter.seen == Limits(max_rows=result_max(FORM)).last_sheet_row() + 1


def result_max(form) -> int:
    from forms.fields import Group

    return next(m for m in form.members() if isinstance(m, Group)).max_rows


def test_a_declared_million_rows_is_refused_before_reading(monkeypatch):
    data = replace_members(
        workbook(), **{SHEET: sheet_xml({1: HEAD, 2: ROW}, dimension="A1:H1048576")}
    )
    counter = RowCounter(monkeypatch)
    result = run(data)
    assert refusal(result) == DIMENSION_TOO_BIG
    assert counter.seen == 0
    [problem] = result.errors
    assert "1,048,576" in problem.text(EN) and "1,048,576" in problem.text(CY)


def test_a_real_sheet_with_a_small_dimension_still_imports():
    data = replace_members(workbook(), **{SHEET: sheet_xml({1: HEAD, 5: ROW}, dimension="A1:H5")})
    result = run(data)
    assert result.ok and [r["surname"] for r in result.rows] == ["Jones"]


def test_a_csv_of_endless_blank_lines_stops_at_the_limit(monkeypatch):
    data = ",".join(HEAD).encode() + b"\n" * 500_000 + ",".join(ROW).encode()
    counter = RowCounter(monkeypatch)
    result = run(data, "list.csv")
    assert refusal(result) == ROWS_TOO_FAR
    assert counter.seen <= Limits(max_rows=result_max(FORM)).last_sheet_row() + 1


# --- zip bombs and huge cells ---------------------------------------------------------------


def test_a_zip_bomb_of_one_huge_shared_string_is_refused_before_it_is_inflated(monkeypatch):
    huge = b"A" * (60 * 1024 * 1024)
    strings = (
        f'<sst xmlns="{NS}" count="1" uniqueCount="1"><si><t>'.encode() + huge + b"</t></si></sst>"
    )
    del huge
    data = replace_members(workbook(), **{"xl/sharedStrings.xml": strings})
    del strings
    assert len(data) < 200_000
    opened = []
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda *a, **k: opened.append(a) or 1 / 0)
    result = run(data)
    assert refusal(result) == TOO_BIG_UNZIPPED
    assert opened == []  # refused from the table of contents: nothing was inflated


def test_a_cell_longer_than_any_answer_is_refused_while_streaming():
    data = replace_members(workbook(), **{SHEET: sheet_xml({1: HEAD, 2: ["Jones", "x" * 40_000]})})
    result = run(data)
    assert refusal(result) == CELL_TOO_LONG
    assert "32767" in result.errors[0].text(CY)


def test_too_much_unpacked_in_total_is_refused():
    result = run(workbook(), max_unzipped_bytes=1000)
    assert refusal(result) == TOO_BIG_UNZIPPED


def test_a_workbook_with_a_dtd_is_not_read():
    xml = sheet_xml({1: HEAD, 2: ROW}).decode()
    xml = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>' + xml.replace(">Jones<", ">&a;<")
    result = run(replace_members(workbook(), **{SHEET: xml.encode()}))
    assert result.refused


def test_a_csv_cell_longer_than_any_answer_is_refused_with_its_row():
    data = (",".join(HEAD) + "\n" + ",".join(ROW) + "\nEvans," + "y" * 40_000 + "\n").encode()
    result = run(data, "list.csv")
    assert refusal(result) == CELL_TOO_LONG
    assert result.errors[0].row == 3


def test_an_import_out_of_time_is_refused_with_nothing_kept():
    result = run(workbook(), time_limit=0)
    assert refusal(result) == TOO_SLOW
    assert "0" in result.errors[0].text(CY)


# --- the web page and the command line ------------------------------------------------------


def upload(client, case_id, data: bytes, name: str = "list.xlsx"):
    return client.post(
        f"/cases/{case_id}/residents/import",
        data={"file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


@pytest.mark.parametrize(
    ("rows", "dimension", "english", "welsh"),
    [
        ({1: HEAD, 2_000_000_000: ["x"]}, None, "far beyond the", "ymhell y tu hwnt"),
        ({1: HEAD, 2: ROW}, "A1:H1048576", "says it goes down to row 1,048,576", "1,048,576"),
    ],
)
def test_web_refuses_in_both_languages_and_saves_nothing(
    app, client, case_id, rows, dimension, english, welsh
):
    data = replace_members(workbook(), **{SHEET: sheet_xml(rows, dimension)})
    r = upload(client, case_id, data)
    assert r.status_code == 400 and english in r.text
    client.get("/language/cy")
    r = upload(client, case_id, data)
    assert r.status_code == 400 and welsh in r.text and '<html lang="cy"' in r.text
    with app.app_context():
        assert db.session.scalars(select(Record).where(Record.case_id == case_id)).all() == []
        assert db.session.scalars(select(Job).where(Job.case_id == case_id)).all() == []


def test_web_time_limit_is_configurable(app, client, case_id):
    app.config["IMPORT_TIME_LIMIT"] = 0
    r = upload(client, case_id, workbook())
    assert r.status_code == 400 and "took longer than 0 seconds" in r.text


def test_merge_command_applies_the_same_limits(tmp_path):
    from web.cli import main

    runner = CliRunner()
    example = runner.invoke(main, ["example", "family-concerns-raised"])
    (tmp_path / "case.json").write_text(example.output, encoding="utf-8")
    head = ["Name", "Address", "Resident", "Language"]
    data = replace_members(workbook([head]), **{SHEET: sheet_xml({1: head, 2_000_000_000: ["x"]})})
    (tmp_path / "rows.xlsx").write_bytes(data)
    args = ["merge", "family-concerns-raised", "--case-data", str(tmp_path / "case.json"),
            "--recipients", str(tmp_path / "rows.xlsx"), "--out", str(tmp_path / "out"),
            "--messages", "cy"]  # fmt: skip
    result = runner.invoke(main, args)
    assert result.exit_code == 2
    assert "ymhell y tu hwnt" in result.output
    assert not (tmp_path / "out").exists()
