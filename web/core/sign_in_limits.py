"""Limits on guessing passwords, kept in the database so that every web process sees them.

Each failed sign-in is a row (the email typed, the address it came from, when). When an email
has ``SIGN_IN_MAX_FAILURES`` (default 5) failures within ``SIGN_IN_LOCK_MINUTES`` (default 15),
or one address has ``SIGN_IN_MAX_ADDRESS_FAILURES`` (default 50), every attempt for it is
refused, even with the right password, until the failures are older than the window. Emails
that match no user are counted the same way, so the answer never tells which emails exist.
Only failures count: signing in many times is never limited.

The limit holds under a burst of guesses sent at once, from any number of processes: an
attempt is written and committed *before* its password is checked, and only then counted (see
``begin``). A check-then-record would let every guess of the burst pass the check before the
first failure was recorded.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext
from sqlalchemy import delete, func, select

from .extensions import db
from .models import SignInFailure, now
from .write_queue import queued_write


def clock() -> dt.datetime:
    """The time now (naive UTC, as stored); tests replace it to move time on."""
    return now()


def _window() -> dt.timedelta:
    return dt.timedelta(minutes=float(current_app.config.get("SIGN_IN_LOCK_MINUTES", 15)))


def _limits() -> tuple[int, int]:
    config = current_app.config
    return int(config.get("SIGN_IN_MAX_FAILURES", 5)), int(
        config.get("SIGN_IN_MAX_ADDRESS_FAILURES", 50)
    )


def _counts(email: str, address: str) -> tuple[int, int]:
    since = clock() - _window()
    recent = SignInFailure.at >= since
    return (
        db.session.scalar(select(func.count()).where(SignInFailure.email == email, recent)),
        db.session.scalar(select(func.count()).where(SignInFailure.address == address, recent)),
    )


def is_locked(email: str, address: str) -> bool:
    """True while ``email`` or ``address`` has too many recent failures."""
    by_email, by_address = _counts(email, address)
    most_by_email, most_by_address = _limits()
    return by_email >= most_by_email or by_address >= most_by_address


@dataclass(frozen=True)
class Attempt:
    """An attempt allowed to check its password; ``locks``: if it fails, a lock starts."""

    locks: bool


def begin(email: str, address: str) -> Attempt | None:
    """Count an attempt before its password is checked; None when over a limit, and then the
    password must not be checked. A wrong password leaves the attempt counted as a failure;
    a right one calls ``clear``.

    The attempt is committed in a transaction of its own and only then are recent attempts
    counted, itself included. Of any number sent at once, the one committed k-th counts at least
    k (READ COMMITTED on PostgreSQL and SQLite's single writer both see every earlier commit),
    so no more than the limit reach the check. A refused attempt is taken back, so it neither
    extends the lock nor makes the count of those allowed smaller.
    """
    at = clock()
    with queued_write():
        db.session.execute(delete(SignInFailure).where(SignInFailure.at < at - _window()))
        row = SignInFailure(email=email, address=address, at=at)
        db.session.add(row)
        db.session.flush()
        row_id = row.id
        db.session.commit()
    by_email, by_address = _counts(email, address)
    most_by_email, most_by_address = _limits()
    if by_email > most_by_email or by_address > most_by_address:
        with queued_write():
            db.session.execute(delete(SignInFailure).where(SignInFailure.id == row_id))
            db.session.commit()
        return None
    return Attempt(locks=by_email == most_by_email or by_address == most_by_address)


def clear(email: str) -> None:
    """A right password for ``email``: its earlier failures no longer count against it."""
    db.session.execute(delete(SignInFailure).where(SignInFailure.email == email))


def locked_message() -> str:
    minutes = math.ceil(_window().total_seconds() / 60)
    return gettext(
        "Too many failed attempts to sign in. Wait %(minutes)s minutes, then try again.",
        minutes=minutes,
    )
