"""Previews of a draft, nothing archived: the saved draft as it would print, and the page's
current inputs (saved or not) beside the form. Routes of the records blueprint, kept apart so
views.py stays about filling in and finalising."""

from __future__ import annotations

import io

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import lazy_gettext as _l

from forms.bilingual import missing_languages
from forms.definition import drop_blank_rows

from ..core.audit import log
from ..core.extensions import db
from ..core.i18n import page_translator
from ..core.organisation import with_letterhead
from ..core.registry import definition
from ..core.security import require_role
from .views import bp, get_record
from .wtf import make_form, read_form


def _preview_pdf(record, defn, values: dict, lang: str):
    from generator.build import build_document
    from generator.render import render_pdf

    from ..core.organisation import form_copy, form_logo, logo_bytes

    doc = build_document(defn, values, lang, draft=True, **form_copy())  # marked DRAFT
    doc.logo = logo_bytes() if record.doc_type == "letter" else form_logo()
    return send_file(
        io.BytesIO(render_pdf(doc)),
        mimetype="application/pdf",
        download_name=f"preview-{record.doc_id}-{lang}.pdf",
    )


@bp.get("/records/<int:record_id>/preview/<lang>.pdf")
def preview(record_id: int, lang: str):
    """The draft as it would print, not archived: errors send the user back to the page."""
    record = get_record(record_id)
    if lang not in ("en", "cy", "both"):
        abort(404)
    defn = definition(record.doc_type, record.doc_id)
    data = with_letterhead(defn, record.data or {})
    values, errors = defn.validate(drop_blank_rows(defn, data), level="final")
    if errors:
        flash(_l("Fill in the missing answers, then save, to preview the document."))
        return redirect(url_for("records.edit", record_id=record.id))
    missing = missing_languages(defn, values, lang)  # a copy needs its language's answers
    if missing:
        for err in missing:
            flash(err.text(page_translator()))
        return redirect(url_for("records.edit", record_id=record.id))
    log("preview", record=record, detail=lang)
    db.session.commit()
    return _preview_pdf(record, defn, values, lang)


@bp.post("/records/<int:record_id>/preview")
@require_role("editor")
def preview_inputs(record_id: int):
    """The page's current inputs as a PDF, saved or not, opened beside the form (nothing is
    saved here); what is missing is listed instead, on a page of its own."""
    record = get_record(record_id)
    if record.is_final:
        abort(400)
    defn = definition(record.doc_type, record.doc_id)
    form = make_form(defn, formdata=request.form)
    if not form.validate():  # the CSRF token
        abort(400)
    lang = request.form.get("preview_lang", "en")
    if lang not in ("en", "cy", "both"):
        abort(400)
    typed, raw, refused = read_form(defn, form, record.data)
    data = with_letterhead(defn, drop_blank_rows(defn, typed if not refused else raw))
    values, errors = defn.validate(data, level="final")
    errors = errors or missing_languages(defn, values, lang)
    log("preview", record=record, detail=f"{lang}, unsaved inputs")
    db.session.commit()
    if errors or refused:
        t = page_translator()
        shown = [e.text(t) for e in refused + errors]
        return render_template(
            "records/preview_missing.html", record=record, defn=defn, problems=shown
        ), 400
    return _preview_pdf(record, defn, values, lang)
