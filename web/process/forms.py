"""The small WTForms forms of the process pages: change stage, record or correct a date."""

from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, ValidationError

from forms.fields import MAX_YEAR, MIN_YEAR
from forms.i18n import Translator


def _in_years(form, field) -> None:
    """A year outside the forms' calendar is a typing slip, and deadlines cannot count from it."""
    if field.data and not MIN_YEAR <= field.data.year <= MAX_YEAR:
        msg = _l("The date must be between %(min)s and %(max)s", min=MIN_YEAR, max=MAX_YEAR)
        raise ValidationError(str(msg))


class StageForm(FlaskForm):
    stage = SelectField(_l("New stage"), validators=[InputRequired(_l("Select the new stage"))])
    reason = TextAreaField(
        _l("Why the stage changes"),
        validators=[InputRequired(_l("Enter why the stage changes")), Length(max=4000)],
    )
    record_id = SelectField(_l("Decision record (optional)"), coerce=int, default=0)


class KeyDateForm(FlaskForm):
    kind = SelectField(_l("What happened"), validators=[InputRequired(_l("Select what happened"))])
    on = DateField(
        _l("Date"),
        default=dt.date.today,
        validators=[InputRequired(_l("Enter the date")), _in_years],
    )
    note = StringField(_l("Note (optional)"), validators=[Length(max=500)])


def stage_choices(policy, t: Translator, stages: dict) -> list[tuple[str, str]]:
    return [(s, t(stages[s])) for s in policy.stages]
