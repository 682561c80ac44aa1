"""Sign in and out (Flask-Login; passwords hashed by Werkzeug)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import login_required, login_user, logout_user
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from wtforms import EmailField, PasswordField
from wtforms.validators import InputRequired

from .audit import log
from .extensions import db, login_manager
from .i18n import safe_next
from .models import User

bp = Blueprint("auth", __name__)


@login_manager.user_loader
def load_user(user_id: str):
    return db.session.get(User, int(user_id))


class SignInForm(FlaskForm):
    email = EmailField(
        _l("Email address"), validators=[InputRequired(_l("Enter your email address"))]
    )
    password = PasswordField(_l("Password"), validators=[InputRequired(_l("Enter your password"))])


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    form = SignInForm()
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        user = db.session.scalar(select(User).where(func.lower(User.email) == email))
        if user and user.active and user.check_password(form.password.data):
            login_user(user)
            log("sign-in", detail=user.email)
            db.session.commit()
            return redirect(safe_next(request.args.get("next")))
        form.email.errors.append(_l("The email address or password is not right"))
    return render_template("auth/sign_in.html", form=form), 400 if form.errors else 200


@bp.post("/sign-out")
@login_required
def sign_out():
    logout_user()
    flash(_l("You have signed out."))
    return redirect(url_for("auth.sign_in"))
