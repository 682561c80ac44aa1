"""Mail-merge: every recipient's letter in their language, checked before anything is rendered,
one print file in list order ready for double-sided printing, a manifest that matches the files,
and nothing left behind by a cancelled or refused merge."""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile

import pytest
from click.testing import CliRunner
from docx import Document as open_docx
from openpyxl import Workbook
from pypdf import PdfReader

from forms.catalogue.bp_residents_list import FORM as RESIDENTS
from forms.i18n import Translator
from forms.letters import get_letter
from forms.spreadsheet import export_csv
from generator.build import build_document
from generator.docx import render_docx
from generator.merge import (
    COMBINED,
    MANIFEST,
    MergeCancelled,
    load_recipients,
    plan_merge,
    rows_from_residents,
    run_merge,
    zip_outputs,
)
from generator.merge.docx import render_docx_merge
from generator.merge.run import chunk_sizes

LETTER = "family-concerns-raised"


def row(name, lang, **extra):
    return {
        "recipient_name": name,
        "recipient_address": "2 Heol y Bryn\nAberaeron\nSA46 0AA",
        "resident_name": f"Resident of {name}",
        "language": lang,
        **extra,
    }


ROWS = [
    row("Mrs Ann Jones", "en"),
    row("Mr Dafydd ap Gwŷr", "cy"),
    row("Ms Heledd Not-Known", "unknown"),
    row("=Mr Formula", "both", salutation="Mr Formula"),
    row("Miss Siân O'Brien", "en"),
]


@pytest.fixture(scope="module")
def defn():
    return get_letter(LETTER)


@pytest.fixture(scope="module")
def case(defn):
    return defn.example()


@pytest.fixture(scope="module")
def merged(defn, case, tmp_path_factory):
    recipients, problems = plan_merge(defn, case, ROWS)
    assert problems == []
    out = tmp_path_factory.mktemp("merge") / "letters"
    seen = []
    result = run_merge(
        defn, recipients, out, progress=lambda d, n: seen.append((d, n)), workers=2, chunk=2
    )
    return result, out, seen


def pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_plan_reports_each_recipients_missing_values_before_rendering(defn, case, tmp_path):
    rows = [
        row("Mrs Ann Jones", "en"),
        {"recipient_name": "Mr No Address", "resident_name": "X", "language": "cy"},
        row("Ms Wrong Language", "fr"),
    ]
    recipients, problems = plan_merge(defn, case, rows)
    assert [r.name for r in recipients] == ["Mrs Ann Jones"]
    found = {(p.row, p.name, p.path) for p in problems}
    assert found == {
        (2, "Mr No Address", "recipient_address"),
        (3, "Ms Wrong Language", "language"),
    }
    missing = next(p for p in problems if p.path == "recipient_address")
    assert missing.describe(Translator("en")) == (
        "Row 2 (Mr No Address), “Recipient’s address”: Enter “Recipient’s address”"
    )
    assert "Cyfeiriad y derbynnydd" in missing.describe(Translator("cy"))
    assert list(tmp_path.iterdir()) == []


def test_case_data_problems_are_reported_once_not_per_recipient(defn, case):
    shared = {k: v for k, v in case.items() if k != "contact_name"}
    recipients, problems = plan_merge(defn, shared, ROWS[:3])
    assert recipients == []
    assert [(p.row, p.path) for p in problems] == [(None, "contact_name")]
    assert problems[0].describe(Translator("en")).startswith("Case data, “Contact name”")


def test_recipient_fields_come_from_the_row_not_the_case_data(defn, case):
    recipients, _ = plan_merge(defn, case, [row("Mr Dafydd ap Gwŷr", "cy")])
    assert case.get("salutation")  # the example's own salutation is not given to this family
    assert "salutation" not in recipients[0].values
    assert recipients[0].values["recipient_name"] == "Mr Dafydd ap Gwŷr"


def test_languages_unknown_means_both(defn, case):
    langs = ["en", "cy", "both", "unknown", None, ""]
    recipients, problems = plan_merge(defn, case, [row(f"P{i}", x) for i, x in enumerate(langs)])
    assert problems == []
    assert [r.lang for r in recipients] == ["en", "cy", "both", "both", "both", "both"]


