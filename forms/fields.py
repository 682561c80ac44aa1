"""Field types: each knows how to parse a JSON value, describe itself as JSON Schema,
give an example, and show a value as text in a given language.

Web widgets live in ``web/``; documents in ``generator/``. A field only holds data rules, so the
same definition drives the page, the JSON, the spreadsheet import and the documents.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from .i18n import N_, NP_, Msg
from .xmltext import xml_safe

CONTROL = {9: " "}  # a tab is a space; other controls are already gone (``xml_safe``)
INPUT_MAX = 200  # characters a short answer (number, date, option) may hold as typed
MIN_YEAR, MAX_YEAR = 1900, 2100  # dates outside are typing slips, and break deadline sums


class FieldError(Exception):
    """A problem with one value: a msgid and its parameters, translated by the reader."""

    def __init__(self, message: str, **params):
        super().__init__(message)
        self.message = message
        self.params = params


def short_enough(raw: Any) -> bool:
    """True for an answer that fits a short box (not a list, at most ``INPUT_MAX`` characters)."""
    return raw is None or (not isinstance(raw, list) and len(str(raw)) <= INPUT_MAX)


def clean_text(value: Any) -> str:
    text = "" if value is None else str(value)
    text = xml_safe(text.replace("\r\n", "\n").replace("\r", "\n")).translate(CONTROL)
    return unicodedata.normalize("NFC", text)


@dataclass
class Field:
    name: str
    label: str
    help: str | None = None
    required: bool = True
    example_value: Any = None
    # GOV.UK wording written for this field, by situation: {"missing": N_("Enter the …")}
    messages: dict = field(default_factory=dict, kw_only=True)
    kind = "text"

    # parse: raw JSON-ish value -> stored JSON value (None when empty); raise FieldError when bad
    def parse(self, raw: Any, today: dt.date) -> Any:
        text = clean_text(raw).strip()
        return text or None

    def schema(self) -> dict:
        return {"type": "string"}

    def example(self) -> Any:
        return "Example"

    def display(self, value: Any, t) -> str:
        return "" if value is None else str(value)

    def missing_message(self) -> str:
        return self.messages.get("missing") or self.default_missing()

    def default_missing(self) -> str:
        return N_("Enter “%(label)s”")

    def fits(self, raw: Any) -> bool:
        """True when the answer as typed is within the size a draft may keep."""
        return short_enough(raw)


@dataclass
class Text(Field):
    max_length: int = 500
    example_value: Any = "O'Brien & Sons <Ltd>"
    # "group.field": the web page offers that field's values in this record's own rows as a
    # choice (a progress entry picks its plan row's ref no.); the data stays the typed text.
    pick_from: str | None = None

    def text(self, raw) -> str:
        text = clean_text(raw).strip()
        return " ".join(text.split()) if "\n" in text else text

    def parse(self, raw, today):
        text = self.text(raw)
        if len(text) > self.max_length:
            raise FieldError(
                N_("“%(label)s” must be %(max)s characters or fewer"), max=self.max_length
            )
        return text or None

    def fits(self, raw):
        if raw is None or isinstance(raw, list):
            return raw is None
        return len(self.text(raw)) <= self.max_length  # measured as ``parse`` measures it

    def schema(self):
        return {"type": "string", "maxLength": self.max_length}

    def example(self):
        return self.example_value


@dataclass
class LongText(Text):
    max_length: int = 10000
    kind = "longtext"
    example_value: Any = "Said “quotes” & <tags>;\nsecond line with ŵ ŷ â."

    def text(self, raw) -> str:
        return clean_text(raw).strip("\n ")

    def parse(self, raw, today):
        text = self.text(raw)
        if len(text) > self.max_length:
            raise FieldError(
                N_("“%(label)s” must be %(max)s characters or fewer"), max=self.max_length
            )
        return text or None


@dataclass
class Date(Field):
    """An ISO date; ``past`` when it records something that has already happened."""

    past: bool = False
    kind = "date"

    def parse(self, raw, today):
        if isinstance(raw, dt.date):
            value = raw
        else:
            text = clean_text(raw).strip()
            if not text:
                return None
            try:
                value = dt.date.fromisoformat(text)
            except ValueError:
                value = _parse_uk_date(text)
        if not MIN_YEAR <= value.year <= MAX_YEAR:
            raise FieldError(
                N_("“%(label)s” must be a date between %(min)s and %(max)s"),
                min=MIN_YEAR,
                max=MAX_YEAR,
            )
        if self.past and value > today:
            raise FieldError(N_("“%(label)s” must be today or in the past"))
        return value.isoformat()

    def schema(self):
        return {"type": "string", "format": "date"}

    def example(self):
        return self.example_value or "2026-03-02"

    def display(self, value, t):
        return t.date(dt.date.fromisoformat(value)) if value else ""


# The same example as the date input's hint ("For example, 27 3 2026"), typed the same way.
REAL_DATE = N_("“%(label)s” must be a real date, for example 27 3 2026")


def _parse_uk_date(text: str) -> dt.date:
    # four-digit years only: 38 is not 2038; "27 3 2026" is the example the page and errors give
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d %m %Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise FieldError(REAL_DATE)


# Between dates typed in one box (data saved before a list of dates was its own inputs).
DATE_SEPARATORS = re.compile(r"[,;\n]+|\s+(?:and|a|&)\s+")


@dataclass
class DateList(Field):
    """Several dates (the days a risk was discussed): each a real date, kept in order.

    Stored as a list of ISO dates; older data held them as text in one box, which is read by
    splitting at commas, so "32/11/2026" or "weekly" no longer passes as a date."""

    past: bool = False
    max_items: int = 20
    kind = "datelist"

    def parse(self, raw, today):
        if isinstance(raw, list):
            items = raw
        else:
            items = DATE_SEPARATORS.split(clean_text(raw)) if raw not in (None, "") else []
        one = Date(self.name, self.label, past=self.past)
        dates = {one.parse(item, today) for item in items if clean_text(item).strip()}
        dates.discard(None)
        if len(dates) > self.max_items:
            raise FieldError(N_("“%(label)s” can have at most %(max)s dates"), max=self.max_items)
        return sorted(dates) or None

    def fits(self, raw):
        if isinstance(raw, list):
            return len(raw) <= self.max_items and all(short_enough(i) for i in raw)
        return raw is None or len(str(raw)) <= 500

    def schema(self):
        return {"type": "array", "items": {"type": "string", "format": "date"}, "uniqueItems": True}

    def example(self):
        return self.example_value or ["2026-01-12", "2026-02-03"]

    def display(self, value, t):
        return ", ".join(t.date(dt.date.fromisoformat(v)) for v in value or [])


@dataclass
class Number(Field):
    minimum: int = 0
    maximum: int = 100000
    kind = "number"

    def parse(self, raw, today):
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None
        try:
            value = int(str(raw).strip()) if not isinstance(raw, int) else raw
        except ValueError:
            raise FieldError(N_("“%(label)s” must be a whole number")) from None
        if isinstance(value, bool) or not self.minimum <= value <= self.maximum:
            raise FieldError(
                N_("“%(label)s” must be between %(min)s and %(max)s"),
                min=self.minimum,
                max=self.maximum,
            )
        return value

    def schema(self):
        return {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}

    def example(self):
        if self.example_value is not None:
            return self.example_value
        return max(self.minimum, min(12, self.maximum))

    def default_missing(self):
        return N_("Enter a number for “%(label)s”")


@dataclass
class Choice(Field):
    """One of fixed options: ``options`` is a list of (stored value, msgid label)."""

    options: list[tuple[str, Any]] = field(default_factory=list)
    # A hint under each option (a rating's full descriptor): option value -> msgid
    hints: dict = field(default_factory=dict, kw_only=True)
    # What the other answers suggest (callable(values) -> option value or None), shown beside
    # the choice and never chosen for the person: the WB matrix's level for the overall level.
    suggest: Any = field(default=None, kw_only=True)
    # option value -> top-level fields whose answer names the option on the page (the agency
    # "Health board" reads as this record's health board); the stored value is unchanged.
    labels_from: dict = field(default_factory=dict, kw_only=True)
    # Other ways a spreadsheet writes an option (the paper form's "LA"): text -> option value
    aliases: dict = field(default_factory=dict, kw_only=True)
    kind = "choice"

    def option_name(self, value, values: dict, defn, t) -> str | None:
        """The option's name on this record, when one of its ``labels_from`` is answered."""
        for name in self.labels_from.get(value, ()):
            if (values or {}).get(name) not in (None, "", []):
                return defn.member(name).display(values[name], t)
        return None

    def parse(self, raw, today):
        text = clean_text(raw).strip()
        if not text:
            return None
        keys = {str(k): k for k, _ in self.options}
        if text not in keys:
            raise FieldError(N_("Select one of the options for “%(label)s”"))
        return keys[text]

    def schema(self):
        return {"enum": [k for k, _ in self.options]}

    def example(self):
        return self.example_value if self.example_value is not None else self.options[0][0]

    def display(self, value, t):
        return next((t(label) for k, label in self.options if k == value), "")

    def default_missing(self):
        return N_("Select an answer for “%(label)s”")


