"""Mail merge to residents' families: choose a family letter, check every letter's values and
preview the first three, start the merge as a background job, follow or cancel it, download it.

Every page works without JavaScript: the progress page refreshes itself with a meta refresh
while the job runs (and can be told to stop), and every action is a plain form.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from forms.i18n import Translator

from ..core import access, jobs
from ..core.access import get_case
from ..core.audit import log, viewed
from ..core.extensions import db
from ..core.i18n import page_translator
from ..core.job_recovery import recover, recover_job, sweep_merge_folders
from ..core.models import Job, Record
from ..core.organisation import with_letterhead
from ..core.registry import all_letters
from ..core.security import require_role
from ..records.prefill import prefill
from ..residents import lists as rl
from .family_problems import asked_to_leave_out, left_out_item, left_out_rows, problem_row
from .job import plan, rows_from_residents

bp = Blueprint("merge", __name__)
PREVIEWS = 3


def family_letters() -> dict:
    return {k: d for k, d in all_letters().items() if getattr(d, "recipient", "") == "family"}


def get_family_letter(letter_id: str | None):
    letter = family_letters().get(letter_id or "")
    if letter is None:
        abort(404)
    return letter


def latest_letter(case, letter_id: str) -> Record | None:
    """The case's own copy of the letter, which holds the details every family's letter shares."""
    return db.session.scalar(
        select(Record)
        .where(Record.case_id == case.id, Record.doc_type == "letter", Record.doc_id == letter_id)
        .order_by(Record.version.desc(), Record.id.desc())
        .limit(1)
    )


def shared_data(defn, case) -> dict:
    """What every family's letter shares: the case, the organisation, and the case's own copy
    of the letter (its date, contact and so on), without any one recipient's details."""
    from forms.letters.common import RECIPIENTS

    data = prefill(defn, case)
    own = latest_letter(case, defn.id)
    if own is not None:
        data.update({k: v for k, v in (own.data or {}).items() if v not in (None, "", [])})
    data = with_letterhead(defn, data)  # the admin's letterhead, never an edited copy's
    for f in RECIPIENTS["family"]:
        data.pop(f.name, None)
    data.setdefault("letter_date", dt.date.today().isoformat())
    return data


def _plan_page(case, letter_id):
    """Everything the page shows about one letter: counts, previews, and the residents whose
    letters cannot be written yet, each with what is wrong and where to put it right."""
    record = rl.latest_list(case)
    if not letter_id or record is None or not rl.residents(record):
        return {"record": record}
    defn = get_family_letter(letter_id)
    recipients, problems = plan(defn, shared_data(defn, case), record.data or {}, record.case)
    t = page_translator()
    by_lang = Counter(r.lang for r in recipients)
    rows = rows_from_residents(record.data or {})
    shown = [problem_row(p, t, rows, record, case, defn) for p in problems]
    return {
        "record": record,
        "defn": defn,
        "recipients": recipients,
        "previews": [(r.name, r.lang) for r in recipients[:PREVIEWS]],
        "by_lang": [(lang, by_lang[lang]) for lang in ("cy", "en", "both") if by_lang[lang]],
        "problems": [p for p in shown if p["row"] is not None],
        "shared_problems": [p for p in shown if p["row"] is None],
        "left_out": left_out_rows(problems),
        "own": latest_letter(case, defn.id),
    }


def _recent_jobs(case) -> list[Job]:
    return db.session.scalars(
        select(Job)
        .where(Job.case_id == case.id, Job.kind == "merge")
        .order_by(Job.id.desc())
        .limit(5)
    ).all()


def _merge_page(case, letter_id, errors=(), status=200):
    return (
        render_template(
            "merge/merge.html",
            case=case,
            letters=family_letters(),
            letter_id=letter_id,
            jobs=_recent_jobs(case),
            errors=list(errors),
            **_plan_page(case, letter_id),
        ),
        status,
    )


@bp.get("/cases/<int:case_id>/merge")
def merge_page(case_id: int):
    case = get_case(case_id)
    recover()  # the recent jobs listed here show their true state
    letter_id = request.args.get("letter")
    viewed(case=case, detail=f"letters to families: {letter_id or ''}"[:500])
    return _merge_page(case, letter_id)


