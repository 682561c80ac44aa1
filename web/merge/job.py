"""The bulk mail-merge job: the case's residents list through a family letter, then the ZIP of all
letters archived in the case file.

Everything is made in a temporary folder and archived in one transaction at the very end, so a
merge that fails or is cancelled leaves nothing half-done in the case file.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path

from flask import current_app
from sqlalchemy import func, select

from ..core.audit import log
from ..core.extensions import db
from ..core.job_recovery import clear_job_folders, merge_tmp_dir
from ..core.jobs import JobCancelled, handler
from ..core.models import Job, Record, User, now
from ..core.organisation import logo_bytes
from ..core.registry import definition
from ..core.timefmt import london_date
from ..records.archive import slug, store
from .chunks import board_for
from .outputs import LABELS_SUFFIX, write_extras

MIMES = {"zip": "application/zip", "pdf": "application/pdf", "csv": "text/csv"}
MIXED = "mix"  # StoredFile.lang of outputs holding letters in each recipient's language


class MergeRefused(RuntimeError):
    """The list changed since the merge was started and some letters now lack values."""


def rows_from_residents(list_data: dict) -> list[dict]:
    from generator.merge import rows_from_residents as rows

    return rows(list_data)


def plan(defn, case_data: dict, list_data: dict, case=None):
    """(recipients, problems) for the residents list ``list_data`` through the letter ``defn``;
    with the ``case``, a resident's key contacts sheet chooses who the letter goes to."""
    from generator.merge import plan_merge

    from ..residents.key_contacts import with_letter_contacts

    if case is not None:
        list_data = with_letter_contacts(case, list_data)
    return plan_merge(defn, case_data, rows_from_residents(list_data))


@handler("merge")
def merge(job: Job, reporter) -> None:
    from generator.merge import MergeCancelled, run_merge, zip_outputs

    params = job.params or {}
    defn = definition("letter", params["letter"])
    source = db.session.get(Record, params["residents_record_id"])
    if source is None:
        raise MergeRefused("the residents list has been deleted")
    case_data = params.get("case_data") or {}
    recipients, problems = plan(defn, case_data, source.data or {}, source.case)
    leave_out = set(params.get("leave_out") or [])  # residents the user chose to leave out
    problems = [p for p in problems if p.row is None or p.row not in leave_out]
    if problems:
        raise MergeRefused(f"{len(problems)} letters lack values they need")
    reporter.progress(0, len(recipients))
    config = current_app.config
    # Under a known parent, named by the job: a crash's leftovers are found and swept.
    clear_job_folders(job.id)
    with tempfile.TemporaryDirectory(prefix=f"merge-{job.id}-", dir=merge_tmp_dir()) as tmp:
        out_dir = Path(tmp) / "letters"
        try:
            result = run_merge(
                defn,
                recipients,
                out_dir,
                progress=reporter.progress,
                cancelled=reporter.cancelled,
                workers=int(config.get("MERGE_WORKERS", 2)),
                chunk=int(config.get("MERGE_CHUNK", 25)),
                logo=logo_bytes(),
                board=board_for(job.id),
            )
        except MergeCancelled:
            raise JobCancelled() from None
        reporter.check()  # a cancel that came as the last letter finished still wins
        labels = write_extras(recipients, result, out_dir)
        zip_path = Path(tmp) / "merge.zip"
        zip_outputs(out_dir, zip_path)
        record = _archive(job, defn, source, recipients, out_dir, zip_path, result, labels)
    job = db.session.get(Job, job.id)
    job.record_id, job.done, job.total = record.id, len(recipients), len(recipients)
    job.status, job.finished_at = "done", now()
    db.session.commit()


def _archive(job, defn, source, recipients, out_dir, zip_path, result, labels) -> Record:
    user = db.session.get(User, job.created_by_id) if job.created_by_id else None
    version = 1 + db.session.scalar(
        select(func.count(Record.id)).where(
            Record.case_id == job.case_id, Record.doc_type == "merge", Record.doc_id == defn.id
        )
    )
    languages = Counter(r.lang for r in recipients)
    pages = result.combined_pages
    record = Record(
        case_id=job.case_id,
        doc_type="merge",
        doc_id=defn.id,
        version=version,
        status="final",
        lang=MIXED,
        data={
            "letter": defn.id,
            "recipients": len(recipients),
            "languages": dict(languages),
            "residents_record_id": source.id,
            "residents_version": source.version,
            "job_id": job.id,
            "print_pages": pages,
            "left_out": (job.params or {}).get("left_out") or [],
            "rendered_by": result.rendered_by,  # letters per worker process, for operators
        },
        created_by_id=user.id if user else None,
        updated_by_id=user.id if user else None,
        finalised_by_id=user.id if user else None,
        finalised_at=now(),
    )
    db.session.add(record)
    db.session.flush()
    # The run's number is its job's: the pages say "run 12" and the files say "run12".
    base = f"{london_date(now()).isoformat()}-{slug(record.case.service)}-{slug(defn.id)}"
    base += f"-run{job.id}"
    outputs = [("zip", zip_path, f"{base}.zip")]
    outputs.append(("pdf", out_dir / result.combined, f"{base}-all-letters.pdf"))
    outputs.append(("csv", out_dir / result.manifest, f"{base}-manifest.csv"))
    outputs.append(("pdf", out_dir / labels, f"{base}-{LABELS_SUFFIX}"))
    files = []
    for fmt, path, filename in outputs:
        stored = store(record, MIXED, fmt, Path(path).read_bytes(), filename)
        stored.mime = MIMES[fmt]
        files.append(stored)
    db.session.flush()
    summary = ", ".join(f"{lang} {n}" for lang, n in sorted(languages.items()))
    log(
        "merge",
        record=record,
        user=user,
        detail=f"{len(recipients)} letters ({summary}); "
        + "; ".join(f"{f.filename} {f.sha256}" for f in files),
    )
    return record
