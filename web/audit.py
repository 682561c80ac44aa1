"""The audit log: one row for every create, save, finalise, download, sign-in and view."""

from __future__ import annotations

from flask_login import current_user

from .extensions import db
from .models import AuditEvent
from .write_queue import queued_write


def _values(action: str, case, record, file, detail: str, user) -> dict:
    if user is None and current_user and getattr(current_user, "is_authenticated", False):
        user = current_user
    return {
        "action": action,
        "user_id": user.id if user else None,
        "case_id": case.id if case else (record.case_id if record else None),
        "record_id": record.id if record else None,
        "file_id": file.id if file else None,
        "detail": detail,
    }


def log(action: str, case=None, record=None, file=None, detail: str = "", user=None) -> AuditEvent:
    """Added to the session: committed, or rolled back, with the change it records."""
    event = AuditEvent(**_values(action, case, record, file, detail, user))
    db.session.add(event)
    return event


def viewed(case=None, record=None, detail: str = "") -> None:
    """A page view, committed at once, queued behind SQLite's one writer. The page's objects are
    not expired by this commit: the page would otherwise read them all again to show them."""
    session = db.session()
    session.add(AuditEvent(**_values("view", case, record, None, detail, None)))
    keep, session.expire_on_commit = session.expire_on_commit, False
    try:
        with queued_write():
            session.commit()
    finally:
        session.expire_on_commit = keep
