"""Issue 9: translatable answers. A copy in a language needs every given answer in that language,
in the web, the CLI and a merge, and each refusal names the field; drafts keep one language."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from click.testing import CliRunner

from forms import all_forms
from forms.bilingual import BilingualLongText, is_translatable, missing_languages
from forms.i18n import Translator
from forms.letters import get_letter
from generator.build import MissingTextError, build_document
from generator.letters import LetterError
from generator.merge import plan_merge
from web.cli import main
from web.core.extensions import db
from web.core.models import Record
from web.core.registry import all_letters

TODAY = dt.date.today()  # the examples' dates are in the past
DEFINITIONS = [*all_forms().values(), *all_letters().values()]
TITLES = ("Mr ", "Mrs ", "Ms ", "Miss ", "Dr ")


def translatable_paths():
    """(definition id, path, label) for every translatable field in every form and letter."""
    for defn in DEFINITIONS:
        for m in defn.members():
            for f in getattr(m, "fields", None) or [m]:
                if is_translatable(f):
                    path = f.name if f is m else f"{m.name}[0].{f.name}"
                    yield pytest.param(defn.id, path, f.label, id=f"{defn.id}:{path}")


def _definition(doc_id):
    return next(d for d in DEFINITIONS if d.id == doc_id)


def _set(values: dict, path: str, value) -> None:
    if "[" in path:
        group, _, name = path.partition("[0].")
        values[group][0][name] = value
    else:
        values[path] = value


def _with_answer(defn, path: str) -> dict:
    """The example, with the field at ``path`` given (an "other" text needs its choice)."""
    values = defn.example()
    _set(values, path, {"cy": "Testun Cymraeg", "en": "English text"})
    if path.endswith("_other"):
        values[path.removesuffix("_other")] = "other"
    return values


def test_every_prose_field_is_declared():
    ids = {p.values[0] for p in translatable_paths()}
    assert len(list(translatable_paths())) >= 30
    assert ids >= {"cm-action-plan", "wb-risk-assessment", "wb-network-notification"}
    assert ids >= {d.id for d in all_letters().values()}  # every letter has a salutation or prose
    for defn in DEFINITIONS:
        for m in defn.members():
            for f in getattr(m, "fields", None) or [m]:
                if is_translatable(f) and f.example_value:
                    same = f.example_cy == f.example_value
                    assert f.example_cy and (not same or f.example_cy.startswith(TITLES)), (
                        defn.id,
                        f.name,
                    )  # real Welsh, not the English again (a name in a salutation excepted)


@pytest.mark.parametrize(("doc_id", "path", "label"), list(translatable_paths()))
def test_no_welsh_copy_without_the_welsh(doc_id, path, label):
    defn = _definition(doc_id)
    values = _with_answer(defn, path)
    _set(values, path, {"en": "Only English"})
    values, errors = defn.validate(values, "final", today=TODAY)
    assert errors == []  # a record with one language is valid: it is finalised in that language
    kwargs = {"today": TODAY} if defn.kind == "letter" else {}
    for lang in ("cy", "both"):
        with pytest.raises((MissingTextError, LetterError)) as refused:
            build_document(defn, values, lang, **kwargs)
        assert [e.path for e in refused.value.errors] == [f"{path}.cy"]
        assert f"Enter the Welsh text for “{label}”" in str(refused.value)
    doc = build_document(defn, values, "en", **kwargs)
    assert doc.lang == "en"


def test_the_welsh_refusal_is_in_the_readers_language():
    defn = all_forms()["cm-action-plan"]
    values = defn.example()
    values["actions"][0]["issue"] = {"en": "Only English"}
    (error,) = missing_languages(defn, values, "cy")
    label = Translator("cy")("Issue of concern")
    assert error.text(Translator("cy")) == f"Rhowch y testun Cymraeg ar gyfer “{label}”"
    assert error.text(Translator("en")) == "Enter the Welsh text for “Issue of concern”"


def test_the_pair_parses_measures_and_shows_one_language():
    f = BilingualLongText("reason", "Reason for closure", max_length=10)
    assert f.parse({"cy": " Rheswm ", "en": "", "xx": "y"}, TODAY) == {"cy": "Rheswm"}
    assert BilingualLongText("r", "R").parse("Old text", TODAY) == {"en": "Old text"}
    assert f.parse({"cy": "", "en": " "}, TODAY) is None
    with pytest.raises(Exception) as too_long:
        f.parse({"cy": "x" * 11}, TODAY)
    assert too_long.value.params["part"] == "cy"
    assert f.display({"cy": "Rheswm", "en": "Reason"}, Translator("cy")) == "Rheswm"
    assert f.display({"en": "Reason"}, Translator("cy")) == ""  # never the English instead
    assert f.schema()["properties"].keys() == {"cy", "en"}


def test_example_and_schema_give_both_languages():
    result = CliRunner().invoke(main, ["example", "family-home-closure"])
    example = json.loads(result.output)
    assert example["reason"]["cy"].startswith("Mae’r darparwr")
    assert example["reason"]["en"].startswith("The provider")
    schema = json.loads(CliRunner().invoke(main, ["schema", "family-home-closure"]).output)
    assert schema["properties"]["reason"]["type"] == "object"


def test_cli_render_refuses_a_welsh_copy_without_the_welsh(tmp_path):
    defn = get_letter("family-home-closure")
    data = defn.example()
    data["reason"] = {"en": "The provider has told us it can no longer run the home."}
    path = tmp_path / "data.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    for lang in ("cy", "both"):
        out = tmp_path / f"letter-{lang}.pdf"
        args = ["render", defn.id, "--data", str(path), "--lang", lang, "--out", str(out)]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2 and not out.exists()
        assert "reason.cy: Enter the Welsh text for “Why the home is closing”" in result.output
    out = tmp_path / "letter-en.pdf"
    args = ["render", defn.id, "--data", str(path), "--lang", "en", "--out", str(out)]
    assert CliRunner().invoke(main, args).exit_code == 0 and out.exists()


def test_merge_needs_the_shared_details_in_welsh():
    defn = get_letter("family-home-closure")
    case = defn.example()
    case["reason"] = {"en": "The provider can no longer run the home."}
    rows = [
        {"recipient_name": name, "recipient_address": "1 Stryd Fawr\nAberaeron", "language": lang}
        for name, lang in [("Mrs Ann Jones", "en"), ("Mr Dafydd Rhys", "cy"), ("Ms Nia", "")]
    ]
    for r in rows:
        r["resident_name"] = "Mr Ifan Jones"
    recipients, problems = plan_merge(defn, case, rows, today=TODAY)
    assert [r.name for r in recipients] == ["Mrs Ann Jones"]
    shared = [p for p in problems if p.row is None]
    assert [(p.path, p.label) for p in shared] == [("reason.cy", "Why the home is closing")]
    assert shared[0].message == "Enter the Welsh text for “%(label)s”"
    # a salutation typed on a recipient's row is in that recipient's language
    case["reason"] = {"cy": "Ni all y darparwr redeg y cartref mwyach.", "en": "It cannot."}
    rows[1]["salutation"] = "Mr Rhys"
    recipients, problems = plan_merge(defn, case, rows, today=TODAY)
    assert problems == [] and len(recipients) == 3
    assert recipients[1].values["salutation"] == {"cy": "Mr Rhys"}


# --- web -----------------------------------------------------------------------------------------


def start(client, case_id) -> str:
    """A new action plan with one (empty) row of actions."""
    data = {"doc_type": "form", "doc_id": "cm-action-plan"}
    r = client.post(f"/cases/{case_id}/records", data=data)
    assert r.status_code == 302
    client.post(r.location, data={"action": "add:actions"})
    return r.location


def _post(defn, issue: dict) -> dict:
    from .helpers import form_post

    values = defn.example()
    values["actions"][0]["issue"] = issue
    return form_post(defn, values)


def test_page_shows_welsh_then_english_inputs(app, client, case_id):
    page = client.get(start(client, case_id).replace("/edit", "/rows/actions/0")).text
    cy = page.index('name="issue-cy"')  # a row is changed on its own page
    en = page.index('name="issue-en"')
    assert cy < en
    label = r'<label class="govuk-label" for="issue-(cy|en)" lang="\1">(\w+)<'
    labels = re.findall(label, page)
    assert labels == [("cy", "Cymraeg"), ("en", "English")]


def test_a_draft_saves_one_language_and_finalise_makes_only_that_copy(app, client, case_id):
    defn = all_forms()["cm-action-plan"]
    url = start(client, case_id)
    post = _post(defn, {"en": "Care plans are out of date."})
    assert client.post(url, data={**post, "action": "save"}).status_code == 302
    r = client.post(url, data={**post, "action": "finalise"})
    assert r.status_code == 302, r.text[:2000]
    with app.app_context():
        rid = int(re.search(r"/records/(\d+)", url).group(1))
        made = {(f.lang, f.fmt) for f in db.session.get(Record, rid).files}
    assert made == {("", "json"), ("en", "docx"), ("en", "pdf")}
    view = client.get(r.location).text
    assert "No Welsh copy was made:" in view
    assert "Enter the Welsh text for “Issue of concern”" in view
    client.get("/language/cy")
    view = client.get(r.location).text
    assert "Rhowch y testun Cymraeg ar gyfer" in view


def test_web_preview_of_a_welsh_copy_names_the_missing_field(app, client, case_id):
    defn = all_forms()["cm-action-plan"]
    url = start(client, case_id)
    post = _post(defn, {"en": "Care plans are out of date."})
    client.post(url, data={**post, "action": "save"})
    rid = re.search(r"/records/(\d+)", url).group(1)
    for lang in ("cy", "both"):
        r = client.get(f"/records/{rid}/preview/{lang}.pdf")
        assert r.status_code == 302 and r.location.endswith(f"/records/{rid}/edit")
        page = client.get(r.location).text
        assert "Enter the Welsh text for “Issue of concern”" in page
    assert client.get(f"/records/{rid}/preview/en.pdf").mimetype == "application/pdf"


def test_finalise_refused_when_no_language_is_complete(app, client, case_id):
    defn = all_forms()["cm-action-plan"]
    url = start(client, case_id)
    values = defn.example()
    values["actions"][0]["issue"] = {"en": "Only English"}
    values["actions"][0]["improvement"] = {"cy": "Cymraeg yn unig"}
    from .helpers import form_post

    r = client.post(url, data={**form_post(defn, values), "action": "finalise"})
    assert r.status_code == 400
    messages = re.findall(r'<li><a href="#([^"]+)">([^<]+)</a></li>', r.text)
    # the record's own language (English here) is asked for, naming the row that lacks it
    assert messages == [("actions-0", "Issue 1: enter the English text for “Improvement required”")]
    row = client.get(url.replace("/edit", "/rows/actions/0")).text  # beside the input on its page
    assert 'id="improvement-en-error"' not in row  # a draft check: the final one runs on finalise


def test_a_single_stored_value_shows_as_english_and_asks_for_welsh(app, client, case_id):
    url = start(client, case_id)
    with app.app_context():
        rid = int(re.search(r"/records/(\d+)", url).group(1))
        db.session.get(Record, rid).data = {"actions": [{"issue": "Typed before the pair"}]}
        db.session.commit()
    page = client.get(url.replace("/edit", "/rows/actions/0")).text
    en = re.search(r'<textarea[^>]*name="issue-en"[^>]*>([^<]*)<', page).group(1)
    cy = re.search(r'<textarea[^>]*name="issue-cy"[^>]*>([^<]*)<', page).group(1)
    assert en == "Typed before the pair" and cy == ""
    assert "Add the Welsh text too, or no Welsh copy can be made." in page  # asked for the other


def test_audit_log_says_what_happened_in_words(app, client, case_id):
    start(client, case_id)
    page = client.get(f"/cases/{case_id}").text
    assert "add:actions" not in page
    assert "Added a row to “Issues and improvements”" in page
    client.get("/language/cy")
    page = client.get(f"/cases/{case_id}").text
    assert "Ychwanegwyd rhes at" in page and "add:actions" not in page
    audit = client.get(f"/cases/{case_id}/audit").text  # the case's full audit page too
    assert "Ychwanegwyd rhes at" in audit and "add:actions" not in audit


def test_audit_details_of_versions_and_merges_are_words(app):
    from types import SimpleNamespace

    from web.core.audit_text import audit_detail

    def shown(action, detail, lang="en"):
        headers = {"Accept-Language": lang}  # the page language, as a first visit chooses it
        with app.test_request_context(headers=headers):
            return audit_detail(SimpleNamespace(action=action, detail=detail, record_id=None))

    assert shown("create", "version 2 from record 5") == "Version 2, copied from record 5"
    assert shown("merge", "started job 3: family-home-closure, 12 letters") == (
        "Mail merge 3 started: Closure of the care home: letter to families (letters: 12)"
    )
    assert shown("preview", "cy") == "Welsh"
    assert shown("sign-in", "editor@example.org") == "editor@example.org"  # data, as stored
    assert shown("create", "version 2 from record 5", "cy") == "Fersiwn 2, wedi’i chopïo o gofnod 5"
    assert shown("preview", "cy", "cy") == "Cymraeg"
    huge = "remove:actions:" + "9" * 5000  # a forged post: shown as stored, never int()-ed
    with app.test_request_context():
        event = SimpleNamespace(action="save", detail=huge, record_id=1)
        assert audit_detail(event) == huge


def test_web_merge_names_the_shared_detail_missing_its_welsh(app, client, case_id):
    from sqlalchemy import func, select

    from web.core.models import Job

    from .test_jobs_web import HEAD, ROWS, csv_bytes, shared_details, upload

    letter = "family-home-closure"
    upload(client, case_id, csv_bytes([HEAD, *ROWS]), "list.csv")  # Welsh, English and both
    shared_details(app, case_id, letter)
    with app.app_context():
        own = db.session.scalar(select(Record).where(Record.doc_id == letter))
        own.data = {**own.data, "reason": {"en": "The provider can no longer run the home."}}
        db.session.commit()
    page = client.get(f"/cases/{case_id}/merge?letter={letter}").text
    assert "Enter the Welsh text for “Why the home is closing”" in page
    assert "Start the merge" not in page
    r = client.post(f"/cases/{case_id}/merge", data={"letter": letter})
    assert r.status_code == 400
    with app.app_context():
        assert db.session.scalar(select(func.count(Job.id)).where(Job.kind == "merge")) == 0


def test_figures_count_a_translatable_standard_by_its_english():
    from types import SimpleNamespace

    from web.process.figures import _themes

    def final(standard):
        data = {"risks": [{"standard": standard}]}
        return SimpleNamespace(
            is_final=True,
            doc_id="wb-risk-assessment",
            finalised_at=dt.datetime(2026, 3, 1, 9, 0),
            data=data,
        )

    case = SimpleNamespace(
        records=[
            final({"cy": "Safon 7: meddyginiaeth", "en": "Standard 7: medication"}),
            final("Standard 7: medication"),  # stored before the pair
        ]
    )
    found = _themes(case, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert found == {"Standard 7: medication": 2}
