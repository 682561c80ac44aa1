"""Spreadsheet import and export: every test file is built here (nothing binary is committed)."""

import csv
import datetime as dt
import io
import re
import zipfile

import openpyxl
import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

import forms.i18n
from forms import get_form
from forms.i18n import Translator
from forms.spreadsheet import Limits, export_csv, import_rows

TODAY = dt.date(2026, 11, 22)
FORM = get_form("bp-residents-list")
FRAGMENT = forms.i18n.TRANSLATIONS_DIR / "fragments" / "residents.po"
MERGED = forms.i18n.TRANSLATIONS_DIR / "cy" / "LC_MESSAGES" / "messages.po"

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


def csv_bytes(rows, encoding="utf-8", delimiter=","):
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows, tmp_path, name="list.xlsx"):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    path = tmp_path / name
    book.save(path)
    return path.read_bytes()


def run(data, name="list.csv", **kw):
    return import_rows(FORM, "residents", data, name, today=TODAY, **kw)


def where(result):
    """(row, column, msgid) of each problem, for compact assertions."""
    return [(p.row, p.column, p.message) for p in result.problems]


@pytest.fixture
def welsh(tmp_path, monkeypatch):
    """A Welsh catalog from the merged catalog (when there is one) and this module's fragment."""
    catalog = read_po(MERGED.open("rb")) if MERGED.exists() else Catalog(locale="cy")
    for message in read_po(FRAGMENT.open("rb")):
        if message.id:
            catalog.add(message.id, message.string, context=message.context)
    target = tmp_path / "translations" / "cy" / "LC_MESSAGES"
    target.mkdir(parents=True)
    with (target / "messages.mo").open("wb") as f:
        write_mo(f, catalog)
    monkeypatch.setattr(forms.i18n, "TRANSLATIONS_DIR", tmp_path / "translations")
    forms.i18n.clear_cache()
    yield Translator("cy")
    monkeypatch.undo()
    forms.i18n.clear_cache()


# --- happy paths ---------------------------------------------------------------------------------


def test_csv_with_english_headings():
    result = run(
        csv_bytes([HEAD, ROW, ["Evans", "Tom", "male", "1940-05-06", "CHC", "CR-2", "yes", "no"]])
    )
    assert result.ok and not result.problems
    assert result.row_numbers == [2, 3]
    assert result.rows[0] == {
        "surname": "Jones",
        "forename": "Siân",
        "gender": "F",
        "date_of_birth": "1938-02-14",
        "funding": "local-authority",  # an option, named in either language
        "case_number": "CR-1",
        "has_capacity": "yes",
        "requires_advocate": "no",
    }
    assert result.rows[1]["gender"] == "M"
    assert result.rows[1]["funding"] == "health-board"  # the paper form's "CHC"


def test_paper_form_headings_and_title_rows():
    """A spreadsheet copied from the paper Appendix 7, title rows and all."""
    rows = [
        ["Name Of Home", "Tŷ Gwyn"],
        [],
        [
            "Surname",
            "Forename",
            "Gender (M/F)",
            "DOB",
            "Responsibility for Funding",
            "Frameworki Number",
            "Main Representative",
            "Has Capacity Y/N",
            "Requires Advocate Y/N",
            "Mobility Needs",
        ],
        ["Jones", "Siân", "F", "14/02/1938", "LA", "CR-1", "Eleri", "Y", "N", "Hoist"],
        ["Evans", "Tom", "M", "31/02/1940", "LA", "CR-2", "", "Y", "N", ""],
    ]
    result = run(csv_bytes(rows))
    assert result.row_numbers == [4]
    assert result.rows[0]["mobility_needs"] == {"en": "Hoist"}  # a plain column is the English
    assert where(result) == [(5, "DOB", "“%(label)s” must be a real date, for example 27 3 2026")]


def test_headings_tolerate_case_spacing_punctuation_and_field_names():
    head = [
        "  SURNAME ",
        "fore-name",
        "gender:",
        "date_of_birth",
        "Responsibility  for funding",
        "case record number",
        "HAS CAPACITY?",
        "requires_advocate",
    ]
    result = run(csv_bytes([head, ROW]))
    assert result.ok and len(result.rows) == 1
    assert result.columns["has_capacity"] == "HAS CAPACITY?"


