"""A case's team, on the case page: who is on it, and (for the lead and admins) adding and
removing members. Being on the team is what lets a viewer or editor see the case at all
(see core/access.py), so every change is audited."""

from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import SelectField
from wtforms.validators import ValidationError

from ..core.access import get_case
from ..core.audit import log
from ..core.extensions import db
from ..core.models import CaseMember, User
from .views import bp, render_case


class TeamForm(FlaskForm):
    user_id = SelectField(_l("Add someone to the team"), validate_choice=False)

    def validate_user_id(self, field) -> None:
        """Only an active user not yet on the team (the choices) can be added."""
        if field.data not in {value for value, _label in field.choices}:
            raise ValidationError(_l("Select the person to add to the team"))


def can_manage(case) -> bool:
    return current_user.can("admin") or case.created_by_id == current_user.id


def _member_ids(case) -> set[int]:
    return {m.user_id for m in case.members} | {case.created_by_id}


def _form(case) -> TeamForm:
    form = TeamForm()
    on_team = _member_ids(case)
    users = db.session.scalars(select(User).where(User.active).order_by(User.name)).all()
    form.user_id.choices = [
        (str(u.id), f"{u.name} ({u.email})") for u in users if u.id not in on_team
    ]
    return form


def team_context(case, form=None) -> dict:
    """What the case page's "Team" section shows; the lead first, then members as added."""
    members = [m.user for m in case.members if m.user_id != case.created_by_id]
    manage = can_manage(case)
    return {
        "team_lead": case.created_by,
        "team_members": members,
        "team_manage": manage,
        "team_form": form or (_form(case) if manage else None),
    }


@bp.post("/cases/<int:case_id>/team")
def add_member(case_id: int):
    case = get_case(case_id)
    if not can_manage(case):
        abort(403)
    form = _form(case)
    if not form.validate_on_submit():
        return render_case(case, 400, form)
    user = db.session.get(User, int(form.user_id.data))
    case.members.append(CaseMember(user_id=user.id, added_by_id=current_user.id))
    log("team-add", case=case, detail=f"{user.name} <{user.email}>")
    db.session.commit()
    flash(_l("%(name)s is now on the team.", name=user.name))
    return redirect(url_for("cases.view", case_id=case.id, _anchor="team"))


@bp.post("/cases/<int:case_id>/team/<int:user_id>/remove")
def remove_member(case_id: int, user_id: int):
    case = get_case(case_id)
    if not can_manage(case):
        abort(403)
    if user_id == case.created_by_id:
        abort(400)  # the lead stays: a case always has someone who can manage its team
    member = db.session.get(CaseMember, (case.id, user_id))
    if member is None:
        abort(404)
    user = member.user
    case.members.remove(member)
    log("team-remove", case=case, detail=f"{user.name} <{user.email}>")
    db.session.commit()
    flash(_l("%(name)s is no longer on the team.", name=user.name))
    return redirect(url_for("cases.view", case_id=case.id, _anchor="team"))
