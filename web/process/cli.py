"""``dogfen deadlines``: what is due and overdue across every open case, for cron and scripts.
Exits 1 when anything is overdue, so a scheduled run can alert."""

from __future__ import annotations

import json
import sys

import click


@click.command("deadlines")
@click.option("--overdue", is_flag=True, help="Only what is overdue.")
@click.option("--json", "as_json", is_flag=True, help="A JSON list of objects.")
def deadlines(overdue: bool, as_json: bool):
    """List due and overdue deadlines of open cases (exit status 1 when any is overdue)."""
    from sqlalchemy import select

    from .. import create_app
    from ..core.extensions import db
    from ..core.models import Case
    from .deadlines import open_deadlines

    with create_app().app_context():
        cases = db.session.scalars(select(Case).where(Case.status == "open").order_by(Case.id))
        items = open_deadlines(list(cases))
        rows = [
            {
                "case": d.case.id,
                "provider": d.case.provider,
                "what": str(d.what),
                "due": d.due.isoformat(),
                "status": d.status,
                "source": d.source,
            }
            for d in items
            if d.status == "overdue" or not overdue
        ]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for r in rows:
            click.echo(
                "\t".join(
                    str(r[k]) for k in ("due", "status", "case", "provider", "what", "source")
                )
            )
    sys.exit(1 if any(d.status == "overdue" for d in items) else 0)


@click.command("remind")
def remind():
    """Email each case lead what is overdue or due in 5 working days (needs DOGFEN_SMTP_URL)."""
    from .. import create_app
    from .remind import send_reminders

    app = create_app()
    if not app.config.get("SMTP_URL"):
        click.echo("DOGFEN_SMTP_URL is not set: no reminders sent")
        return
    with app.app_context(), app.test_request_context(base_url=app.config.get("BASE_URL") or None):
        sent = send_reminders()
    click.echo(f"sent {len(sent)} reminder(s)")
