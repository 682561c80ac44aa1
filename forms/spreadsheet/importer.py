"""Check a whole spreadsheet against a form's repeating group before anything is saved.

Like GOV.UK Notify's upload: the file is refused when it cannot be used at all (unreadable, too
big, a required column missing or given twice); otherwise every cell is checked with the form's
own field rules and each problem is reported by spreadsheet row and column heading, so the caller
can show them all at once and import just the rows without errors.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from openpyxl.utils import get_column_letter

from ..definition import FormDefinition
from ..fields import Choice, Computed, FieldError, Group
from ..i18n import N_
from .cells import options_index, raw_value
from .guard import Budget, Refused
from .headers import field_index, match, split_part
from .reading import Row, filled_cell, read_rows
from .result import WARNING, ImportResult, Limits


def import_rows(
    defn: FormDefinition,
    group_name: str,
    data: bytes,
    filename: str = "",
    *,
    limits: Limits | None = None,
    today: dt.date | None = None,
) -> ImportResult:
    """Read ``data`` (.csv or .xlsx) as rows of the group ``group_name`` of ``defn``."""
    group = next((m for m in defn.members() if m.name == group_name), None)
    if not isinstance(group, Group):
        raise ValueError(f"{defn.id} has no repeating group {group_name!r}")
    limits = limits or Limits()
    limits = dataclasses.replace(limits, max_rows=limits.max_rows or group.max_rows)
    result = ImportResult(group=group_name)
    budget = Budget(limits.time_limit)
    rows = read_rows(data, filename, limits, result, budget)
    if rows is None:
        return result
    aliases = getattr(defn, "import_aliases", {}).get(group_name, {})
    index = field_index(group.fields, aliases)
    found = _find_headings(rows, index, limits)
    if found is None:
        first = next(f for f in group.fields if not isinstance(f, Computed))
        result.refuse(
            N_("No column headings were found: row 1 should have headings such as “%(label)s”"),
            label=first.label,
        )
        return result
    columns = _columns(rows, found, group, index, result)
    body = [r for r in rows[found + 1 :] if any(filled_cell(r[1][i]) for i in _cols(r, columns))]
    result.total_rows = len(body)
    if len(body) > limits.max_rows:
        result.refuse(
            N_("The file has too many rows: the most it can have is %(max)s"), max=limits.max_rows
        )
    if result.refused:
        return result
    today = today or dt.date.today()
    try:
        for number, cells in body:
            budget.check()
            _check_row(group, columns, number, cells, today, result)
    except Refused as exc:  # out of time: nothing of this file is used
        result.rows, result.row_numbers = [], []
        result.refuse(exc.message, exc.at, **exc.params)
    return result


def _find_headings(rows: list[Row], index: dict, limits: Limits) -> int | None:
    """Position of the headings: the early row naming the most fields (title rows may be above)."""
    best, best_count = None, 0
    for position, (number, cells) in enumerate(rows):
        if number > limits.header_search_rows:
            break
        count = len({match(c, index) for c in cells if filled_cell(c)} - {None})
        if count > best_count:
            best, best_count = position, count
    return best


def _cols(row: Row, columns: dict) -> list[int]:
    return [i for i in columns if i < len(row[1])]


def _columns(rows, position, group: Group, index: dict, result: ImportResult):
    """Column position -> (field, heading, answers) for the recognised columns; problems for the
    rest."""
    number, headings = rows[position]
    fields = {f.name: f for f in group.fields}
    columns: dict[int, tuple] = {}
    taken: dict[str, str] = {}
    for i, cell in enumerate(headings):
        heading = " ".join(str(cell).split()) if filled_cell(cell) else ""
        if not heading:
            if any(i < len(c) and filled_cell(c[i]) for _, c in rows[position + 1 :]):
                result.add(
                    (number, None),
                    N_("Column %(letter)s has no heading, so it was ignored"),
                    severity=WARNING,
                    letter=get_column_letter(i + 1),
                )
            continue
        name = match(heading, index)
        if name is None:
            result.add(
                (number, heading),
                N_("Column “%(column)s” was not recognised, so it was ignored"),
                severity=WARNING,
                column=heading,
            )
        elif name in taken:
            result.refuse(
                N_("Columns “%(other)s” and “%(column)s” are both “%(label)s”: delete one"),
                (number, heading),
                column=heading,
                other=taken[name],
                label=fields[split_part(name)[0]].label,
            )
        elif not isinstance(fields[split_part(name)[0]], Computed):  # worked out, never read
            taken[name] = heading
            base, part = split_part(name)
            f = fields[base]
            options = options_index(f) if isinstance(f, Choice) else None
            columns[i] = (f, heading, options, part)
    given = {split_part(name)[0] for name in taken}
    for f in group.fields:
        if f.required and not isinstance(f, Computed) and f.name not in given:
            result.refuse(
                N_("The file needs a column for “%(label)s”"), (number, None), label=f.label
            )
    result.columns = taken
    return columns


def _check_row(group: Group, columns: dict, number: int, cells: list, today, result) -> None:
    """Clean one row with the fields' own rules; keep it only when it has no errors."""
    row = {f.name: None for f in group.fields if not isinstance(f, Computed)}
    bad = False
    who = _who(group, columns, cells)

    def kept_as_other(heading, **params) -> None:
        result.add((number, heading), KEPT_AS_OTHER, severity=WARNING, who=who, **params)

    fields = {f.name: f for f in group.fields}
    for f, headings, raw in _answers(columns, cells, fields, kept_as_other):
        try:
            value = f.parse(raw, today)
        except FieldError as exc:
            params = dict(exc.params, label=f.label)
            heading = headings.get(exc.params.get("part"), next(iter(headings.values())))
            result.add((number, heading), exc.message, field=f.name, who=who, **params)
            bad = True
            continue
        if value is None and f.required:
            heading = next(iter(headings.values()))
            result.add((number, heading), f.missing_message(), field=f.name, label=f.label, who=who)
            bad = True
        row[f.name] = value
    if bad:
        return
    for f in group.fields:
        if isinstance(f, Computed):
            row[f.name] = f.compute(row) if f.compute else None
    result.rows.append({k: v for k, v in row.items() if v is not None})
    result.row_numbers.append(number)


