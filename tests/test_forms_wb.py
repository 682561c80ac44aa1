"""The Western Bay forms: examples validate, required values and the seed's rules are enforced."""

import datetime as dt
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from forms import get_form
from forms.catalogue.wb_home_closure_checklist import TASKS
from forms.fields import Checklist, Group

IDS = ["wb-risk-assessment", "wb-home-closure-checklist", "wb-network-notification"]
TODAY = dt.date(2026, 11, 22)


def paths(form, data, level="final"):
    _, errors = form.validate(data, level=level, today=TODAY)
    return {e.path for e in errors}


@pytest.mark.parametrize("form_id", IDS)
def test_example_validates(form_id):
    form = get_form(form_id)
    values, errors = form.validate(form.example(), today=TODAY)
    assert errors == []
    assert values == form.example()


@pytest.mark.parametrize("form_id", IDS)
def test_empty_form_reports_each_required_value(form_id):
    form = get_form(form_id)
    found = paths(form, {})
    for m in form.members():
        if isinstance(m, Group | Checklist):
            continue
        if getattr(m, "required", False) and m.kind != "computed":
            assert m.name in found
        else:
            assert m.name not in found


@pytest.mark.parametrize("form_id", IDS)
def test_empty_form_saves_as_draft(form_id):
    assert paths(get_form(form_id), {}, level="draft") == set()


# --- risk assessment -------------------------------------------------------------------------

RISK = get_form("wb-risk-assessment")


def risk_data(**row):
    data = RISK.example()
    data["risks"][0].update(row)
    return data


def test_risk_rows_required():
    data = RISK.example()
    data["risks"] = []
    assert paths(RISK, data) == {"risks"}


def test_risk_row_missing_values_at_their_paths():
    data = RISK.example()
    data["risks"] = [{"standard": "NMS 7"}]
    found = paths(RISK, data)
    for name in ("incident_on", "description", "at_risk", "action_taken", "further_action"):
        assert f"risks[0].{name}" in found
    for name in ("impact", "engagement", "ongoing_risk"):
        assert f"risks[0].{name}" in found
    assert "risks[0].discussed_on" not in found


def test_future_incident_date_refused():
    _, errors = RISK.validate(risk_data(incident_on="2026-11-23"), today=TODAY)
    assert [e.path for e in errors] == ["risks[0].incident_on"]
    assert errors[0].message == "“%(label)s” must be today or in the past"
    assert paths(RISK, risk_data(incident_on="2026-11-22")) == set()


def test_future_completion_date_refused():
    data = RISK.example()
    data["completed_on"] = "2099-01-01"
    assert paths(RISK, data) == {"completed_on"}


def test_future_discussion_date_refused():
    data = risk_data(discussed_on="12/01/2026, 3/02/2099")
    _, errors = RISK.validate(data)
    assert [e.path for e in errors] == ["risks[0].discussed_on"]
    assert paths(RISK, risk_data(discussed_on="12/01/2026 and 2026-02-03")) == set()
    # a list of dates, so text that is not a date (or not a real one) no longer passes
    assert paths(RISK, risk_data(discussed_on="weekly since January")) == {"risks[0].discussed_on"}
    assert paths(RISK, risk_data(discussed_on="32/11/2026")) == {"risks[0].discussed_on"}


def test_ratings_on_the_matrix_scales():
    assert paths(RISK, risk_data(impact=6)) == {"risks[0].impact"}
    assert paths(RISK, risk_data(engagement=0)) == {"risks[0].engagement"}
    values, errors = RISK.validate(risk_data(impact="5", engagement=1), today=TODAY)
    assert errors == []
    assert values["risks"][0]["impact"] == 5


def test_overall_level_and_rationale_required():
    data = RISK.example()
    del data["overall_level"], data["rationale"]
    assert paths(RISK, data) == {"overall_level", "rationale"}
    data = RISK.example()
    data["rationale"] = "  \n "
    assert paths(RISK, data) == {"rationale"}
    data["overall_level"] = "green"
    assert "overall_level" in paths(RISK, data)


# --- home closure checklist --------------------------------------------------------------------

CLOSURE = get_form("wb-home-closure-checklist")


def test_checklist_has_the_seed_tasks_with_default_leads():
    checklist = CLOSURE.member("tasks")
    assert len(TASKS) == 33
    assert [i.text for i in checklist.items] == [t for _, t, _ in TASKS]
    assert checklist.items[0].text == "Undertake a risk assessment on each resident re moving."
    assert checklist.items[0].defaults == {"lead": "Care Manager / OT / Nurse Assessor/GP"}
    assert checklist.items[-1].defaults == {"lead": "HOSG Chair/ABMU Lead"}
    assert len({i.key for i in checklist.items}) == 33


