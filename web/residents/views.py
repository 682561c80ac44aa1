"""Import the residents list from a spreadsheet, and export it as CSV.

The whole file is checked before anything is saved (as GOV.UK Notify does). A file with problems
is shown back with every problem by row and column; its valid rows wait on the server until the
user imports just those, or fixes the file and uploads it again.
"""

from __future__ import annotations

import io
from pathlib import Path

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge

from forms.spreadsheet import export_csv, import_rows

from ..core.access import get_case
from ..core.audit import log, viewed
from ..core.extensions import db
from ..core.i18n import page_translator
from ..core.security import require_role
from . import lists as rl

bp = Blueprint("residents", __name__)

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
EXTENSIONS = (".csv", ".xlsx")
MAX_SHOWN = 200  # problems listed on the page; the rest are counted


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g}"


def check_upload(filename: str, data: bytes):
    """The reason to refuse a file before reading it: its name and its first bytes must agree."""
    ext = Path(filename or "").suffix.lower()
    if not filename:
        return _l("Select a CSV or Excel file")
    if ext not in EXTENSIONS:
        return _l("The file must be a spreadsheet saved as .csv or .xlsx")
    if ext == ".xlsx" and not data.startswith(ZIP_MAGIC):
        return _l("The file is named .xlsx but is not an Excel workbook: save it again as .xlsx")
    binary = data.startswith((ZIP_MAGIC, OLE_MAGIC)) or (
        b"\x00" in data[:4096] and not data.startswith(UTF16_BOMS)
    )
    if ext == ".csv" and binary:
        return _l("The file is named .csv but is not a CSV file: save it again as “CSV UTF-8”")
    return None


def _page(case, result=None, staged=None, errors=(), status=200):
    t = page_translator()
    record = rl.latest_list(case)
    problems = []
    if result is not None:
        located = [p for p in result.problems if not p.whole_file]
        located.sort(key=lambda p: (p.row or 0, p.severity != "error"))
        problems = [(p, p.text(t)) for p in located[:MAX_SHOWN]]
    limits = rl.limits()
    return (
        render_template(
            "merge/import.html",
            case=case,
            record=record,
            current_rows=len(rl.residents(record)),
            result=result,
            staged=staged,
            problems=problems,
            hidden=max(0, len(result.problems) - len(problems)) if result else 0,
            errors=list(errors),
            max_mb=_megabytes(limits.max_bytes),
            max_rows=limits.max_rows,
            versions=[(v, len(rl.residents(v))) for v in rl.versions(case)],
        ),
        status,
    )


@bp.get("/cases/<int:case_id>/residents/import")
def import_page(case_id: int):
    case = get_case(case_id)
    viewed(case=case, record=rl.latest_list(case), detail="residents list")
    return _page(case)


@bp.errorhandler(RequestEntityTooLarge)
def too_large(exc):
    """A request bigger than MAX_CONTENT_LENGTH is refused before any view reads it."""
    if request.endpoint != "residents.upload":
        return exc
    size = _megabytes(current_app.config["MAX_CONTENT_LENGTH"])
    case = get_case(request.view_args["case_id"])
    return _page(
        case,
        errors=[("file", _l("The file must be smaller than %(size)s MB", size=size))],
        status=413,
    )


@bp.post("/cases/<int:case_id>/residents/import")
@require_role("editor")
def upload(case_id: int):
    case = get_case(case_id)
    upload = request.files.get("file")
    filename = Path(upload.filename or "").name if upload else ""
    data = upload.read() if upload else b""
    refusal = check_upload(filename, data)
    if refusal is not None:
        return _page(case, errors=[("file", refusal)], status=400)
    result = import_rows(rl.form(), rl.GROUP, data, filename, limits=rl.limits())
    t = page_translator()
    if result.refused:
        errors = [("file", p.text(t)) for p in result.errors if p.whole_file]
        return _page(case, result=result, errors=errors, status=400)
    if not result.problems and not rl.residents(rl.latest_list(case)):
        record = rl.save_rows(case, result.rows, current_user, filename)
        db.session.commit()
        flash(_l("Residents imported: %(num)s", num=len(result.rows)))
        return redirect(url_for("records.edit", record_id=record.id))
    staged = rl.stage(case, current_user, filename, result)
    return redirect(url_for("residents.staged_page", case_id=case.id, job_id=staged.id))


def _summary(case, result, staged, errors=None):
    if errors:  # the user's choice on the confirm step was missing or impossible
        return _page(case, result=result, staged=staged, errors=errors, status=400)
    errors = []
    if result.errors:
        errors.append(
            (
                "problems",
                _l(
                    "Rows with problems: %(bad)s of %(total)s. See the table.",
                    bad=len(result.bad_rows),
                    total=result.total_rows,
                ),
            )
        )
    return _page(
        case, result=result, staged=staged, errors=errors, status=400 if result.errors else 200
    )


@bp.get("/cases/<int:case_id>/residents/import/<int:job_id>")
def staged_page(case_id: int, job_id: int):
    case = get_case(case_id)
    staged = rl.staged(job_id, case, current_user)
    viewed(
        case=case, detail=f"residents upload checked: {(staged.params or {}).get('filename', '')}"
    )
    return _summary(case, rl.staged_result(staged), staged)


@bp.post("/cases/<int:case_id>/residents/import/<int:job_id>")
@require_role("editor")
def import_valid(case_id: int, job_id: int):
    case = get_case(case_id)
    staged = rl.staged(job_id, case, current_user)
    result = rl.staged_result(staged)
    has_residents = bool(rl.residents(rl.latest_list(case)))
    mode = request.form.get("mode", "") if has_residents else "replace"
    if mode not in rl.MODES:
        message = _l("Choose whether to replace the list or add to it")
        return _summary(case, result, staged, [("mode", message)])
    if rl.too_many(case, result.rows, mode):
        message = _l(
            "With these rows added the list would have more than %(max)s rows. Replace the list "
            "instead, or import fewer rows.",
            max=rl.limits().max_rows,
        )
        return _summary(case, result, staged, [("mode", message)])
    record = rl.import_staged(staged, case, current_user, mode)
    if mode == "add":
        total = len(rl.residents(record))
        flash(
            _l(
                "Residents added: %(num)s. The list now has %(total)s.",
                num=len(result.rows),
                total=total,
            )
        )
    else:
        flash(_l("Residents imported: %(num)s", num=len(rl.residents(record))))
    return redirect(url_for("records.edit", record_id=record.id))


@bp.get("/cases/<int:case_id>/residents.csv")
def export(case_id: int):
    """The list as CSV, headings in the page's language; formula-like text is made harmless."""
    case = get_case(case_id)
    record = rl.latest_list(case)
    lang = request.args.get("lang") or page_translator().lang
    lang = lang if lang in ("en", "cy", "both") else "en"
    text = export_csv(rl.form(), rl.GROUP, rl.residents(record), lang=lang)
    log("download", case=case, record=record, detail=f"residents list CSV ({lang})")
    db.session.commit()
    return send_file(
        io.BytesIO(text.encode("utf-8")),
        mimetype="text/csv",
        as_attachment=True,
        download_name=f"case{case.id}-residents-{lang}.csv",
    )