def test_rows_from_residents_list():
    values = RESIDENTS.example()
    rows = rows_from_residents(values)
    resident = values["residents"][0]
    assert rows[0]["recipient_name"] == resident["representative_name"]
    assert rows[0]["recipient_address"] == resident["representative_address"]
    assert rows[0]["resident_name"] == f"{resident['forename']} {resident['surname']}"
    assert rows[0]["language"] == resident["preferred_language"]
    assert rows_from_residents({"residents": [{"surname": "X"}]})[0]["language"] == "unknown"


def test_each_recipient_gets_their_language(merged):
    result, out, _ = merged
    by_name = {letter.name: letter for letter in result.letters}
    en = pdf_text(out / by_name["Mrs Ann Jones"].pdf)
    cy = pdf_text(out / by_name["Mr Dafydd ap Gwŷr"].pdf)
    unknown = pdf_text(out / by_name["Ms Heledd Not-Known"].pdf)
    assert "Dear" in en and "Annwyl" not in en
    assert "Annwyl" in cy and "Dear" not in cy and "Mr Dafydd ap Gwŷr" in cy
    assert by_name["Ms Heledd Not-Known"].lang == "both"
    assert 0 <= unknown.index("Annwyl") < unknown.index("Dear")  # Welsh first
    assert PdfReader(out / by_name["Mr Dafydd ap Gwŷr"].pdf).trailer["/Root"]["/Lang"] == "cy"
    word = open_docx(out / by_name["Mr Dafydd ap Gwŷr"].docx)
    assert any(p.text.startswith("Annwyl") for p in word.paragraphs)
    assert [letter.docx for letter in result.letters][:2] == [
        "0001-mrs-ann-jones-en.docx",
        "0002-mr-dafydd-ap-gwyr-cy.docx",
    ]


def test_print_file_in_list_order_each_letter_on_a_new_sheet(merged):
    result, out, _ = merged
    reader = PdfReader(out / COMBINED, strict=True)
    assert len(reader.pages) == sum(x.pages + x.pages % 2 for x in result.letters)
    assert len(reader.pages) == result.combined_pages and len(reader.pages) % 2 == 0
    assert any(x.pages % 2 for x in result.letters)  # so a blank back is really tested
    start = 0
    for letter in result.letters:
        pages = PdfReader(out / letter.pdf).pages
        assert letter.pages == len(pages)
        # numbered within the letter, as when it is rendered alone
        assert [f"{n} / {len(pages)}" in p.extract_text() for n, p in enumerate(pages, 1)] == [
            True
        ] * len(pages)
        assert letter.name in reader.pages[start].extract_text()
        start += letter.pages
        if letter.pages % 2:
            assert reader.pages[start].extract_text().strip() == ""
            start += 1
    assert start == len(reader.pages)


def test_manifest_matches_the_files(merged):
    result, out, seen = merged
    with open(out / MANIFEST, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["Position"] for r in rows] == ["1", "2", "3", "4", "5"]
    assert rows[3]["Recipient"] == "'=Mr Formula"  # neutralised for Excel
    for r in rows:
        for name, sha in (
            (r["Word file"], r["Word file SHA-256"]),
            (r["PDF file"], r["PDF file SHA-256"]),
        ):
            assert hashlib.sha256((out / name).read_bytes()).hexdigest() == sha
        assert int(r["Pages"]) == len(PdfReader(out / r["PDF file"]).pages)
    assert sorted(p.name for p in out.iterdir()) == sorted(result.files)
    assert seen[0] == (0, 5) and seen[-1] == (5, 5)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_zip_holds_every_output(merged, tmp_path):
    result, out, _ = merged
    path = zip_outputs(out, tmp_path / "merge.zip")
    with zipfile.ZipFile(path) as archive:
        assert sorted(archive.namelist()) == sorted(result.files)
        assert archive.read(MANIFEST) == (out / MANIFEST).read_bytes()


def _cancel_after_first_chunk():
    state = {"done": 0}
    return state, (lambda d, n: state.update(done=d)), (lambda: state["done"] > 0)


def test_cancel_leaves_nothing_behind(defn, case, tmp_path):
    recipients, _ = plan_merge(defn, case, ROWS)
    state, progress, cancelled = _cancel_after_first_chunk()
    with pytest.raises(MergeCancelled):
        run_merge(defn, recipients, tmp_path / "out", progress, cancelled, workers=2, chunk=1)
    assert state["done"] < len(recipients)
    assert list(tmp_path.iterdir()) == []


