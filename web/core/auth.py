"""Sign in and out (Flask-Login; passwords hashed by Werkzeug).

Sign-in is limited per email and per address (``sign_in_limits``), costs the same for unknown
emails (``passwords.dummy_check``), and every failure, lock and sign-out is audited with the
email typed, never the password.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, login_user
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from wtforms import EmailField, PasswordField
from wtforms.validators import InputRequired

from . import sessions, sign_in_limits
from .audit import log
from .extensions import db, login_manager
from .i18n import safe_next
from .models import User
from .passwords import dummy_check

bp = Blueprint("auth", __name__)


@login_manager.user_loader
def load_user(user_id: str):
    """``<id>:<session_version>``: a session from before the version changed is refused."""
    uid, _, version = user_id.partition(":")
    if not uid.isdigit() or not version.isdigit():
        return None
    user = db.session.get(User, int(uid))
    if user is None or not user.active or user.session_version != int(version):
        return None
    return user


class SignInForm(FlaskForm):
    email = EmailField(
        _l("Email address"), validators=[InputRequired(_l("Enter your email address"))]
    )
    password = PasswordField(_l("Password"), validators=[InputRequired(_l("Enter your password"))])


def typed_email(raw: str) -> tuple[str, bool]:
    """The email as counted and audited, and whether it could be a real one (printable)."""
    email = raw.strip().lower()
    printable = email.isprintable()
    return "".join(c for c in email if c.isprintable())[:254], printable


def address() -> str:
    return (request.remote_addr or "")[:64]


def begin_session(user: User) -> None:
    """A fresh session for ``user``: only the language is kept from before."""
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang
    login_user(user)
    sessions.start()


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    form = SignInForm()
    if form.validate_on_submit():
        email, printable = typed_email(form.email.data)
        attempt = sign_in_limits.begin(email, address())  # counted before the password check
        if attempt is None:
            log("sign-in-failed", detail=f"{email} (locked)")
            db.session.commit()
            form.email.errors.append(sign_in_limits.locked_message())
            return render_template("auth/sign_in.html", form=form), 429
        user = None
        if printable:
            user = db.session.scalar(select(User).where(func.lower(User.email) == email))
        right = user.check_password(form.password.data) if user else dummy_check(form.password.data)
        if user and right and user.active:
            sign_in_limits.clear(email)
            begin_session(user)
            log("sign-in", detail=user.email)
            db.session.commit()
            return redirect(safe_next(request.args.get("next")))
        log("sign-in-failed", detail=email)
        if attempt.locks:
            log("sign-in-locked", detail=email)
            db.session.commit()
            form.email.errors.append(sign_in_limits.locked_message())
            return render_template("auth/sign_in.html", form=form), 429
        db.session.commit()
        form.email.errors.append(_l("The email address or password is not right"))
    return render_template("auth/sign_in.html", form=form), 400 if form.errors else 200


@bp.post("/sign-out")
@login_required
def sign_out():
    """Ends every session of this user, on every device (see ``web.core.sessions``)."""
    log("sign-out")
    current_user.end_sessions()
    db.session.commit()
    sessions.end()
    flash(_l("You have signed out."))
    return redirect(url_for("auth.sign_in"))
