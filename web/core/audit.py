"""The audit log: one row for every create, save, finalise, download and sign-in."""

from __future__ import annotations

from flask_login import current_user

from .extensions import db
from .models import AuditEvent


def log(action: str, case=None, record=None, file=None, detail: str = "", user=None) -> AuditEvent:
    if user is None and current_user and getattr(current_user, "is_authenticated", False):
        user = current_user
    event = AuditEvent(
        action=action,
        user_id=user.id if user else None,
        case_id=case.id if case else (record.case_id if record else None),
        record_id=record.id if record else None,
        file_id=file.id if file else None,
        detail=detail,
    )
    db.session.add(event)
    return event
