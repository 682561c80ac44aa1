"""Limits on guessing passwords, kept in the database so that every web process sees them.

Each failed sign-in is a row (the email typed, the address it came from, when). When an email
has ``SIGN_IN_MAX_FAILURES`` (default 5) failures within ``SIGN_IN_LOCK_MINUTES`` (default 15),
or one address has ``SIGN_IN_MAX_ADDRESS_FAILURES`` (default 50), every attempt for it is
refused, even with the right password, until the failures are older than the window. Emails
that match no user are counted the same way, so the answer never tells which emails exist.
Only failures count: signing in many times is never limited.
"""

from __future__ import annotations

import datetime as dt
import math

from flask import current_app
from flask_babel import gettext
from sqlalchemy import delete, func, select

from .core.extensions import db
from .core.models import SignInFailure, now


def clock() -> dt.datetime:
    """The time now (naive UTC, as stored); tests replace it to move time on."""
    return now()


def _window() -> dt.timedelta:
    return dt.timedelta(minutes=float(current_app.config.get("SIGN_IN_LOCK_MINUTES", 15)))


def _count(column, value) -> int:
    since = clock() - _window()
    query = select(func.count()).where(column == value, SignInFailure.at >= since)
    return db.session.scalar(query)


def is_locked(email: str, address: str) -> bool:
    """True while ``email`` or ``address`` has too many recent failures."""
    config = current_app.config
    return _count(SignInFailure.email, email) >= int(
        config.get("SIGN_IN_MAX_FAILURES", 5)
    ) or _count(SignInFailure.address, address) >= int(
        config.get("SIGN_IN_MAX_ADDRESS_FAILURES", 50)
    )


def record_failure(email: str, address: str) -> bool:
    """Count a failure (and forget expired ones); True when it starts a lock."""
    db.session.execute(delete(SignInFailure).where(SignInFailure.at < clock() - _window()))
    db.session.add(SignInFailure(email=email, address=address, at=clock()))
    db.session.flush()
    return is_locked(email, address)


def clear(email: str) -> None:
    """A right password for ``email``: its earlier failures no longer count against it."""
    db.session.execute(delete(SignInFailure).where(SignInFailure.email == email))


def locked_message() -> str:
    minutes = math.ceil(_window().total_seconds() / 60)
    return gettext(
        "Too many failed attempts to sign in. Wait %(minutes)s minutes, then try again.",
        minutes=minutes,
    )
