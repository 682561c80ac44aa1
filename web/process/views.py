"""Pages of the process: change a case's stage, record and correct its key dates, and the
deadlines across every case the user may see (HTML and CSV)."""

from __future__ import annotations

import csv
import datetime as dt
import io

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from forms.process import KEY_DATES, STAGES, get_policy

from ..core.access import get_case_for, visible_cases
from ..core.extensions import db
from ..core.i18n import page_translator
from ..core.models import Case, CaseKeyDate
from ..core.security import require_role
from .deadlines import open_deadlines
from .forms import KeyDateForm, StageForm, stage_choices
from .key_dates import add_date, correct_date, remove_date
from .stages import StageError, change_stage

bp = Blueprint("process", __name__)

STATUS_LABELS = {
    "overdue": _l("Overdue"),
    "due": _l("Due"),
    "needed": _l("Needed"),
    "waiting": _l("Not started"),
    "done": _l("Done"),
}


@bp.route("/cases/<int:case_id>/stage", methods=["GET", "POST"])
@require_role("editor")
def stage(case_id: int):
    case, t = get_case_for(current_user, case_id), page_translator()
    form = StageForm()
    form.stage.choices = [
        c for c in stage_choices(get_policy(case.policy), t, STAGES) if c[0] != case.stage
    ]
    finals = [r for r in case.records if r.is_final]
    form.record_id.choices = [(0, _l("None"))] + [
        (r.id, f"{r.doc_id} v{r.version}") for r in reversed(finals)
    ]
    if form.validate_on_submit():
        record = next((r for r in finals if r.id == form.record_id.data), None)
        try:
            change_stage(case, form.stage.data, current_user, form.reason.data, record)
        except StageError as exc:
            form.stage.errors = [t(exc.args[0])]
        else:
            db.session.commit()
            flash(_l("Stage changed."))
            return redirect(url_for("cases.view", case_id=case.id, _anchor="process"))
    status = 400 if form.errors or form.stage.errors else 200
    return render_template("process/stage.html", case=case, form=form, stages=STAGES), status


def _kind_choices(t) -> list[tuple[str, str]]:
    return [(k, t(kind.label)) for k, kind in KEY_DATES.items()]


@bp.route("/cases/<int:case_id>/dates/new", methods=["GET", "POST"])
@require_role("editor")
def add_key_date(case_id: int):
    case = get_case_for(current_user, case_id)
    form = KeyDateForm(kind=request.args.get("kind"))
    form.kind.choices = _kind_choices(page_translator())
    if form.validate_on_submit():
        add_date(case, form.kind.data, form.on.data, current_user, form.note.data or "")
        db.session.commit()
        flash(_l("Date recorded."))
        return redirect(url_for("cases.view", case_id=case.id, _anchor="process"))
    return render_template("process/key_date.html", case=case, form=form), (
        400 if form.errors else 200
    )


@bp.route("/cases/<int:case_id>/dates/<int:date_id>", methods=["GET", "POST"])
@require_role("editor")
def edit_key_date(case_id: int, date_id: int):
    case = get_case_for(current_user, case_id)
    item = db.session.get(CaseKeyDate, date_id)
    if item is None or item.case_id != case.id:
        abort(404)
    form = KeyDateForm(obj=item)
    form.kind.choices = [(item.kind, page_translator()(KEY_DATES[item.kind].label))]
    if request.method == "POST" and request.form.get("action") == "remove":
        remove_date(item, current_user)
        db.session.commit()
        flash(_l("Date removed."))
        return redirect(url_for("cases.view", case_id=case.id, _anchor="process"))
    if form.validate_on_submit():
        correct_date(item, form.on.data, current_user, form.note.data or "")
        db.session.commit()
        flash(_l("Date corrected."))
        return redirect(url_for("cases.view", case_id=case.id, _anchor="process"))
    return render_template("process/key_date.html", case=case, form=form, item=item), (
        400 if form.errors else 200
    )


def _visible_open_cases():
    query = visible_cases(current_user).where(Case.status == "open").order_by(Case.id)
    return db.session.scalars(query).all()


def week_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


@bp.get("/deadlines")
def deadlines():
    overdue_only = request.args.get("overdue") == "1"
    items = open_deadlines(_visible_open_cases(), overdue_only=overdue_only)
    if request.args.get("format") == "csv":
        return _csv(items)
    weeks: dict[dt.date, list] = {}
    for d in items:
        weeks.setdefault(week_of(d.due), []).append(d)
    return render_template(
        "process/deadlines.html",
        weeks=weeks,
        statuses=STATUS_LABELS,
        overdue_only=overdue_only,
        this_week=week_of(dt.date.today()),
    )


def _csv(items) -> Response:
    t = page_translator()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([str(h) for h in CSV_HEADERS])
    for d in items:
        writer.writerow(
            [
                d.case.id,
                _safe(d.case.provider),
                _safe(d.case.service),
                _safe(t(d.what)),
                d.due.isoformat(),
                str(STATUS_LABELS[d.status]),
                d.source,
                url_for("cases.view", case_id=d.case.id, _external=True),
            ]
        )
    return Response(
        "\ufeff" + out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=deadlines.csv"},
    )


def _safe(text: str) -> str:
    """A cell a spreadsheet would read as a formula is shown as text (CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


CSV_HEADERS = (
    _l("Case file"),
    _l("Provider"),
    _l("Service or setting"),
    _l("What"),
    _l("Due by"),
    _l("Status"),
    _l("Source"),
    _l("Link"),
)


from . import audit_page, figures_views  # noqa: E402, F401  (their routes are on this blueprint)
