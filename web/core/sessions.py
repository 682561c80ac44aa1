"""Sessions that end on the server, not only in the browser.

The session cookie is signed but lives in the browser, so a copied cookie would work until the
key changes. Two things stop that:

- the user id in the session carries the user's ``session_version`` (``User.get_id``). Signing
  out, a new password and deactivation bump it, and the user loader refuses an old one. So
  sign-out ends every session of that user, on every device: simple, and safe for shared
  computers;
- the session holds when it started and when it was last used. After ``IDLE_MINUTES`` (default
  30) without a request, or ``SESSION_HOURS`` (default 12) in all, the session ends.

Both settings come from the environment as ``DOGFEN_IDLE_MINUTES`` and ``DOGFEN_SESSION_HOURS``.
"""

from __future__ import annotations

import time

from flask import Flask, flash, redirect, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, logout_user

from .extensions import db

IDLE = _l("You were signed out because you had not used Dogfen for a while. Sign in again.")
ENDED = _l("Your session has ended. Sign in again.")
SKIP = {"static", "health.healthz"}
OPEN = {"auth.sign_in", "lang.switch"}
KEYS = ("signed_in_at", "seen_at")


def clock() -> float:
    """Seconds since the epoch; tests replace it to move time on."""
    return time.time()


def start() -> None:
    """Call right after ``login_user``: the session's clocks start now."""
    session["signed_in_at"] = session["seen_at"] = int(clock())


def end() -> None:
    """End this browser's session, keeping only its language."""
    logout_user()
    for key in KEYS:
        session.pop(key, None)


def _reason() -> str | None:
    """Why the signed-in session must end now, or None."""
    started, seen = session.get("signed_in_at"), session.get("seen_at")
    if not isinstance(started, int) or not isinstance(seen, int):
        return "ended"
    now = clock()
    if now - seen > 60 * float(_setting("IDLE_MINUTES", 30)):
        return "idle"
    if now - started > 3600 * float(_setting("SESSION_HOURS", 12)):
        return "lifetime"
    if not current_user.is_authenticated:  # signed out elsewhere, new password, deactivated
        return "ended"
    return None


def _setting(name: str, default):
    from flask import current_app

    return current_app.config.get(name, default)


def init_sessions(app: Flask) -> None:
    @app.before_request
    def enforce_session_limits():
        if request.endpoint in SKIP or "_user_id" not in session:
            return None
        reason = _reason()
        if reason is None:
            session["seen_at"] = int(clock())
            return None
        if reason != "ended" and current_user.is_authenticated:
            from .audit import log

            log("session-expired", detail=reason)
            db.session.commit()
        end()
        if request.endpoint in OPEN:
            return None
        flash(IDLE if reason == "idle" else ENDED, "important")
        target = request.full_path.rstrip("?") if request.method == "GET" else None
        return redirect(url_for("auth.sign_in", next=target))
