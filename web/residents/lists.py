"""The residents list (BP Appendix 7) of a case: find it, put imported rows into it, and hold a
checked upload on the server until the user chooses to import its valid rows.

An upload with problems is kept in the ``Job`` table (kind "residents-import", status "waiting"),
not in the cookie session: it can be far larger than a cookie and must not travel to the browser.
"""

from __future__ import annotations

from dataclasses import asdict

from flask import abort, current_app
from sqlalchemy import delete, select

from forms import get_form
from forms.i18n import Msg
from forms.spreadsheet import ImportResult, Limits, Problem

from ..core.audit import log
from ..core.extensions import db
from ..core.models import Job, Record, now
from ..records.prefill import prefill

FORM_ID = "bp-residents-list"
GROUP = "residents"
STAGED = "residents-import"
MODES = ("replace", "add")  # what an import does to residents already in the list


def form():
    return get_form(FORM_ID)


def latest_list(case) -> Record | None:
    """The newest version of the case's residents list, draft or final."""
    return db.session.scalar(
        select(Record)
        .where(Record.case_id == case.id, Record.doc_type == "form", Record.doc_id == FORM_ID)
        .order_by(Record.version.desc(), Record.id.desc())
        .limit(1)
    )


def residents(record: Record | None) -> list[dict]:
    rows = (record.data or {}).get(GROUP) if record else None
    return [r for r in rows or [] if isinstance(r, dict)]


def limits() -> Limits:
    """Upload limits from the app's config, never above what the form itself allows."""
    group = next(m for m in form().members() if m.name == GROUP)
    config = current_app.config
    limits = Limits(
        max_bytes=int(config.get("IMPORT_MAX_BYTES") or config["MAX_CONTENT_LENGTH"]),
        max_rows=min(int(config.get("IMPORT_MAX_ROWS") or group.max_rows), group.max_rows),
    )
    if config.get("IMPORT_TIME_LIMIT") is not None:  # seconds; the default is Limits'
        limits.time_limit = float(config["IMPORT_TIME_LIMIT"])
    return limits


def save_rows(case, rows: list[dict], user, filename: str, mode: str = "replace") -> Record:
    """Put ``rows`` in the case's list, replacing its residents or (``mode="add"``) after them.

    A list that already has residents, or is final, is never changed: the rows go into a new
    version based on it, so the previous list stays in the case file as it was."""
    if mode not in MODES:
        raise ValueError(f"unknown import mode {mode!r}")
    previous = latest_list(case)
    kept = residents(previous)
    if previous is None:
        record = Record(
            case=case,
            doc_type="form",
            doc_id=FORM_ID,
            data=prefill(form(), case),
            created_by_id=user.id,
        )
        db.session.add(record)
    elif previous.is_final or kept:
        record = Record(
            case_id=case.id,
            doc_type="form",
            doc_id=FORM_ID,
            version=previous.version + 1,
            data=dict(previous.data or {}),
            lang=previous.lang,
            based_on_id=previous.id,
            created_by_id=user.id,
        )
        db.session.add(record)
    else:  # an empty draft: nothing in it to keep
        record = previous
    new_rows = [*kept, *rows] if mode == "add" else list(rows)
    record.data = {**(record.data or {}), GROUP: new_rows}
    record.updated_by_id, record.updated_at = user.id, now()
    db.session.flush()
    detail = f"{mode}: {len(rows)} rows from {filename}; list now {len(new_rows)} rows"
    if record is not previous and previous is not None:
        detail += f"; version {previous.version} (record {previous.id}) kept"
    log("import", record=record, detail=detail[:500], user=user)
    return record


def too_many(case, rows: list[dict], mode: str) -> bool:
    """Whether the list would outgrow its limit with ``rows`` added (or in place of it)."""
    kept = residents(latest_list(case)) if mode == "add" else []
    return len(kept) + len(rows) > limits().max_rows


def versions(case) -> list[Record]:
    """Every version of the case's residents list, newest first."""
    return db.session.scalars(
        select(Record)
        .where(Record.case_id == case.id, Record.doc_type == "form", Record.doc_id == FORM_ID)
        .order_by(Record.version.desc(), Record.id.desc())
    ).all()


def _plain(value):
    """Problem parameters as JSON: a gettext context survives the round trip."""
    if isinstance(value, Msg):
        return {"msgctxt": value.context, "msgid": value.text}
    return value


def _unplain(value):
    if isinstance(value, dict) and set(value) == {"msgctxt", "msgid"}:
        return Msg(value["msgctxt"], value["msgid"])
    return value


def problem_to_json(p: Problem) -> dict:
    data = asdict(p)
    data["params"] = {k: _plain(v) for k, v in p.params.items()}
    return data


def problem_from_json(data: dict) -> Problem:
    data = dict(data)
    data["params"] = {k: _unplain(v) for k, v in (data.get("params") or {}).items()}
    return Problem(**data)


def stage(case, user, filename: str, result: ImportResult) -> Job:
    """Keep a checked upload until the user imports its valid rows (or uploads again)."""
    db.session.execute(
        delete(Job).where(
            Job.kind == STAGED,
            Job.case_id == case.id,
            Job.created_by_id == user.id,
            Job.status == "waiting",
        )
    )
    job = Job(
        kind=STAGED,
        case_id=case.id,
        status="waiting",
        created_by_id=user.id,
        total=result.total_rows,
        params={
            "filename": filename,
            "rows": result.rows,
            "row_numbers": result.row_numbers,
            "problems": [problem_to_json(p) for p in result.problems],
        },
    )
    db.session.add(job)
    db.session.commit()
    return job


def staged(job_id: int, case, user) -> Job:
    job = db.session.get(Job, job_id)
    if (
        job is None
        or job.kind != STAGED
        or job.case_id != case.id
        or job.created_by_id != user.id
        or job.status != "waiting"
    ):
        abort(404)
    return job


def staged_result(job: Job) -> ImportResult:
    params = job.params or {}
    return ImportResult(
        group=GROUP,
        rows=list(params.get("rows") or []),
        row_numbers=list(params.get("row_numbers") or []),
        problems=[problem_from_json(p) for p in params.get("problems") or []],
        total_rows=job.total,
    )


def import_staged(job: Job, case, user, mode: str = "replace") -> Record:
    """Import the valid rows of a staged upload; the upload is then forgotten."""
    rows = list((job.params or {}).get("rows") or [])
    record = save_rows(case, rows, user, (job.params or {}).get("filename", ""), mode)
    job.status, job.done, job.record_id, job.finished_at = "done", len(rows), record.id, now()
    job.params = {"filename": (job.params or {}).get("filename", "")}
    db.session.commit()
    return record
