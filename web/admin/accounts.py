"""Accounts after they are created: an admin changes a user's role, deactivates or reactivates
them, or gives them a new password; every user can change their own password.

A new password or a deactivation ends every session of that user (``User.session_version``).
The app always keeps one active administrator: the last one cannot be demoted or deactivated,
and nobody can deactivate their own account.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from wtforms import PasswordField, RadioField
from wtforms.validators import EqualTo, InputRequired

from ..core import sign_in_limits
from ..core.audit import log
from ..core.auth import address, begin_session
from ..core.extensions import db
from ..core.models import User
from ..core.passwords import PasswordPolicy
from ..core.security import require_role
from ..core.templating import form_errors
from .views import ROLE_LABELS

bp = Blueprint("accounts", __name__)

LAST_ADMIN = _l("Dogfen needs at least one active administrator: make someone else one first")


class RoleForm(FlaskForm):
    role = RadioField(_l("Role"), choices=list(ROLE_LABELS.items()))


class ConfirmForm(FlaskForm):
    """Only the CSRF token: deactivate and reactivate are buttons."""


class ResetPasswordForm(FlaskForm):
    password = PasswordField(
        _l("New password"), validators=[InputRequired(_l("Enter a new password"))]
    )


class ChangePasswordForm(FlaskForm):
    current = PasswordField(
        _l("Current password"), validators=[InputRequired(_l("Enter your current password"))]
    )
    password = PasswordField(
        _l("New password"),
        validators=[InputRequired(_l("Enter a new password")), PasswordPolicy()],
    )
    confirm = PasswordField(
        _l("New password again"),
        validators=[
            InputRequired(_l("Enter the new password again")),
            EqualTo("password", _l("The two new passwords are not the same")),
        ],
    )


def _user(user_id: int) -> User:
    return db.session.get(User, user_id) or abort(404)


def _other_active_admins(user: User) -> int:
    query = select(func.count()).where(User.role == "admin", User.active, User.id != user.id)
    return db.session.scalar(query)


def _page(user: User, status: int = 200, **forms):
    forms.setdefault("role_form", RoleForm(role=user.role, formdata=None))
    forms.setdefault("confirm_form", ConfirmForm(formdata=None))
    forms.setdefault("password_form", ResetPasswordForm(formdata=None))
    errors = form_errors(forms["role_form"]) + form_errors(forms["password_form"])
    errors += [("account-status", str(e)) for e in forms["confirm_form"].form_errors]
    page = render_template("admin/user.html", user=user, roles=ROLE_LABELS, errors=errors, **forms)
    return page, status


@bp.get("/admin/users/<int:user_id>")
@require_role("admin")
def user(user_id: int):
    return _page(_user(user_id))


@bp.post("/admin/users/<int:user_id>/role")
@require_role("admin")
def change_role(user_id: int):
    user = _user(user_id)
    form = RoleForm()
    if not form.validate_on_submit():
        return _page(user, 400, role_form=form)
    old, new = user.role, form.role.data
    if old == "admin" and new != "admin" and user.active and not _other_active_admins(user):
        form.role.errors.append(LAST_ADMIN)
        return _page(user, 400, role_form=form)
    if new != old:
        user.role = new
        log("change-role", detail=f"{user.email}: {old} → {new}")
        db.session.commit()
        flash(_l("Role changed."))
    if not current_user.can("admin"):
        return redirect(url_for("cases.index"))
    return redirect(url_for("accounts.user", user_id=user.id))


@bp.post("/admin/users/<int:user_id>/deactivate")
@require_role("admin")
def deactivate(user_id: int):
    user = _user(user_id)
    form = ConfirmForm()
    if not form.validate_on_submit():
        return _page(user, 400)
    if user.id == current_user.id:
        form.form_errors.append(_l("You cannot deactivate your own account"))
        return _page(user, 400, confirm_form=form)
    if user.role == "admin" and not _other_active_admins(user):
        form.form_errors.append(LAST_ADMIN)
        return _page(user, 400, confirm_form=form)
    if user.active:
        user.active = False
        user.end_sessions()
        log("deactivate-user", detail=user.email)
        db.session.commit()
        flash(_l("Account deactivated: this user can no longer sign in."))
    return redirect(url_for("accounts.user", user_id=user.id))


@bp.post("/admin/users/<int:user_id>/reactivate")
@require_role("admin")
def reactivate(user_id: int):
    user = _user(user_id)
    if not ConfirmForm().validate_on_submit():
        return _page(user, 400)
    if not user.active:
        user.active = True
        log("reactivate-user", detail=user.email)
        db.session.commit()
        flash(_l("Account reactivated: this user can sign in again."))
    return redirect(url_for("accounts.user", user_id=user.id))


@bp.post("/admin/users/<int:user_id>/password")
@require_role("admin")
def reset_password(user_id: int):
    user = _user(user_id)
    form = ResetPasswordForm()
    form.password.validators = [*form.password.validators, PasswordPolicy(email=user.email)]
    if not form.validate_on_submit():
        return _page(user, 400, password_form=form)
    user.set_password(form.password.data)
    sign_in_limits.clear(user.email)
    log("reset-password", detail=user.email)
    if user.id == current_user.id:
        begin_session(user)
    db.session.commit()
    flash(_l("New password set. Tell the user in person or by phone, not by email."))
    return redirect(url_for("accounts.user", user_id=user.id))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    """The user's own password: the current one is asked for, and wrong guesses are limited."""
    form = ChangePasswordForm()
    status = 200
    if request.method == "POST":
        status = 400
        email = current_user.email
        if sign_in_limits.is_locked(email, address()):
            form.validate()
            form.current.errors = [sign_in_limits.locked_message()]
            status = 429
        elif form.validate_on_submit():
            if sign_in_limits.begin(email, address()) is None:  # counted before the check
                form.current.errors = [sign_in_limits.locked_message()]
                return render_template("auth/change_password.html", form=form), 429
            if current_user.check_password(form.current.data):
                sign_in_limits.clear(email)
                current_user.set_password(form.password.data)
                log("change-password")
                begin_session(current_user._get_current_object())
                db.session.commit()
                flash(_l("Your password has been changed. Any other sessions have ended."))
                return redirect(url_for("cases.index"))
            log("change-password-failed")
            db.session.commit()
            form.current.errors.append(_l("The current password is not right"))
    return render_template("auth/change_password.html", form=form), status