def _welsh_rows(t):
    fields = {f.name: f for f in FORM.member("residents").fields}
    names = [
        "surname",
        "forename",
        "gender",
        "date_of_birth",
        "funding",
        "case_number",
        "has_capacity",
        "requires_advocate",
        "preferred_language",
    ]
    head = [t(fields[n].label) for n in names]
    row = [
        "Jones",
        "Siân",
        "benyw",
        dt.datetime(1938, 2, 14),
        "Awdurdod lleol",
        "CR-1",
        "Oes",
        "nac oes",
        "Cymraeg a Saesneg",
    ]
    return head, row


def test_csv_with_welsh_headings(welsh):
    head, row = _welsh_rows(welsh)
    assert head[0] == "Cyfenw" and head[6] == "Oes gan y preswylydd alluedd?"
    row[3] = "14/02/1938"
    result = run(csv_bytes([head, row]))
    assert result.ok, where(result)
    assert result.rows[0]["gender"] == "F"
    assert result.rows[0]["requires_advocate"] == "no"
    assert result.rows[0]["preferred_language"] == "both"


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_xlsx_with_headings_in_each_language(tmp_path, welsh, lang):
    head, row = _welsh_rows(Translator(lang))
    data = xlsx_bytes([head, row, [None] * 9, ["Evans", "Tom", "M", dt.date(2099, 1, 1)]], tmp_path)
    result = run(data, "list.xlsx")
    assert result.rows[0]["date_of_birth"] == "1938-02-14"  # a real Excel date
    assert result.rows[0]["preferred_language"] == "both"
    assert result.row_numbers == [2]
    assert result.bad_rows == [4]  # the blank row 3 is skipped, not renumbered
    columns = {p.column for p in result.errors}
    assert head[3] in columns and head[4] in columns  # future birth date; funding missing


# --- encodings -----------------------------------------------------------------------------------


def test_utf8_bom():
    result = run(b"\xef\xbb\xbf" + csv_bytes([HEAD, ROW]))
    assert result.ok and result.columns["surname"] == "Surname"
    assert result.rows[0]["forename"] == "Siân"


def test_windows_1252_is_detected_and_decoded():
    data = csv_bytes([HEAD, ROW], encoding="cp1252")
    assert "Siân".encode("cp1252") in data and b"Si\xe2n" in data
    result = run(data)
    assert result.encoding == "cp1252"
    assert result.rows[0]["forename"] == "Siân"
    assert [p.row for p in result.warnings] == [None]  # asks the user to check ŵ and ŷ
    assert not result.errors


def test_undecodable_text_is_refused():
    result = run(csv_bytes([HEAD]) + b"Jones,\x81\x8d,F\r\n")
    assert result.refused and result.rows == []
    assert "CSV UTF-8" in result.errors[0].message


def test_bom_with_bad_bytes_is_refused_not_guessed():
    result = run(b"\xef\xbb\xbf" + csv_bytes([HEAD]) + b"Jones,Si\xe2n\r\n")
    assert result.refused


def test_utf16_and_semicolons():
    data = "\ufeff" + csv_bytes([HEAD, ROW], delimiter=";").decode()
    result = run(data.encode("utf-16"))
    assert result.ok and result.rows[0]["forename"] == "Siân"


# --- each kind of problem, with its row and column -----------------------------------------------


def test_missing_required_column_refuses_the_file():
    result = run(csv_bytes([HEAD[:3] + HEAD[4:], ROW[:3] + ROW[4:]]))
    assert result.refused and result.rows == []
    (problem,) = result.errors
    assert (problem.row, problem.column) == (1, None)
    assert problem.message == "The file needs a column for “%(label)s”"
    assert problem.params == {"label": "Date of birth"}


def test_duplicate_columns_refuse_the_file(welsh):
    result = run(csv_bytes([[*HEAD, "Cyfenw"], [*ROW, "Jones"]]))
    assert result.refused
    (problem,) = result.errors
    assert (problem.row, problem.column) == (1, "Cyfenw")
    assert problem.params["other"] == "Surname"


def test_unknown_column_is_a_warning():
    result = run(csv_bytes([[*HEAD, "Notes", ""], [*ROW, "likes tea", "stray"]]))
    assert result.ok and len(result.rows) == 1
    assert where(result) == [
        (1, "Notes", "Column “%(column)s” was not recognised, so it was ignored"),
        (1, None, "Column %(letter)s has no heading, so it was ignored"),
    ]
    assert result.warnings[1].params == {"letter": "J"}


