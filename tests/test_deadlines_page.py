"""The deadlines page across the cases a user may see (grouped by week, CSV) and
``dogfen deadlines [--overdue] [--json]`` with its exit status."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from click.testing import CliRunner

from web.cli import main
from web.core.extensions import db
from web.core.models import CaseKeyDate

from .conftest import add_member, open_case, sign_in

TODAY = dt.date.today()


def seed(app, client):
    late = open_case(client, "escalating-concerns", provider="=SUM(A1) O'Brien <Ltd>", policy="NW")
    soon = open_case(client, "escalating-concerns", provider="Tŷ Soon", policy="WB")
    with app.app_context():
        db.session.add(CaseKeyDate(case_id=late, kind="pecg_meeting", on=TODAY - dt.timedelta(30)))
        db.session.add(CaseKeyDate(case_id=soon, kind="pecg_meeting", on=TODAY - dt.timedelta(7)))
        db.session.commit()
    return late, soon


def test_page_groups_by_week_and_links_to_the_case(app, client):
    late, soon = seed(app, client)
    page = client.get("/deadlines").text
    assert page.count("Week of") >= 2
    assert f'href="/cases/{late}#deadlines"' in page and f'href="/cases/{soon}#deadlines"' in page
    assert "=SUM(A1) O&#39;Brien &lt;Ltd&gt;" in page
    assert "Hold the initial Joint Inter-agency Monitoring Panel" in page and "(WB 4.6)" in page
    overdue = client.get("/deadlines?overdue=1").text
    assert "Tŷ Soon" not in overdue and "Overdue" in overdue


def test_only_visible_cases(app, client):
    late, soon = seed(app, client)
    viewer = sign_in(app.test_client(), "viewer")
    assert "Nothing is due." in viewer.get("/deadlines").text
    add_member(app, soon, "viewer")
    page = viewer.get("/deadlines").text
    assert "Tŷ Soon" in page and "O&#39;Brien" not in page


def test_csv_is_safe_for_spreadsheets_and_in_the_page_language(app, client):
    seed(app, client)
    r = client.get("/deadlines?format=csv")
    assert r.mimetype == "text/csv" and "attachment" in r.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(r.data.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Case file", "Provider", "Service or setting", "What"]
    providers = {row[1] for row in rows[1:]}
    assert providers == {"'=SUM(A1) O'Brien <Ltd>", "Tŷ Soon"}
    assert all(dt.date.fromisoformat(row[4]) for row in rows[1:])
    client.get("/language/cy")
    cy = list(csv.reader(io.StringIO(client.get("/deadlines?format=csv").data.decode("utf-8-sig"))))
    assert cy[0][0] != "Case file" and {"Yn hwyr", "Yn ddyledus"} & {row[5] for row in cy[1:]}


def run_cli(app, monkeypatch, *args):
    monkeypatch.setattr("web.create_app", lambda: app)
    return CliRunner().invoke(main, ["deadlines", *args])


def test_cli_json_and_exit_status(app, client, monkeypatch):
    late, soon = seed(app, client)
    result = run_cli(app, monkeypatch, "--json")
    assert result.exit_code == 1, result.output  # something is overdue
    items = json.loads(result.output)
    assert items and set(items[0]) == {"case", "provider", "what", "due", "status", "source"}
    assert {i["status"] for i in items} == {"due", "overdue"}
    assert any(i["source"] == "NW 2.13" and i["case"] == late for i in items)
    assert all(dt.date.fromisoformat(i["due"]) for i in items)
    only = json.loads(run_cli(app, monkeypatch, "--overdue", "--json").output)
    assert (
        only and {i["status"] for i in only} == {"overdue"} and {i["case"] for i in only} == {late}
    )
    text = run_cli(app, monkeypatch, "--overdue").output
    assert "\toverdue\t" in text and "O'Brien <Ltd>" in text


def test_cli_exits_0_when_nothing_is_overdue(app, client, monkeypatch):
    soon = open_case(client, "escalating-concerns", provider="Fine", policy="WB")
    with app.app_context():
        db.session.add(CaseKeyDate(case_id=soon, kind="pecg_meeting", on=TODAY))
        db.session.commit()
    result = run_cli(app, monkeypatch, "--json")
    assert result.exit_code == 0 and [i["status"] for i in json.loads(result.output)] == ["due"]


def test_each_item_starts_the_letter_or_form_that_fulfils_it(app, client):
    late, soon = seed(app, client)
    page = client.get("/deadlines").text
    assert 'name="doc_id" value="provider-ec-status"' in page
    assert f'action="/cases/{late}/records"' in page
    r = client.post(
        f"/cases/{late}/records", data={"doc_type": "letter", "doc_id": "provider-ec-status"}
    )
    assert r.status_code == 302
    page = client.get("/deadlines").text  # now a draft: the link goes to it
    assert 'name="doc_id" value="provider-ec-status"' not in page and r.location in page
    viewer = sign_in(app.test_client(), "viewer")
    add_member(app, late, "viewer")
    assert 'name="doc_id"' not in viewer.get("/deadlines").text  # viewers cannot start one
