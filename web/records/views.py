"""Filling in a form or letter: start, save a draft, add and remove rows (no JavaScript needed),
finalise, download, and start a new version of a final record."""

from __future__ import annotations

import io

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy.orm.exc import StaleDataError

from forms.definition import drop_blank_rows, name_rows
from forms.fields import Group

from ..core import access, integrity
from ..core.access import get_case
from ..core.audit import log, viewed
from ..core.extensions import db
from ..core.i18n import page_translator
from ..core.models import Record, now
from ..core.organisation import letterhead, with_letterhead
from ..core.registry import definition
from ..core.security import require_role
from ..ops.files import file_bytes
from ..residents import key_contacts
from .archive import FinaliseRefused, RenderFailed, finalise, release_stale_claim
from .copy_rows import copy_rows, copy_target
from .fulfilment import item_letters, offered_letters
from .prefill import prefill
from .rows import columns, keep_unposted_rows, saved_at, summarise
from .wtf import attach_errors, input_id, make_form, read_form

bp = Blueprint("records", __name__)
BUSY = _l("This record is already final, or someone is finalising it now. Nothing was changed.")
RENDER_FAILED = _l(
    "The documents could not be made, so the record was not finalised. Your answers are kept "
    "in the draft. Try again; if it fails again, tell your administrator."
)
CHANGED = _l(
    "Someone else changed this record at the same time, so your last change was not saved. "
    "Check the page and try again."
)


def _busy(record_id: int):
    """Back to the record (its edit page while a finalise holds it), saying why nothing changed."""
    db.session.rollback()
    flash(BUSY, "warning")
    return redirect(url_for("records.view", record_id=record_id))


@bp.errorhandler(StaleDataError)
def _changed_meanwhile(error):
    """A save that lost a race (to another save or a finalise) is not a server error."""
    db.session.rollback()
    record_id = (request.view_args or {}).get("record_id")
    if record_id is None:
        flash(CHANGED, "warning")
        return redirect(url_for("cases.index"))
    record = db.session.get(Record, record_id)
    if record is not None and record.status != "draft":
        return _busy(record_id)
    flash(CHANGED, "warning")
    return redirect(url_for("records.edit", record_id=record_id))


def get_record(record_id: int) -> Record:
    """The record if the signed-in user is on its case's team (or an admin); 404 otherwise."""
    return access.get_record(current_user, record_id)


@bp.post("/cases/<int:case_id>/records")
@require_role("editor")
def start(case_id: int):
    case = get_case(case_id)
    doc_type = request.form.get("doc_type", "form")
    if doc_type not in ("form", "letter"):
        abort(400)
    defn = definition(doc_type, request.form.get("doc_id", ""))
    data = prefill(defn, case)
    if defn.id == key_contacts.FORM_ID and request.form.get("resident"):
        data.update(key_contacts.from_resident(case, request.form["resident"]))
    record = Record(
        case=case,
        doc_type=doc_type,
        doc_id=defn.id,
        data=data,
        lang=getattr(defn, "default_lang", "en"),
        created_by_id=current_user.id,
        updated_by_id=current_user.id,
    )
    db.session.add(record)
    db.session.flush()
    log("create", record=record, detail=defn.id)
    db.session.commit()
    return redirect(url_for("records.edit", record_id=record.id))


def _apply_row_action(defn, raw: dict, action: str) -> str | None:
    """``add:<group>`` appends an empty row; ``remove:<group>:<i>`` deletes one. Returns the
    anchor to land on."""
    verb, _, rest = action.partition(":")
    name, _, index = rest.partition(":")
    member = next((m for m in defn.members() if m.name == name), None)
    if not isinstance(member, Group):
        return None
    rows = list(raw.get(name) or [])
    if verb == "add" and len(rows) < member.max_rows:
        rows.append({})
        raw[name] = rows
        return f"row:{name}:{len(rows) - 1}"  # the new row's own page
    if verb == "remove" and index in [str(i) for i in range(len(rows))]:
        del rows[int(index)]
        raw[name] = rows
        return name
    return None


