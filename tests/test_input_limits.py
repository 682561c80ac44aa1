"""Hostile and careless input: drafts obey the size limits of a final form, characters XML cannot
hold are cleaned at every entry point and again in the generator, dates stay in a sane range,
ids in URLs that no database could hold are 404s, and ``next=`` cannot smuggle a header."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

from click.testing import CliRunner
from docx import Document as open_docx
from sqlalchemy import select

from forms import all_forms
from forms.bilingual import as_pair
from forms.fields import Date, FieldError
from forms.letters import get_letter
from forms.spreadsheet.cells import plain
from forms.xmltext import xml_safe
from generator.build import build_document
from generator.merge import plan_merge, run_merge
from generator.render import render
from web.cli import main as cli
from web.core.extensions import db
from web.core.models import Case, Record, StoredFile, User

from .helpers import form_post

BAD = "A\x0bB\x0cC\x00D\x1fE\ufffeF\uffffG"  # what Word, Excel and careless scripts produce
CLEAN = "A\nB\nCDEFG"


def start(client, case_id, doc_id="cm-action-plan", doc_type="form") -> str:
    r = client.post(f"/cases/{case_id}/records", data={"doc_type": doc_type, "doc_id": doc_id})
    assert r.status_code == 302
    return r.location


def stored(app, url) -> dict:
    with app.app_context():
        rid = int(re.search(r"/records/(\d+)", url).group(1))
        return dict(db.session.get(Record, rid).data)


# --- drafts obey the same limits as finalising ------------------------------------------


def test_over_long_answer_is_refused_by_name_and_the_saved_value_kept(app, client, case_id):
    url = start(client, case_id)
    assert client.post(url, data={"provider": "Good Care Ltd", "action": "save"}).status_code
    long = "x" * 1_000_000
    r = client.post(url, data={"provider": long, "setting": "Tŷ Newydd", "action": "save"})
    assert r.status_code == 400
    label = "“Name of provider or organisation”"
    assert f"{label} must be 500 characters or fewer. This answer was not saved." in r.text
    assert long in r.text  # what was typed is shown, to be shortened
    data = stored(app, url)
    assert data["provider"] == "Good Care Ltd"  # the last good value
    assert data["setting"] == "Tŷ Newydd"  # the rest of the page was saved
    assert len(json.dumps(data)) < 10_000


def test_limit_message_is_in_welsh(app, client, case_id):
    url = start(client, case_id)
    client.get("/language/cy")
    r = client.post(url, data={"provider": "x" * 501, "action": "save"})
    assert r.status_code == 400
    assert "Ni chafodd yr ateb hwn ei gadw." in r.text


def test_long_text_in_rows_and_huge_short_answers_are_refused(app, client, case_id):
    url = start(client, case_id)
    client.post(url, data={"actions-0-issue": "first issue", "action": "save"})
    r = client.post(
        url,
        data={
            "actions-0-issue": "y" * 10_001,
            "version": "9" * 5000,
            "plan_status": "z" * 100_000,
            "action": "save",
        },
    )
    assert r.status_code == 400
    assert "must be 10000 characters or fewer. This answer was not saved." in r.text
    assert "is too long. This answer was not saved." in r.text
    data = stored(app, url)
    assert as_pair(data["actions"][0]["issue"]) == {"en": "first issue"}  # typed as one value
    assert data.get("version") in (None, "") and data.get("plan_status") in (None, "")


def test_rows_beyond_the_limit_are_not_saved_and_the_group_is_named(app, client, case_id):
    url = start(client, case_id)
    post = {f"actions-{i}-issue": f"issue {i}" for i in range(0, 20_000, 50)}
    post["action"] = "save"
    r = client.post(url, data=post)
    assert r.status_code == 400
    assert "can have at most 200 rows. Rows beyond that were not saved." in r.text
    assert len(stored(app, url)["actions"]) == 4  # rows 0, 50, 100, 150


def test_row_indexes_out_of_range_make_no_rows_and_no_server_error(app, client, case_id):
    url = start(client, case_id)
    for name in ("actions-99999-issue", "actions--1-issue", "actions-²-issue", "actions-١-issue"):
        r = client.post(url, data={name: "sneaky", "action": "save"})
        assert r.status_code < 500, name
    r = client.post(url, data={f"actions-{'9' * 5000}-issue": "sneaky", "action": "save"})
    assert r.status_code == 400
    assert not stored(app, url).get("actions")
    for action in ("remove:actions:²", f"remove:actions:{'9' * 5000}", "remove:actions:-1"):
        assert client.post(url, data={"action": action}).status_code < 500, action


# --- characters XML cannot hold ------------------------------------------------------------


def test_xml_safe_keeps_text_and_drops_only_what_xml_forbids():
    kept = "O'Brien & Sons <Ltd> “quotes” ŵ ŷ â\ttab\nline 😀"
    assert xml_safe(kept) == kept
    assert xml_safe(BAD) == CLEAN
    assert xml_safe("a\ud800b") == "ab"


def test_web_save_cleans_control_characters_and_finalise_renders(app, client, case_id):
    defn = all_forms()["cm-action-plan"]
    url = start(client, case_id)
    post = form_post(defn, defn.example())
    post["provider"] = BAD
    post["actions-0-issue-en"] = BAD
    post["action"] = "finalise"
    r = client.post(url, data=post)
    assert r.status_code == 302, r.text[:3000]
    with app.app_context():
        rid = int(re.search(r"/records/(\d+)", url).group(1))
        rec = db.session.get(Record, rid)
        assert rec.data["provider"] == "A B CDEFG"  # one line: the line breaks became spaces
        assert rec.data["actions"][0]["issue"]["en"] == CLEAN
        docx = next(f for f in rec.files if f.fmt == "docx" and f.lang == "en")
        text = "\n".join(p.text for p in open_docx(io.BytesIO(docx.content)).paragraphs)
        cells = [c.text for t in open_docx(io.BytesIO(docx.content)).tables for c in t._cells]
        assert "A B CDEFG" in "\n".join(cells) + text


def test_stored_data_with_bad_characters_still_renders(app, client, case_id):
    """Data stored before the input was cleaned: a provider and a user name hold controls."""
    with app.app_context():
        # (PostgreSQL cannot store NUL, so none of that)
        db.session.get(Case, case_id).provider = "Care\x0bHome\ufffe Ltd\x01"
        editor = db.session.scalar(select(User).where(User.email == "editor@example.org"))
        editor.name = "Eleri\x07 Golygydd"
        db.session.commit()
    defn = all_forms()["cm-action-plan"]
    url = start(client, case_id)
    r = client.post(url, data={**form_post(defn, defn.example()), "action": "finalise"})
    assert r.status_code == 302, r.text[:3000]
    with app.app_context():
        files = db.session.scalars(select(StoredFile).where(StoredFile.fmt == "docx")).all()
        assert len(files) == 3
        doc = open_docx(io.BytesIO(files[0].content))
        cells = "\n".join(c.text for t in doc.tables for c in t._cells)
        facts = "\n".join(p.text for p in doc.paragraphs)  # the record's facts close the copy
        assert "Care\nHome Ltd" in cells + facts and "Eleri Golygydd" in cells + facts


def test_generator_sanitises_values_that_skipped_validation():
    defn = all_forms()["bp-residents-list"]
    values = defn.example()
    values["home"] = BAD
    docx = render(build_document(defn, values, "both"), "docx")
    assert "A\nB\nCDEFG" in "\n".join(
        c.text for t in open_docx(io.BytesIO(docx)).tables for c in t._cells
    )


def test_a_resident_name_with_controls_does_not_break_a_merge(tmp_path):
    defn = get_letter("family-concerns-raised")
    row = {
        "recipient_name": "Mrs Ann\x0b Jones\ufffe",
        "recipient_address": "2 Heol y Bryn\nAberaeron",
        "resident_name": "Mr Dai\x00 Jones",
        "language": "en",
    }
    recipients, problems = plan_merge(defn, defn.example(), [row])
    assert problems == []
    result = run_merge(defn, recipients, tmp_path / "out", workers=1, chunk=1)
    docx = open_docx(str(result.out_dir / result.letters[0].docx))
    assert "Mrs Ann Jones" in "\n".join(p.text for p in docx.paragraphs)


def test_cli_render_cleans_json_strings(tmp_path):
    defn = all_forms()["cm-action-plan"]
    values = defn.example()
    values["provider"] = "Care\u000bHome\ufffe\ud800"
    data = tmp_path / "data.json"
    data.write_text(json.dumps(values), encoding="utf-8")
    out = tmp_path / "out.docx"
    r = CliRunner().invoke(
        cli,
        ["render", "cm-action-plan", "--data", str(data), "--format", "docx", "--out", str(out)],
    )
    assert r.exit_code == 0, r.output
    cells = "\n".join(c.text for t in open_docx(str(out)).tables for c in t._cells)
    assert "Care Home" in cells


def test_spreadsheet_cells_are_cleaned():
    assert plain("Line one\x0bline two\x00") == "Line one\nline two"


# --- out-of-range values ----------------------------------------------------------------


def test_dates_outside_1900_to_2100_are_refused():
    field = Date("d", "When")
    today = dt.date(2026, 3, 2)
    assert field.parse("31/12/2100", today) == "2100-12-31"
    for bad in ("31/12/9999", "0001-01-01", "31/12/1899"):
        try:
            field.parse(bad, today)
        except FieldError as exc:
            assert "between" in exc.message
        else:
            raise AssertionError(bad)


def test_case_page_opens_with_a_stored_out_of_range_date(app, client, case_id):
    url = start(client, case_id, "provider-process-started", "letter")
    with app.app_context():
        db.session.get(Case, case_id).opened_on = dt.date(9999, 12, 31)
        rid = int(re.search(r"/records/(\d+)", url).group(1))
        rec = db.session.get(Record, rid)
        rec.data = {**rec.data, "decision_date": "9999-12-31"}
        db.session.commit()
    assert client.get(f"/cases/{case_id}").status_code == 200
    assert client.get(url).status_code == 200


def test_case_form_and_drafts_refuse_year_9999(app, client, case_id):
    r = client.post(
        "/cases/new",
        data={
            "provider": "P",
            "service": "S",
            "case_process": "closure",
            "opened_on": "9999-12-31",
        },
    )
    assert r.status_code == 400 and "Date opened must be between 1900 and 2100" in r.text
    url = start(client, case_id, "provider-process-started", "letter")
    r = client.post(url, data={"decision_date": "9999-12-31", "action": "save"})
    assert r.status_code == 400 and "must be a date between 1900 and 2100" in r.text
    assert client.get(f"/cases/{case_id}").status_code == 200


def test_ids_beyond_a_database_integer_are_not_found(app, client, case_id):
    for n in (2**31, 2**63, 2**64, 10**30):
        assert client.get(f"/cases/{n}").status_code == 404
        assert client.get(f"/records/{n}/edit").status_code == 404
        assert client.get(f"/records/1/files/{n}").status_code == 404
    assert client.get(f"/cases/{2**31 - 1}").status_code == 404


def test_next_with_a_line_break_goes_home(app, client):
    for target in ("/cases\r\nSet-Cookie: x=1", "/\\evil.example", "/a\x00"):
        r = client.get("/language/cy", query_string={"next": target})
        assert r.status_code == 302
        assert r.location in ("/", "http://localhost/")


def test_a_draft_stored_with_thousands_of_rows_opens_at_the_limit(app, client, case_id):
    """A draft saved before rows were limited: its page shows no more rows than the limit."""
    url = start(client, case_id)
    with app.app_context():
        rid = int(re.search(r"/records/(\d+)", url).group(1))
        db.session.get(Record, rid).data = {"actions": [{"issue": "x"}] * 20_000}
        db.session.commit()
    page = client.get(url).text
    assert 'id="actions-199"' in page and 'id="actions-200"' not in page


def test_checklist_rows_beyond_its_items_are_not_saved(app, client, case_id):
    url = start(client, case_id, "wb-home-closure-checklist")
    r = client.post(url, data={"tasks-5000-key": "x", "tasks-0-key": "t1", "action": "save"})
    assert r.status_code == 400 and "Rows beyond that were not saved." in r.text


def test_a_draft_saved_with_problems_shows_what_was_just_typed(app, client, case_id):
    url = start(client, case_id, "provider-process-started", "letter")
    client.post(url, data={"decision_date": "2026-03-01", "action": "save"})
    typed = "Tŷ Newydd, O'Brien & Sons <Ltd>"
    r = client.post(url, data={"provider": typed, "decision_date": "2026-13-45", "action": "save"})
    assert r.status_code == 400
    assert 'value="Tŷ Newydd, O&#39;Brien &amp; Sons &lt;Ltd&gt;"' in r.text  # not the old answers
    assert stored(app, url)["provider"] == typed
