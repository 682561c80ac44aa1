"""Strategic JIMP figures (NW 2.22) on a seeded set of cases with known answers: the page (both
languages, the SVG chart beside its table), the CSV, ``dogfen figures``, and visibility."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from click.testing import CliRunner

from web.cli import main
from web.core.extensions import db
from web.core.models import Case, CaseKeyDate, Record

from .conftest import add_member, open_case, sign_in

D = dt.date.fromisoformat
PERIOD = "from=2026-01-01&to=2026-06-30"

SEED = {
    "Alder": ("care-home", 3, [
        ("ec_decision", "2026-01-10"), ("pecg_meeting", "2026-01-15"),
        ("pecg_meeting", "2026-02-20"),
        ("embargo_placed", "2026-02-01"), ("embargo_lifted", "2026-04-01"),
        ("process_ended", "2026-05-15"),
    ], [("2026-02-02", ["Medication  management", "Staffing"])]),
    "Birch": ("nursing-home", 5, [
        ("ec_decision", "2026-03-01"), ("pecg_meeting", "2026-03-05"),
        ("embargo_placed", "2026-03-10"), ("process_ended", "2026-06-04"),
    ], [("2026-03-06", ["Medication management"]), ("2025-12-01", ["Outside the period"])]),
    "Cedar": ("care-home", 2, [
        ("ec_decision", "2025-11-01"), ("embargo_placed", "2025-10-01"),
        ("embargo_lifted", "2025-12-01"), ("closure_completed", "2026-02-10"),
    ], []),
    "Derwen": ("care-home", 4, [("embargo_placed", "2026-07-15")], []),
}  # fmt: skip


@pytest.fixture
def seeded(app, client):
    ids = {}
    for name, (kind, vacancies, dates, assessments) in SEED.items():
        ids[name] = case_id = open_case(client, "escalating-concerns", provider=name)
        with app.app_context():
            case = db.session.get(Case, case_id)
            case.service_type, case.vacancies = kind, vacancies
            for k, on in dates:
                db.session.add(CaseKeyDate(case_id=case_id, kind=k, on=D(on)))
            for on, standards in assessments:
                db.session.add(
                    Record(
                        case_id=case_id,
                        doc_id="wb-risk-assessment",
                        status="final",
                        data={"risks": [{"standard": s} for s in standards]},
                        finalised_at=dt.datetime.combine(D(on), dt.time(12)),
                    )
                )
            db.session.commit()
    return ids


def run(app, monkeypatch, *args):
    monkeypatch.setattr("web.create_app", lambda: app)
    return CliRunner().invoke(
        main, ["figures", "--from", "2026-01-01", "--to", "2026-06-30", *args]
    )


def test_known_answers_from_the_command_line(app, seeded, monkeypatch):
    result = run(app, monkeypatch, "--json")
    assert result.exit_code == 0, result.output
    fig = json.loads(result.output)
    assert fig["threshold"] == 2  # Alder and Birch decided in the period
    assert [(p["provider"], p["days"]) for p in fig["processes"]] == [("Alder", 120), ("Birch", 91)]
    assert fig["mean_days"] == 105.5 and fig["median_days"] == 105.5
    assert fig["embargoes"] == {"care-home": 1, "nursing-home": 1}  # Cedar lifted, Derwen later
    assert fig["vacant_beds"] == 8 and fig["closures"] == 1
    assert fig["themes"] == [["Medication management", 2], ["Staffing", 1]]
    assert fig["actions"]["pecg_meeting"] == 3 and fig["actions"]["embargo_lifted"] == 1
    text = run(app, monkeypatch).output
    assert "Vacant beds affected by embargoes\t8" in text
    rows = list(csv.reader(io.StringIO(run(app, monkeypatch, "--csv").output)))
    assert ["Summary", "Closures", "1"] in rows


def test_page_in_both_languages_with_the_chart_and_its_table(app, client, seeded):
    page = client.get(f"/figures?{PERIOD}").text
    assert (
        "<svg" in page and 'role="img"' in page and "Care home 1; Care home with nursing 1" in page
    )
    assert "105.5" in page and "Medication management" in page
    client.get("/language/cy")
    cy = client.get(f"/figures?{PERIOD}").text
    assert "105.5" in cy and "Ffigurau strategol" in cy
    csv_cy = client.get(f"/figures?{PERIOD}&format=csv").data.decode("utf-8-sig")
    assert ",8\r\n" in csv_cy  # the same numbers in Welsh


def test_only_visible_cases_count(app, seeded):
    viewer = sign_in(app.test_client(), "viewer")
    add_member(app, seeded["Birch"], "viewer")
    csv_text = viewer.get(f"/figures?{PERIOD}&format=csv").data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(csv_text)))
    assert ["Summary", "Services that met the escalating concerns threshold", "1"] in rows
    assert ["Summary", "Vacant beds affected by embargoes", "5"] in rows
    assert not any("Alder" in cell for row in rows for cell in row)
