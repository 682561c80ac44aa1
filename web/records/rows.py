"""Repeating rows the GOV.UK "add another" way: the record's page lists a group's rows as a
summary table (key columns, rating, problems); each row is changed on its own page and removed
after a confirmation page, so 3 risks or 50 residents make a short page, not a 50,000 px one.

Rows posted on the record's page itself are still read (scripts and older clients post them);
a page that did not post a group keeps the group's saved rows."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, field

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_time
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy.orm.exc import StaleDataError

from forms.bilingual import PARTS, as_pair, is_translatable
from forms.definition import parse_row
from forms.fields import Computed, Group
from forms.limits import within_limits

from ..core import access
from ..core.audit import log
from ..core.extensions import db
from ..core.i18n import page_translator
from ..core.models import now
from ..core.registry import definition
from .wtf import input_id, make_row_form, row_from_form

bp = Blueprint("rows", __name__)
STEP = re.compile(r"(?:^|\s)(?:Step|Cam) \d+\.\s+")  # "Step 1. …" in English, "Cam 1. …" in Welsh


@bp.app_template_filter("numbered_steps")
def numbered_steps(text: str) -> tuple[str, list[str]]:
    """A translated intro written as "Step 1. … Step 4. …": (its lead, the steps) for a numbered
    list on the page; no steps when it has none."""
    parts = STEP.split(text)
    return parts[0].strip(), [p.strip() for p in parts[1:] if p.strip()]


@bp.errorhandler(StaleDataError)
def _changed_meanwhile(error):
    """A row saved while someone else saved or finalised the record: said as on its page."""
    from .views import _changed_meanwhile as on_record_page

    return on_record_page(error)


def saved_at() -> str:
    """ "Draft saved at 14:32" in London time, so people can see their work is kept."""
    stamp = now().replace(tzinfo=dt.UTC)
    return _("Draft saved at %(time)s", time=format_time(stamp, "HH:mm"))


def keep_unposted_rows(defn, posted, previous: dict | None, *datas: dict) -> None:
    """Groups listed as summaries post no rows: keep their saved rows in ``datas``."""
    previous = previous or {}
    for m in defn.members():
        if isinstance(m, Group) and not any(k.startswith(m.name + "-") for k in posted):
            for data in datas:
                data[m.name] = list(previous.get(m.name) or [])


def columns(group: Group) -> list:
    """The summary's key columns: the group's ``summary`` fields, or its first two."""
    by_name = {f.name: f for f in group.fields}
    names = group.summary or [f.name for f in group.fields if not isinstance(f, Computed)][:2]
    return [by_name[n] for n in names]


def _cell(f, value, t) -> str:
    if is_translatable(f):  # the page's language, else the other one rather than nothing
        pair = as_pair(value)
        return pair.get(t.lang) or next((pair[c] for c in PARTS if pair.get(c)), "")
    return f.display(value, t) if value not in (None, "", []) else ""


def _filled(value) -> bool:
    if isinstance(value, dict):
        return any(_filled(v) for v in value.values())
    return bool((value or "").strip()) if isinstance(value, str) else bool(value)


def live_table(group: Group, f: Computed, t) -> dict | None:
    """Every answer a computed value can have, keyed by the ratings it is worked out from, so a
    small script (static/app.js) can show it as soon as they are chosen; None when it depends on
    anything else. Without JavaScript the value is worked out on save."""
    ratings = [r for r in group.fields if r.kind == "rating"]
    if not ratings or f.compute is None:
        return None
    first = {r.name: r.options[0][0] for r in ratings}
    inputs = [r for r in ratings if f.compute({**first, r.name: None}) is None]
    if not inputs or f.compute(first) is None:
        return None
    table = {}
    for combo in itertools.product(*[[option[0] for option in r.options] for r in inputs]):
        value = f.compute(dict(zip([r.name for r in inputs], combo, strict=True)))
        if value is None:
            return None
        colour = value.get("colour", "") if isinstance(value, dict) else ""
        table["|".join(map(str, combo))] = [f.display(value, t), colour]
    return {"inputs": [r.name for r in inputs], "table": table}


@dataclass
class RowSummary:
    index: int
    label: str
    cells: list[str]
    scores: list[tuple[str, str]]  # (text, colour) of each computed value
    errors: list[str] = field(default_factory=list)
    unfinished: bool = False


def summarise(group: Group, rows: list, page_errors: list, t, query: str = "") -> list[RowSummary]:
    """One summary per saved row (its number is its place in the saved list), filtered by
    ``query`` when searching."""
    out = []
    for i, raw in enumerate(rows[: group.max_rows]):  # a draft stored before rows were limited
        raw = raw if isinstance(raw, dict) else {}
        values, problems = parse_row(group, raw, i)
        finished = not parse_row(group, raw, i, level="final")[1]
        prefix = f"{group.name}[{i}]"
        texts = [e.text(t) for e in page_errors if e.path.startswith(prefix)]
        texts += [x for x in (e.text(t) for e in problems) if x not in texts]
        scores = []
        for f in (f for f in group.fields if isinstance(f, Computed)):  # one per column
            value = values.get(f.name)
            colour = value.get("colour", "") if isinstance(value, dict) else ""
            scores.append((f.display(value, t) if value is not None else "", colour))
        cells = [_cell(f, values.get(f.name), t) for f in columns(group)]
        label = t(group.row_label, num=i + 1)
        if query and query.casefold() not in " ".join([label, *cells]).casefold():
            continue
        out.append(RowSummary(i, label, cells, scores, texts, not finished))
    return out


def _row_context(record_id: int, group_name: str, index: int):
    record = access.get_record(current_user, record_id)
    if record.is_final:
        abort(redirect(url_for("records.view", record_id=record.id)))
    defn = definition(record.doc_type, record.doc_id)
    group = next((m for m in defn.members() if m.name == group_name), None)
    rows = list((record.data or {}).get(group_name) or []) if isinstance(group, Group) else []
    rows = rows[: group.max_rows] if rows else rows  # a draft stored before rows were limited
    if not 0 <= index < len(rows):
        abort(404)
    if request.method == "POST":
        if not current_user.can("editor"):
            abort(403)
        from .archive import release_stale_claim

        if record.status == "finalising" and not release_stale_claim(record):
            from .views import _busy

            abort(_busy(record.id))
    return record, defn, group, rows


def _back(record, group: Group, index: int):
    return url_for("records.edit", record_id=record.id, _anchor=f"{group.name}-{index}")


def _picks(record, group: Group) -> dict[str, list[str]]:
    """For each field with ``pick_from``: the values its source rows hold now, in their order."""
    picks = {}
    for f in group.fields:
        source = getattr(f, "pick_from", None)
        if source:
            rows_name, _, name = source.partition(".")
            rows = (record.data or {}).get(rows_name) or []
            values = [str(r.get(name)) for r in rows if isinstance(r, dict) and r.get(name)]
            picks[f.name] = list(dict.fromkeys(values))
    return picks


@bp.route("/records/<int:record_id>/rows/<group_name>/<int:index>", methods=["GET", "POST"])
def edit_row(record_id: int, group_name: str, index: int):
    record, defn, group, rows = _row_context(record_id, group_name, index)
    t, status, errors, saved = page_translator(), 200, [], None
    if request.method == "POST":
        form = make_row_form(defn, group, formdata=request.form)
        if not form.validate():  # only the CSRF token is checked here
            abort(400)
        typed = row_from_form(group, form)
        data = dict(record.data or {})
        data[group.name] = rows[:index] + [typed] + rows[index + 1 :]
        data, refused = within_limits(defn, data, record.data)
        record.data, record.updated_by_id, record.updated_at = data, current_user.id, now()
        log("save", record=record)
        db.session.commit()
        refused = [e for e in refused if e.path.startswith(f"{group.name}[{index}]")]
        paths = {e.path for e in refused}
        drafted = parse_row(group, data[group.name][index], index)[1]
        errors = refused + [e for e in drafted if e.path not in paths]
        for err in refused:
            err.row = (group.row_label, index + 1)
        if not errors:
            flash(saved_at())
            another = request.form.get("another", "")
            if another in {f.name for f in group.fields}:  # "Save and add another date"
                here = url_for(".edit_row", record_id=record.id, group_name=group.name, index=index)
                return redirect(f"{here}#{another}")
            return redirect(_back(record, group, index))
        saved, status = saved_at(), 400
    else:
        form = make_row_form(defn, group, row=rows[index])
        if request.args.get("check"):  # from a summary row with problems: every one, as final
            errors = parse_row(group, rows[index], index, level="final")[1]
    prefix = f"{group.name}[{index}]."
    for err in errors:  # beside its input: ``risks[1].impact`` is the row form's ``impact``
        sub = err.path[len(prefix) :] if err.path.startswith(prefix) else ""
        wf = form._fields.get(sub.partition(".")[0])
        if wf is not None:
            target = wf.form[sub.partition(".")[2] or PARTS[0]] if hasattr(wf, "form") else wf
            target.errors = [*list(target.errors or []), err.text(t)]
    shown = data[group.name][index] if request.method == "POST" else rows[index]
    values = parse_row(group, shown, index)[0]
    hidden = group.reveal[1] if group.reveal else ()
    revealed = bool(request.form.get("reveal")) or any(_filled(form[n].data) for n in hidden)
    return (
        render_template(
            "records/row.html",
            record=record,
            defn=defn,
            group=group,
            index=index,
            form=form,
            values=values,
            picks=_picks(record, group),
            saved=saved,
            revealed=revealed,
            live={f.name: live_table(group, f, t) for f in group.fields if isinstance(f, Computed)},
            back=_back(record, group, index),
            errors=[(input_id(e.path[len(prefix) :]), e.text(t)) for e in errors],
        ),
        status,
    )


@bp.route("/records/<int:record_id>/rows/<group_name>/<int:index>/remove", methods=["GET", "POST"])
def remove_row(record_id: int, group_name: str, index: int):
    """Removing a row asks first: a removed risk or resident cannot be brought back."""
    record, defn, group, rows = _row_context(record_id, group_name, index)
    form = FlaskForm()
    label = page_translator()(group.row_label, num=index + 1)
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        record.data = {**(record.data or {}), group.name: rows[:index] + rows[index + 1 :]}
        record.updated_by_id, record.updated_at = current_user.id, now()
        log("save", record=record, detail=f"remove:{group.name}:{index}")
        db.session.commit()
        flash(_("%(row)s removed.", row=label) + " " + saved_at())
        return redirect(url_for("records.edit", record_id=record.id, _anchor=group.name))
    summary = summarise(group, rows, [], page_translator())[index]
    return render_template(
        "records/remove_row.html",
        record=record,
        defn=defn,
        group=group,
        label=label,
        summary=summary,
        row_columns=columns(group),
        form=form,
        back=_back(record, group, index),
    )
