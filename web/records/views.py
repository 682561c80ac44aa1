"""Filling in a form or letter: start, save a draft, add and remove rows (no JavaScript needed)
and finalise. A final record's own pages are in ``final.py``, previews in ``preview.py``."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from forms.definition import drop_blank_rows, name_rows
from forms.fields import Group

from ..core import access
from ..core.access import get_case
from ..core.audit import log, viewed
from ..core.extensions import db
from ..core.i18n import page_translator
from ..core.models import Record, now
from ..core.organisation import letterhead, with_letterhead
from ..core.registry import definition
from ..core.security import require_role
from ..residents import key_contacts
from .archive import FinaliseRefused, RenderFailed, finalise, release_stale_claim
from .fulfilment import item_letters
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


from . import final, preview  # noqa: E402,F401  (their routes are this blueprint's)