# Welsh answers echo the question's verb (welsh-notes §3); each style is its own gettext context.
YES_NO_STYLES = ("is", "did", "does", "has")


@dataclass
class YesNo(Choice):
    """Yes/no whose Welsh words follow the question: ``style`` is is/did/does/has."""

    style: str = "is"
    kind = "yesno"

    def __post_init__(self):
        if self.style not in YES_NO_STYLES:
            raise ValueError(f"yes/no style must be one of {YES_NO_STYLES}")
        self.options = [("yes", yes_label(self.style)), ("no", no_label(self.style))]


def yes_label(style: str) -> Msg:
    return {
        "is": NP_("yes-no: is there", "Yes"),
        "did": NP_("yes-no: did it", "Yes"),
        "does": NP_("yes-no: does it", "Yes"),
        "has": NP_("yes-no: has it", "Yes"),
    }[style]


def no_label(style: str) -> Msg:
    return {
        "is": NP_("yes-no: is there", "No"),
        "did": NP_("yes-no: did it", "No"),
        "does": NP_("yes-no: does it", "No"),
        "has": NP_("yes-no: has it", "No"),
    }[style]


@dataclass
class MultiChoice(Choice):
    kind = "multichoice"

    def parse(self, raw, today):
        items = raw if isinstance(raw, list) else ([] if raw in (None, "") else [raw])
        keys = {str(k): k for k, _ in self.options}
        out = []
        for item in items:
            text = clean_text(item).strip()
            if text not in keys:
                raise FieldError(N_("Select one of the options for “%(label)s”"))
            if keys[text] not in out:
                out.append(keys[text])
        return [k for k, _ in self.options if k in out] or None

    def fits(self, raw):
        items = raw if isinstance(raw, list) else [raw]
        return len(items) <= len(self.options) and all(short_enough(i) for i in items)

    def schema(self):
        return {
            "type": "array",
            "items": {"enum": [k for k, _ in self.options]},
            "uniqueItems": True,
        }

    def example(self):
        return self.example_value or [self.options[0][0]]

    def display(self, value, t):
        return "; ".join(t(label) for k, label in self.options if k in (value or []))


