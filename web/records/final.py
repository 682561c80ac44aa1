"""A final record: its page, its files' downloads (checked against their SHA-256), the copy of a
meeting record's actions into the action plan, and a new version to change it."""

from __future__ import annotations

import io

from flask import abort, flash, redirect, render_template, send_file, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm

from ..core import access, integrity
from ..core.audit import log, viewed
from ..core.extensions import db
from ..core.i18n import page_translator
from ..core.models import Record
from ..core.registry import definition
from ..core.security import require_role
from ..ops.files import file_bytes
from .copy_rows import copy_rows, copy_target
from .fulfilment import offered_letters
from .views import bp, get_record


@bp.get("/records/<int:record_id>")
def view(record_id: int):
    record = get_record(record_id)
    if not record.is_final:
        return redirect(url_for("records.edit", record_id=record.id))
    defn = definition(record.doc_type, record.doc_id)
    copies = bool(copy_target(defn)) if record.doc_type == "form" else False
    viewed(record=record, detail=f"final: {record.doc_id}")
    from ..process.deadlines import next_steps

    return render_template(
        "records/view.html",
        record=record,
        defn=defn,
        form=FlaskForm(),
        copies=copies,
        fulfilment=offered_letters(defn, record.case),
        missing_copies=_missing_copies(record, defn),
        steps=next_steps(record.case),
    )


def _missing_copies(record, defn) -> list[tuple[str, list[str]]]:
    """Copies not made because a translatable answer lacks that language, with the reasons."""
    from forms.bilingual import missing_languages

    if record.doc_type == "merge" or not record.files:
        return []
    made, t = {f.lang for f in record.files}, page_translator()
    return [
        (lang, [e.text(t) for e in missing_languages(defn, record.data or {}, lang)])
        for lang in ("cy", "en", "both")
        if lang not in made and missing_languages(defn, record.data or {}, lang)
    ]


@bp.get("/records/<int:record_id>/files/<int:file_id>")
def download(record_id: int, file_id: int):
    stored = access.get_file(current_user, record_id, file_id)
    failed = integrity.refusal(stored)
    if failed is not None:
        return failed
    log("download", record=stored.record, file=stored, detail=stored.filename)
    db.session.commit()

    return send_file(
        io.BytesIO(file_bytes(stored)),  # in the database or DOGFEN_FILES
        mimetype=stored.mime,
        as_attachment=True,
        download_name=stored.filename,
        etag=stored.sha256,
    )


@bp.post("/records/<int:record_id>/copy-rows")
@require_role("editor")
def copy_rows_view(record_id: int):
    """A meeting record's actions into the case's action plan (see ``web/records/copy_rows``)."""
    record = get_record(record_id)
    if not record.is_final or not copy_target(definition(record.doc_type, record.doc_id)):
        abort(400)
    target = copy_rows(record, current_user)
    db.session.commit()
    flash(_l("The actions were copied into the action plan. Check them, then save."))
    return redirect(url_for("records.edit", record_id=target.id))


@bp.post("/records/<int:record_id>/new-version")
@require_role("editor")
def new_version(record_id: int):
    record = get_record(record_id)
    if not record.is_final or record.doc_type == "merge":
        abort(400)
    # A form may say what its next version starts from (BP App 4: carried-forward concerns).
    carry = getattr(definition(record.doc_type, record.doc_id), "next_version", None)
    copy = Record(
        case_id=record.case_id,
        doc_type=record.doc_type,
        doc_id=record.doc_id,
        version=record.version + 1,
        data=carry(dict(record.data)) if carry else dict(record.data),
        lang=record.lang,
        based_on_id=record.id,
        created_by_id=current_user.id,
        updated_by_id=current_user.id,
    )
    db.session.add(copy)
    db.session.flush()
    log("create", record=copy, detail=f"version {copy.version} from record {record.id}")
    db.session.commit()
    return redirect(url_for("records.edit", record_id=copy.id))