@pytest.mark.parametrize(
    ("column", "value", "msgid"),
    [
        ("Forename", "", "Enter “%(label)s”"),
        ("Forename", "   ", "Enter “%(label)s”"),
        ("Date of birth", "next Tuesday", "“%(label)s” must be a real date, for example 27 3 2026"),
        ("Date of birth", "31/02/1940", "“%(label)s” must be a real date, for example 27 3 2026"),
        ("Date of birth", "23/11/2026", "“%(label)s” must be today or in the past"),
        ("Gender", "Z", "Select one of the options for “%(label)s”"),
        ("Has capacity", "perhaps", "Select one of the options for “%(label)s”"),
        ("Has capacity", "", "Select an answer for “%(label)s”"),
        ("Surname", "x" * 501, "“%(label)s” must be %(max)s characters or fewer"),
    ],
)
def test_cell_errors_name_row_and_column(column, value, msgid):
    bad = list(ROW)
    bad[HEAD.index(column)] = value
    result = run(csv_bytes([HEAD, ROW, bad, ROW]))
    assert where(result) == [(3, column, msgid)]
    assert result.bad_rows == [3]
    assert result.row_numbers == [2, 4]  # the caller can import just the valid rows
    assert not result.refused


@pytest.mark.parametrize("value", ["1938-02-14", "14/02/1938", "14-02-1938", "1938-02-14 00:00:00"])
def test_accepted_date_forms(value):
    row = list(ROW)
    row[3] = value
    result = run(csv_bytes([HEAD, row]))
    assert result.rows[0]["date_of_birth"] == "1938-02-14"


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        ("cy", "cy"),
        ("WELSH", "cy"),
        ("welsh and english", "both"),
        ("Not known", "unknown"),
        ("  English ", "en"),
        ("", None),
    ],
)
def test_choices_by_value_or_label(value, stored):
    result = run(csv_bytes([[*HEAD, "Preferred language"], [*ROW, value]]))
    assert result.ok
    assert result.rows[0].get("preferred_language") == stored


def test_email_shape_is_checked():
    head = [*HEAD, "Representative’s email address"]
    result = run(csv_bytes([head, [*ROW, "eleri@example.com"], [*ROW, "eleri at example"]]))
    assert result.rows[0]["representative_email"] == "eleri@example.com"
    assert where(result) == [
        (3, head[-1], "“%(label)s” must be an email address, like name@example.com")
    ]


def test_row_numbers_follow_the_spreadsheet_with_multiline_cells_and_blank_rows():
    head = [*HEAD, "Mobility needs"]
    rows = [
        head,
        [*ROW, "Hoist\nand two carers"],
        [],
        ["", "", "", "", "", "", "", "", ""],
        [*ROW[:3], "bad", *ROW[4:], ""],
    ]
    result = run(csv_bytes(rows))
    assert result.rows[0]["mobility_needs"] == {"en": "Hoist\nand two carers"}
    assert where(result)[0][:2] == (5, "Date of birth")


def test_too_many_rows():
    result = run(csv_bytes([HEAD] + [ROW] * 4), limits=Limits(max_rows=3))
    assert result.refused and result.rows == []
    assert result.errors[0].params == {"max": 3}
    assert run(csv_bytes([HEAD] + [ROW] * 3), limits=Limits(max_rows=3)).ok


def test_group_limit_is_the_default_row_limit():
    assert FORM.member("residents").max_rows == 500
    result = run(csv_bytes([HEAD] + [ROW] * 501))
    assert result.refused and result.errors[0].params == {"max": 500}


def test_file_too_large():
    data = csv_bytes([HEAD] + [ROW] * 50)
    result = run(data, limits=Limits(max_bytes=len(data) - 1))
    assert result.refused and result.errors[0].message.startswith("The file must be smaller")
    assert run(data, limits=Limits(max_bytes=len(data))).ok
    assert run(b"x" * (6 * 2**20)).errors[0].params == {"size": "5"}  # the default limit


@pytest.mark.parametrize(
    ("data", "name", "words"),
    [
        (b"", "list.csv", "empty"),
        (b"\xd0\xcf\x11\xe0rest", "list.xls", ".xls"),
        (b"\xd0\xcf\x11\xe0rest", "", ".xls"),
        (b"PK\x03\x04broken", "list.xlsx", "Excel workbook"),
        (b"Surname\n", "list.pdf", ".csv or .xlsx"),
        (b"Nothing,useful\n1,2\n", "list.csv", "No column headings"),
    ],
)
def test_unusable_files_are_refused(data, name, words):
    result = run(data, name)
    assert result.refused and words in result.errors[0].message


# --- formulas are text, never run ----------------------------------------------------------------


