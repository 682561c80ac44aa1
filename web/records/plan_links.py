"""A plan and the record it answers (WB Appendix 5 answers the risk assessment of Appendix 2).

A form names the link as ``answers = (its date field, target form id, the target's date
field)``; the link is the target's final record of that date in the same case, so the printed
plan carries a date a reader can follow, and the case page a link."""

from __future__ import annotations

from forms import all_forms


def answered(case) -> dict:
    """Record id -> the final record it answers, for each record in the case that has one."""
    forms = all_forms()
    out = {}
    for record in case.records:
        defn = forms.get(record.doc_id) if record.doc_type == "form" else None
        link = getattr(defn, "answers", None)
        if not link or not (record.data or {}).get(link[0]):
            continue
        on, target_id, target_field = record.data[link[0]], link[1], link[2]
        matches = [
            r
            for r in case.records
            if r.doc_id == target_id and r.is_final and (r.data or {}).get(target_field) == on
        ]
        if matches:
            out[record.id] = max(matches, key=lambda r: r.version)
    return out


def latest_answerable(defn, case) -> dict:
    """For a new record: its date field filled from the case's latest final target record."""
    link = getattr(defn, "answers", None)
    if not link:
        return {}
    finals = [r for r in case.records if r.doc_id == link[1] and r.is_final]
    if not finals:
        return {}
    latest = max(finals, key=lambda r: (r.finalised_at, r.version))
    on = (latest.data or {}).get(link[2])
    return {link[0]: on} if on else {}
