"""A case's audit log on its own page: filtered by person, action and date, a page at a time.
The case page shows only the latest few entries and links here."""

from __future__ import annotations

import datetime as dt

from flask import render_template, request
from flask_login import current_user
from sqlalchemy import func, select

from forms import all_forms

from ..core.access import get_case_for
from ..core.extensions import db
from ..core.models import AuditEvent, Record, User
from ..core.registry import all_letters
from ..core.templating import AUDIT_LABELS
from .views import bp

PER_PAGE = 50


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _page(value) -> int:
    try:
        return max(int(value), 1)
    except (TypeError, ValueError):
        return 1


@bp.get("/cases/<int:case_id>/audit")
def audit(case_id: int):
    case = get_case_for(current_user, case_id)
    args = request.args
    query = select(AuditEvent).where(AuditEvent.case_id == case.id)
    if args.get("user", "").isdigit():
        query = query.where(AuditEvent.user_id == int(args["user"]))
    if args.get("action") in AUDIT_LABELS:
        query = query.where(AuditEvent.action == args["action"])
    start, end = _date(args.get("from")), _date(args.get("to"))
    if start:
        query = query.where(AuditEvent.at >= dt.datetime.combine(start, dt.time()))
    if end:
        query = query.where(AuditEvent.at < dt.datetime.combine(end + dt.timedelta(1), dt.time()))
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    page = _page(args.get("page"))
    events = db.session.scalars(
        query.order_by(AuditEvent.id.desc()).limit(PER_PAGE).offset((page - 1) * PER_PAGE)
    ).all()
    people = db.session.execute(
        select(User.id, User.name)
        .where(User.id.in_(select(AuditEvent.user_id).where(AuditEvent.case_id == case.id)))
        .order_by(User.name)
    ).all()
    actions = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.case_id == case.id).distinct()
    ).all()
    records = {
        r.id: r
        for r in db.session.scalars(
            select(Record).where(Record.id.in_({e.record_id for e in events if e.record_id}))
        )
    }
    return render_template(
        "process/audit.html",
        case=case,
        events=events,
        records=records,
        all_documents=all_forms() | all_letters(),
        people=people,
        actions=sorted(actions),
        args=args,
        total=total,
        page=page,
        pages=max((total + PER_PAGE - 1) // PER_PAGE, 1),
    )