def test_csv_formula_like_cells_are_stored_as_text():
    head = [*HEAD, "Mobility needs"]
    row = ['=HYPERLINK("http://x")', *ROW[1:5], "+44 1234", *ROW[6:], "-2 steps @home"]
    result = run(csv_bytes([head, row, [*ROW[:5], "@SUM(A1)", *ROW[6:], ""]]))
    assert result.ok
    assert result.rows[0]["surname"] == '=HYPERLINK("http://x")'
    assert result.rows[0]["case_number"] == "+44 1234"
    assert result.rows[0]["mobility_needs"] == {"en": "-2 steps @home"}
    assert result.rows[1]["case_number"] == "@SUM(A1)"


def test_xlsx_formula_gives_its_text_not_the_cached_value(tmp_path):
    data = xlsx_bytes(
        [HEAD + ["Mobility needs"], [*ROW[:5], "=1+2", *ROW[6:], '=B2&"!"']], tmp_path
    )
    # Put Excel's cached results into the file, as a file saved by Excel would have them.
    source, target = io.BytesIO(data), io.BytesIO()
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for item in zin.infolist():
            body = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                body = re.sub(rb"<f>1\+2</f><v\s*/?>(</v>)?", b"<f>1+2</f><v>3</v>", body)
                assert b"<v>3</v>" in body
            zout.writestr(item, body)
    result = run(target.getvalue(), "list.xlsx")
    assert result.ok, where(result)
    assert result.rows[0]["case_number"] == "=1+2"
    assert result.rows[0]["mobility_needs"] == {"en": '=B2&"!"'}


def test_export_neutralises_formulas_and_round_trips(welsh):
    rows = [
        {
            "surname": "=1+2",
            "forename": "+Siân",
            "gender": "F",
            "date_of_birth": "1938-02-14",
            "funding": "other",
            "funding_other": {"cy": "-Awdurdod arall", "en": "-Another council"},
            "case_number": "@x",
            "has_capacity": "yes",
            "requires_advocate": "no",
            "mobility_needs": {"cy": "=Teclyn codi,\n“dau” ofalwr", "en": "Hoist,\n“two” carers"},
            "preferred_language": "unknown",
        },
    ]
    text = export_csv(FORM, "residents", rows, "cy")
    assert text.startswith("\ufeffCyfenw,Enw cyntaf,")
    record = list(csv.reader(io.StringIO(text[1:], newline="")))[1]
    assert record[:8] == [
        "'=1+2",
        "'+Siân",
        "Benyw",
        "1938-02-14",
        "Arall",
        "'-Awdurdod arall",
        "'-Another council",
        "'@x",
    ]
    assert "Ddim yn hysbys" in record
    again = run(text.encode("utf-8"))
    assert again.ok and again.rows == rows


def test_bilingual_export_headings_read_back(welsh):
    rows = [FORM.example()["residents"][0]]
    text = export_csv(FORM, "residents", rows, "both", bom=False)
    assert text.startswith("Cyfenw / Surname,")
    assert run(text.encode()).rows == rows


def test_english_export():
    text = export_csv(FORM, "residents", [], "en", bom=False)
    assert text.splitlines()[0].split(",")[:4] == ["Surname", "Forename", "Gender", "Date of birth"]


# --- generic over any form's group --------------------------------------------------------------


def test_another_forms_group_with_ratings_and_computed_values():
    form = get_form("cm-action-plan")
    head = [
        "Issue of concern",
        "Improvement required",
        "Type of action",
        "By when",
        "Person responsible",
        "Likelihood",
        "Impact (1–4)",
        "Overall risk rating",
        "Progress",
    ]
    rows = [
        head,
        [
            "Falls",
            "Audit",
            "Corrective action (CA)",
            "29/05/2026",
            "Siân",
            "3",
            "4 – Major",
            "ignored",
            "on-going",
        ],
    ]
    result = import_rows(form, "actions", csv_bytes(rows), "plan.csv", today=TODAY)
    assert result.ok, where(result)
    row = result.rows[0]
    assert (row["action_type"], row["likelihood"], row["impact"]) == ("CA", 3, 4)
    assert row["rating"]["colour"] == "red"  # worked out again, never read from the file
    with pytest.raises(ValueError):
        import_rows(form, "provider", b"", "x.csv")


def test_a_workbook_named_xls_is_still_read(tmp_path):
    assert run(xlsx_bytes([HEAD, ROW], tmp_path), "list.xls").ok