KEPT_AS_OTHER = N_(
    "“%(value)s” is not one of the answers listed for “%(label)s”, so it was kept as “Other”, "
    "in English: give it in Welsh too before the list is finalised"
)


def _who(group: Group, columns: dict, cells: list) -> str | None:
    """The row's person as its cells name them (the group's first two summary fields: "Surname,
    Forename"), so a problem reads by name as well as by row number."""
    wanted = list(group.summary or ())[:2]
    found = {f.name: cells[i] for i, (f, _, _, part) in columns.items() if i < len(cells)}
    parts = [str(found[n]).strip() for n in wanted if filled_cell(found.get(n))]
    return ", ".join(p for p in parts if p)[:120] or None


def _answers(columns: dict, cells: list, fields: dict, kept_as_other):
    """(field, headings by part, raw answer) for each field with a column: the halves of an
    answer typed in both languages are put together as ``{"cy": …, "en": …}``. A choice that
    allows "other" keeps an answer it does not list as "other", with the text as the English of
    its other field (the paper's free text: "Son-in-law")."""
    pairs: dict[str, tuple] = {}
    spilled: dict[str, tuple] = {}  # other field -> (field, heading, English text)
    for i, (f, heading, options, part) in columns.items():
        cell = cells[i] if i < len(cells) else None
        if part is None:
            raw = raw_value(f, cell, options)
            other = fields.get(f"{f.name}_other")
            if other is not None and _unlisted(f, raw):
                spilled[other.name] = (other, heading, raw.strip())
                kept_as_other(heading, value=raw.strip(), label=f.label)
                raw = "other"
            yield f, {None: heading}, raw
            continue
        text = raw_value(f, cell, None)
        _, headings, pair = pairs.setdefault(f.name, (f, {}, {}))
        headings[part] = heading
        if text not in (None, ""):
            pair[part] = str(text)
    for f, headings, pair in pairs.values():
        if f.name in spilled:
            pair.setdefault("en", spilled.pop(f.name)[2])
        yield f, headings, pair or None
    for other, heading, text in spilled.values():  # the other field has no column of its own
        yield other, {None: heading}, {"en": text}


def _unlisted(f, raw) -> bool:
    if not isinstance(f, Choice) or not isinstance(raw, str) or not raw.strip():
        return False
    values = {value for value, _ in f.options}
    return "other" in values and raw not in values
