"""Administration: users and roles, and the organisation profile used on letters."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileSize
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from wtforms import BooleanField, EmailField, PasswordField, RadioField, StringField, TextAreaField
from wtforms.validators import Email, InputRequired, Length, Optional

from ..core.audit import log
from ..core.extensions import db
from ..core.logo import LogoError, clean_logo
from ..core.models import User
from ..core.organisation import current
from ..core.passwords import PasswordPolicy
from ..core.security import require_role

bp = Blueprint("admin", __name__, url_prefix="/admin")

ROLE_LABELS = {"viewer": _l("Viewer"), "editor": _l("Editor"), "admin": _l("Administrator")}


class UserForm(FlaskForm):
    name = StringField(_l("Full name"), validators=[InputRequired(_l("Enter the full name"))])
    email = EmailField(
        _l("Email address"),
        validators=[
            InputRequired(_l("Enter the email address")),
            Email(_l("Enter a real email address")),
        ],
    )
    job_title = StringField(_l("Job title"), validators=[Optional(), Length(max=200)])
    role = RadioField(_l("Role"), choices=list(ROLE_LABELS.items()), default="editor")
    password = PasswordField(
        _l("Password"),
        validators=[InputRequired(_l("Enter a password")), PasswordPolicy(email_field="email")],
    )


class OrganisationForm(FlaskForm):
    name_en = StringField(
        _l("Organisation name in English"),
        validators=[InputRequired(_l("Enter the organisation name in English"))],
    )
    name_cy = StringField(
        _l("Organisation name in Welsh"),
        validators=[InputRequired(_l("Enter the organisation name in Welsh"))],
    )
    address_en = TextAreaField(_l("Address in English"), validators=[Length(max=1000)])
    address_cy = TextAreaField(_l("Address in Welsh"), validators=[Length(max=1000)])
    phone = StringField(_l("Telephone"), validators=[Length(max=50)])
    email = EmailField(
        _l("Email address"), validators=[Optional(), Email(_l("Enter a real email address"))]
    )
    nation = RadioField(
        _l("Bank holidays"), choices=[("wales", _l("Wales")), ("england", _l("England"))]
    )
    signatory_name = StringField(_l("Default signatory"), validators=[Length(max=200)])
    signatory_role_en = StringField(
        _l("Signatory’s job title in English"), validators=[Length(max=200)]
    )
    signatory_role_cy = StringField(
        _l("Signatory’s job title in Welsh"), validators=[Length(max=200)]
    )
    logo = FileField(
        _l("Logo (PNG or JPEG, up to 512 KB)"),
        validators=[
            FileAllowed(["png", "jpg", "jpeg"], _l("The logo must be a PNG or JPEG image")),
            FileSize(512 * 1024, message=_l("The logo must be 512 KB or smaller")),
        ],
    )
    remove_logo = BooleanField(_l("Remove the logo"))
    marking_en = StringField(
        _l("Protective marking in English (empty: OFFICIAL-SENSITIVE)"),
        validators=[Length(max=100)],
    )
    marking_cy = StringField(
        _l("Protective marking in Welsh (empty: SWYDDOGOL-SENSITIF)"),
        validators=[Length(max=100)],
    )


@bp.route("/users", methods=["GET", "POST"])
@require_role("admin")
def users():
    form = UserForm()
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        if db.session.scalar(select(User).where(func.lower(User.email) == email)):
            form.email.errors.append(_l("A user with that email address already exists"))
        else:
            user = User(
                name=form.name.data,
                email=email,
                role=form.role.data,
                job_title=form.job_title.data or "",
            )
            user.set_password(form.password.data)
            db.session.add(user)
            log("create-user", detail=f"{email} ({user.role})")
            db.session.commit()
            flash(_l("User added."))
            return redirect(url_for("admin.users"))
    all_users = db.session.scalars(select(User).order_by(User.name)).all()
    return render_template(
        "admin/users.html", form=form, users=all_users, roles=ROLE_LABELS
    ), 400 if form.errors else 200


def _clean_logo(form: OrganisationForm) -> bytes | None:
    """The uploaded logo checked and re-encoded (web/core/logo.py), or None with a form error."""
    upload = form.logo.data  # the stored bytes (from obj=org) when no file was chosen
    data = upload.read() if isinstance(upload, FileStorage) and upload else None
    if not data:
        return None
    try:
        return clean_logo(data)
    except LogoError as exc:
        form.logo.errors.append(exc.message)
        return None


@bp.route("/organisation", methods=["GET", "POST"])
@require_role("admin")
def organisation():
    org = current()
    form = OrganisationForm(obj=org)
    if form.validate_on_submit():
        data = _clean_logo(form)
        if not form.logo.errors:
            for name in (
                "name_en",
                "name_cy",
                "address_en",
                "address_cy",
                "phone",
                "email",
                "nation",
                "signatory_name",
                "signatory_role_en",
                "signatory_role_cy",
                "marking_en",
                "marking_cy",
            ):
                setattr(org, name, getattr(form, name).data or "")
            if data:
                org.logo = data
            elif form.remove_logo.data and org.logo:
                org.logo = None
                log("remove-logo")
            log("update-organisation")
            db.session.commit()
            flash(_l("Organisation profile saved."))
            return redirect(url_for("admin.organisation"))
    return render_template(
        "admin/organisation.html", form=form, org=org
    ), 400 if form.errors else 200