def test_out_dir_must_be_new_or_empty(defn, case, tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "old.txt").write_text("x")
    recipients, _ = plan_merge(defn, case, ROWS[:1])
    with pytest.raises(FileExistsError):
        run_merge(defn, recipients, tmp_path / "out")
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["old.txt", "out"]


def test_chunks_shrink_towards_the_end():
    sizes = chunk_sizes(1000, 50, 2)
    assert sum(sizes) == 1000 and max(sizes) == 50
    assert sizes[-1] < 10 and sizes == sorted(sizes, reverse=True)
    assert chunk_sizes(3, 50, 2) == [3]


def test_merge_word_file_says_what_render_docx_says(defn, case):
    doc = build_document(defn, case, "both")

    def content(data: bytes):
        word = open_docx(io.BytesIO(data))
        paragraphs = [(p.style.name, p.text) for p in word.paragraphs]
        cells = [[c.text for c in r.cells] for t in word.tables for r in t.rows]
        header = [p.text for p in word.sections[0].header.paragraphs]
        props = word.core_properties
        return paragraphs, cells, header, (props.title, props.subject, props.language)

    assert content(render_docx_merge(doc)) == content(render_docx(doc))


def test_load_recipients_from_welsh_csv_and_xlsx(defn):
    cy = Translator("cy")
    headings = [cy("Name of the relative or representative"), cy("Recipient’s address"),
                cy("Resident’s name"), "Iaith"]  # fmt: skip
    body = [["Mrs Ann Jones", "1 Stryd\nTref", "Dafydd", "Cymraeg"],
            ["Mr B", "2 Road", "Ann", "English"]]  # fmt: skip
    text = io.StringIO()
    csv.writer(text).writerows([headings, *body])
    rows, result = load_recipients(defn, text.getvalue().encode(), "list.csv")
    assert result.errors == []
    assert [(r["recipient_name"], r["language"], r["_row"]) for r in rows] == [
        ("Mrs Ann Jones", "cy", 2),
        ("Mr B", "en", 3),
    ]
    book = Workbook()
    for line in [headings, *body]:
        book.active.append(line)
    data = io.BytesIO()
    book.save(data)
    xrows, xresult = load_recipients(defn, data.getvalue(), "list.xlsx")
    assert xresult.errors == [] and xrows == rows


def test_load_recipients_reads_a_residents_list_export(defn):
    values = RESIDENTS.example()
    data = export_csv(RESIDENTS, "residents", values["residents"], lang="cy").encode("utf-8")
    rows, result = load_recipients(defn, data, "residents.csv")
    assert result.errors == []
    assert rows[0]["recipient_name"] == values["residents"][0]["representative_name"]
    assert rows[0]["_row"] == 2


def test_load_recipients_needs_a_name_column(defn):
    rows, result = load_recipients(defn, b"Address,Language\n1 Road,en\n", "x.csv")
    assert result.refused and rows == []


def _cli(tmp_path, recipients: str):
    from web.cli import main

    runner = CliRunner()
    example = runner.invoke(main, ["example", LETTER])
    (tmp_path / "case.json").write_text(example.output, encoding="utf-8")
    (tmp_path / "rows.csv").write_text(recipients, encoding="utf-8")
    args = ["merge", LETTER, "--case-data", str(tmp_path / "case.json"), "--recipients",
            str(tmp_path / "rows.csv"), "--out", str(tmp_path / "out")]  # fmt: skip
    return runner.invoke(main, args)


def test_cli_bad_rows_exit_2_and_write_nothing(tmp_path):
    result = _cli(tmp_path, 'Name,Address,Resident,Language\nMrs A,,X,en\n,"1 Road",Y,fr\n')
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if "Row" in line]
    assert len(lines) == 2
    assert "Row 2 (Mrs A), “Recipient’s address”: Enter" in lines[0]
    assert "Row 3, column “Language”" in lines[1]
    assert not (tmp_path / "out").exists()


def test_cli_writes_every_output(tmp_path):
    result = _cli(tmp_path, 'Name,Address,Resident,Language\nMrs A,"1 Stryd\nTref",X,Cymraeg\n')
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == [
        "0001-mrs-a-cy.docx",
        "0001-mrs-a-cy.pdf",
        COMBINED,
        MANIFEST,
    ]
