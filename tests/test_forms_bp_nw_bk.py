"""The Blackpool, North Wales and Berkshire forms (issue 12): examples validate, each form's own
rules from its seed, and the seed's words in the English and Welsh PDFs."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from forms import get_form
from forms.bp_risk import bp_level
from forms.catalogue import bp_home_closure_plan, bp_joint_risk_assessment, bp_suspension_plan
from forms.catalogue.bp_action_plan import next_version
from forms.fields import Checklist, Group
from forms.i18n import Translator
from forms.process import KEY_DATES
from forms.timescales import add_months
from generator.build import build_form
from generator.model import Heading, Landscape, Matrix, Paragraph, Signature, Table
from generator.render import render_pdf
from generator.textcheck import pdf_text
from web.core.extensions import db
from web.core.models import Record

from .conftest import open_case
from .helpers import form_post

IDS = [
    "bp-initial-assessment",
    "bp-joint-risk-assessment",
    "bp-action-plan",
    "bp-home-closure-plan",
    "bp-suspension-plan",
    "bp-key-contacts",
    "nw-threshold-assessment",
    "nw-pecg-notes",
    "nw-communication-plan",
    "nw-professional-feedback",
    "nw-action-plan",
    "bk-provider-concerns",
    "bk-service-improvement-plan",
]
TODAY = dt.date(2026, 11, 22)


def paths(form_id, data, level="final"):
    _, errors = get_form(form_id).validate(data, level=level, today=TODAY)
    return {e.path for e in errors}


def example(form_id, **changes):
    data = get_form(form_id).example()
    data.update(changes)
    return data


@pytest.mark.parametrize("form_id", IDS)
def test_example_validates_and_is_stable(form_id):
    form = get_form(form_id)
    values, errors = form.validate(form.example(), today=TODAY)
    assert errors == []
    assert values == form.example()


@pytest.mark.parametrize("form_id", IDS)
def test_empty_form_names_each_required_value_and_saves_as_draft(form_id):
    form = get_form(form_id)
    found = paths(form_id, {})
    for m in form.members():
        if isinstance(m, Group | Checklist) or m.kind == "computed":
            continue
        assert (m.name in found) == m.required, m.name
    assert paths(form_id, {}, level="draft") == set()


# --- BP Appendix 1 ------------------------------------------------------------------------------


def test_initial_assessment_totals_nine_scores_and_records_three_outcomes():
    form = get_form("bp-initial-assessment")
    data = example("bp-initial-assessment", nature_score=5, people_affected=5, impact_of_nothing=1)
    values, _ = form.validate(data, today=TODAY)
    scores = [values[n] for n in ("nature_score", "people_affected", "last_inspected")]
    assert len([m for m in form.members() if m.kind in ("rating", "number")]) == 9
    assert values["total"] == sum(scores) + 5 * 3 + 1 == 29
    data.pop("last_monitored")
    assert "total" not in form.validate(data, level="draft", today=TODAY)[0]
    assert [k for k, _ in form.member("outcome").options] == [
        "not-sufficient",
        "monitor",
        "sufficient",
    ]
    assert paths("bp-initial-assessment", example("bp-initial-assessment", people_affected=6)) == {
        "people_affected"
    }


# --- BP Appendix 2 ------------------------------------------------------------------------------

JRA = "bp-joint-risk-assessment"


@pytest.mark.parametrize(
    "impact, likelihood, level",
    [(1, 3, "low"), (2, 2, "moderate"), (2, 3, "moderate"), (2, 4, "high"), (3, 4, "high"),
     (3, 5, "extreme"), (5, 5, "extreme"), (1, 5, "moderate"), (4, 2, "high")],
)  # fmt: skip
def test_grading_follows_the_seed_bands(impact, likelihood, level):
    assert bp_level(impact * likelihood) == level
    data = get_form(JRA).example()
    row = data["domains"][0]
    row.update(issues="Falls not recorded", impact=impact, likelihood=likelihood)
    values, _ = get_form(JRA).validate(data, today=TODAY)
    grading = values["domains"][0]["grading"]
    assert grading["score"] == impact * likelihood and grading["level"] == level


def test_all_25_domains_and_blank_rows_stay_blank():
    form = get_form(JRA)
    assert len(form.member("domains").items) == 25
    values = form.example()
    blank = [r for r in values["domains"] if not r.get("issues")]
    assert len(blank) == 22
    assert all(set(r) == {"key", "responsible"} for r in blank)


def test_a_rating_needs_an_issue_and_an_issue_needs_every_rating():
    data = get_form(JRA).example()
    blank = next(i for i, r in enumerate(data["domains"]) if not r.get("issues"))
    data["domains"][blank]["impact"] = 2
    assert paths(JRA, data) == {f"domains[{blank}].issues"}
    data = get_form(JRA).example()
    i = next(i for i, r in enumerate(data["domains"]) if r.get("issues"))
    data["domains"][i].pop("others_likelihood")
    assert paths(JRA, data) == {f"domains[{i}].others_likelihood"}
    data = get_form(JRA).example()
    for row in data["domains"]:
        for k in ("issues", "impact", "likelihood", "others_impact", "others_likelihood"):
            row.pop(k, None)
    assert paths(JRA, data) == {"domains"}


def test_overall_level_shows_its_prescribed_action_and_the_highest_grade():
    form = get_form(JRA)
    values, _ = form.validate(example(JRA, overall_level="extreme"), today=TODAY)
    assert values["highest"] == "extreme"
    shown = form.member("prescribed_action").display(values["prescribed_action"], lambda s: s)
    assert shown == bp_joint_risk_assessment.ACTIONS["extreme"]
    assert "planning for alternative care" in shown


# --- BP Appendix 4 ------------------------------------------------------------------------------


def test_next_version_carries_forward_all_but_superseded_concerns():
    data = get_form("bp-action-plan").example()
    first = dict(data["concerns"][0])
    data["concerns"] = [
        dict(first, concern_no="1", next_step="carried-forward"),
        dict(first, concern_no="2", next_step="no-longer-required"),
        dict(first, concern_no="3", next_step="changed-carried-forward", completed="no"),
    ]
    nxt = next_version(data)
    assert [c["concern_no"] for c in nxt["concerns"]] == ["1", "3"]
    assert all("next_step" not in c and "completed" not in c for c in nxt["concerns"])
    assert nxt["concerns"][0]["nature"] == first["nature"]
    assert nxt["version"] == data["version"] + 1 and "reviewed_on" not in nxt


def test_new_version_of_a_final_plan_on_the_web_carries_concerns_forward(app, client):
    case_id = open_case(client)
    defn = get_form("bp-action-plan")
    data = defn.example()
    data["concerns"].append(
        dict(data["concerns"][0], concern_no="2", next_step="no-longer-required")
    )
    url = start(client, case_id, "bp-action-plan")
    r = client.post(url, data={**form_post(defn, data), "action": "finalise"})
    assert r.status_code == 302, r.text[:3000]
    rid = int(r.location.rsplit("/", 1)[1])
    r = client.post(f"/records/{rid}/new-version")
    with app.app_context():
        copy = db.session.get(Record, int(re.search(r"/records/(\d+)", r.location).group(1)))
        assert [c["concern_no"] for c in copy.data["concerns"]] == ["1"]
        assert copy.version == 2 and copy.data["version"] == data["version"] + 1


# --- BP Appendices 5 and 6 ----------------------------------------------------------------------


def test_closure_plan_marks_actions_due_before_the_update_and_not_done():
    form = get_form("bp-home-closure-plan")
    data = form.example()
    data["updated_on"] = "2026-04-01"
    prep = data["preparation"]
    prep[0].update(due_on="2026-03-01", status="done")  # done: not overdue
    prep[1].update(due_on="2026-03-01", status="in-progress")  # late
    prep[2].update(due_on="2026-04-01")  # due today: not yet late
    data["moving"][0].update(due_on="2026-03-31", status="not-started")  # late
    values, errors = form.validate(data, today=TODAY)
    assert errors == []
    late = [
        r["key"] for name in ("preparation", "moving") for r in values[name] if r.get("overdue")
    ]
    assert late == ["vacancies", "receiving-staff"]
    assert values["overdue_count"] == 2


def test_plans_hold_the_seed_actions_with_their_areas():
    prep = bp_home_closure_plan.PREPARATION
    assert len(prep) + len(bp_home_closure_plan.MOVING) == 38
    assert prep[0][1] == "Agree contract termination/default arrangements"
    assert prep[-1] == ("cqc", "Inform CQC and SCBT", "Contracts Team")
    assert len(bp_suspension_plan.PREPARATION) == 13 and len(bp_suspension_plan.AFTER) == 3
    rows = get_form("bp-suspension-plan").example()["after"]
    assert [r["area"] for r in rows] == ["Contract Team", "Care Management /CCG"] * 1 + [
        "Care Management /CCG"
    ]


def test_suspension_cannot_end_before_it_starts():
    data = example("bp-suspension-plan", suspended_from="2026-05-01", suspended_until="2026-04-30")
    assert paths("bp-suspension-plan", data) == {"suspended_until"}


# --- BP Appendix 8 ------------------------------------------------------------------------------


def test_letters_to_the_family_go_to_one_contact():
    data = get_form("bp-key-contacts").example()
    data["contacts"] = [dict(data["contacts"][0], receives_letters="yes")] * 2
    assert paths("bp-key-contacts", data) == {"contacts[1].receives_letters"}


def test_key_contacts_start_from_a_resident_picked_in_the_list(app, client):
    case_id = open_case(client)
    residents = get_form("bp-residents-list")
    url = start(client, case_id, "bp-residents-list")
    client.post(url, data={**form_post(residents, residents.example()), "action": "save"})
    page = client.get(f"/cases/{case_id}").text
    assert "O&#39;Brien, Siân (CR-004512)" in page
    r = client.post(
        f"/cases/{case_id}/records",
        data={"doc_type": "form", "doc_id": "bp-key-contacts", "resident": "CR-004512"},
    )
    with app.app_context():
        rec = db.session.get(Record, int(re.search(r"/records/(\d+)", r.location).group(1)))
        assert rec.data["resident"] == "CR-004512"
        assert rec.data["resident_name"] == "Siân O'Brien"
        assert rec.data["date_of_birth"] == "1938-02-14"
        assert rec.data["contacts"][0]["name"] == "Mrs Eleri Jones"
        assert rec.data["contacts"][0]["preferred_language"] == "cy"


def test_the_letter_contact_on_a_final_sheet_receives_the_family_letter(app, client):
    from generator.merge import rows_from_residents
    from web.core.models import Case
    from web.residents.key_contacts import with_letter_contacts

    case_id = open_case(client)
    listed = get_form("bp-residents-list").example()
    sheet = get_form("bp-key-contacts").example()
    sheet["contacts"] = [
        dict(sheet["contacts"][0], receives_letters="no"),
        dict(
            sheet["contacts"][0],
            name="Mr Rhodri O'Brien",
            address="2 Stryd y Bont\nY Bala",
            preferred_language="en",
            receives_letters="yes",
        ),
    ]
    with app.app_context():
        case = db.session.get(Case, case_id)
        before = rows_from_residents(with_letter_contacts(case, listed))
        assert before[0]["recipient_name"] == "Mrs Eleri Jones"  # no final sheet yet
        db.session.add(Record(case=case, doc_id="bp-key-contacts", data=sheet, status="draft"))
        db.session.commit()
        assert rows_from_residents(with_letter_contacts(case, listed)) == before
        db.session.add(Record(case=case, doc_id="bp-key-contacts", data=sheet, status="final"))
        db.session.commit()
        (row,) = rows_from_residents(with_letter_contacts(case, listed))
    assert row["recipient_name"] == "Mr Rhodri O'Brien"
    assert row["recipient_address"] == "2 Stryd y Bont\nY Bala"
    assert row["language"] == "en"


# --- NW -----------------------------------------------------------------------------------------

TH = "nw-threshold-assessment"


def test_threshold_met_needs_a_criterion_and_every_decision_a_rationale():
    data = get_form(TH).example()
    for row in data["criteria"]:
        row["present"] = "no"
        row.pop("evidence", None)
    assert paths(TH, dict(data, decision="met")) == {"decision"}
    assert paths(TH, dict(data, decision="not-met")) == set()
    data.pop("rationale")
    assert paths(TH, dict(data, decision="not-met")) == {"rationale"}
    data = get_form(TH).example()
    data["criteria"][0].pop("evidence")
    assert paths(TH, data) == {"criteria[0].evidence"}


def test_pecg_notes_declare_the_meeting_and_show_its_due_dates():
    form = get_form("nw-pecg-notes")
    assert form.key_dates == {"meeting_date": "pecg_meeting"} and "pecg_meeting" in KEY_DATES
    # Christmas Eve 2026 is a Thursday: Christmas, the weekend and Boxing Day (on Monday 28th)
    # are not working days in Wales.
    data = example("nw-pecg-notes", meeting_date="2026-12-24")
    values, _ = form.validate(data, today=dt.date(2027, 1, 4))
    assert values["decisions_due"] == "2026-12-29"
    assert values["minutes_due"] == "2026-12-31"
    assert values["reconvene_by"] == "2027-02-04"


def test_a_verbal_or_anonymous_concern_needs_the_chairs_follow_up():
    data = get_form("nw-pecg-notes").example()
    data["concerns"][0].update(format="anonymous")
    data["concerns"][0].pop("follow_up", None)
    assert paths("nw-pecg-notes", data) == {"concerns[0].follow_up"}


def test_finalised_pecg_notes_put_their_due_dates_on_the_case(app, client):
    case_id = open_case(client, "escalating-concerns", policy="NW")
    defn = get_form("nw-pecg-notes")
    url = start(client, case_id, "nw-pecg-notes")
    data = defn.example()
    r = client.post(url, data={**form_post(defn, data), "action": "finalise"})
    assert r.status_code == 302, r.text[:3000]
    page = client.get(f"/cases/{case_id}").text
    assert "Share the full minutes of the PECG meeting" in page
    assert "2 March 2026" in page and "9 March 2026" in page  # the meeting and its minutes
    assert "13 April 2026" in page  # reconvened within six weeks


def test_communication_plan_rows_say_what_when_who_and_how():
    form = get_form("nw-communication-plan")
    assert [i.key for i in form.member("stakeholders").items] == [
        "people", "staff", "ciw", "wales", "outside-wales", "network", "media"
    ]  # fmt: skip
    data = form.example()
    data["stakeholders"][2].pop("how")
    assert paths("nw-communication-plan", data) == {"stakeholders[2].how"}
    data = form.example()
    for k in ("what", "when", "who", "how", "done_on"):
        data["stakeholders"][0].pop(k)
    assert paths("nw-communication-plan", data) == {"stakeholders[0].what"}


@pytest.mark.parametrize(
    "given, errors",
    [(("positive",), set()), (("concerns",), set()), (("positive", "concerns"), set()),
     ((), {"positive"})],
)  # fmt: skip
def test_professional_feedback_takes_positive_concern_or_both(given, errors):
    data = get_form("nw-professional-feedback").example()
    for k in ("positive", "concerns"):
        if k not in given:
            data.pop(k)
    assert paths("nw-professional-feedback", data) == errors


def test_a_safeguarding_concern_is_referred():
    data = example("nw-professional-feedback", safeguarding="yes")
    assert paths("nw-professional-feedback", data) == {"referred_to"}


NAP = "nw-action-plan"


def test_action_plan_dates_start_the_progress_reports():
    form = get_form(NAP)
    assert form.key_dates == {"cap_agreed_on": "cap_agreed", "dap_agreed_on": "dap_agreed"}
    data = form.example()
    data["actions"][0]["kind"] = "DAP"
    data.pop("dap_agreed_on")
    assert paths(NAP, data) == {"dap_agreed_on"}
    data["actions"][0]["kind"] = "CAP"
    assert paths(NAP, data) == set()


def test_finalised_action_plan_puts_its_progress_reports_on_the_case(app, client):
    case_id = open_case(client, "escalating-concerns", policy="NW")
    defn = get_form(NAP)
    data = defn.example()
    data["actions"].append(dict(data["actions"][0], kind="DAP"))
    url = start(client, case_id, NAP)
    r = client.post(url, data={**form_post(defn, data), "action": "finalise"})
    assert r.status_code == 302, r.text[:3000]
    page = client.get(f"/cases/{case_id}").text
    assert "Progress report on a corrective action plan" in page
    assert "Progress report on a development action plan" in page
    # the plan itself is the first report: the next falls due a month (CAP) or two (DAP) on
    shown = lambda d: f"{d.day} {d:%B %Y}"  # noqa: E731
    today = dt.date.today()
    assert shown(add_months(today, 1)) in page and shown(add_months(today, 2)) in page


def test_an_extension_needs_its_endorsement():
    data = get_form(NAP).example()
    data["actions"][0].pop("endorsed_by")
    assert paths(NAP, data) == {"actions[0].endorsed_by"}
    data = get_form(NAP).example()
    data["actions"][0]["extended_to"] = data["actions"][0]["timescale"]
    assert paths(NAP, data) == {"actions[0].extended_to"}
    data = get_form(NAP).example()
    for k in ("extended_to", "extension_reason", "endorsed_by", "endorsed_on"):
        data["actions"][0].pop(k)
    assert paths(NAP, data) == set()


# --- BK -----------------------------------------------------------------------------------------


def test_provider_concerns_lists_actions_a_to_i_and_the_communication_check_list():
    form = get_form("bk-provider-concerns")
    assert [i.key for i in form.member("actions").items] == list("abcdefghi")
    assert len(form.member("communication").items) == 7
    data = form.example()
    data["actions"][3].pop("on")
    assert paths("bk-provider-concerns", data) == {"actions[3].on"}


def test_service_improvement_plan_lists_high_risk_areas_first():
    data = get_form("bk-service-improvement-plan").example()
    row = data["items"][0]
    data["items"] = [dict(row, priority="other"), dict(row, priority="high")]
    assert paths("bk-service-improvement-plan", data) == {"items[1].priority"}
    data["items"].reverse()
    assert paths("bk-service-improvement-plan", data) == set()


# --- the seed's words in the documents ----------------------------------------------------------

SEED_WORDS = {
    "bp-initial-assessment": (
        ["How many people does the concern affect?",
         "What would be the impact of doing nothing at this stage?",
         "not sufficient to warrant implementing poor performance procedures"],
        ["Faint o bobl y mae’r pryder yn effeithio arnynt?", "Cyfanswm y sgôr"],
    ),
    JRA: (
        ["Skin including Tissue Viability", "Overall Risk Grading for Other Service Users",
         "9 – High risk", "Date, time and method of feedback to providers"],
        ["Croen, gan gynnwys Hyfywedd Meinwe", "9 – Risg uchel"],
    ),
    "bp-action-plan": (
        ["Nature of Concern", "Means by which compliance will be measured", "Carried Forward"],
        ["Natur y Pryder", "Wedi’i Gario Ymlaen"],
    ),
    "bp-home-closure-plan": (
        ["Set up dedicated telephone line for residents and their families.",
         "Make appropriate arrangements for any pets.", "Overdue"],
        ["Sefydlu llinell ffôn benodol ar gyfer preswylwyr a’u teuluoedd.", "Yn hwyr"],
    ),
    "bp-suspension-plan": (
        ["Agree contract suspension", "After suspension", "Respond to press queries"],
        ["Cytuno i atal y contract", "Ar ôl yr atal"],
    ),
    "bp-key-contacts": (["Name of Worker Completing", "Key contacts"], ["Cysylltiadau allweddol"]),
    TH: (
        ["A serious and / or significant safeguarding concern / incident",
         "Escalating concerns threshold met"],
        ["Pryder / digwyddiad diogelu difrifol a/neu sylweddol"],
    ),
    "nw-pecg-notes": (
        ["Full meeting minutes shared by", "9 March 2026", "Action to mitigate risks"],
        ["Dyddiad rhannu cofnodion llawn y cyfarfod", "9 Mawrth 2026"],
    ),
    "nw-communication-plan": (
        ["Other commissioners outside of Wales", "Media"],
        ["Comisiynwyr eraill y tu allan i Gymru"],
    ),
    "nw-professional-feedback": (["Positive / notable practice"], ["Arfer cadarnhaol / nodedig"]),
    NAP: (
        ["Named individual accountable", "Measurable outcome", "Corrective action plan (CAP)"],
        ["Canlyniad mesuradwy", "Cynllun camau gweithredu cywirol (CAP)"],
    ),
    "bk-provider-concerns": (
        ["Consult Police about whether there are criminal matters", "Press release",
         "Briefing for Chief Executives and /or Elected Members"],
        ["Ymgynghori â’r Heddlu ynghylch a oes materion troseddol", "Datganiad i’r wasg"],
    ),
    "bk-service-improvement-plan": (
        ["Safeguarding or quality", "Action proposed by the provider"],
        ["Diogelu neu ansawdd"],
    ),
}  # fmt: skip


def squash(text: str) -> str:
    """Without white space: a table cell may wrap a line after "a/" in one copy only."""
    return "".join(text.split())


@pytest.mark.parametrize("form_id", IDS)
def test_seed_words_print_in_english_and_welsh(form_id):
    english, welsh = SEED_WORDS[form_id]
    defn = get_form(form_id)
    for lang, phrases in (("en", english), ("cy", welsh)):
        text = squash(pdf_text(render_pdf(build_form(defn, defn.example(), lang))))
        for phrase in phrases:
            assert squash(phrase) in text, (lang, phrase)


def start(client, case_id, form_id) -> str:
    r = client.post(f"/cases/{case_id}/records", data={"doc_type": "form", "doc_id": form_id})
    assert r.status_code == 302
    return r.location


def test_every_form_here_is_registered_once():
    from forms import all_forms

    assert set(IDS) <= set(all_forms())
    with pytest.raises(KeyError):
        get_form("bp-nothing")


# --- the printed copy (forms.paper) -------------------------------------------------------------


def blocks_of(doc):
    for part in doc.parts:
        for block in part.blocks:
            yield from getattr(block, "blocks", [block])


def landscape_tables(doc):
    for part in doc.parts:
        for block in part.blocks:
            if isinstance(block, Landscape):
                yield from (b for b in block.blocks if isinstance(b, Table))


def test_jra_prints_both_matrices_coloured_with_the_graded_domains_marked():
    defn = get_form(JRA)
    doc = build_form(defn, defn.example(), "en")
    matrices = [b for b in blocks_of(doc) if isinstance(b, Matrix)]
    assert len(matrices) == 2  # the service user, then other service users
    grid = matrices[0]
    assert grid.rows[0] == "5. Very High" and grid.columns[-1] == "5. Almost Certain"
    assert grid.fills[0, 4] == "red" and grid.fills[4, 0] == "green"  # 25 and 1
    assert grid.fills[1, 1] == "amber" and grid.fills[3, 1] == "yellow"  # 8 and 4
    assert grid.fills[2, 2] == "amber" and grid.fills[0, 2] == "red"  # 9 High, 15 Extreme
    # behaviour (domain 1) at impact 2 × likelihood 4, medication (10) at 3 × 3, staffing (22)
    # at 4 × 4; rows run from the highest impact down
    assert grid.marked == {(3, 3): "Domain 1", (2, 2): "Domain 10", (1, 3): "Domain 22"}
    assert "15–25 Extreme risk (red)" in " ".join(
        b.text for b in blocks_of(doc) if isinstance(b, Paragraph)
    )


def test_jra_domains_print_as_the_seeds_landscape_grid_blank_where_no_issue():
    defn = get_form(JRA)
    doc = build_form(defn, defn.example(), "en")
    table = next(t for t in landscape_tables(doc) if len(t.rows) == 25)
    assert table.headers[2] == "Care Issues Identified (if no issues identified leave blank)"
    assert table.rows[0][1] == "Behaviour\nHealth"  # who populates it, under the domain
    assert table.rows[1][2:] == [""] * 7  # cognition: no issue, nothing graded
    assert table.rows[21][5] == "16 – Extreme risk" and table.fills[21, 5] == "red"
    assert not any(r == 1 for r, _ in table.fills)


def test_completed_by_block_and_scales_on_the_joint_risk_assessment():
    defn = get_form(JRA)
    doc = build_form(defn, defn.example(), "en")
    sign = next(b for b in blocks_of(doc) if isinstance(b, Signature))
    labels = [label for label, _ in sign.rows]
    assert labels[:2] == ["Form Completed by", "Date, time and method of feedback to providers"]
    headings = [b.text for b in blocks_of(doc) if isinstance(b, Heading)]
    assert "Likelihood of Re-Occurrence of Care Issue" in headings
    assert "Impact on other Service Users" in headings


@pytest.mark.parametrize(
    "form_id, group", [("bp-action-plan", "concerns"), (NAP, "actions"),
                       ("bk-service-improvement-plan", "items"), ("bp-key-contacts", "contacts")],
)  # fmt: skip
def test_wide_grids_sit_in_landscape_sections(form_id, group):
    defn = get_form(form_id)
    doc = build_form(defn, defn.example(), "cy")
    headings = [t(c.heading) for t in [Translator("cy")] for c in defn.paper.grids[group].columns]
    assert any(table.headers == headings for table in landscape_tables(doc))


def test_an_extension_joins_its_timescale_in_the_action_plan_grid():
    defn = get_form(NAP)
    doc = build_form(defn, defn.example(), "en")
    table = next(landscape_tables(doc))
    cell = table.rows[0][3]
    assert cell.startswith("30 April 2026\nExtended timescale: 29 May 2026")
    assert "Extension endorsed by" in cell


def test_initial_assessment_prints_each_criterions_options_with_scores():
    defn = get_form("bp-initial-assessment")
    doc = build_form(defn, defn.example(), "en")
    tables = [
        b for b in blocks_of(doc) if isinstance(b, Table) and b.headers == ["Score", "Assessment"]
    ]
    assert len(tables) == 8
    assert tables[0].rows[0] == ["5", "All staff and service users"]
