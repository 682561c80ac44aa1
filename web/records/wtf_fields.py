"""The WTForms field classes a form definition's inputs are made of: repeating rows that accept
only sane row numbers, the GOV.UK date input, and the Welsh and English pair of a translatable
answer. Kept apart from ``wtf.py``, which builds form classes from definitions, as WTForms keeps
fields apart from forms."""

from __future__ import annotations

from wtforms import FieldList, FormField, StringField, TextAreaField
from wtforms import Form as BaseForm
from wtforms.utils import unset_value

from forms.bilingual import PARTS
from forms.xmltext import xml_safe_value

# Every input made from a definition drops what XML cannot hold before anything is stored.
SAFE = [xml_safe_value]
ROW_INDEX_DIGITS = 4  # row numbers in input names are below a group's max_rows (hundreds)


class RowList(FieldList):
    """A FieldList that reads only row numbers below ``limit``: a posted ``risks-99999-x``,
    ``risks-²-x`` or a 5,000-digit index adds no row (WTForms would try ``int()`` on any digit
    string). ``overflow`` is set when the post held rows beyond the limit, so the page can say
    so by the field's name."""

    def __init__(self, *args, limit: int, **kwargs):
        super().__init__(*args, max_entries=limit, **kwargs)
        self.limit = limit
        self.overflow = False

    def _extract_indices(self, prefix, formdata):
        offset = len(prefix) + 1
        for k in formdata:
            if not k.startswith(prefix + self._separator):
                continue
            index = k[offset:].split(self._field_separator, 1)[0]
            if not (index.isascii() and index.isdigit()):
                continue
            if len(index) > ROW_INDEX_DIGITS or int(index) >= self.limit:
                self.overflow = True
                continue
            yield int(index)


class DatePartsField(StringField):
    """GOV.UK date input: day, month and year boxes posted as ``<name>-day`` etc.

    What was typed is kept as ``d/m/yyyy`` (or the ISO date when whole), so an impossible date
    such as 31/2/2026 comes back to the user as typed, with the definition's message."""

    PARTS = ("day", "month", "year")

    def process(self, formdata, data=unset_value, extra_filters=None):
        super().process(None, data, extra_filters)
        if formdata is None:
            return
        parts = [formdata.get(f"{self.name}-{p}", "").strip() for p in self.PARTS]
        if any(parts):
            self.data = "/".join(parts)
        elif self.name in formdata:  # a single ISO value, as scripts and tests post it
            self.data = formdata.get(self.name, "").strip()
        else:
            self.data = ""
        for f in self.filters:
            self.data = f(self.data)

    def parts(self) -> tuple[str, str, str]:
        text = (self.data or "").strip()
        if len(text) == 10 and text[4] == "-" and text[7] == "-":
            year, month, day = text.split("-")
            return str(int(day)), str(int(month)), year
        bits = text.split("/")
        return (bits + ["", "", ""])[:3] if len(bits) == 3 else ("", "", "")


class PairField(FormField):
    """The Welsh and English inputs of a translatable answer. A single value posted under the
    field's own name (as scripts and older pages post it) is read as the English."""

    def process(self, formdata, data=unset_value, extra_filters=None):
        parts = [f"{self.name}-{code}" for code in PARTS]
        if formdata is not None and self.name in formdata and not any(p in formdata for p in parts):
            data, formdata = {"en": formdata.get(self.name)}, None
        super().process(formdata, data, extra_filters)


def pair_form(long: bool) -> type[BaseForm]:
    """Welsh then English inputs of a translatable answer: posted as ``<name>-cy``/``-en``."""
    kind = TextAreaField if long else StringField
    return type("PairForm", (BaseForm,), {code: kind(code, filters=SAFE) for code in PARTS})