@bp.post("/cases/<int:case_id>/merge")
@require_role("editor")
def start(case_id: int):
    case = get_case(case_id)
    letter_id = request.form.get("letter", "")
    defn = get_family_letter(letter_id)
    record = rl.latest_list(case)
    if record is None or not rl.residents(record):
        return _merge_page(
            case, letter_id, [("residents", _l("The list of residents is empty"))], 400
        )
    data = shared_data(defn, case)
    recipients, problems = plan(defn, data, record.data or {}, record.case)
    leave_out = asked_to_leave_out(request.form.get("leave_out", ""))
    if any(p.row is None for p in problems):
        message = _l("Some details every letter shares are missing: see the table")
        return _merge_page(case, letter_id, [("shared-missing", message)], 400)
    if problems and leave_out != left_out_rows(problems):  # none chosen, or the list changed
        message = _l("Some residents’ letters lack details: fix them or leave those residents out")
        return _merge_page(case, letter_id, [("missing", message)], 400)
    if not recipients:
        return _merge_page(case, letter_id, [("missing", _l("There are no letters to send"))], 400)
    rows = rows_from_residents(record.data or {})
    left_out = [left_out_item(p, rows) for p in problems]
    left_out = list({item["row"]: item for item in left_out}.values())
    job = jobs.submit(
        "merge",
        case_id=case.id,
        user_id=current_user.id,
        params={
            "letter": defn.id,
            "residents_record_id": record.id,
            "case_data": data,
            "leave_out": leave_out,
            "left_out": left_out,
        },
        total=len(recipients),
    )
    detail = f"started run {job.id}: {defn.id}, {len(recipients)} letters"
    if left_out:
        names = ", ".join(f"{i['row']} {i['resident']}" for i in left_out)
        detail += f"; left out {len(left_out)}: {names}"
    log("merge", case=case, detail=detail[:2000])
    db.session.commit()
    return redirect(url_for("merge.job_page", job_id=job.id))


@bp.get("/cases/<int:case_id>/merge/<letter_id>/preview/<int:number>")
def preview(case_id: int, letter_id: str, number: int):
    """Recipient ``number`` (1 to 3) of the merge as a PDF, made now and not kept."""
    from generator.letters import LetterError, build_letter
    from generator.render import render_pdf

    from ..core.organisation import logo_bytes

    case = get_case(case_id)
    defn = get_family_letter(letter_id)
    record = rl.latest_list(case)
    if record is None or not 1 <= number <= PREVIEWS:
        abort(404)
    recipients, _ = plan(defn, shared_data(defn, case), record.data or {}, record.case)
    if number > len(recipients):
        abort(404)
    r = recipients[number - 1]
    log("preview", case=case, record=record, detail=f"{defn.id} letter {number} ({r.lang})")
    db.session.commit()
    try:
        doc = build_letter(defn, r.values, r.lang, logo=logo_bytes())
    except LetterError as exc:
        t = Translator(page_translator().lang)
        text = "\n".join(e.text(t) for e in exc.errors)
        return text, 400, {"Content-Type": "text/plain; charset=utf-8"}
    return send_file(
        io.BytesIO(render_pdf(doc)),
        mimetype="application/pdf",
        as_attachment=False,
        download_name=f"preview-{number}-{r.lang}.pdf",
    )


def get_job(job_id: int) -> Job:
    """A merge job of a case the signed-in user may see; 404 otherwise."""
    return access.get_job(current_user, job_id, "merge")


@bp.get("/merge-jobs/<int:job_id>")
def job_page(job_id: int):
    job = get_job(job_id)
    recover_job(job)  # a job whose worker died is shown as failed, not running for ever
    sweep_merge_folders()
    case = get_case(job.case_id)
    record = db.session.get(Record, job.record_id) if job.record_id else None
    running = job.status in jobs.ACTIVE
    refresh = running and request.args.get("refresh") != "off"
    body = render_template(
        "merge/job.html",
        case=case,
        job=job,
        defn=all_letters().get((job.params or {}).get("letter", "")),
        record=record,
        zip_file=next((f for f in record.files if f.fmt == "zip"), None) if record else None,
        running=running,
        refresh=refresh,
    )
    return body, 200, ({"Refresh": "2"} if refresh else {})


@bp.post("/merge-jobs/<int:job_id>/cancel")
@require_role("editor")
def cancel(job_id: int):
    job = get_job(job_id)
    if job.status in jobs.ACTIVE:
        jobs.request_cancel(job.id)
        log("merge", case=get_case(job.case_id), detail=f"cancel asked for job {job.id}")
        db.session.commit()
        flash(_l("Cancelling the letters. Nothing is kept in the case file."))
    return redirect(url_for("merge.job_page", job_id=job.id))


@bp.get("/merges/<int:record_id>")
def record_page(record_id: int):
    from .family_details import posted_events, posted_on

    record = access.get_record(current_user, record_id, "merge")
    viewed(record=record, detail="letters to families")
    return render_template(
        "merge/record.html",
        case=record.case,
        record=record,
        defn=all_letters().get(record.doc_id),
        posted=posted_events(record),
        posted_on=posted_on,
    )


from . import family_details  # noqa: E402, F401  (routes on this blueprint)
