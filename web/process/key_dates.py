"""Dates recorded on a case, by hand or by finalising a form that declares them
(``FormDefinition.key_dates``). Every addition, correction and removal is audited with the old
and new date, because deadlines count from them."""

from __future__ import annotations

import datetime as dt

from forms.process import KEY_DATES

from ..core.audit import log
from ..core.extensions import db
from ..core.models import Case, CaseKeyDate, Record


def _detail(kind: str, old, new, note: str = "") -> str:
    shown = lambda d: d.isoformat() if d else "-"  # noqa: E731
    text = f"{kind}: {shown(old)} -> {shown(new)}"
    return f"{text} ({note})" if note else text


def add_date(case: Case, kind: str, on: dt.date, user, note: str = "", record=None):
    """Record ``kind`` on ``on``; a kind that does not repeat replaces the case's one date."""
    if kind not in KEY_DATES:
        raise ValueError(f"unknown key date {kind!r}")
    existing = [k for k in case.key_dates if k.kind == kind]
    if existing and not KEY_DATES[kind].repeats:
        return correct_date(existing[0], on, user, note or "", record)
    if any(k.on == on for k in existing):
        return existing[0]  # the same meeting recorded twice (a form and by hand)
    item = CaseKeyDate(
        case=case,
        kind=kind,
        on=on,
        note=note,
        record_id=record.id if record else None,
        created_by_id=user.id if user else None,
    )
    db.session.add(item)
    db.session.flush()
    log("add-key-date", case=case, record=record, detail=_detail(kind, None, on, note), user=user)
    return item


def correct_date(item: CaseKeyDate, on: dt.date, user, note: str = "", record=None):
    if item.on == on and (not note or note == item.note):
        return item
    detail = _detail(item.kind, item.on, on, note)
    item.on = on
    if note:
        item.note = note
    if record is not None:
        item.record_id = record.id
    log("correct-key-date", case=item.case, record=record, detail=detail, user=user)
    return item


def remove_date(item: CaseKeyDate, user) -> None:
    log("remove-key-date", case=item.case, detail=_detail(item.kind, item.on, None), user=user)
    db.session.delete(item)


def copy_from_record(record: Record, values: dict, user) -> list[CaseKeyDate]:
    """Called when a record is finalised: the dates its definition marks go on its case."""
    from ..core.registry import definition

    defn = definition(record.doc_type, record.doc_id)
    out = []
    for name, kind in (getattr(defn, "key_dates", None) or {}).items():
        value = values.get(name)
        if not value:
            continue
        on = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
        out.append(add_date(record.case, kind, on, user, record=record))
    return out