def test_default_leads_fill_untouched_tasks():
    data = CLOSURE.example()
    data["tasks"] = []
    values, errors = CLOSURE.validate(data, today=TODAY)
    assert errors == []
    assert values["tasks"][3] == {"key": "residents-list", "lead": "C&C Team"}


def test_task_without_lead_blocks_finalising():
    data = CLOSURE.example()
    data["tasks"][4]["lead"] = ""
    data["tasks"][20]["lead"] = "   "
    _, errors = CLOSURE.validate(data, today=TODAY)
    assert [e.path for e in errors] == ["tasks[4].lead", "tasks[20].lead"]
    assert errors[0].params == {"label": "Lead person"}
    assert paths(CLOSURE, data, level="draft") == set()


def test_checklist_header_required():
    data = CLOSURE.example()
    del data["home_name"], data["closure_date"]
    assert paths(CLOSURE, data) == {"home_name", "closure_date"}


def test_checklist_last_updated_not_in_future():
    data = CLOSURE.example()
    data["updated_on"] = "2026-12-01"
    assert paths(CLOSURE, data) == {"updated_on"}


# --- network notification ----------------------------------------------------------------------

NOTE = get_form("wb-network-notification")


def test_notification_is_bilingual_with_the_seed_note():
    assert NOTE.default_lang == "both"
    assert NOTE.notice.startswith("NB. The information contained within this form is being shared")
    assert NOTE.notice.endswith("Protection of Vulnerable Adults from Abuse.")


def test_end_notification_needs_closure_date():
    data = NOTE.example()
    del data["closed_on"]
    assert paths(NOTE, data) == {"closed_on"}


def test_start_notification_has_no_closure_date():
    data = NOTE.example()
    data["stage"] = "start"
    assert paths(NOTE, data) == {"closed_on"}
    del data["closed_on"]
    assert paths(NOTE, data) == set()


def test_closure_not_before_commencement():
    data = NOTE.example()
    data["commenced_on"], data["closed_on"] = "2026-05-01", "2026-04-01"
    assert paths(NOTE, data) == {"closed_on"}


def test_process_dates_not_in_future():
    data = NOTE.example()
    data["commenced_on"] = "2026-11-30"
    assert paths(NOTE, data) == {"commenced_on"}


def test_restriction_needs_details():
    data = NOTE.example()
    data["placements_restricted"] = "yes"
    data.pop("restriction_details", None)
    assert paths(NOTE, data) == {"restriction_details"}
    data["placements_restricted"] = "no"
    assert paths(NOTE, data) == set()


def test_notification_status_options():
    data = NOTE.example()
    for status in ("provider-performance", "escalating-concerns", "hosg"):
        data["status"] = status
        assert paths(NOTE, data) == set()
    data["status"] = "closed"
    assert paths(NOTE, data) == {"status"}


def test_default_leads_shown_in_the_copy_language():
    lead = CLOSURE.member("tasks").fields[0]
    fake = lambda text, **params: f"cy:{text}"  # noqa: E731
    assert lead.display("HOSG Chair", fake) == "cy:HOSG Chair"
    assert lead.display("Siân Hughes", fake) == "Siân Hughes"


# --- Welsh ---------------------------------------------------------------------------------------

FRAGMENTS = Path(__file__).resolve().parent.parent / "web/translations/fragments"


def _texts(form):
    yield form.title
    if form.notice:
        yield form.notice
    for section in form.sections:
        yield section.title
        if section.intro:
            yield section.intro
        for m in section.members:
            yield m.label
            if m.help:
                yield m.help
            if isinstance(m, Group):
                yield m.row_label
            if isinstance(m, Checklist):
                for item in m.items:
                    yield item.text
                    yield from item.defaults.values()
            for f in getattr(m, "fields", [m]):
                yield f.label
                if f.help:
                    yield f.help
                for _, label in getattr(f, "options", []):
                    if isinstance(label, str):
                        yield label


@pytest.mark.parametrize("form_id", IDS)
def test_every_string_has_welsh(form_id):
    welsh = {}
    for path in sorted(FRAGMENTS.glob("*.po")):  # option lists shared with letters live elsewhere
        welsh.update({m.id: m.string for m in read_po(path.open("rb")) if m.id and m.string})
    for text in _texts(get_form(form_id)):
        assert welsh.get(text), text
        assert "&" not in welsh[text]
