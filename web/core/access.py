"""Who may see a case: its team (the lead who opened it and the members added since), and
admins. Every case, record, file and job reached by an id goes through here, so one rule
decides, and an id that is not the reader's gives 404 whether or not it exists: counting up
through ids shows nothing.

Two layers use the same rule: ``check_url_ids`` runs before every view (so a new route with a
``case_id``, ``record_id``, ``file_id`` or ``job_id`` in its URL cannot forget it, and a viewer
gets 404, not 403, for a case that is not theirs), and the ``get_*`` functions the views call
to load what they show.
"""

from __future__ import annotations

from flask import Flask, abort, g, request
from flask_login import current_user
from sqlalchemy import exists, or_, select

from .audit import log
from .extensions import db
from .models import Case, CaseMember, Job, Record, StoredFile

MAX_ID = 2**63 - 1  # the largest id a database integer holds; beyond it nothing exists


def _id(value) -> int:
    if not isinstance(value, int) or not 0 < value <= MAX_ID:
        abort(404)
    return value


def is_member(user, case_id: int) -> bool:
    """On the team: the case's lead, or added to it."""
    on_team = exists().where(CaseMember.case_id == Case.id, CaseMember.user_id == user.id)
    found = db.session.scalar(
        select(Case.id).where(Case.id == case_id, or_(Case.created_by_id == user.id, on_team))
    )
    return found is not None


def visible_cases(user, query=None):
    """``query`` (default: every case) narrowed to the cases ``user`` may see."""
    query = select(Case) if query is None else query
    if user.can("admin"):
        return query
    team = select(CaseMember.case_id).where(CaseMember.user_id == user.id)
    return query.where(or_(Case.id.in_(team), Case.created_by_id == user.id))


def can_see(user, case_id: int | None) -> bool:
    """Asked once per request and case: the ids in the URL are checked before the view, and the
    view asks again as it loads them. Every change of a team ends its request with a redirect."""
    if case_id is None or not getattr(user, "is_authenticated", False):
        return False
    return user.can("admin") or _on_team(user, case_id)


def _on_team(user, case_id: int) -> bool:
    answers = g.setdefault("on_team", {})
    key = (user.id, case_id)
    if key not in answers:
        answers[key] = is_member(user, case_id)
    return answers[key]


def _checked(user, case_id: int | None, record: Record | None = None) -> None:
    """404 unless ``user`` may see the case; an admin outside the team is let in, and audited
    (once per request and case)."""
    if not can_see(user, case_id):
        abort(404)
    if user.can("admin") and not _on_team(user, case_id):
        seen = g.setdefault("admin_access", set())
        if case_id not in seen:
            seen.add(case_id)
            case = db.session.get(Case, case_id)
            log(
                "admin-access",
                case=case,
                record=record,
                detail=f"{request.method} {request.path}"[:500],
                user=user,
            )
            db.session.commit()


def get_case_for(user, case_id: int) -> Case:
    case = db.session.get(Case, _id(case_id))
    if case is None:
        abort(404)
    _checked(user, case.id)
    return case


def get_case(case_id: int) -> Case:
    """The case if the signed-in user is on its team (or an admin); 404 otherwise."""
    return get_case_for(current_user, case_id)


def get_record(user, record_id: int, doc_type: str | None = None) -> Record:
    record = db.session.get(Record, _id(record_id))
    if record is None or (doc_type and record.doc_type != doc_type):
        abort(404)
    _checked(user, record.case_id, record)
    return record


def get_file(user, record_id: int, file_id: int) -> StoredFile:
    stored = db.session.get(StoredFile, _id(file_id))
    if stored is None or stored.record_id != _id(record_id):
        abort(404)
    _checked(user, stored.record.case_id, stored.record)
    return stored


def get_job(user, job_id: int, kind: str | None = None) -> Job:
    job = db.session.get(Job, _id(job_id))
    if job is None or (kind and job.kind != kind):
        abort(404)
    _checked(user, job.case_id)
    return job


# What each id in a URL names, and how to find its case.
URL_IDS = {
    "case_id": lambda user, v: get_case_for(user, v),
    "record_id": lambda user, v: get_record(user, v),
    "file_id": lambda user, v: _checked(user, _file_case(v)),
    "job_id": lambda user, v: get_job(user, v),
    "date_id": lambda user, v: _checked(user, _key_date_case(v)),
}


def _key_date_case(date_id: int) -> int | None:
    from .models import CaseKeyDate

    return db.session.scalar(select(CaseKeyDate.case_id).where(CaseKeyDate.id == _id(date_id)))


def _file_case(file_id: int) -> int | None:
    return db.session.scalar(
        select(Record.case_id)
        .join(StoredFile, StoredFile.record_id == Record.id)
        .where(StoredFile.id == _id(file_id))
    )


def init_access(app: Flask) -> None:
    """Register after sign-in is required, so a signed-out request is sent to sign in."""

    @app.before_request
    def check_url_ids():
        if not current_user.is_authenticated or not request.view_args:
            return None
        # Held for the request: the session keeps only weak references, and the view loads
        # the same case or record again at once.
        g.url_objects = [
            URL_IDS[name](current_user, value)
            for name, value in request.view_args.items()
            if name in URL_IDS
        ]
        return None