@bp.route("/records/<int:record_id>/edit", methods=["GET", "POST"])
def edit(record_id: int):
    record = get_record(record_id)
    if record.is_final:
        return redirect(url_for("records.view", record_id=record.id))
    if record.status == "finalising" and not release_stale_claim(record):
        if request.method == "POST":  # the page says why (see records/edit.html)
            return _busy(record.id)
    defn = definition(record.doc_type, record.doc_id)
    t = page_translator()
    errors = []
    status = 200
    shown = None  # what the page shows: the saved answers, or what was typed when refused
    saved = None
    if request.method == "POST":
        if not current_user.can("editor"):
            abort(403)
        form = make_form(defn, formdata=request.form)
        if not form.validate():  # only the CSRF token is checked here
            abort(400)
        typed, raw, refused = read_form(defn, form, record.data)
        keep_unposted_rows(defn, request.form, record.data, typed, raw)
        raw = with_letterhead(defn, raw)
        action = request.form.get("action", "save")
        action, _, section = action.partition("#")  # "save#section-2": back to that section
        if action == "finalise" and not refused:
            raw = drop_blank_rows(defn, raw)
            try:
                errors = finalise(record, raw, current_user)  # its claim saves the answers
            except FinaliseRefused:
                return _busy(record_id)
            except RenderFailed:
                flash(RENDER_FAILED, "warning")
                return redirect(url_for("records.edit", record_id=record.id))
            if not errors:
                flash(_l("Finalised. The documents are in the case file."))
                return redirect(url_for("records.view", record_id=record.id))
        record.data, record.updated_by_id, record.updated_at = raw, current_user.id, now()
        if refused:  # the rest is saved; the page shows what was typed beside the message
            log("save", record=record, detail="answers over their limits were not saved")
            db.session.commit()
            drafted = defn.validate(raw, level="draft")[1]
            paths = {e.path for e in refused}
            errors = refused + [e for e in drafted if e.path not in paths]
            shown, status = typed, 400
        elif action.startswith(("add:", "remove:")):
            anchor = _apply_row_action(defn, raw, action)
            record.data = dict(raw)
            log("save", record=record, detail=action)
            db.session.commit()
            if anchor and anchor.startswith("row:"):
                _, name, index = anchor.split(":")
                url = url_for("rows.edit_row", record_id=record.id, group_name=name, index=index)
                return redirect(url)
            flash(saved_at())
            return redirect(url_for("records.edit", record_id=record.id, _anchor=anchor))
        elif action == "finalise":
            log("save", record=record, detail="before finalise")
            db.session.commit()
            status = 400
        else:
            log("save", record=record)
            db.session.commit()
            errors = defn.validate(raw, level="draft")[1]
            if not errors:
                flash(saved_at())
                anchor = section if section.startswith("section-") else None
                return redirect(url_for("records.edit", record_id=record.id, _anchor=anchor))
            status = 400
        saved = saved_at()  # saved, even with problems: people must not think work is lost
    if request.method == "GET":
        viewed(record=record, detail=f"draft: {record.doc_id}")
    form = make_form(defn, raw=record.data if shown is None else shown)
    errors = name_rows(defn, errors)
    attach_errors(form, errors, t)
    values, _ = defn.validate(record.data, level="draft")
    query = request.args.get("q", "").strip()[:100]
    rows = {
        m.name: summarise(m, (record.data or {}).get(m.name) or [], errors, t, query)
        for m in defn.members()
        if isinstance(m, Group)
    }
    return (
        render_template(
            "records/edit.html",
            record=record,
            defn=defn,
            form=form,
            values=values,
            rows=rows,
            row_columns={m.name: columns(m) for m in defn.members() if isinstance(m, Group)},
            query=query,
            saved=saved,
            errors=[(_target(defn, e.path), e.text(t)) for e in errors],
            letterhead=letterhead(defn),
            fulfilment=item_letters(defn, record.case),
        ),
        status,
    )


def _target(defn, path: str) -> str:
    """Where the error summary links: a repeating row's line in its summary table."""
    name, bracket, rest = path.partition("[")
    if bracket and any(isinstance(m, Group) and m.name == name for m in defn.members()):
        return f"{name}-{rest.partition(']')[0]}"
    return input_id(path)


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


from . import preview  # noqa: E402,F401  (its routes are this blueprint's)
