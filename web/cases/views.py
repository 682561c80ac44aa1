"""Case files: a provider under a process, holding its forms, letters and audit trail."""

from __future__ import annotations

import datetime as dt
import json

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from forms import all_forms
from forms.fields import MAX_YEAR, MIN_YEAR
from forms.process import POLICIES, SERVICE_TYPES, STAGE_FOR_PROCESS, policy_for_process
from forms.xmltext import xml_safe_value

from ..core.access import get_case
from ..core.audit import log, viewed
from ..core.extensions import db
from ..core.models import AuditEvent, Case, CaseMember
from ..core.registry import all_letters, appendix, forms_by_policy, letters_by_recipient
from ..core.security import require_role
from ..records.dateinput import GovDateField
from ..records.plan_links import answered

bp = Blueprint("cases", __name__)

PROCESS_LABELS = {
    "provider-performance": _l("Provider performance"),
    "escalating-concerns": _l("Escalating concerns"),
    "closure": _l("Home closure"),
}
STATUS_LABELS = {"open": _l("Open"), "closed": _l("Closed")}


def _in_years(form, field) -> None:
    """A year outside the calendar a form accepts is a typing slip (and breaks deadline sums)."""
    if field.data and not MIN_YEAR <= field.data.year <= MAX_YEAR:
        msg = _l("Date opened must be between %(min)s and %(max)s", min=MIN_YEAR, max=MAX_YEAR)
        raise ValidationError(str(msg))


CONTACTS = ("responsible_individual", "manager", "commissioning_lead")


class CaseForm(FlaskForm):
    provider = StringField(
        _l("Provider"),
        validators=[InputRequired(_l("Enter the provider")), Length(max=300)],
        filters=[xml_safe_value],
    )
    service = StringField(
        _l("Service or setting"),
        validators=[InputRequired(_l("Enter the service or setting")), Length(max=300)],
        filters=[xml_safe_value],
    )
    provider_address = TextAreaField(
        _l("Provider’s address"), validators=[Length(max=2000)], filters=[xml_safe_value]
    )
    case_process = RadioField(
        _l("Process"),
        choices=list(PROCESS_LABELS.items()),
        validators=[InputRequired(_l("Select the process"))],
    )
    opened_on = GovDateField(
        _l("Date opened"),
        default=dt.date.today,
        validators=[
            InputRequired(_l("Enter the date the case was opened")),
            _in_years,
        ],
    )
    # Blank: the policy whose process was chosen (forms.process.POLICY_FOR_PROCESS).
    policy = SelectField(
        _l("Policy"),
        choices=[("", "")] + [(code, code) for code in POLICIES],
        validators=[Optional()],
        default="",
    )
    responsible_individual = StringField(
        _l("Responsible individual (optional)"),
        description=_l("The person letters to the provider are addressed to"),
        validators=[Length(max=300)],
        filters=[xml_safe_value],
    )
    manager = StringField(
        _l("Manager (optional)"),
        description=_l("Letters go to the manager when there is no responsible individual"),
        validators=[Length(max=300)],
        filters=[xml_safe_value],
    )
    commissioning_lead = StringField(
        _l("Commissioning lead (optional)"), validators=[Length(max=300)], filters=[xml_safe_value]
    )
    service_type = SelectField(_l("Type of service"), validators=[Optional()], default="")
    beds = IntegerField(
        _l("Number of beds (optional)"),
        validators=[
            Optional(),
            NumberRange(0, 10000, _l("Enter a number of beds from 0 to 10000")),
        ],
    )
    vacancies = IntegerField(
        _l("Vacant beds (optional)"),
        validators=[
            Optional(),
            NumberRange(0, 10000, _l("Enter a number of vacancies from 0 to 10000")),
        ],
    )


def with_policies(form: CaseForm) -> CaseForm:
    """The policy choices named in the page's language."""
    from ..core.i18n import page_translator

    t = page_translator()
    form.policy.choices = [("", _l("The policy of the process chosen"))] + [
        (code, f"{code}: {t(p.name)}") for code, p in POLICIES.items()
    ]
    form.service_type.choices = [("", _l("Not recorded"))] + [
        (key, t(label)) for key, label in SERVICE_TYPES.items()
    ]
    return form


