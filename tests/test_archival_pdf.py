"""Final PDFs are archival (PDF/A-3b) and carry their record's data, which `dogfen import-pdf`
reads back; previews are drafts, marked on every page."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from forms import all_forms
from web.cli import main
from web.records.archive import Frozen, render_outputs


def frozen(doc_id: str, doc_type: str = "form") -> Frozen:
    return Frozen(
        7, "O'Brien & Sons <Ltd>", doc_type, doc_id, 2, "Siân Hughes", dt.datetime(2026, 3, 2), None
    )


@pytest.fixture(scope="module")
def outputs():
    defn = all_forms()["cm-action-plan"]
    values, errors = defn.validate(defn.example())
    assert not errors
    return values, render_outputs(frozen("cm-action-plan"), values)


def _xmp(reader: PdfReader) -> str:
    return reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")


def test_final_pdfs_are_pdfa3b_with_the_records_data_attached(outputs):
    values, files = outputs
    data = next(content for _, fmt, content, _ in files if fmt == "json")
    pdfs = [(lang, content) for lang, fmt, content, _ in files if fmt == "pdf"]
    assert [lang for lang, _ in pdfs] == ["en", "cy", "both"]
    for _, content in pdfs:
        reader = PdfReader(io.BytesIO(content))
        xmp = _xmp(reader)
        assert "<pdfaid:part>3</pdfaid:part>" in xmp and "<pdfaid:conformance>B" in xmp
        attached = reader.attachments["cm-action-plan.json"]
        assert attached == [data]
        assert json.loads(attached[0]) == values
        assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged
        text = "".join(p.extract_text() for p in reader.pages)
        assert "DRAFT" not in text and "DRAFFT" not in text


def test_import_pdf_prints_the_data(outputs, tmp_path):
    values, files = outputs
    path = tmp_path / "final.pdf"
    path.write_bytes(next(c for lang, fmt, c, _ in files if fmt == "pdf" and lang == "cy"))
    result = CliRunner().invoke(main, ["import-pdf", str(path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == values


def test_render_then_import_round_trips_through_the_cli(tmp_path):
    defn = all_forms()["wb-risk-assessment"]
    data = tmp_path / "data.json"
    data.write_text(json.dumps(defn.example(), ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out.pdf"
    run = CliRunner().invoke(
        main, ["render", defn.id, "--data", str(data), "--lang", "both", "--out", str(out)]
    )
    assert run.exit_code == 0, run.output
    back = CliRunner().invoke(main, ["import-pdf", str(out)], catch_exceptions=False)
    assert back.exit_code == 0, back.output
    assert json.loads(back.output) == defn.validate(defn.example())[0]


def test_render_draft_is_marked_and_carries_no_data(tmp_path):
    defn = all_forms()["wb-network-notification"]
    data = tmp_path / "data.json"
    data.write_text(json.dumps(defn.example()), encoding="utf-8")
    out = tmp_path / "draft.pdf"
    args = ["render", defn.id, "--data", str(data), "--lang", "cy", "--draft", "--out", str(out)]
    assert CliRunner().invoke(main, args).exit_code == 0
    reader = PdfReader(str(out))
    assert all("DRAFFT" in p.extract_text() for p in reader.pages)
    result = CliRunner().invoke(main, ["import-pdf", str(out)])
    assert result.exit_code == 2
    assert "no Dogfen data attached" in result.output


def test_import_pdf_refuses_invalid_attached_data(tmp_path):
    from generator.build import build_form
    from generator.render import render_pdf

    defn = all_forms()["cm-action-plan"]
    doc = build_form(defn, defn.validate(defn.example())[0], "en")
    doc.attachment = ("cm-action-plan.json", json.dumps({"actions": "nonsense"}).encode())
    path = tmp_path / "bad.pdf"
    path.write_bytes(render_pdf(doc))
    result = CliRunner().invoke(main, ["import-pdf", str(path)])
    assert result.exit_code == 2
    assert "not valid for cm-action-plan" in result.output
    doc.attachment = ("cm-action-plan.json", b"{not json")
    path.write_bytes(render_pdf(doc))
    result = CliRunner().invoke(main, ["import-pdf", str(path)])
    assert result.exit_code == 2 and "not valid JSON" in result.output


def test_import_pdf_with_case_starts_a_new_draft_version(app, case_id, outputs, tmp_path):
    from web.core.extensions import db
    from web.core.models import Record

    values, files = outputs
    path = tmp_path / "final.pdf"
    path.write_bytes(next(c for lang, fmt, c, _ in files if fmt == "pdf" and lang == "en"))
    with app.app_context():
        args = ["import-pdf", str(path), "--case", str(case_id)]
        result = CliRunner().invoke(main, args, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        record = db.session.scalars(db.select(Record).where(Record.case_id == case_id)).one()
        assert (record.status, record.doc_id, record.version) == ("draft", "cm-action-plan", 1)
        assert record.data == values
        again = CliRunner().invoke(main, args, catch_exceptions=False)
        assert "version 2" in again.output
        missing = CliRunner().invoke(main, ["import-pdf", str(path), "--case", "999"])
        assert missing.exit_code == 2


def test_preview_is_a_marked_draft(app, client, case_id):
    defn = all_forms()["wb-network-notification"]
    response = client.post(
        f"/cases/{case_id}/records", data={"doc_type": "form", "doc_id": defn.id}
    )
    record_id = int(re.search(r"/records/(\d+)", response.location).group(1))
    from web.core.extensions import db
    from web.core.models import Record

    with app.app_context():
        record = db.session.get(Record, record_id)
        record.data = defn.example()
        db.session.commit()
    pdf = client.get(f"/records/{record_id}/preview/both.pdf")
    assert pdf.status_code == 200, pdf.data[:300]
    reader = PdfReader(io.BytesIO(pdf.data))
    for page in reader.pages:
        words = page.extract_text().split()
        assert "DRAFFT" in words and "DRAFT" in words
    assert not reader.attachments


def test_the_organisation_profile_sets_name_and_marking_on_previews_and_finals(app, case_id):
    from web.core.extensions import db
    from web.core.models import Record

    from .conftest import sign_in

    admin = sign_in(app.test_client(), "admin")
    profile = {"name_en": "Gower Council", "name_cy": "Cyngor Gŵyr", "nation": "wales",
               "marking_en": "OFFICIAL", "marking_cy": "SWYDDOGOL"}  # fmt: skip
    assert admin.post("/admin/organisation", data=profile).status_code == 302
    defn = all_forms()["wb-network-notification"]
    response = admin.post(f"/cases/{case_id}/records", data={"doc_type": "form", "doc_id": defn.id})
    record_id = int(re.search(r"/records/(\d+)", response.location).group(1))
    with app.app_context():
        db.session.get(Record, record_id).data = defn.example()
        db.session.commit()
    pdf = admin.get(f"/records/{record_id}/preview/both.pdf")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages).split()
    assert {"OFFICIAL", "SWYDDOGOL", "Gŵyr", "Gower"} <= set(text)
    assert "OFFICIAL-SENSITIVE" not in text


def test_a_final_letter_carries_its_data_too(tmp_path):
    from web.core.registry import all_letters

    defn = all_letters()["family-home-closure"]
    values, errors = defn.validate(defn.example())
    assert not errors
    files = render_outputs(frozen(defn.id, "letter"), values)
    pdf = next(c for lang, fmt, c, _ in files if fmt == "pdf" and lang == "both")
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf)
    result = CliRunner().invoke(main, ["import-pdf", str(path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == values
