"""Issue 11: the Western Bay and Carmarthenshire forms. Each form's own rules, the links between
forms (progress carried from the plan, checklist items fulfilled by letters, dates recorded on
the case) and the seed's words in the English and Welsh PDFs."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from forms import get_form
from forms.catalogue import cm_pp_checklist, wb_hosg_responsibilities
from forms.fields import Checklist, Group
from forms.letters import all_letters
from generator.build import build_form
from generator.render import render_pdf
from generator.textcheck import pdf_text
from web.core.extensions import db
from web.core.models import Case

from .helpers import bare, form_post

IDS = [
    "wb-cap-dap",
    "wb-hosg-responsibilities",
    "wb-higher-risk-provider",
    "cm-qa-meeting",
    "cm-pp-attendance",
    "cm-pp-agenda",
    "cm-pp-record",
    "cm-pp-decision",
    "cm-suspension",
    "cm-restart",
    "cm-pp-checklist",
]
TODAY = dt.date(2026, 11, 22)


def paths(form_id, data, level="final"):
    _, errors = get_form(form_id).validate(data, level=level, today=TODAY)
    return {e.path for e in errors}


def example(form_id):
    return get_form(form_id).example()


@pytest.mark.parametrize("form_id", IDS)
def test_example_validates_and_an_empty_form_saves_as_draft(form_id):
    form = get_form(form_id)
    values, errors = form.validate(form.example(), today=TODAY)
    assert errors == []
    assert values == form.example()
    assert paths(form_id, {}, level="draft") == set()


@pytest.mark.parametrize("form_id", IDS)
def test_empty_form_reports_each_required_value(form_id):
    form = get_form(form_id)
    found = paths(form_id, {})
    for m in form.members():
        if not isinstance(m, Group | Checklist) and getattr(m, "required", False):
            assert m.name in found


# --- WB Appendix 5: CAP/DAP ---------------------------------------------------------------


def test_progress_is_carried_from_the_plan_by_ref_no():
    data = example("wb-cap-dap")
    data["actions"].append(
        dict(
            data["actions"][0],
            ref="2",
            issue="Fire doors wedged open.",
            action_type="developmental",
        )
    )
    data["progress"] = [
        {"ref": "2", "progress": "Door guards fitted.", "progress_on": "2026-03-09"},
        {"ref": "1", "progress": "Audits weekly.", "progress_on": "2026-03-02"},
        {
            "ref": "1",
            "progress": "No late doses.",
            "progress_on": "2026-04-06",
            "resolved_on": "2026-04-06",
        },
    ]
    values, errors = get_form("wb-cap-dap").validate(data, today=TODAY)
    assert errors == []
    report = {r["ref"]: r for r in values["progress_report"]}
    assert report["2"]["issue"] == {"en": "Fire doors wedged open."}  # from the plan, not retyped
    assert report["1"]["entries"] == [
        ["2026-03-02", {"en": "Audits weekly."}],
        ["2026-04-06", {"en": "No late doses."}],
    ]
    assert report["1"]["resolved_on"] == "2026-04-06" and report["2"]["resolved_on"] is None
    assert values["cap_agreed_on"] == values["dap_agreed_on"] == data["agreed_on"]


def test_progress_for_an_unknown_ref_and_repeated_refs_are_refused():
    data = example("wb-cap-dap")
    data["progress"][0]["ref"] = "9"
    assert "progress[0].ref" in paths("wb-cap-dap", data)
    data = example("wb-cap-dap")
    data["actions"].append(dict(data["actions"][0]))
    assert "actions[1].ref" in paths("wb-cap-dap", data)


def test_a_later_version_keeps_the_progress_history(app, client, case_id):
    """A new version starts from the last one: its progress entries are all still there."""
    defn = get_form("wb-cap-dap")
    url = _start(client, case_id, defn.id)
    data = example("wb-cap-dap")
    r = client.post(url, data={**form_post(defn, data), "action": "finalise"})
    assert r.status_code == 302
    page = client.get(r.location).text
    new = re.search(r'action="(/records/\d+/new-version)"', page)
    if new is None:
        pytest.skip("no new-version action on this page")
    r = client.post(new.group(1))
    form_page = client.get(r.location).text
    assert "Weekly audits started; one late dose in four weeks." in form_page


def test_cap_dap_pdf_shows_the_plans_issue_in_the_progress_part():
    text = bare(_pdf("wb-cap-dap", "en"))
    issue = bare("Medicines are not always given at the prescribed times.")
    assert text.count(issue) >= 2  # in the plan and again in the progress report


# --- WB Appendix 6: HOSG responsibilities ---------------------------------------------------


def test_all_47_actions_with_the_seeds_ticks():
    values = get_form("wb-hosg-responsibilities").example()
    rows = values["actions"]
    assert [r["key"] for r in rows] == [str(n) for n in range(1, 48)]
    assert rows[0]["agencies"] == ["council", "health-board", "home", "regulator"]
    assert rows[18]["agencies"] == ["health-board"]  # 19: GPs' medical risk assessment
    assert rows[35]["agencies"] == ["council", "home"]  # 36: non medical transport


def test_no_authors_own_bodies_in_the_form():
    defn = get_form("wb-hosg-responsibilities")
    words = [t for t, _ in wb_hosg_responsibilities.ACTIONS]
    words += [label for _, label in wb_hosg_responsibilities.AGENCIES]
    words += [m.label for m in defn.members()]
    for text in words:
        assert not re.search(r"BCBC|ABMU|CSSIW", text), text


def test_started_action_needs_an_owner():
    data = example("wb-hosg-responsibilities")
    data["actions"][0]["owner"] = None
    assert "actions[0].owner" in paths("wb-hosg-responsibilities", data)


def test_agencies_are_named_from_the_organisation_profile(app, client, case_id):
    from web.core.models import Organisation

    with app.app_context():
        org = db.session.get(Organisation, 1) or Organisation(id=1)
        org.name_en, org.nation = "Carmarthenshire County Council", "england"
        db.session.add(org)
        db.session.commit()
    url = _start(client, case_id, "wb-hosg-responsibilities")
    page = client.get(url).text
    assert 'value="Carmarthenshire County Council"' in page
    assert re.search(r'value="cqc"[^>]*checked|checked[^>]*value="cqc"', page)


# --- WB Appendix 1: higher risk provider ----------------------------------------------------


def test_higher_risk_needs_a_criterion_its_evidence_and_the_response():
    data = example("wb-higher-risk-provider")
    data["criteria"][2]["evidence"] = ""
    assert "criteria[2].evidence" in paths("wb-higher-risk-provider", data)
    data = example("wb-higher-risk-provider")
    for row in data["criteria"]:
        row.update(applies="no", evidence=None)
    assert "higher_risk" in paths("wb-higher-risk-provider", data)
    data = example("wb-higher-risk-provider")
    data["responses"] = []
    assert "responses" in paths("wb-higher-risk-provider", data)
    data = example("wb-higher-risk-provider")
    data["higher_risk"] = "no"
    assert "rationale" in paths("wb-higher-risk-provider", data)


# --- CM Appendix D to H ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "form_id,count", [("cm-qa-meeting", 8), ("cm-pp-agenda", 11), ("cm-pp-record", 11)]
)
def test_fixed_agenda_items(form_id, count):
    assert len(get_form(form_id).member("items").items) == count


def test_an_action_needs_who_and_when():
    data = example("cm-qa-meeting")
    data["items"][3]["action_date"] = None
    assert "items[3].action_date" in paths("cm-qa-meeting", data)


def test_decision_score_and_green_removes_from_the_list():
    form = get_form("cm-pp-decision")
    data = example("cm-pp-decision")
    values, errors = form.validate(data, today=TODAY)
    assert values["concerns"][0]["rating"] == {"score": 6, "colour": "yellow"}
    assert "removed_on" not in values
    data["concerns"][0].update(likelihood=1, impact=2)
    data["level"] = "green"
    values, errors = form.validate(data, today=TODAY)
    assert errors == [] and values["removed_on"] == data["decided_on"]
    data["concerns"].append({"concern": "Falls.", "likelihood": 4, "impact": 4})
    assert "variance" in paths("cm-pp-decision", data)  # red by the matrix, green by choice
    data["variance"] = "The falls were one resident's, now moved to nursing care."
    assert paths("cm-pp-decision", data) == set()


def test_a_decision_without_the_matrix_is_allowed():
    data = example("cm-pp-decision")
    data["concerns"] = []
    assert paths("cm-pp-decision", data) == set()


def test_future_decision_dates_are_refused():
    data = example("cm-pp-decision")
    data["decided_on"] = "2027-01-01"
    assert "decided_on" in paths("cm-pp-decision", data)


# --- CM Appendix J and K --------------------------------------------------------------------


@pytest.mark.parametrize("form_id", ["cm-suspension", "cm-restart"])
def test_authorisation_name_and_date_are_required_to_finalise(form_id):
    data = example(form_id)
    data.pop("authorised_by"), data.pop("authorised_on")
    assert {"authorised_by", "authorised_on"} <= paths(form_id, data)
    assert paths(form_id, data, level="draft") == set()


def test_a_completed_measure_was_required():
    data = example("cm-suspension")
    data["measures"][0]["required"] = "no"
    assert "measures[0].required" in paths("cm-suspension", data)


def test_a_ticked_condition_needs_its_specifics():
    data = example("cm-restart")
    data["conditions"][1].update(required="yes")
    assert "conditions[1].specifics" in paths("cm-restart", data)


@pytest.mark.parametrize(
    "form_id,kind",
    [
        ("cm-suspension", "embargo_placed"),
        ("cm-restart", "embargo_lifted"),
        ("cm-pp-record", "provider_meeting"),
    ],
)
def test_finalising_records_the_date_on_the_case(app, client, case_id, form_id, kind):
    defn = get_form(form_id)
    url = _start(client, case_id, form_id)
    r = client.post(url, data={**form_post(defn, defn.example()), "action": "finalise"})
    assert r.status_code == 302, r.text[:2000]
    with app.app_context():
        dates = {(k.kind, k.on.isoformat()) for k in db.session.get(Case, case_id).key_dates}
    field = next(f for f, k in defn.key_dates.items() if k == kind)
    assert (kind, defn.example()[field]) in dates


def test_a_green_decision_ends_the_process_on_the_case(app, client, case_id):
    defn = get_form("cm-pp-decision")
    data = dict(defn.example(), level="green")
    data["concerns"] = [dict(data["concerns"][0], likelihood=1, impact=3)]
    url = _start(client, case_id, defn.id)
    r = client.post(url, data={**form_post(defn, data), "action": "finalise"})
    assert r.status_code == 302
    with app.app_context():
        kinds = {k.kind for k in db.session.get(Case, case_id).key_dates}
    assert "process_ended" in kinds


# --- CM Appendix L --------------------------------------------------------------------------


def test_each_checklist_item_names_a_letter_that_exists():
    letters = all_letters()
    items = get_form("cm-pp-checklist").member("items").items
    assert [i.key for i in items] == list(cm_pp_checklist.FULFILLED_BY)
    assert len(items) == 10
    assert all(letter in letters for letter in cm_pp_checklist.FULFILLED_BY.values())


def test_a_ticked_item_is_dated_and_signed():
    data = example("cm-pp-checklist")
    data["items"][0]["signature"] = None
    assert "items[0].signature" in paths("cm-pp-checklist", data)
    data = example("cm-pp-checklist")
    data["items"][3]["completed_on"] = "2026-03-02"
    assert "items[3].done" in paths("cm-pp-checklist", data)


# --- every form goes through the web page ---------------------------------------------------


@pytest.mark.parametrize("form_id", IDS)
def test_example_finalises_through_the_page(app, client, case_id, form_id):
    defn = get_form(form_id)
    url = _start(client, case_id, form_id)
    r = client.post(url, data={**form_post(defn, defn.example()), "action": "finalise"})
    assert r.status_code == 302, re.findall(r"govuk-error-message[^>]*>(.*?)</p>", r.text, re.S)


# --- the seed's words in the documents ------------------------------------------------------

# (English in the seed's words, the Welsh the Welsh copy must print for it)
SEED = {
    "wb-cap-dap": [
        (
            "Why is this improvement needed? (Evidence - Ref to risk assessment)",
            "Pam mae angen y gwelliant hwn?",
        ),
        ("Corrective or Developmental Action?", "Cam Gweithredu Cywirol neu Ddatblygiadol?"),
        ("How will the Action Plan be monitored?", "Sut y caiff y Cynllun Gweithredu ei fonitro?"),
        (
            "What is satisfactory level of service and / or outcome?",
            "Beth yw lefel foddhaol y gwasanaeth",
        ),
        ("Completed/ Resolved/ Satisfactory with date?", "Wedi’i ddatrys/ Boddhaol"),
    ],
    "wb-hosg-responsibilities": [
        (
            "Consider the role of advocates – and engage with advocacy services",
            "Ystyried rôl eiriolwyr – ac ymgysylltu â gwasanaethau eiriolaeth",
        ),
        ("Check Health Board beds across the region", "Gwirio gwelyau’r Bwrdd Iechyd"),
        (
            "Arrange transportation of residents personal belongings/furniture",
            "Trefnu cludo eiddo personol a dodrefn y preswylwyr",
        ),
    ],
    "wb-higher-risk-provider": [
        (
            "A provider who is, or is reasonably believed to be in financial difficulty.",
            "Darparwr sydd mewn anhawster ariannol",
        ),
        ("Business continuity / contingency planning", "Cynllunio parhad busnes / wrth gefn"),
    ],
    "cm-qa-meeting": [
        (
            "Review of all providers who are already subject to the Provider Performance",
            "Adolygu pob darparwr sydd eisoes yn destun",
        ),
        ("Positive feedback regarding contracted services", "Adborth cadarnhaol am wasanaethau"),
        ("Date and time of next meeting", "Dyddiad ac amser y cyfarfod nesaf"),
    ],
    "cm-pp-attendance": [
        (
            "The issues discussed are confidential to the members of the meeting",
            "Mae’r materion a drafodir yn gyfrinachol i aelodau’r cyfarfod",
        ),
        (
            "please note that you are signing up to the above confidentiality statement",
            "eich bod yn cytuno i’r datganiad cyfrinachedd uchod",
        ),
        ("Department/ Organisation", "Adran/Sefydliad"),
    ],
    "cm-pp-agenda": [
        (
            "Note if this is the first meeting and review the completion of actions",
            "Nodwch ai hwn yw’r cyfarfod cyntaf",
        ),
        ("Agree participants to attend the next meeting", "Cytuno pwy fydd yn dod i’r cyfarfod"),
    ],
    "cm-pp-record": [
        (
            "The issues discussed are confidential to the members of the meeting",
            "Mae’r materion a drafodir yn gyfrinachol i aelodau’r cyfarfod",
        ),
        (
            "Identification of the current overall level of risk",
            "Nodi’r lefel risg gyffredinol bresennol",
        ),
    ],
    "cm-pp-decision": [
        (
            "GREEN - All Clear and to be Removed from the List",
            "GWYRDD - Dim Pryderon a’i Dynnu oddi ar y Rhestr",
        ),
        ("Likelihood", "Tebygolrwydd"),
    ],
    "cm-suspension": [
        ("Offer review to self funding service users", "Cynnig adolygiad i ddefnyddwyr gwasanaeth"),
        (
            "Priority Improvements to be made before the embargo is lifted",
            "Gwelliannau Blaenoriaeth i’w gwneud cyn codi’r embargo",
        ),
        ("Document to be completed by PPM Chair", "Dogfen i’w chwblhau gan Gadeirydd"),
    ],
    "cm-restart": [
        (
            "Conditions on using respite care (please specify below)",
            "Amodau ar ddefnyddio gofal seibiant (nodwch isod)",
        ),
        ("Inform staff and other AAPC partners", "Rhoi gwybod i staff a phartneriaid eraill"),
    ],
    "cm-pp-checklist": [
        (
            "Write letter to the Provider explaining that an embargo has been lifted.",
            "Ysgrifennu llythyr at y Darparwr yn esbonio bod yr embargo wedi’i godi.",
        ),
        ("Date Completed", "Dyddiad Cwblhau"),
    ],
}


def _pdf(form_id, lang):
    defn = get_form(form_id)
    return pdf_text(render_pdf(build_form(defn, defn.example(), lang)))


@pytest.mark.parametrize("form_id", IDS)
def test_seed_words_in_english_and_welsh_pdfs(form_id):
    english, welsh = bare(_pdf(form_id, "en")), bare(_pdf(form_id, "cy"))
    for phrase, cymraeg in SEED[form_id]:
        assert bare(phrase) in english, phrase
        assert bare(cymraeg) in welsh, cymraeg
        assert bare(phrase) not in welsh or phrase == cymraeg, phrase


def _start(client, case_id, form_id) -> str:
    r = client.post(f"/cases/{case_id}/records", data={"doc_type": "form", "doc_id": form_id})
    assert r.status_code == 302
    return r.location


def test_checklist_page_shows_each_letter_final_with_its_date_or_a_way_to_start_it(
    app, client, case_id
):
    from web.core.models import Record, now

    url = _start(client, case_id, "cm-pp-checklist")
    page = client.get(url).text
    assert page.count('name="doc_id" value="network-notification"') == 4
    assert 'name="doc_id" value="provider-embargo-placed"' in page
    with app.app_context():
        case = db.session.get(Case, case_id)
        when = now().replace(year=2026, month=3, day=4)
        db.session.add(
            Record(
                case=case,
                doc_type="letter",
                doc_id="provider-embargo-placed",
                status="final",
                finalised_at=when,
            )
        )
        db.session.commit()
    page = client.get(url).text
    assert 'name="doc_id" value="provider-embargo-placed"' not in page
    assert "Final, 4 March 2026" in page
    assert 'name="doc_id" value="family-embargo-placed"' in page


def test_meeting_actions_are_copied_into_the_action_plan(app, client, case_id):
    from web.core.models import Record

    defn = get_form("cm-pp-record")
    url = _start(client, case_id, defn.id)
    data = example("cm-pp-record")
    data["actions"].append(
        {"issue": "Rota gaps.", "improvement": "Fill the rota.", "person_responsible": "Eleri",
         "by_when": "2026-06-01"}
    )  # fmt: skip
    r = client.post(url, data={**form_post(defn, data), "action": "finalise"})
    assert r.status_code == 302
    view = client.get(r.location).text
    copy = re.search(r'action="(/records/\d+/copy-rows)"', view).group(1)
    r = client.post(copy)
    assert r.status_code == 302
    with app.app_context():
        plans = [p for p in db.session.get(Case, case_id).records if p.doc_id == "cm-action-plan"]
        assert len(plans) == 1 and plans[0].status == "draft"
        rows = plans[0].data["actions"]
        assert rows[0]["issue"] == data["actions"][0]["issue"]
        assert rows[1]["issue"] == {"en": "Rota gaps."}  # a single string is read as English
        assert rows[1]["person_responsible"] == "Eleri" and rows[1]["by_when"] == "2026-06-01"
        plan_id = plans[0].id
    client.post(copy)  # again: the same draft takes the rows, no second plan
    with app.app_context():
        plans = [p for p in db.session.get(Case, case_id).records if p.doc_id == "cm-action-plan"]
        assert [p.id for p in plans] == [plan_id] and len(plans[0].data["actions"]) == 4
        assert db.session.get(Record, plan_id).case_id == case_id


def test_only_forms_that_copy_rows_offer_it(app, client, case_id):
    defn = get_form("cm-pp-decision")
    url = _start(client, case_id, defn.id)
    r = client.post(url, data={**form_post(defn, defn.example()), "action": "finalise"})
    assert "copy-rows" not in client.get(r.location).text
    record_id = re.search(r"/records/(\d+)", r.location).group(1)
    assert client.post(f"/records/{record_id}/copy-rows").status_code == 400


def test_case_page_links_the_plan_to_the_risk_assessment_it_answers(app, client, case_id):
    risk = get_form("wb-risk-assessment")
    url = _start(client, case_id, risk.id)
    r = client.post(url, data={**form_post(risk, risk.example()), "action": "finalise"})
    assert r.status_code == 302
    risk_id = re.search(r"/records/(\d+)", r.location).group(1)
    plan_url = _start(client, case_id, "wb-cap-dap")
    plan_id = int(re.search(r"/records/(\d+)", plan_url).group(1))
    with app.app_context():  # the new plan names the date of the case's risk assessment
        from web.core.models import Record

        held = db.session.get(Record, plan_id).data
        assert held["risk_assessment_on"] == risk.example()["completed_on"]
    plan = get_form("wb-cap-dap")
    data = dict(plan.example(), risk_assessment_on=risk.example()["completed_on"])
    client.post(plan_url, data={**form_post(plan, data), "action": "finalise"})
    case_page = client.get(f"/cases/{case_id}").text
    assert f'href="/records/{risk_id}"' in case_page
    assert "Answers" in case_page


def test_form_chooser_groups_the_forms_under_their_policy(client, case_id):
    page = client.get(f"/cases/{case_id}").text
    groups = dict(re.findall(r'<optgroup label="([^"]+)">(.*?)</optgroup>', page, re.S))
    cm = set(re.findall(r'value="([^"]+)"', groups["Carmarthenshire"]))
    assert {"cm-suspension", "cm-restart", "cm-pp-checklist", "cm-pp-decision"} <= cm
    wb = set(re.findall(r'value="([^"]+)"', groups["Western Bay"]))
    assert {"wb-hosg-responsibilities", "wb-cap-dap", "wb-higher-risk-provider"} <= wb


@pytest.mark.parametrize(
    "form_id,letters",
    [
        ("cm-suspension", ["provider-embargo-placed", "family-embargo-placed"]),
        ("cm-restart", ["provider-embargo-lifted", "family-embargo-lifted"]),
    ],
)
def test_finalising_offers_the_embargo_letters(client, case_id, form_id, letters):
    defn = get_form(form_id)
    url = _start(client, case_id, form_id)
    r = client.post(url, data={**form_post(defn, defn.example()), "action": "finalise"})
    page = client.get(r.location).text
    assert "Letters to send" in page
    for letter in letters:
        assert f'name="doc_id" value="{letter}"' in page


@pytest.mark.parametrize("form_id", ["cm-pp-attendance", "cm-pp-record"])
@pytest.mark.parametrize("lang", ["en", "cy"])
def test_confidentiality_statement_on_every_page(form_id, lang):
    import io

    from docx import Document as DocxDocument
    from pypdf import PdfReader

    from generator.render import render_docx

    defn = get_form(form_id)
    data = example(form_id)
    group = "attendees" if form_id == "cm-pp-attendance" else "actions"
    data[group] = data[group] * 40  # several pages
    values, errors = defn.validate(data, today=TODAY)
    assert errors == []
    doc = build_form(defn, values, lang)
    pages = PdfReader(io.BytesIO(render_pdf(doc))).pages
    assert len(pages) >= 3
    phrase = {"en": "confidential to the members of the meeting", "cy": "yn gyfrinachol i aelodau"}
    for page in pages:
        assert bare(phrase[lang]) in bare(page.extract_text()), pages.index(page)
    header = DocxDocument(io.BytesIO(render_docx(doc))).sections[0].header
    assert bare(phrase[lang]) in bare(" ".join(p.text for p in header.paragraphs))
