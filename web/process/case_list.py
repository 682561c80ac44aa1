"""The case list: search, filters, sort and pages over the cases the user may see
(``access.visible_cases`` decides which), each with its next deadline.

Search and the plain filters are SQL; "overdue" and "due this week" and sorting by the next
deadline need each case's deadlines, which are worked out in Python from its dates and records,
so they run over the filtered cases only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from ..core.access import visible_cases
from ..core.extensions import db
from ..core.models import Case, CaseMember
from .deadlines import next_deadline

PER_PAGE = 25
SORTS = {
    "opened": (Case.opened_on.desc(), Case.id.desc()),
    "provider": (Case.provider, Case.id),
    "stage": (Case.stage, Case.provider),
    "policy": (Case.policy, Case.provider),
}


@dataclass
class Listing:
    rows: list  # (case, next deadline or None)
    total: int
    page: int
    pages: int


def _int(value, default=0) -> int:
    try:
        return max(int(value), 0)
    except (TypeError, ValueError):
        return default


def filtered(user, args):
    query = visible_cases(user)
    q = (args.get("q") or "").strip()[:200]
    if q:
        query = query.where(
            or_(
                Case.provider.icontains(q, autoescape=True),
                Case.service.icontains(q, autoescape=True),
                Case.provider_address.icontains(q, autoescape=True),
            )
        )
    if args.get("policy"):
        query = query.where(Case.policy == args["policy"])
    if args.get("stage"):
        query = query.where(Case.stage == args["stage"])
    if _int(args.get("lead")):
        query = query.where(Case.created_by_id == _int(args["lead"]))
    if args.get("mine"):
        team = select(CaseMember.case_id).where(CaseMember.user_id == user.id)
        query = query.where(or_(Case.id.in_(team), Case.created_by_id == user.id))
    return query


def case_listing(user, args, today: dt.date | None = None) -> Listing:
    today = today or dt.date.today()
    sort = args.get("sort") if args.get("sort") in (*SORTS, "next") else "opened"
    query = filtered(user, args).order_by(*SORTS.get(sort, SORTS["opened"]))
    query = query.options(selectinload(Case.key_dates), selectinload(Case.records))
    due = args.get("due")
    page = max(_int(args.get("page"), 1), 1)
    if due in ("overdue", "week") or sort == "next":
        rows = [(c, next_deadline(c, today)) for c in db.session.scalars(query)]
        if due == "overdue":
            rows = [r for r in rows if r[1] and r[1].status == "overdue"]
        elif due == "week":
            monday = today - dt.timedelta(days=today.weekday())
            end = monday + dt.timedelta(days=6)
            rows = [r for r in rows if r[1] and monday <= r[1].due <= end]
        if sort == "next":
            rows.sort(key=lambda r: (r[1] is None, r[1].due if r[1] else None))
        total = len(rows)
        rows = rows[(page - 1) * PER_PAGE : page * PER_PAGE]
    else:
        total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
        cases = db.session.scalars(query.limit(PER_PAGE).offset((page - 1) * PER_PAGE))
        rows = [(c, next_deadline(c, today)) for c in cases]
    return Listing(rows, total, page, max((total + PER_PAGE - 1) // PER_PAGE, 1))


def lead_choices(user) -> list[tuple[int, str]]:
    """Who leads the cases the user may see (for the "lead" filter)."""
    from ..core.models import User

    leads = visible_cases(user, select(Case.created_by_id)).distinct()
    users = db.session.scalars(select(User).where(User.id.in_(leads)).order_by(User.name))
    return [(u.id, u.name) for u in users]