@dataclass
class Rating(Choice):
    """A score on a scale, each point with its descriptor shown as help."""

    kind = "rating"

    def parse(self, raw, today):
        if isinstance(raw, int) and not isinstance(raw, bool):
            raw = str(raw)
        value = super().parse(raw, today)
        return value

    def schema(self):
        return {"type": "integer", "enum": [k for k, _ in self.options]}

    def example(self):
        if self.example_value is not None:
            return self.example_value
        return self.options[len(self.options) // 2][0]

    def display(self, value, t):
        label = next((t(lab) for k, lab in self.options if k == value), None)
        return f"{value} – {label}" if label else ""


def scale(descriptors: list[str]) -> list[tuple[int, str]]:
    """Options 1..n for a rating whose descriptors are given in order."""
    return [(i, d) for i, d in enumerate(descriptors, start=1)]


@dataclass
class Computed(Field):
    """A value worked out from others (scores, colours, due dates); never typed in."""

    compute: Any = None  # callable(values: dict, context) -> JSON value
    show: Any = None  # callable(value, t) -> str, when the value needs words
    required: bool = False
    kind = "computed"

    def parse(self, raw, today):
        return None

    def schema(self):
        return {"readOnly": True}

    def example(self):
        return None

    def display(self, value, t):
        if self.show:
            return self.show(value, t)
        return "" if value is None else str(value)


@dataclass
class Group:
    """Repeating rows of fields (risk rows, action rows): added and removed by the user."""

    name: str
    label: str
    fields: list[Field]
    help: str | None = None
    min_rows: int = 0
    max_rows: int = 200
    row_label: str = N_("Row %(num)s")
    layout: str = "cards"  # "cards" (label/value per row) or "table" (few narrow columns)
    # The page lists rows as a summary table ("add another"): these fields are its columns
    # (computed fields such as a rating are always shown). Empty: the first two fields.
    summary: tuple[str, ...] = ()
    # Optional fields kept out of sight until a checkbox asks for them: (checkbox label, names).
    reveal: tuple[str, tuple[str, ...]] | None = None
    kind = "group"

    def example_rows(self) -> int:
        return max(1, self.min_rows)


@dataclass
class ChecklistItem:
    key: str
    text: str
    defaults: dict = field(default_factory=dict)


@dataclass
class Checklist:
    """Fixed rows from the source (tasks, agenda items): text given, fields filled in."""

    name: str
    label: str
    items: list[ChecklistItem]
    fields: list[Field]
    help: str | None = None
    item_heading: str = N_("Task")
    kind = "checklist"


@dataclass
class Section:
    title: str
    members: list  # Field | Group | Checklist
    intro: str | None = None
