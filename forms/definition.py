"""A form definition and the one validation routine that every entry point uses.

Validation has two levels: ``draft`` checks only that each value is of its kind (so a half-filled
form can always be saved), ``final`` adds required values and the cross-field rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .fields import Checklist, Computed, Field, FieldError, Group, Section
from .i18n import N_


@dataclass
class Error:
    """One problem: where (a path like ``risks[0].impact``), and a msgid with parameters."""

    path: str
    message: str
    params: dict = field(default_factory=dict)
    # (row label msgid, number) for a problem in a repeating row, so the message names its row
    row: tuple[str, int] | None = None

    def text(self, t) -> str:
        params = {k: t(v) if k == "label" else v for k, v in self.params.items()}
        message = t(self.message, **params)
        if self.row is None:
            return message
        label, num = self.row
        if message[1:2].islower():  # "Risk 2: enter the date", as GOV.UK words it
            message = message[:1].lower() + message[1:]
        return t(N_("%(row)s: %(message)s"), row=t(label, num=num), message=message)


# A rule gets the cleaned values and yields Errors; it runs only when finalising.
Rule = Callable[[dict], Iterator[Error]]


@dataclass
class FormDefinition:
    id: str
    title: str
    source: str
    sections: list[Section]
    rules: list[Rule] = field(default_factory=list)
    notice: str | None = None  # printed at the top and foot of every copy (confidentiality)
    default_lang: str = "en"  # "both" for documents normally issued bilingual
    paper: Any = None  # forms.paper.Paper: the printed copy's fixed text, grids and matrices
    # Date fields that record a date on the case when finalised: field name -> kind in
    # forms.process.KEY_DATES (e.g. {"pecg_date": "pecg_meeting"}); see forms/process.
    key_dates: dict[str, str] = field(default_factory=dict)
    kind = "form"

    def members(self) -> Iterator[Field | Group | Checklist]:
        for section in self.sections:
            yield from section.members

    def member(self, name: str):
        return next(m for m in self.members() if m.name == name)

    def example(self) -> dict:
        from .schema import example

        return example(self)

    def validate(self, data: dict, level: str = "final", today: dt.date | None = None):
        return validate(self, data, level, today)


def _parse(f: Field, raw: Any, path: str, today, level, errors: list[Error]):
    try:
        value = f.parse(raw, today)
    except FieldError as exc:
        params = dict(exc.params, label=f.label)
        part = params.pop("part", None)  # one language of a translatable answer
        errors.append(Error(f"{path}.{part}" if part else path, exc.message, params))
        return None
    if value is None and f.required and level == "final" and not isinstance(f, Computed):
        errors.append(Error(path, f.missing_message(), {"label": f.label}))
    return value


def _parse_row(fields: list[Field], raw: dict, prefix: str, today, level, errors) -> dict:
    row = {}
    for f in fields:
        if isinstance(f, Computed):
            continue
        row[f.name] = _parse(f, raw.get(f.name), f"{prefix}.{f.name}", today, level, errors)
    for f in fields:
        if isinstance(f, Computed):
            row[f.name] = f.compute(row) if f.compute else None
    return _compact(row)


def parse_row(
    group: Group, raw_row: dict, index: int, today=None, level: str = "draft"
) -> tuple[dict, list[Error]]:
    """One repeating row as a draft: its values (computed ones worked out) and its problems,
    for a page that shows or edits a single row."""
    errors: list[Error] = []
    prefix = f"{group.name}[{index}]"
    row = _parse_row(group.fields, raw_row, prefix, today or dt.date.today(), level, errors)
    return row, name_rows(_OneGroup(group), errors)


@dataclass
class _OneGroup:
    group: Group

    def members(self):
        yield self.group


def name_rows(defn, errors: list[Error]) -> list[Error]:
    """Give each problem inside a repeating row its row (``risks[1].x`` is "Risk 2")."""
    groups = {m.name: m for m in defn.members() if isinstance(m, Group)}
    for err in errors:
        name, bracket, rest = err.path.partition("[")
        index = rest.partition("]")[0]
        if bracket and name in groups and index.isdigit() and err.row is None:
            err.row = (groups[name].row_label, int(index) + 1)
    return errors


def _compact(values: dict) -> dict:
    """Empty values are left out of the data, so the JSON holds only what was given."""
    return {k: v for k, v in values.items() if v is not None}


def is_blank_row(group: Group, raw_row: dict) -> bool:
    """True for a row with nothing typed in it (left by "add another")."""
    return all(_blank(raw_row.get(f.name)) for f in group.fields if not isinstance(f, Computed))


def _blank(value) -> bool:
    if isinstance(value, dict):  # a translatable answer's pair
        return all(_blank(v) for v in value.values())
    return value in (None, "", []) or str(value).strip() == ""


def drop_blank_rows(defn: FormDefinition, raw: dict) -> dict:
    """Raw data without empty repeating rows, so error paths and saved rows line up."""
    out = dict(raw)
    for m in defn.members():
        if isinstance(m, Group) and isinstance(raw.get(m.name), list):
            out[m.name] = [r for r in raw[m.name] if isinstance(r, dict) and not is_blank_row(m, r)]
    return out


def validate(defn: FormDefinition, data: dict, level: str = "final", today=None):
    """Return (cleaned values, errors). Unknown keys are dropped; computed values recomputed."""
    today = today or dt.date.today()
    errors: list[Error] = []
    data = data if isinstance(data, dict) else {}
    values: dict[str, Any] = {}
    for m in defn.members():
        raw = data.get(m.name)
        if isinstance(m, Group):
            rows = raw if isinstance(raw, list) else []
            cleaned = []
            for i, raw_row in enumerate(rows):
                raw_row = raw_row if isinstance(raw_row, dict) else {}
                if is_blank_row(m, raw_row):
                    continue  # an empty row left by "add another" is not data
                cleaned.append(
                    _parse_row(m.fields, raw_row, f"{m.name}[{i}]", today, level, errors)
                )
            if level == "final" and len(cleaned) < m.min_rows:
                errors.append(
                    Error(m.name, N_("Add at least one row to “%(label)s”"), {"label": m.label})
                )
            if len(cleaned) > m.max_rows:
                errors.append(
                    Error(
                        m.name,
                        N_("“%(label)s” can have at most %(max)s rows"),
                        {"label": m.label, "max": m.max_rows},
                    )
                )
            values[m.name] = cleaned
        elif isinstance(m, Checklist):
            rows = raw if isinstance(raw, list) else []
            by_key = {r.get("key"): r for r in rows if isinstance(r, dict)}
            cleaned = []
            for i, item in enumerate(m.items):
                raw_row = dict(item.defaults)
                raw_row.update({k: v for k, v in by_key.get(item.key, {}).items() if k != "key"})
                row = _parse_row(m.fields, raw_row, f"{m.name}[{i}]", today, level, errors)
                cleaned.append({"key": item.key, **row})
            values[m.name] = cleaned
        elif not isinstance(m, Computed):
            values[m.name] = _parse(m, raw, m.name, today, level, errors)
    for m in defn.members():
        if isinstance(m, Computed):
            values[m.name] = m.compute(values) if m.compute else None
    values = _compact(values)
    if level == "final" and not errors:
        for rule in defn.rules:
            errors.extend(rule(values))
    return values, name_rows(defn, errors)
