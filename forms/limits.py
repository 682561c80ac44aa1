"""Size limits on every save: a draft may hold unfinished answers, but never more than the final
form could (too-long text, too many rows, a huge number or option typed into a small box).

An answer over its limit is not saved: the draft keeps its last saved value at that place, every
other answer is saved, and the error names the field, so nothing already saved is lost and the
page can show the user what they typed beside the message.
"""

from __future__ import annotations

from .definition import Error, FormDefinition
from .fields import INPUT_MAX, Checklist, Computed, Field, Group, Text, short_enough
from .i18n import N_

TOO_LONG = N_("“%(label)s” must be %(max)s characters or fewer. This answer was not saved.")
TOO_BIG = N_("The answer to “%(label)s” is too long. This answer was not saved.")
TOO_MANY_ROWS = N_("“%(label)s” can have at most %(max)s rows. Rows beyond that were not saved.")


def _error(f: Field, path: str) -> Error:
    if isinstance(f, Text):
        return Error(path, TOO_LONG, {"label": f.label, "max": f.max_length})
    return Error(path, TOO_BIG, {"label": f.label, "max": INPUT_MAX})


def _row(fields, row, before, prefix: str, errors: list[Error]) -> dict:
    row = dict(row) if isinstance(row, dict) else {}
    before = before if isinstance(before, dict) else {}
    for f in fields:
        if not isinstance(f, Computed) and not f.fits(row.get(f.name)):
            errors.append(_error(f, f"{prefix}.{f.name}"))
            row[f.name] = before.get(f.name)
    if not short_enough(row.get("key")):
        row["key"] = before.get("key")
    return row


def _rows(m, rows, before, limit: int, overflow: bool, errors: list[Error]) -> list:
    rows = rows if isinstance(rows, list) else []
    before = before if isinstance(before, list) else []
    if overflow or len(rows) > limit:
        errors.append(Error(m.name, TOO_MANY_ROWS, {"label": m.label, "max": limit}))
        rows = rows[:limit]
    return [
        _row(m.fields, r, before[i] if i < len(before) else None, f"{m.name}[{i}]", errors)
        for i, r in enumerate(rows)
    ]


def within_limits(defn: FormDefinition, raw: dict, previous: dict | None, overflow=()):
    """(what to save, errors): ``raw`` with each over-limit answer put back to ``previous``.

    ``overflow`` names the groups whose post held rows numbered beyond the limit (the web form
    has already left those out)."""
    previous = previous if isinstance(previous, dict) else {}
    saved, errors = dict(raw), []
    for m in defn.members():
        if m.name not in raw or isinstance(m, Computed):
            continue
        if isinstance(m, Group):
            limit, over = m.max_rows, m.name in overflow
            saved[m.name] = _rows(m, raw[m.name], previous.get(m.name), limit, over, errors)
        elif isinstance(m, Checklist):
            limit, over = len(m.items), m.name in overflow
            saved[m.name] = _rows(m, raw[m.name], previous.get(m.name), limit, over, errors)
        elif not m.fits(raw[m.name]):
            errors.append(_error(m, m.name))
            saved[m.name] = previous.get(m.name)
    return saved, errors
