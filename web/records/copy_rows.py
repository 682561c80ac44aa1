"""Rows carried from one record into another form, so nothing agreed is typed twice: the
actions agreed at a provider performance meeting (CM Appendix G) go into the action plan (CM
Appendix I). A form opts in with ``copies_rows_to = (group, target form id)``; the rows' fields
are named as the target's, so a row copies across unchanged."""

from __future__ import annotations

from ..core.audit import log
from ..core.extensions import db
from ..core.models import Record
from ..core.registry import definition
from .prefill import prefill


def copy_target(defn) -> tuple[str, str] | None:
    return getattr(defn, "copies_rows_to", None)


def copy_rows(record: Record, user) -> Record:
    """Append the record's rows to the case's draft of the target form; with no draft, start
    one (a new version of the last final one, when there is one)."""
    group, target_id = copy_target(definition(record.doc_type, record.doc_id))
    target_defn = definition("form", target_id)
    names = {f.name for f in target_defn.member(group).fields}
    same = [r for r in record.case.records if r.doc_type == "form" and r.doc_id == target_id]
    draft = next((r for r in sorted(same, key=lambda r: -r.id) if not r.is_final), None)
    if draft is None:
        finals = sorted((r for r in same if r.is_final), key=lambda r: r.version)
        last = finals[-1] if finals else None
        draft = Record(
            case=record.case,
            doc_type="form",
            doc_id=target_id,
            version=last.version + 1 if last else 1,
            data=dict(last.data) if last else prefill(target_defn, record.case),
            lang=last.lang if last else getattr(target_defn, "default_lang", "en"),
            based_on_id=last.id if last else None,
            created_by_id=user.id,
        )
        db.session.add(draft)
        db.session.flush()
        log("create", record=draft, detail=f"{target_id} for rows from record {record.id}")
    rows = [{k: v for k, v in row.items() if k in names} for row in record.data.get(group) or []]
    kept = [r for r in draft.data.get(group) or [] if any(v for v in r.values())]
    draft.data = {**draft.data, group: kept + rows}
    draft.updated_by_id = user.id
    log("save", record=draft, detail=f"{len(rows)} rows copied from record {record.id}")
    return draft
