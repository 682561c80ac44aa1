"""One password policy for the web and the ``dogfen`` command, and the dummy hash that makes a
sign-in with an unknown email cost as much as one with a known email.

The policy is deliberately small (NCSC and NIST advice: length over complexity rules): at least
12 characters, at most 200, not the email address, not one character repeated, and not one of a
short list of passwords that every guessing tool tries first.
"""

from __future__ import annotations

from functools import cache

from flask_babel import gettext
from werkzeug.security import check_password_hash, generate_password_hash

from forms.i18n import N_

MIN_LENGTH = 12
MAX_LENGTH = 200

COMMON = frozenset(
    {
        "password1234",
        "password12345",
        "password123456",
        "passwordpassword",
        "123456789012",
        "1234567890123",
        "12345678901234",
        "qwertyuiopas",
        "qwertyuiop123",
        "qwerty123456",
        "iloveyou1234",
        "letmein12345",
        "welcome12345",
        "administrator",
        "changeme1234",
        "abcdefghijkl",
        "abc123456789",
        "dogfen123456",
        "cyfrinair123",
    }
)

TOO_SHORT = N_("Use at least 12 characters for the password")
TOO_LONG = N_("Use no more than 200 characters for the password")
IS_EMAIL = N_("The password must not be the email address")
TOO_COMMON = N_("This password is too easy to guess: choose a longer or less common one")


def password_problem(password: str, email: str = "") -> str | None:
    """The policy's message (English msgid) for ``password``, or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return TOO_SHORT
    if len(password) > MAX_LENGTH:
        return TOO_LONG
    folded = password.casefold()
    email = (email or "").strip().casefold()
    if email and folded in (email, email.split("@")[0]):
        return IS_EMAIL
    if len(set(folded)) < 3 or folded.replace(" ", "") in COMMON:
        return TOO_COMMON
    return None


class PasswordPolicy:
    """WTForms validator: the policy, against the email in ``email_field`` or the signed-in user."""

    def __init__(self, email_field: str = "", email: str = ""):
        self.email_field, self.email = email_field, email

    def __call__(self, form, field) -> None:
        from wtforms.validators import ValidationError

        email = self.email
        if self.email_field:
            email = getattr(form, self.email_field).data or ""
        elif not email:
            from flask_login import current_user

            email = getattr(current_user, "email", "")
        problem = password_problem(field.data or "", email)
        if problem:
            raise ValidationError(gettext(problem))


@cache
def _dummy_hash() -> str:
    """A hash made the same way as real ones, so checking it takes as long."""
    return generate_password_hash("not a real password: timing only")


def dummy_check(password: str) -> bool:
    """Spend the time a real password check takes; always False."""
    check_password_hash(_dummy_hash(), password)
    return False
