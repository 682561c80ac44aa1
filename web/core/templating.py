"""Template helpers shared by every page."""

from __future__ import annotations

import base64

from flask import Flask
from flask_babel import lazy_gettext as _l

LANG_LABELS = {
    "en": _l("English"),
    "cy": _l("Welsh"),
    "both": _l("Welsh and English"),
    "": _l("Data (JSON)"),
}
AUDIT_LABELS = {
    "create": _l("Created"),
    "save": _l("Saved"),
    "finalise": _l("Finalised"),
    "download": _l("Downloaded"),
    "preview": _l("Previewed"),
    "create-case": _l("Case file opened"),
    "sign-in": _l("Signed in"),
    "sign-in-failed": _l("Sign-in refused"),
    "sign-in-locked": _l("Sign-in locked after failed attempts"),
    "sign-out": _l("Signed out"),
    "session-expired": _l("Session ended by timeout"),
    "change-password": _l("Password changed"),
    "change-password-failed": _l("Password change refused"),
    "reset-password": _l("New password set for a user"),
    "change-role": _l("Role changed"),
    "deactivate-user": _l("User deactivated"),
    "reactivate-user": _l("User reactivated"),
    "create-user": _l("User added"),
    "update-organisation": _l("Organisation profile changed"),
    "merge": _l("Letters to families"),
    "posted": _l("Letters marked as posted"),
    "import": _l("Imported"),
    "view": _l("Viewed"),
    "admin-access": _l("Opened by an administrator outside the team"),
    "team-add": _l("Added to the team"),
    "team-remove": _l("Removed from the team"),
    "update-case": _l("Case details changed"),
    "change-stage": _l("Stage changed"),
    "add-key-date": _l("Date recorded"),
    "correct-key-date": _l("Date corrected"),
    "remove-key-date": _l("Date removed"),
    "integrity-failure": _l("File failed its integrity check"),
    "files-moved": _l("Stored files moved"),  # web/ops/files_move.py
}


def form_errors(form) -> list[tuple[str, str]]:
    """(input id, message) pairs for the error summary of a plain WTForms form."""
    return [(f.id, str(e)) for f in form for e in f.errors if f.name != "csrf_token"]


def init_templating(app: Flask) -> None:
    from forms.process import KEY_DATES, POLICIES, STAGES

    from ..process.deadlines import case_deadlines, next_deadline
    from ..process.timeline import timeline
    from .audit_text import audit_detail
    from .timefmt import init_timefmt

    init_timefmt(app)

    def case_timeline(case):
        from .i18n import page_translator

        return timeline(case, page_translator())

    app.jinja_env.globals.update(
        policies=POLICIES,
        stages=STAGES,
        key_date_kinds=KEY_DATES,
        case_timeline=case_timeline,
        case_deadlines=case_deadlines,
        next_deadline=next_deadline,
        form_errors=form_errors,
        lang_label=lambda code: LANG_LABELS.get(code, code),
        audit_label=lambda action: AUDIT_LABELS.get(action, action),
        audit_detail=audit_detail,
    )
    app.jinja_env.filters["b64"] = lambda data: base64.b64encode(data or b"").decode()
