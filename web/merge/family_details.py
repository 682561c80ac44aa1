"""Letters to families, before and after a run: the details every letter shares, on a page of
their own, and the printing-and-posting guide with "Mark as posted".

The shared details are kept in the case's own copy of the family letter (a draft record), so a
run and a single letter read them from one place. Posting is recorded in the audit log: the run
itself is final and cannot change.
"""

from __future__ import annotations

import datetime as dt

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from forms.definition import FormDefinition
from forms.fields import MAX_YEAR, MIN_YEAR
from forms.letters.common import RECIPIENTS

from ..core import access
from ..core.access import get_case
from ..core.audit import log
from ..core.extensions import db
from ..core.i18n import page_translator
from ..core.models import AuditEvent, Record
from ..core.organisation import letterhead, with_letterhead
from ..records.wtf import attach_errors, input_id, make_form, read_form
from .outputs import LABELS_SUFFIX
from .views import bp, get_family_letter, latest_letter, shared_data

POSTED = "posted"


def shared_definition(defn) -> FormDefinition:
    """The letter without its recipient's fields and the letterhead: what all letters share."""
    skip = {f.name for f in RECIPIENTS["family"]} | set(letterhead(defn))
    sections = []
    for section in defn.sections:
        members = [m for m in section.members if m.name not in skip]
        if members:
            sections.append(type(section)(section.title, members))
    return FormDefinition(
        id=f"{defn.id}--shared", title=defn.title, source=defn.source, sections=sections
    )


def _own_draft(case, defn) -> Record:
    """The case's draft copy of the letter; a final copy is followed by a new draft version."""
    own = latest_letter(case, defn.id)
    if own is not None and not own.is_final:
        return own
    record = Record(
        case=case,
        doc_type="letter",
        doc_id=defn.id,
        version=own.version + 1 if own else 1,
        data=dict(own.data) if own else shared_data(defn, case),
        lang="both",
        based_on_id=own.id if own else None,
        created_by_id=current_user.id,
        updated_by_id=current_user.id,
    )
    db.session.add(record)
    db.session.flush()
    log("create", record=record, detail=f"{defn.id}: shared details of letters to families")
    return record


@bp.route("/cases/<int:case_id>/merge/<letter_id>/shared", methods=["GET", "POST"])
def shared_details(case_id: int, letter_id: str):
    case = get_case(case_id)
    defn = get_family_letter(letter_id)
    sub = shared_definition(defn)
    errors, status = [], 200
    if request.method == "POST":
        if not current_user.can("editor"):
            abort(403)
        form = make_form(sub, formdata=request.form)
        if not form.validate():  # the CSRF token
            abort(400)
        own = _own_draft(case, defn)
        typed, raw, refused = read_form(sub, form, own.data)
        own.data = with_letterhead(defn, {**(own.data or {}), **raw})
        log("save", record=own, detail="shared details of letters to families")
        db.session.commit()
        errors = refused or sub.validate(raw, level="final")[1]
        if not errors:
            flash(_l("Shared details saved."))
            return redirect(url_for("merge.merge_page", case_id=case.id, letter=defn.id))
        form = make_form(sub, raw=typed)
        status = 400
    else:
        form = make_form(sub, raw=shared_data(defn, case))
    t = page_translator()
    attach_errors(form, errors, t)
    return render_template(
        "merge/shared.html",
        case=case,
        defn=defn,
        sub=sub,
        form=form,
        errors=[(input_id(e.path), e.text(t)) for e in errors],
    ), status


def posted_events(record) -> list[AuditEvent]:
    return db.session.scalars(
        select(AuditEvent)
        .where(AuditEvent.record_id == record.id, AuditEvent.action == POSTED)
        .order_by(AuditEvent.id)
    ).all()


def _posted_date(form) -> dt.date | None:
    try:
        day = dt.date(int(form["year"]), int(form["month"]), int(form["day"]))
    except (KeyError, ValueError, OverflowError):
        return None
    return day if MIN_YEAR <= day.year <= MAX_YEAR else None


@bp.route("/merges/<int:record_id>/posting", methods=["GET", "POST"])
def posting(record_id: int):
    """How to print and post a run's letters; "Mark as posted" records the day in the log."""
    record = access.get_record(current_user, record_id, "merge")
    errors, status = [], 200
    if request.method == "POST":
        if not current_user.can("editor"):
            abort(403)
        day = _posted_date(request.form)
        if day is None or day > dt.date.today():
            errors = [("posted-day", _l("Enter the date the letters were posted, like 1 12 2026"))]
            status = 400
        else:
            log(POSTED, record=record, detail=day.isoformat())
            db.session.commit()
            flash(_l("Marked as posted."))
            return redirect(url_for("merge.record_page", record_id=record.id))
    pdfs = [f for f in record.files if f.fmt == "pdf"]
    labels = [f for f in pdfs if f.filename.endswith(LABELS_SUFFIX)]
    return render_template(
        "merge/posting.html",
        case=record.case,
        record=record,
        print_file=next((f for f in pdfs if f not in labels), None),
        labels=labels[0] if labels else None,
        posted_on=posted_on,
        defn=get_family_letter(record.doc_id),
        posted=posted_events(record),
        errors=errors,
        typed=request.form,
        today=dt.date.today(),
    ), status


def posted_on(event: AuditEvent) -> dt.date | None:
    try:
        return dt.date.fromisoformat(event.detail)
    except ValueError:
        return None
