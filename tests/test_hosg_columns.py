"""Issue 11, WB Appendix 6: the printed grid has one tick column per agency, headed by the
names this record gives them (never the seed's authors' BCBC/ABMU), in Word and in PDF."""

from __future__ import annotations

import io
import re

import docx
import pytest

from forms import get_form
from generator.build import build_form
from generator.docx import render_docx
from generator.paper import TICK
from generator.render import render_pdf
from generator.textcheck import pdf_text

NAMES = {
    "en": [
        "City and County of Swansea Council",
        "Swansea Bay University Health Board",
        "Tŷ Gwyn Care Home",
        "Care Inspectorate Wales (CIW)",
    ],
    "cy": [
        "Cyngor Dinas a Sir Abertawe",
        "Bwrdd Iechyd Prifysgol Bae Abertawe",
        "Tŷ Gwyn Care Home",
        "Arolygiaeth Gofal Cymru (AGC)",
    ],
}


def _values():
    values = get_form("wb-hosg-responsibilities").example()
    values["home_name"] = "O'Brien & Sons <Ltd>"  # the home's name heads its column unchanged
    return values


def _names(lang):
    return [_values()["home_name"] if n == "Tŷ Gwyn Care Home" else n for n in NAMES[lang]]


def _actions_table(lang):
    doc = build_form(get_form("wb-hosg-responsibilities"), _values(), lang)
    word = docx.Document(io.BytesIO(render_docx(doc)))
    return next(t for t in word.tables if len(t.rows) == 48)  # the header and 47 actions


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_word_grid_has_a_column_per_agency_named_from_the_record(lang):
    table = _actions_table(lang)
    header = [c.text for c in table.rows[0].cells]
    assert header[2:6] == _names(lang)
    assert not any("BCBC" in h or "ABMU" in h for h in header)
    # Action 2 (next of kin) is the council's and the health board's in the seed
    row = [c.text for c in table.rows[2].cells]
    assert row[0] == "2"
    assert row[2:6] == [TICK, TICK, "", ""]
    # Action 19 (GPs' medical risk assessment) is the health board's alone
    assert [c.text for c in table.rows[19].cells][2:6] == ["", TICK, "", ""]


def test_record_changes_move_the_ticks():
    values = _values()
    values["actions"][1]["agencies"] = ["home", "regulator"]
    doc = build_form(get_form("wb-hosg-responsibilities"), values, "en")
    word = docx.Document(io.BytesIO(render_docx(doc)))
    table = next(t for t in word.tables if len(t.rows) == 48)
    assert [c.text for c in table.rows[2].cells][2:6] == ["", "", TICK, TICK]


def test_england_names_its_regulator_and_a_typed_health_board():
    values = _values()
    values.update(regulator="cqc", health_board="other")
    values["health_board_other"] = {"en": "NHS Lancashire ICB", "cy": "NHS Lancashire ICB"}
    doc = build_form(get_form("wb-hosg-responsibilities"), values, "en")
    table = next(t for t in docx.Document(io.BytesIO(render_docx(doc))).tables if len(t.rows) == 48)
    header = [c.text for c in table.rows[0].cells]
    assert header[3] == "NHS Lancashire ICB"
    assert header[5] == "Care Quality Commission (CQC)"


@pytest.mark.parametrize("lang", ["en", "cy", "both"])
def test_pdf_grid_headers_name_each_agency_and_tick(lang):
    doc = build_form(get_form("wb-hosg-responsibilities"), _values(), lang)
    text = pdf_text(render_pdf(doc))
    for part in ("cy", "en") if lang == "both" else (lang,):
        for name in _names(part):
            assert " ".join(name.split()) in " ".join(text.split()), name
    assert text.count(TICK) >= 47 * (2 if lang == "both" else 1)
    assert "Agencies sharing the action" not in text


# --- WB Appendix 5: a progress entry picks its plan row's ref no. on the web page -----------


def test_progress_entry_offers_the_plans_own_ref_nos(app, client, case_id):
    import copy

    from web.core.extensions import db
    from web.core.models import Record

    r = client.post(f"/cases/{case_id}/records", data={"doc_type": "form", "doc_id": "wb-cap-dap"})
    url = r.location
    record_id = int(url.split("/records/")[1].split("/")[0])
    data = get_form("wb-cap-dap").example()
    second = copy.deepcopy(data["actions"][0])
    second["ref"] = "B<2>"
    data["actions"].append(second)
    data["progress"][0]["ref"] = "B<2>"
    with app.app_context():
        record = db.session.get(Record, record_id)
        record.data = data
        db.session.commit()
    row_url = url.replace("/edit", "/rows/progress/0")
    page = client.get(row_url).text
    select = re.search(r'<select[^>]*name="ref".*?</select>', page, re.S)
    assert select, "the ref no. is chosen from the plan's rows"
    options = re.findall(r'<option value="([^"]*)"( selected)?>', select.group(0))
    assert options == [("", ""), ("1", ""), ("B&lt;2&gt;", " selected")]
    client.post(row_url, data={**_row_post(data["progress"][0]), "ref": "1"})
    with app.app_context():
        assert db.session.get(Record, record_id).data["progress"][0]["ref"] == "1"  # still text


def _row_post(row: dict) -> dict:
    out = {}
    for k, v in row.items():
        if isinstance(v, dict):
            out.update({f"{k}-{c}": t for c, t in v.items()})
        elif v is not None:
            out[k] = v
    return out


def test_web_page_names_the_agency_ticks_from_the_record(app, client, case_id):
    from web.core.extensions import db
    from web.core.models import Record

    r = client.post(
        f"/cases/{case_id}/records", data={"doc_type": "form", "doc_id": "wb-hosg-responsibilities"}
    )
    record_id = int(r.location.split("/records/")[1].split("/")[0])
    with app.app_context():
        db.session.get(Record, record_id).data = _values()
        db.session.commit()
    page = client.get(r.location).text
    label = r'<label class="govuk-label govuk-checkboxes__label" for="actions-(\d+)-agencies-(\d)">'
    names = re.findall(label + r"([^<]*)</label>", page)
    assert len(names) == 47 * 4
    assert {(i, n) for _, i, n in names} == {
        ("0", "City and County of Swansea Council"),
        ("1", "Swansea Bay University Health Board"),
        ("2", "O&#39;Brien &amp; Sons &lt;Ltd&gt;"),
        ("3", "Care Inspectorate Wales (CIW)"),
    }
