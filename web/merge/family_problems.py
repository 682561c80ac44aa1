"""Letters to families that cannot be written yet: each one named by its resident, with the
value as it is now and a link to where it is put right, and the residents left out of a run."""

from __future__ import annotations

from flask import url_for

from ..core.organisation import letterhead
from ..residents import lists as rl


def left_out_rows(problems) -> list[int]:
    """Positions in the list of the residents whose letters cannot be written yet."""
    return sorted({p.row for p in problems if p.row is not None})


def problem_row(p, t, rows, record, case, defn) -> dict:
    """A missing or wrong value: whose (the resident, by position in the list of residents; None:
    every letter), which question, the value as it is now, and where to change it."""
    top = p.path.split("[", 1)[0].split(".", 1)[0]
    row = rows[p.row - 1] if p.row and p.row <= len(rows) else {}
    if p.row is None and top in letterhead(defn):  # only an admin sets the letterhead
        fix = url_for("admin.organisation")
    elif p.row is None:
        fix = url_for("merge.shared_details", case_id=case.id, letter_id=defn.id, _anchor=top)
    else:
        page = "records.view" if record.is_final else "records.edit"
        fix = url_for(page, record_id=record.id, _anchor=f"{rl.GROUP}-{p.row - 1}")
    value = row.get(top)
    return {
        "row": p.row,
        "resident": row.get("resident_name") or "",
        "name": p.name or "",
        "question": t(p.label) if p.label else p.path,
        "text": p.text(t),
        "value": "" if value in (None, "unknown") else str(value),
        "fix": fix,
    }


def asked_to_leave_out(text: str) -> list[int]:
    """The positions posted with "Leave out these N" (ASCII digits only: "²" is no number)."""
    parts = (n.strip() for n in text.split(",")[:10_000])
    return sorted({int(n) for n in parts if n.isascii() and n.isdigit() and len(n) < 7})


def left_out_item(problem, rows) -> dict:
    row = rows[problem.row - 1] if problem.row <= len(rows) else {}
    return {
        "row": problem.row,
        "resident": row.get("resident_name") or "",
        "recipient": problem.name or "",
    }
