"""Plan a mail-merge: one complete, validated letter dataset per recipient, checked before any
letter is rendered, so a merge never stops half-way on a missing address.

A recipient row gives the letter's recipient fields (name, address, salutation, resident) and a
preferred language; the case data gives everything else. Preferred language follows the Welsh
Language Standards: Welsh or English as recorded, and both (Welsh first) when it is not known.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from forms.bilingual import missing_languages, typed_in
from forms.i18n import N_
from forms.letters.common import RECIPIENTS

LANGUAGE = "language"
LANGUAGE_LABEL = N_("Preferred language")
ROW = "_row"  # optional key of a recipient row: its number in the source list or spreadsheet
LANGS = {"en": "en", "cy": "cy", "both": "both", "unknown": "both", None: "both", "": "both"}


@dataclass
class Recipient:
    """One letter to write: ``position`` in the list (1-based) names its files."""

    position: int
    name: str
    lang: str  # en | cy | both
    values: dict  # the letter's cleaned data for this recipient
    row: int | None = None  # row in the source list or spreadsheet, for messages


@dataclass
class MergeProblem:
    """A value a letter needs that is missing or wrong, for one recipient (``row``) or for the
    case data shared by all (``row`` None); ``message`` and ``params`` are a msgid to translate."""

    row: int | None
    name: str | None
    path: str
    message: str
    params: dict = field(default_factory=dict)
    label: str | None = None  # msgid of the field's label

    def text(self, t) -> str:
        params = {k: t(v) if k == "label" else v for k, v in self.params.items()}
        return t(self.message, **params)

    def describe(self, t) -> str:
        """One line for a plain-text report (the command line)."""
        where = t(self.label) if self.label else self.path
        if self.row is None:
            return t(N_("Case data, “%(field)s”: %(problem)s"), field=where, problem=self.text(t))
        if self.name:
            return t(
                N_("Row %(row)s (%(name)s), “%(field)s”: %(problem)s"),
                row=self.row,
                name=self.name,
                field=where,
                problem=self.text(t),
            )
        return t(
            N_("Row %(row)s, “%(field)s”: %(problem)s"),
            row=self.row,
            field=where,
            problem=self.text(t),
        )


def recipient_fields(defn) -> list:
    """The fields that differ from one recipient to the next."""
    kind = getattr(defn, "recipient", None)
    if kind not in RECIPIENTS or not RECIPIENTS[kind]:
        raise ValueError(f"{defn.id} is not a letter that can be sent to a list of recipients")
    return RECIPIENTS[kind]


def _language(raw) -> str | None:
    key = raw.strip().casefold() if isinstance(raw, str) else raw
    return LANGS.get(key)


def _label(defn, path: str) -> str | None:
    top = path.split("[", 1)[0].split(".", 1)[0]
    if top == LANGUAGE:
        return LANGUAGE_LABEL
    try:
        return defn.member(top).label
    except StopIteration:
        return None


def plan_merge(defn, case_data: dict, rows: list[dict], today: dt.date | None = None):
    """(recipients, problems): every row merged over the case data and validated as a final
    letter. The recipient fields come from the row alone (a blank cell is not filled in from the
    case data, so one family's salutation never reaches another). Problems with the case data are
    reported once; problems with a row, once per row. Nothing is rendered here."""
    names = {f.name for f in recipient_fields(defn)}
    base = {k: v for k, v in (case_data or {}).items() if k not in names}
    recipients: list[Recipient] = []
    problems: list[MergeProblem] = []
    shared: set[tuple] = set()
    for position, row in enumerate(rows, start=1):
        number = row.get(ROW) or position
        data = dict(base)
        data.update({k: v for k, v in row.items() if k in names})
        name = str(row.get("recipient_name") or "").strip() or None
        lang = _language(row.get(LANGUAGE))
        if lang is None:
            problems.append(
                MergeProblem(
                    number,
                    name,
                    LANGUAGE,
                    N_("“%(label)s” must be Welsh, English, both or not known"),
                    {"label": LANGUAGE_LABEL},
                    LANGUAGE_LABEL,
                )
            )
        if lang is not None:
            data = typed_in(defn, data, names, lang)
        values, errors = defn.validate(data, level="final", today=today)
        if not errors and lang is not None:  # each letter's language needs its text (issue 9)
            errors = missing_languages(defn, values, lang)
        row_ok = lang is not None
        for err in errors:
            top = err.path.split("[", 1)[0].split(".", 1)[0]
            problem = MergeProblem(
                number, name, err.path, err.message, dict(err.params), _label(defn, err.path)
            )
            if top in names:
                problems.append(problem)
                row_ok = False
                continue
            key = (err.path, err.message, tuple(sorted(map(str, err.params.items()))))
            if key not in shared:
                shared.add(key)
                problem.row = problem.name = None
                problems.append(problem)
            row_ok = False
        if row_ok:
            recipients.append(
                Recipient(position, values.get("recipient_name", ""), lang, values, number)
            )
    problems.sort(key=lambda p: (p.row is not None, p.row or 0))
    return recipients, problems


def rows_from_residents(values: dict) -> list[dict]:
    """Recipient rows from a ``bp-residents-list`` record: one letter per resident, to their
    main representative, in the representative's preferred language."""
    rows = []
    for number, resident in enumerate(values.get("residents") or [], start=1):
        resident_name = " ".join(
            str(resident.get(k)).strip() for k in ("forename", "surname") if resident.get(k)
        )
        rows.append(
            {
                ROW: number,
                "recipient_name": resident.get("representative_name")
                or resident.get("main_representative"),
                "recipient_address": resident.get("representative_address"),
                "resident_name": resident_name or None,
                LANGUAGE: resident.get("preferred_language") or "unknown",
            }
        )
    return rows
