"""The strategic figures page (NW 2.22), its CSV, and ``dogfen figures``. Counted only from
the cases the reader may see; the same numbers in either language."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys

import click
from flask import Response, render_template, request
from flask_login import current_user
from sqlalchemy import select

from forms.i18n import N_, Translator
from forms.process import KEY_DATES, SERVICE_TYPES

from ..core.access import visible_cases
from ..core.extensions import db
from ..core.i18n import page_translator
from ..core.models import Case
from .figures import Figures, compute
from .views import bp

NOT_RECORDED = N_("Type not recorded")


def _period(args) -> tuple[dt.date, dt.date]:
    today = dt.date.today()
    try:
        end = dt.date.fromisoformat(args.get("to") or "")
    except ValueError:
        end = today
    try:
        start = dt.date.fromisoformat(args.get("from") or "")
    except ValueError:
        start = end - dt.timedelta(days=365)
    return (start, end) if start <= end else (end, start)


def type_label(key: str, t) -> str:
    return t(SERVICE_TYPES.get(key, NOT_RECORDED)) if key else t(NOT_RECORDED)


def rows(fig: Figures, t) -> list[tuple[str, str, object]]:
    """(section, label, value) for the CSV and the command line, in ``t``'s language."""
    out = [
        (
            t(N_("Summary")),
            t(N_("Services that met the escalating concerns threshold")),
            fig.threshold,
        ),
        (t(N_("Summary")), t(N_("Processes concluded")), len(fig.processes)),
        (t(N_("Summary")), t(N_("Mean length of a process (days)")), fig.mean_days),
        (t(N_("Summary")), t(N_("Median length of a process (days)")), fig.median_days),
        (t(N_("Summary")), t(N_("Services with embargoes or conditions")), fig.embargo_services),
        (t(N_("Summary")), t(N_("Vacant beds affected by embargoes")), fig.vacant_beds),
        (t(N_("Summary")), t(N_("Closures")), fig.closures),
    ]
    out += [
        (t(N_("Embargoes by type of service")), type_label(k, t), n)
        for k, n in fig.embargoes.items()
    ]
    out += [(t(N_("Key themes")), theme, n) for theme, n in fig.themes]
    out += [(t(N_("Actions taken")), t(KEY_DATES[k].label), n) for k, n in fig.actions.items()]
    out += [
        (t(N_("Length of each process (days)")), f"{p.provider} ({p.start} – {p.end})", p.days)
        for p in fig.processes
    ]
    return out


def _visible_cases():
    return db.session.scalars(visible_cases(current_user).order_by(Case.id)).all()


@bp.get("/figures")
def figures():
    start, end = _period(request.args)
    fig = compute(_visible_cases(), start, end)
    t = page_translator()
    if request.args.get("format") == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow([t(N_("Section")), t(N_("Figure")), t(N_("Value"))])
        for section, label, value in rows(fig, t):
            writer.writerow([section, _safe(label), "" if value is None else value])
        return Response(
            "\ufeff" + out.getvalue(),
            mimetype="text/csv",
            headers={"Content-Disposition": f"attachment; filename=figures-{start}-{end}.csv"},
        )
    bars = [(type_label(k, t), n) for k, n in fig.embargoes.items()]
    return render_template(
        "process/figures.html",
        fig=fig,
        start=start,
        end=end,
        bars=bars,
        widest=max([n for _, n in bars] or [1]),
    )


def _safe(text: str) -> str:
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@click.command("figures")
@click.option("--from", "start", required=True, type=click.DateTime(["%Y-%m-%d"]))
@click.option("--to", "end", required=True, type=click.DateTime(["%Y-%m-%d"]))
@click.option("--json", "as_json", is_flag=True)
@click.option("--csv", "as_csv", is_flag=True)
def figures_command(start, end, as_json, as_csv):
    """Strategic JIMP figures (NW 2.22) for a period, from every case."""
    from .. import create_app

    with create_app().app_context():
        fig = compute(
            db.session.scalars(select(Case).order_by(Case.id)).all(), start.date(), end.date()
        )
    if as_json:
        click.echo(json.dumps(fig.to_dict(), ensure_ascii=False, indent=2, default=str))
        return
    t = Translator("en")
    if as_csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(["section", "figure", "value"])
        for row in rows(fig, t):
            writer.writerow(["" if v is None else v for v in row])
        return
    for section, label, value in rows(fig, t):
        click.echo(f"{section}\t{label}\t{'' if value is None else value}")