def test_residents_form_example_and_letter_language():
    from forms.catalogue.bp_residents_list import letter_language

    values, errors = FORM.validate(FORM.example(), today=TODAY)
    assert errors == []
    assert [
        letter_language({"preferred_language": v}) for v in ("cy", "en", "both", "unknown")
    ] == [
        "cy",
        "en",
        "both",
        "both",
    ]
    assert letter_language({}) == "both"  # not recorded: Welsh and English


# --- messages in the reader's language -----------------------------------------------------------


def test_problems_translate_to_welsh(welsh):
    result = run(csv_bytes([HEAD[:3], ROW[:3]]))
    problem = result.errors[0]
    english = problem.describe(Translator("en"))
    assert english == "Row 1: The file needs a column for “Date of birth”"
    assert problem.describe(welsh) == "Rhes 1: Mae angen colofn ar gyfer “Dyddiad geni” yn y ffeil"


def test_field_messages_translate_with_the_merged_catalog(welsh):
    bad = list(ROW)
    bad[0] = ""
    problem = run(csv_bytes([HEAD, bad])).errors[0]
    assert (problem.message, problem.params) == ("Enter “%(label)s”", {"label": "Surname"})
    english = problem.describe(Translator("en"))
    assert english == "Row 2, column “Surname”: Enter “Surname”"
    welsh_text = problem.describe(welsh)
    assert welsh_text.startswith("Rhes 2, colofn “Surname”: ")
    assert "“Cyfenw”" in welsh_text
    if welsh(problem.message) != problem.message:  # the lead has merged the field messages
        assert welsh_text != english.replace("Row 2, column", "Rhes 2, colofn")


def test_an_answer_typed_in_both_languages_has_a_column_for_each():
    for welsh, english in (
        ("Mobility needs (Welsh)", "Mobility needs (English)"),
        ("Anghenion symudedd (Cymraeg)", "Anghenion symudedd (Saesneg)"),
        ("mobility_needs_cy", "mobility_needs_en"),
    ):
        rows = [[*HEAD, english, welsh], [*ROW, "Hoist & <two> carers", "Teclyn codi ŵ"]]
        result = run(csv_bytes(rows))
        assert result.ok, where(result)
        assert result.rows[0]["mobility_needs"] == {
            "cy": "Teclyn codi ŵ",
            "en": "Hoist & <two> carers",
        }
    only_welsh = run(csv_bytes([[*HEAD, "Mobility needs (Welsh)"], [*ROW, "Teclyn codi"]]))
    assert only_welsh.rows[0]["mobility_needs"] == {"cy": "Teclyn codi"}


def test_the_english_half_given_twice_is_refused_by_its_headings():
    rows = [[*HEAD, "Mobility needs", "Mobility needs (English)"], [*ROW, "Hoist", "Hoist"]]
    result = run(csv_bytes(rows))
    assert result.refused
    assert any("Mobility needs (English)" in str(p.params) for p in result.problems)


def test_a_welsh_export_names_both_halves_in_welsh(welsh):
    rows = [FORM.example()["residents"][0]]
    head = next(csv.reader(io.StringIO(export_csv(FORM, "residents", rows, "cy", bom=False))))
    assert "Anghenion symudedd (Cymraeg)" in head and "Anghenion symudedd (Saesneg)" in head
    assert head.index("Anghenion symudedd (Cymraeg)") + 1 == head.index(
        "Anghenion symudedd (Saesneg)"
    )


def test_an_answer_a_choice_does_not_list_is_kept_as_other_in_english():
    rows = [
        [*HEAD, "Relationship"],
        [*ROW, "Son-in-law & <carer>"],
        [*ROW[:4], "Paid by the family’s trust", *ROW[5:], "Daughter"],
    ]
    result = run(csv_bytes(rows))
    assert result.ok and result.row_numbers == [2, 3]
    first, second = result.rows
    assert first["representative_relationship"] == "other"
    assert first["representative_relationship_other"] == {"en": "Son-in-law & <carer>"}
    assert second["funding"] == "other"
    assert second["funding_other"] == {"en": "Paid by the family’s trust"}
    assert second["representative_relationship"] == "daughter"
    warned = [((p.row, p.column), p.params.get("value")) for p in result.warnings]
    assert ((2, "Relationship"), "Son-in-law & <carer>") in warned
    assert ((3, "Responsibility for funding"), "Paid by the family’s trust") in warned


def test_a_problem_names_whose_row_it_is():
    rows = [HEAD, ROW, ["O'Brien <x>", "Dai", "M", "31/02/1940", "LA", "CR-2", "Y", "N"]]
    result = run(csv_bytes(rows))
    [problem] = result.errors
    assert problem.row == 3 and problem.who == "O'Brien <x>, Dai"
