"""The case as a process: policy and stage, stage changes with who/when/why and their audit,
key dates recorded by hand or by finalising a form, corrections audited, and the timeline."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from forms import FormDefinition
from forms.fields import Date, Section
from forms.process import KEY_DATES, POLICIES, STAGES
from web.core.extensions import db
from web.core.models import AuditEvent, Case, CaseKeyDate, CaseStageChange, Record
from web.process.key_dates import copy_from_record

from .conftest import add_member, open_case, sign_in


def _events(app, case_id, action):
    with app.app_context():
        return db.session.scalars(
            select(AuditEvent.detail).where(
                AuditEvent.case_id == case_id, AuditEvent.action == action
            )
        ).all()


def test_every_policy_names_known_stages_and_dates():
    assert set(POLICIES) == {"WB", "CM", "BP", "NW", "BK"}
    for policy in POLICIES.values():
        assert set(policy.stages) <= set(STAGES)
        assert {r.after for r in policy.requirements} <= set(KEY_DATES)
    assert POLICIES["BP"].nation == POLICIES["BK"].nation == "england"
    assert POLICIES["NW"].nation == "wales"


def test_a_new_case_takes_its_policy_and_stage_from_the_process(app, client):
    pp = open_case(client)
    ec = open_case(client, "escalating-concerns", policy="WB")
    with app.app_context():
        a, b = db.session.get(Case, pp), db.session.get(Case, ec)
        assert (a.policy, a.stage) == ("CM", "monitoring")
        assert (b.policy, b.stage) == ("WB", "escalating")
    page = client.get(f"/cases/{ec}").text
    assert "Western Bay escalating concerns policy" in page and "Escalating concerns" in page


def test_stage_change_records_who_when_why_and_the_decision(app, client, case_id):
    with app.app_context():
        record = Record(case_id=case_id, doc_id="cm-action-plan", status="final")
        db.session.add(record)
        db.session.commit()
        rid = record.id
    r = client.post(
        f"/cases/{case_id}/stage",
        data={
            "stage": "embargo",
            "reason": "Falls not reported <twice> & “again”",
            "record_id": rid,
        },
    )
    assert r.status_code == 302, r.text[:2000]
    with app.app_context():
        case = db.session.get(Case, case_id)
        change = case.stage_changes[-1]
        assert (change.from_stage, change.to_stage, change.record_id) == (
            "monitoring",
            "embargo",
            rid,
        )
        assert change.by.email == "editor@example.org" and change.reason.startswith("Falls")
        assert case.stage == "embargo" and case.status == "open"
    detail = _events(app, case_id, "change-stage")
    assert detail == [f"monitoring -> embargo: Falls not reported <twice> & “again” (record {rid})"]
    page = client.get(f"/cases/{case_id}").text
    assert "Stage: Embargo or conditions in place" in page
    assert "Falls not reported &lt;twice&gt; &amp; “again”" in page  # escaped, unchanged

    r = client.post(f"/cases/{case_id}/stage", data={"stage": "closed", "reason": "Resolved"})
    with app.app_context():
        assert db.session.get(Case, case_id).status == "closed"


def test_stage_change_needs_a_reason_and_an_editor(app, client, case_id):
    r = client.post(f"/cases/{case_id}/stage", data={"stage": "escalating", "reason": ""})
    assert r.status_code == 400 and "Enter why the stage changes" in r.text
    add_member(app, case_id, "viewer")
    viewer = sign_in(app.test_client(), "viewer")
    assert viewer.post(f"/cases/{case_id}/stage", data={"stage": "closed"}).status_code == 403
    with app.app_context():
        assert db.session.scalar(select(CaseStageChange.id)) is None


def test_a_decision_record_from_another_case_is_refused(app, client, case_id):
    other = open_case(client)
    with app.app_context():
        record = Record(case_id=other, doc_id="cm-action-plan", status="final")
        db.session.add(record)
        db.session.commit()
        rid = record.id
    r = client.post(
        f"/cases/{case_id}/stage", data={"stage": "embargo", "reason": "x", "record_id": rid}
    )
    assert r.status_code == 400  # not among the choices


def test_key_dates_are_recorded_corrected_and_audited(app, client, case_id):
    r = client.post(
        f"/cases/{case_id}/dates/new", data={"kind": "pecg_meeting", "on": "2026-03-04"}
    )
    assert r.status_code == 302
    client.post(f"/cases/{case_id}/dates/new", data={"kind": "pecg_meeting", "on": "2026-04-08"})
    with app.app_context():
        dates = db.session.get(Case, case_id).key_dates
        assert [(k.kind, k.on.isoformat()) for k in dates] == [
            ("pecg_meeting", "2026-03-04"),
            ("pecg_meeting", "2026-04-08"),
        ]
        first = dates[0].id
    r = client.post(
        f"/cases/{case_id}/dates/{first}",
        data={"kind": "pecg_meeting", "on": "2026-03-05", "note": "typo"},
    )
    assert r.status_code == 302
    assert _events(app, case_id, "correct-key-date") == [
        "pecg_meeting: 2026-03-04 -> 2026-03-05 (typo)"
    ]
    client.post(f"/cases/{case_id}/dates/{first}", data={"action": "remove"})
    assert _events(app, case_id, "remove-key-date") == ["pecg_meeting: 2026-03-05 -> -"]
    page = client.get(f"/cases/{case_id}").text
    assert "8 April 2026" in page and "Date corrected" in page
    assert "Counted from" not in page


def test_a_date_on_another_case_is_not_found(app, client, case_id):
    other = open_case(client)
    client.post(f"/cases/{other}/dates/new", data={"kind": "ec_decision", "on": "2026-03-04"})
    with app.app_context():
        kid = db.session.scalar(select(CaseKeyDate.id))
    assert client.get(f"/cases/{case_id}/dates/{kid}").status_code == 404


def test_a_date_that_does_not_repeat_is_replaced_not_added(app, client, case_id):
    for day in ("2026-03-02", "2026-03-03"):
        client.post(f"/cases/{case_id}/dates/new", data={"kind": "ec_decision", "on": day})
    with app.app_context():
        dates = db.session.get(Case, case_id).key_dates
        assert [k.on for k in dates] == [dt.date(2026, 3, 3)]
    assert _events(app, case_id, "correct-key-date") == ["ec_decision: 2026-03-02 -> 2026-03-03"]


TEST_FORM = FormDefinition(
    id="test-pecg-notes",
    title="PECG notes",
    source="test",
    sections=[Section("Meeting", [Date("meeting_on", "Date of the meeting")])],
    key_dates={"meeting_on": "pecg_meeting"},
)


def test_finalising_a_form_that_declares_a_key_date_sets_it(app, client, case_id, monkeypatch):
    monkeypatch.setattr("web.core.registry.all_forms", lambda: {TEST_FORM.id: TEST_FORM})
    with app.app_context():
        case = db.session.get(Case, case_id)
        record = Record(case=case, doc_id=TEST_FORM.id, status="final")
        db.session.add(record)
        db.session.flush()
        copy_from_record(record, {"meeting_on": "2026-05-06"}, None)
        copy_from_record(record, {"meeting_on": "2026-05-06"}, None)  # the same meeting once
        db.session.commit()
        dates = db.session.get(Case, case_id).key_dates
        assert [(k.kind, k.on, k.record_id) for k in dates] == [
            ("pecg_meeting", dt.date(2026, 5, 6), record.id)
        ]


@pytest.mark.parametrize("defn_id", ["provider-ec-status", "provider-process-started"])
def test_letters_that_record_dates_name_real_date_fields(defn_id):
    from forms.letters import get_letter

    defn = get_letter(defn_id)
    for name, kind in defn.key_dates.items():
        assert kind in KEY_DATES
        assert defn.member(name).kind == "date"


def test_migration_back_fills_policy_and_stage_from_the_process(app):
    import sqlalchemy as sa
    from flask_migrate import downgrade, upgrade

    old = sa.table(
        "case",
        *(sa.column(n) for n in ("provider", "service", "provider_address", "process")),
        *(sa.column(n) for n in ("status", "opened_on", "created_at")),
    )
    with app.app_context():
        downgrade(revision="integrity_triggers")
        for process, status in [
            ("provider-performance", "open"),
            ("escalating-concerns", "open"),
            ("closure", "open"),
            ("escalating-concerns", "closed"),
        ]:
            db.session.execute(
                old.insert().values(
                    provider="P",
                    service="S",
                    provider_address="",
                    process=process,
                    status=status,
                    opened_on=dt.date(2025, 1, 1),
                    created_at=dt.datetime(2025, 1, 1),
                )
            )
        db.session.commit()
        upgrade()
        rows = db.session.execute(select(Case.policy, Case.stage).order_by(Case.id)).all()
    assert [tuple(r) for r in rows] == [
        ("CM", "monitoring"),
        ("NW", "escalating"),
        ("WB", "closure"),
        ("NW", "closed"),
    ]


def test_demo_data_has_cases_at_every_stage_and_something_overdue(app):
    from web.admin.setup import setup_database
    from web.process.deadlines import open_deadlines

    with app.app_context():
        list(setup_database(demo=True))
        cases = db.session.scalars(select(Case)).all()
        assert {c.stage for c in cases} == set(STAGES)
        assert all(c.policy in POLICIES for c in cases)
        overdue = open_deadlines([c for c in cases if c.status == "open"], overdue_only=True)
        assert {d.case.provider for d in overdue} >= {
            "Glan Tywi Care Ltd",
            "Gofal Glan-y-Môr Cyf",
        }
        assert db.session.scalar(select(CaseStageChange.id)) is not None


def test_case_page_in_welsh_shows_the_process(app, client, case_id):
    client.post(f"/cases/{case_id}/dates/new", data={"kind": "ec_decision", "on": "2026-04-02"})
    client.get("/language/cy")
    page = client.get(f"/cases/{case_id}").text
    for words in ("Dyddiadau allweddol", "Llinell amser", "Monitro perfformiad darparwyr"):
        assert words in page
    assert "Penderfyniad i ddechrau’r broses pryderon cynyddol" in page
    assert "8 Ebrill 2026" in page  # 2 working days after Easter: the provider is notified
    assert "Counted from" not in page and "Pan gaiff ei gofnodi" in page  # later dates only


def test_a_date_outside_the_calendar_is_refused(app, client, case_id):
    r = client.post(f"/cases/{case_id}/dates/new", data={"kind": "ec_decision", "on": "9999-12-31"})
    assert r.status_code == 400 and "The date must be between" in r.text
    with app.app_context():
        assert db.session.get(Case, case_id).key_dates == []


def test_contacts_are_kept_shown_and_address_provider_letters(app, client):
    case_id = open_case(
        client,
        responsible_individual="Ms Eleri O'Neill <RI>",
        manager="Mr Gwŷn Jones",
        commissioning_lead="Ceri Wyn",
    )
    page = client.get(f"/cases/{case_id}").text
    assert "Ms Eleri O&#39;Neill &lt;RI&gt;" in page and "Ceri Wyn" in page
    r = client.post(
        f"/cases/{case_id}/records",
        data={"doc_type": "letter", "doc_id": "provider-process-started"},
    )
    form = client.get(r.location).text
    assert 'value="Ms Eleri O&#39;Neill &lt;RI&gt;"' in form
    data = {
        "provider": "O'Brien & Sons <Ltd>",
        "service": "Tŷ Gwyn Care Home",
        "case_process": "provider-performance",
        "opened_on": "2026-03-02",
        "manager": "Ms Nia Rees",
    }
    client.post(f"/cases/{case_id}/edit", data=data)
    assert any(
        'manager: "Mr Gwŷn Jones" -> "Ms Nia Rees"' in d
        for d in _events(app, case_id, "update-case")
    )
