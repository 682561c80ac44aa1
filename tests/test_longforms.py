"""Long forms the GOV.UK way: repeating rows as a summary with a page each, removal after a
confirmation, "Draft saved at 14:32", errors that name their row, hints on each option."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from forms.catalogue.cm_action_plan import FORM as PLAN
from forms.catalogue.wb_risk_assessment import FORM as RISK
from web.core.extensions import db
from web.core.models import Record


def start(client, case_id, doc_id="cm-action-plan") -> str:
    r = client.post(f"/cases/{case_id}/records", data={"doc_type": "form", "doc_id": doc_id})
    assert r.status_code == 302
    return r.location


def rid(url: str) -> int:
    return int(re.search(r"/records/(\d+)", url).group(1))


def stored(app, url: str) -> dict:
    with app.app_context():
        return db.session.get(Record, rid(url)).data


def put_rows(app, url: str, name: str, rows: list) -> None:
    with app.app_context():
        record = db.session.get(Record, rid(url))
        record.data = {**(record.data or {}), name: rows}
        db.session.commit()


ISSUE = {
    "issue-cy": "Cynlluniau gofal",
    "issue-en": "O'Brien & Sons <Ltd> care plans",
    "improvement-cy": "Adolygu",
    "improvement-en": "Review",
    "action_type": "CA",
    "by_when-day": "29",
    "by_when-month": "5",
    "by_when-year": "2026",
    "person_responsible": "Siân Hughes",
    "likelihood": "4",
    "impact": "3",
    "progress": "on-going",
}


def test_add_another_opens_the_new_rows_page_and_saving_it_returns_to_that_row(
    app, client, case_id
):
    url = start(client, case_id)
    r = client.post(url, data={"action": "add:actions"})
    assert r.location.endswith(f"/records/{rid(url)}/rows/actions/0")
    page = client.get(r.location).text
    assert '<h1 class="govuk-heading-l">Issue 1</h1>' in page and 'name="issue-cy"' in page
    r = client.post(r.location, data=ISSUE)
    assert r.status_code == 302 and r.location.endswith("/edit#actions-0")
    row = stored(app, url)["actions"][0]
    assert row["issue"] == {"cy": "Cynlluniau gofal", "en": "O'Brien & Sons <Ltd> care plans"}
    summary = client.get(r.location).text
    assert "Draft saved at " in summary
    table = summary[summary.index('id="actions-0"') :]
    table = table[: table.index("</tr>")]
    assert "O&#39;Brien &amp; Sons &lt;Ltd&gt; care plans" in table  # key columns, escaped
    assert "29 May 2026" in table and "On-going" in table
    assert 'class="dogfen-computed dogfen-rag-red">12 – Red' in table  # its rating
    assert "Complete" in table and "/rows/actions/0/remove" in table


def test_draft_saved_shows_london_time_even_with_problems(app, client, case_id):
    url = start(client, case_id)
    client.post(url, data={"action": "add:actions"})
    before = dt.datetime.now(ZoneInfo("Europe/London"))
    r = client.post(
        url.replace("/edit", "/rows/actions/0"),
        data={**ISSUE, "by_when-day": "31", "by_when-month": "2"},
    )
    after = dt.datetime.now(ZoneInfo("Europe/London"))
    assert r.status_code == 400
    shown = re.search(r"Draft saved at (\d\d:\d\d)", r.text).group(1)
    assert shown in {before.strftime("%H:%M"), after.strftime("%H:%M")}
    assert "Issue 1: “By when” must be a real date" in r.text  # names the row
    assert 'value="31"' in r.text  # what was typed comes back
    assert stored(app, url)["actions"][0]["person_responsible"] == "Siân Hughes"  # kept
    r = client.post(url, data={"action": "save"})  # the record's page: saved, with the problem
    assert r.status_code == 400 and "Draft saved at" in r.text
    assert '<a href="#actions-0">Issue 1: “By when” must be a real date' in r.text
    client.post(url.replace("/edit", "/rows/actions/0"), data=ISSUE)  # put right
    client.get("/language/cy")
    r = client.post(url, data={"action": "save#section-1"})
    assert r.location.endswith("#section-1")  # back to the section saved from
    assert "Cadwyd y drafft am " in client.get(r.location).text


def test_remove_asks_first_then_removes_only_that_row(app, client, case_id):
    url = start(client, case_id)
    put_rows(app, url, "actions", [{"person_responsible": "Un"}, {"person_responsible": "Dau"}])
    remove = url.replace("/edit", "/rows/actions/0/remove")
    page = client.get(remove).text
    assert "Remove Issue 1?" in page and "Yes, remove Issue 1" in page
    assert len(stored(app, url)["actions"]) == 2  # asking changes nothing
    r = client.post(remove)
    assert r.status_code == 302 and r.location.endswith("/edit#actions")
    assert stored(app, url)["actions"] == [{"person_responsible": "Dau"}]
    assert "Issue 1 removed." in client.get(r.location).text
    assert client.get(url.replace("/edit", "/rows/actions/5")).status_code == 404
    assert client.post(url.replace("/edit", "/rows/actions/1/remove")).status_code == 404
    assert client.get(url.replace("/edit", "/rows/nothing/0")).status_code == 404


def test_a_viewer_cannot_change_or_remove_rows(app, client, case_id):
    from .conftest import add_member, sign_in

    url = start(client, case_id)
    put_rows(app, url, "actions", [{"person_responsible": "Un"}])
    add_member(app, case_id, "viewer")
    client.get("/sign-out")
    sign_in(client, "viewer")
    assert client.post(url.replace("/edit", "/rows/actions/0"), data=ISSUE).status_code == 403
    assert client.post(url.replace("/edit", "/rows/actions/0/remove")).status_code == 403
    assert stored(app, url)["actions"] == [{"person_responsible": "Un"}]


def test_the_record_page_keeps_rows_it_did_not_post(app, client, case_id):
    url = start(client, case_id)
    put_rows(app, url, "actions", [{"person_responsible": "Un"}])
    client.post(url, data={"provider": "Cwmni", "action": "save"})
    data = stored(app, url)
    assert data["provider"] == "Cwmni" and data["actions"] == [{"person_responsible": "Un"}]


def test_finalise_errors_name_the_row_and_link_to_it(app, client, case_id):
    url = start(client, case_id)
    put_rows(app, url, "actions", [ISSUE_STORED, {"person_responsible": "Dau"}])
    r = client.post(url, data={"action": "finalise"})
    assert r.status_code == 400
    assert '<a href="#actions-1">Issue 2: enter the issue of concern</a>' in r.text
    assert "Draft saved at" in r.text
    change = client.get(url.replace("/edit", "/rows/actions/1") + "?check=1").text
    assert 'id="issue-cy-error"' in change  # the row's own page shows where
    client.get("/language/cy")
    r = client.post(url, data={"action": "finalise"})
    assert re.search(r'href="#actions-1">Mater 2: [^<]+', r.text)


ISSUE_STORED = {
    "issue": {"cy": "Un", "en": "One"},
    "improvement": {"cy": "Un", "en": "One"},
    "action_type": "CA",
    "by_when": "2026-05-29",
    "person_responsible": "Siân",
    "likelihood": 1,
    "impact": 1,
    "progress": "completed",
}


def test_errors_in_rows_name_their_row_in_both_languages():
    from web.core.i18n import Translator

    _, errors = RISK.validate({"risks": [{}, {"incident_on": "31/2/2026"}]}, level="draft")
    assert [e.text(Translator("en")) for e in errors] == [
        "Risk issue 2: “Date of incident giving rise to or highlighting risk issue” must be a "
        "real date, for example 27 3 2026"
    ]
    assert errors[0].text(Translator("cy")).startswith("Mater risg 2: ")


def test_extension_fields_stay_hidden_until_asked_for(app, client, case_id):
    url = start(client, case_id)
    put_rows(app, url, "actions", [{"person_responsible": "Un"}])
    row = url.replace("/edit", "/rows/actions/0")
    page = client.get(row).text
    assert "Extend the target date" in page
    assert (
        'govuk-checkboxes__conditional govuk-checkboxes__conditional--hidden" id="reveal-fields"'
        in page
    )
    r = client.post(row, data={**ISSUE, "reveal": "yes", "by_when-day": "99"})
    assert 'govuk-checkboxes__conditional" id="reveal-fields"' in r.text  # ticked: shown
    put_rows(app, url, "actions", [{"extended_on": "2026-01-02"}])
    assert 'conditional" id="reveal-fields"' in client.get(row).text  # a value: shown


def test_ratings_have_a_hint_per_option_and_a_live_score(app, client, case_id):
    url = start(client, case_id, "wb-risk-assessment")
    page = client.get(url).text
    assert '<ol class="govuk-list govuk-list--number">' in page and "<li>Identify the key" in page
    put_rows(app, url, "risks", [{}])
    page = client.get(url.replace("/edit", "/rows/risks/0")).text
    assert 'aria-describedby="impact-2-hint"' in page
    assert "Residents may be at risk of harm. Multi agency support is recommended." in page
    client.get("/language/cy")
    page = client.get(url.replace("/edit", "/rows/risks/0")).text
    assert "Argymhellir cymorth aml-asiantaeth." in page
    assert "<li>Nodwch y materion allweddol" in client.get(url).text  # "Cam 1." as a list item
    plan = start(client, case_id)
    put_rows(app, plan, "actions", [{}])
    page = client.get(plan.replace("/edit", "/rows/actions/0")).text
    live = re.search(r'data-live="([^"]+)"', page).group(1)
    assert "&#34;inputs&#34;: [&#34;likelihood&#34;, &#34;impact&#34;]" in live
    assert "&#34;4|3&#34;: [&#34;12 \\u2013 Coch&#34;, &#34;red&#34;]" in live  # JSON escapes –
    assert "<script>" not in page  # the script is app.js: nothing inline


def test_residents_are_a_table_with_search(app, client, case_id):
    url = start(client, case_id, "bp-residents-list")
    people = [{"surname": f"Jones {i}", "forename": "Eleri"} for i in range(12)]
    put_rows(app, url, "residents", [*people, {"surname": "O'Brien", "forename": "Siân"}])
    page = client.get(url).text
    assert 'id="residents-12"' in page and 'name="q" type="search"' in page
    found = client.get(url + "?q=o%27brien").text
    assert 'id="residents-12"' in found and 'id="residents-0"' not in found
    assert "1 of 13 rows match" in found
    assert client.get(url.replace("/edit", "/rows/residents/12")).status_code == 200


def test_case_date_opened_is_a_govuk_date_input(app, client):
    page = client.get("/cases/new").text
    assert 'type="date"' not in page
    assert 'name="opened_on-day"' in page and "For example, 27 3 2026" in page
    base = {"provider": "O'Brien", "service": "Tŷ Gwyn", "case_process": "closure"}
    r = client.post(
        "/cases/new",
        data={**base, "opened_on-day": "31", "opened_on-month": "2", "opened_on-year": "2026"},
    )
    assert r.status_code == 200 or r.status_code == 400
    assert "Date opened must be a real date, for example 27 3 2026" in r.text
    assert 'name="opened_on-day" type="text" inputmode="numeric" value="31"' in r.text
    r = client.post(
        "/cases/new",
        data={**base, "opened_on-day": "2", "opened_on-month": "3", "opened_on-year": "2026"},
    )
    assert r.status_code == 302
    from web.core.models import Case

    with app.app_context():
        assert db.session.query(Case).one().opened_on == dt.date(2026, 3, 2)


def test_an_action_plan_may_start_in_the_future():
    future = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    _, errors = PLAN.validate({"started_on": future}, level="draft")
    assert errors == []


def test_dates_discussed_are_date_inputs_that_refuse_an_impossible_date(app, client, case_id):
    url = start(client, case_id, "wb-risk-assessment")
    put_rows(app, url, "risks", [{"discussed_on": "12/01/2026, 3/02/2026"}])  # stored as text
    row = url.replace("/edit", "/rows/risks/0")
    page = client.get(row).text
    assert 'name="discussed_on-0-day" type="text" inputmode="numeric" value="12"' in page
    assert 'name="discussed_on-1-month" type="text" inputmode="numeric" value="2"' in page
    assert 'name="discussed_on-2-day"' in page  # one more, empty, for another date
    dates = {"discussed_on-0-day": "12", "discussed_on-0-month": "1", "discussed_on-0-year": "2026"}
    r = client.post(row, data={**dates, "another": "discussed_on"})
    assert r.status_code == 302 and r.location.endswith("/rows/risks/0#discussed_on")
    assert stored(app, url)["risks"][0]["discussed_on"] == ["12/1/2026"]  # as typed
    bad = {"discussed_on-1-day": "32", "discussed_on-1-month": "11", "discussed_on-1-year": "2026"}
    r = client.post(row, data={**dates, **bad})
    assert r.status_code == 400
    assert (
        "Risk issue 1: “Date(s) risk issues discussed with care home” must be a real date" in r.text
    )
    values, _ = RISK.validate({"risks": [{"discussed_on": ["12/1/2026", "2026-01-03"]}]}, "draft")
    assert values["risks"][0]["discussed_on"] == ["2026-01-03", "2026-01-12"]


def test_overall_level_shows_what_the_risk_issues_suggest(app, client, case_id):
    url = start(client, case_id, "wb-risk-assessment")
    assert 'id="overall_level-suggested"' not in client.get(url).text  # nothing to go on yet
    put_rows(app, url, "risks", [{"ongoing_risk": "amber"}, {"ongoing_risk": "red"}])
    page = client.get(url).text
    assert "The risk issues suggest: Red: address under Escalating Concerns." in page
    assert 'name="overall_level" type="radio" value="red" checked' not in page  # not chosen
    client.get("/language/cy")
    assert "Mae’r materion risg yn awgrymu: " in client.get(url).text


def test_a_row_save_that_lost_a_race_says_so(app, client, case_id, monkeypatch):
    from sqlalchemy.orm.exc import StaleDataError

    import web.records.rows

    url = start(client, case_id)
    put_rows(app, url, "actions", [{"person_responsible": "Un"}])

    def lost(*args, **kwargs):
        raise StaleDataError("changed meanwhile")

    monkeypatch.setattr(web.records.rows, "within_limits", lost)
    r = client.post(url.replace("/edit", "/rows/actions/0"), data=ISSUE)
    assert r.status_code == 302 and r.location.endswith(url.split("localhost")[-1])
    assert "Someone else changed this record at the same time" in client.get(r.location).text
