"""``dogfen remind``: each case lead gets one email a day listing what falls due in the next five
working days and what is overdue, in the lead's own language. Nothing is sent unless
DOGFEN_SMTP_URL names a server (smtp://user:password@host:port, or smtps:// for TLS from the
start; smtp:// upgrades with STARTTLS when the server offers it)."""

from __future__ import annotations

import datetime as dt
import smtplib
from email.message import EmailMessage
from urllib.parse import unquote, urlsplit

from flask import current_app, render_template
from flask_babel import force_locale, gettext
from sqlalchemy import select

from forms.i18n import Translator
from forms.process import get_policy
from forms.timescales import add_working_days

from ..core.extensions import db
from ..core.models import Case
from .deadlines import case_deadlines

HORIZON = 5  # working days ahead


def digests(today: dt.date | None = None) -> dict:
    """{lead: [deadlines]} for open cases: overdue, or due within the next 5 working days of
    the case's nation."""
    today = today or dt.date.today()
    out: dict = {}
    for case in db.session.scalars(select(Case).where(Case.status == "open").order_by(Case.id)):
        if case.created_by is None or not case.created_by.active:
            continue
        until = add_working_days(today, HORIZON, get_policy(case.policy).nation)
        for d in case_deadlines(case, today):
            if d.due and (d.status == "overdue" or (d.status == "due" and d.due <= until)):
                out.setdefault(case.created_by, []).append(d)
    return {lead: sorted(items, key=lambda d: d.due) for lead, items in out.items()}


def message(lead, items, sender: str) -> EmailMessage:
    lang = lead.language if lead.language in ("en", "cy") else "en"
    with force_locale(lang):
        body = render_template("process/remind.txt.j2", lead=lead, items=items, t=Translator(lang))
        subject = gettext("Dogfen: what is due in your case files")
    msg = EmailMessage()
    msg["Subject"], msg["From"], msg["To"] = subject, sender, lead.email
    msg.set_content(body)
    msg["Content-Language"] = lang  # after the content, which resets Content-* headers
    return msg


def _connect(url: str) -> smtplib.SMTP:
    parts = urlsplit(url)
    host, port = parts.hostname or "localhost", parts.port
    if parts.scheme == "smtps":
        smtp = smtplib.SMTP_SSL(host, port or 465, timeout=30)
    else:
        smtp = smtplib.SMTP(host, port or 25, timeout=30)
        smtp.ehlo()
        if smtp.has_extn("starttls"):
            smtp.starttls()
            smtp.ehlo()
    if parts.username:
        smtp.login(unquote(parts.username), unquote(parts.password or ""))
    return smtp


def send_reminders(today: dt.date | None = None) -> list[str]:
    """Send each lead's digest; returns the addresses written to (none without the setting)."""
    url = current_app.config.get("SMTP_URL") or ""
    if not url:
        return []
    from ..core.organisation import current

    sender = current_app.config.get("MAIL_FROM") or current().email or "dogfen@localhost"
    sent = []
    plan = digests(today)
    if not plan:
        return []
    with _connect(url) as smtp:
        for lead, items in plan.items():
            smtp.send_message(message(lead, items, sender))
            sent.append(lead.email)
    return sent
