"""The GOV.UK date input (day, month and year boxes) for the app's own WTForms pages, such as a
case's "Date opened": a native date picker shows US order in some browsers, and every date on
the forms already uses these three boxes."""

from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l
from wtforms import DateField
from wtforms.utils import unset_value

PARTS = ("day", "month", "year")
NOT_REAL = _l("%(label)s must be a real date, for example 27 3 2026")


class GovDateField(DateField):
    """Posted as ``<name>-day``, ``-month``, ``-year``; a single ISO value (as scripts and
    tests post it) is read too. What was typed comes back in the boxes when it is not a date."""

    def process(self, formdata, data=unset_value, extra_filters=None):
        self.typed = ("", "", "")
        if formdata is not None and any(f"{self.name}-{p}" in formdata for p in PARTS):
            self.typed = tuple(formdata.get(f"{self.name}-{p}", "").strip() for p in PARTS)
            day, month, year = self.typed
            iso = f"{year}-{month.zfill(2)}-{day.zfill(2)}" if all(self.typed) else ""
            if not any(self.typed):
                iso = ""
            elif not (all(p.isascii() and p.isdigit() for p in self.typed) and len(year) == 4):
                iso = "not a date"
            formdata = _Single(self.name, iso)
        super().process(formdata, data, extra_filters)

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0]:
            return
        try:
            self.data = dt.date.fromisoformat(valuelist[0])
        except ValueError:
            self.data = None
            raise ValueError(str(NOT_REAL % {"label": self.label.text})) from None

    def parts(self) -> tuple[str, str, str]:
        if any(self.typed):
            return self.typed
        if isinstance(self.data, dt.date):
            return str(self.data.day), str(self.data.month), str(self.data.year)
        return ("", "", "")


class _Single(dict):
    """Form data holding only the assembled ISO value, as WTForms reads it."""

    def __init__(self, name: str, value: str):
        super().__init__({name: value} if value else {})

    def getlist(self, key):
        return [self[key]] if key in self else []