@bp.get("/")
def index():
    from forms.process import STAGES

    from ..process.case_list import case_listing, lead_choices

    listing = case_listing(current_user, request.args)
    return render_template(
        "cases/index.html",
        listing=listing,
        args=request.args,
        leads=lead_choices(current_user),
        policy_codes=list(POLICIES),
        stage_keys=list(STAGES),
        statuses=STATUS_LABELS,
    )


@bp.route("/cases/new", methods=["GET", "POST"])
@require_role("editor")
def new():
    form = with_policies(CaseForm())
    if form.validate_on_submit():
        case = Case(
            created_by_id=current_user.id,
            provider=form.provider.data,
            service=form.service.data,
            provider_address=form.provider_address.data or "",
            process=form.case_process.data,
            opened_on=form.opened_on.data,
            policy=form.policy.data or policy_for_process(form.case_process.data),
            stage=STAGE_FOR_PROCESS.get(form.case_process.data, "monitoring"),
            service_type=form.service_type.data or "",
            beds=form.beds.data,
            vacancies=form.vacancies.data,
            **{name: getattr(form, name).data or "" for name in CONTACTS},
        )
        case.members.append(CaseMember(user_id=current_user.id, added_by_id=current_user.id))
        db.session.add(case)
        db.session.flush()
        log("create-case", case=case, detail=case.provider)
        db.session.commit()
        flash(_l("Case file opened."))
        return redirect(url_for("cases.view", case_id=case.id))
    return render_template("cases/new.html", form=form), 400 if form.errors else 200


# What "Change case details" can correct: (model attribute, form field).
EDITABLE = (
    ("provider", "provider"),
    ("service", "service"),
    ("provider_address", "provider_address"),
    ("process", "case_process"),
    ("opened_on", "opened_on"),
    ("policy", "policy"),
    ("service_type", "service_type"),
    ("beds", "beds"),
    ("vacancies", "vacancies"),
    *((name, name) for name in CONTACTS),
)


def _shown(value) -> str:
    """A value in the audit detail: quoted, one line, so old and new cannot be confused."""
    return json.dumps(
        value.isoformat() if isinstance(value, dt.date) else value, ensure_ascii=False
    )


@bp.route("/cases/<int:case_id>/edit", methods=["GET", "POST"])
@require_role("editor")
def edit(case_id: int):
    """Correct a case's details (a mistyped provider, the wrong date); the old and new values
    go in the audit log."""
    case = get_case(case_id)
    form = with_policies(CaseForm(data={field: getattr(case, attr) for attr, field in EDITABLE}))
    if form.validate_on_submit():
        changes = []
        for attr, field in EDITABLE:
            old, value = getattr(case, attr), getattr(form, field).data
            new = value if attr in ("beds", "vacancies") else (value or "")
            if old != new and (new or attr != "policy"):
                changes.append(f"{attr}: {_shown(old)} -> {_shown(new)}")
                setattr(case, attr, new)
        if changes:
            log("update-case", case=case, detail="; ".join(changes))
            db.session.commit()
            flash(_l("Case details changed."))
        return redirect(url_for("cases.view", case_id=case.id))
    return render_template("cases/new.html", form=form, case=case), 400 if form.errors else 200


@bp.get("/cases/<int:case_id>")
def view(case_id: int):
    case = get_case(case_id)
    viewed(case=case, detail="case file")
    return render_case(case)


LATEST_EVENTS = 10  # the rest are on the case's audit page


def render_case(case, status: int = 200, team_form=None):
    """The case page; ``team_form`` carries a refused "add to the team" back with its error."""
    events = db.session.scalars(
        select(AuditEvent)
        .where(AuditEvent.case_id == case.id)
        .order_by(AuditEvent.id.desc())
        .limit(LATEST_EVENTS)
    ).all()
    return render_template(
        "cases/view.html",
        case=case,
        forms=all_forms(),
        letters=all_letters(),
        answers=answered(case),
        form_groups=forms_by_policy(),
        letter_groups=letters_by_recipient(),
        appendix=appendix,
        events=events,
        resident_choices=resident_choices(case),
        processes=PROCESS_LABELS,
        statuses=STATUS_LABELS,
        **team_context(case, team_form),
    ), status


from ..residents.key_contacts import resident_choices  # noqa: E402  (residents imports this module)
from .team import team_context  # noqa: E402  (its routes are on this blueprint)
