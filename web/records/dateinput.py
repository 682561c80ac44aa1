"""The GOV.UK date input (day, month and year boxes) for the app's own WTForms pages, such as a
case's "Date opened": a native date picker shows US order in some browsers, and every date on
the forms already uses these three boxes. Also several dates as a list of those boxes."""

from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l
from wtforms import DateField, StringField
from wtforms.utils import unset_value

from forms.fields import DATE_SEPARATORS
from forms.xmltext import xml_safe_value

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


class DateListField(StringField):
    """Several GOV.UK date inputs, posted as ``<name>-<k>-day`` etc.; the page shows each date
    given and one empty set of boxes for another. Plain values under the field's own name (as
    scripts post a list) are read too."""

    MAX = 20

    def process(self, formdata, data=unset_value, extra_filters=None):
        super().process(None, data, extra_filters)
        value = self.data  # a list, or the text one box held before (split at its commas)
        self.data = value if isinstance(value, list) else DATE_SEPARATORS.split(value or "")
        self.data = [v.strip() for v in self.data if v.strip()]
        if formdata is None:
            return
        items = []
        for k in range(self.MAX + 1):
            parts = [formdata.get(f"{self.name}-{k}-{p}", "").strip() for p in PARTS]
            if any(parts):
                items.append("/".join(parts))
        if not items and self.name in formdata:
            items = [v.strip() for v in formdata.getlist(self.name) if v.strip()]
        self.data = [xml_safe_value(v) for v in items]

    def boxes(self) -> list[tuple[str, str, str]]:
        """(day, month, year) for each date given, then an empty one for another date."""
        out = []
        for text in self.data or []:
            if len(text) == 10 and text[4] == "-" and text[7] == "-":
                year, month, day = text.split("-")
                out.append((str(int(day)), str(int(month)), year))
            else:
                bits = [b.lstrip("0") or b if b.isdigit() else b for b in text.split("/")]
                out.append(tuple(bits) if len(bits) == 3 else (text, "", ""))
        return [*out, ("", "", "")][: self.MAX]
