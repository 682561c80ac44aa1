"""Sign-in on every page but sign-in itself, health and the language switch; roles; headers."""

from __future__ import annotations

from functools import wraps

from flask import Flask, abort, redirect, request, url_for
from flask_login import current_user

OPEN_ENDPOINTS = {
    "auth.sign_in",
    "health.healthz",
    "static",
    "lang.switch",
    "ready.readyz",  # web/ops: for load balancers
    "metrics.metrics",  # web/ops: its own bearer token, 404 without one
}


def require_role(role: str):
    """Refuse (403) users below ``role`` (viewer < editor < admin)."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated or not current_user.can(role):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def init_security(app: Flask) -> None:
    @app.before_request
    def require_sign_in():
        if request.endpoint in OPEN_ENDPOINTS or current_user.is_authenticated:
            return None
        return redirect(url_for("auth.sign_in", next=request.full_path.rstrip("?")))

    @app.after_request
    def headers(response):
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; "
            "base-uri 'self'; form-action 'self'",
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if request.endpoint not in ("static",):
            # Forced, not defaulted: send_file's "no-cache" still lets a browser keep a copy.
            response.headers["Cache-Control"] = "no-store"
        if request.is_secure:
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        return response
