"""``dogfen remind``: each lead's digest of overdue items and what is due in the next five
working days, in the lead's own language, sent through a real (local) SMTP server."""

from __future__ import annotations

import datetime as dt
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from click.testing import CliRunner
from sqlalchemy import select

from web.cli import main
from web.core.extensions import db
from web.core.models import CaseKeyDate, User
from web.process.remind import send_reminders

from .conftest import open_case, sign_in


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            (envelope.rcpt_tos, message_from_bytes(envelope.content, policy=policy.default))
        )
        return "250 OK"


@pytest.fixture
def smtp():
    import socket

    with socket.socket() as probe:  # a free port for this test's server
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, f"smtp://127.0.0.1:{port}"
    controller.stop()


def seed(app, client):
    today = dt.date.today()
    late = open_case(client, "escalating-concerns", provider="O'Brien & Sons <Ltd>", policy="NW")
    with app.app_context():
        db.session.add(CaseKeyDate(case_id=late, kind="pecg_meeting", on=today - dt.timedelta(30)))
        db.session.add(
            CaseKeyDate(case_id=late, kind="provider_meeting", on=today - dt.timedelta(3))
        )
        db.session.commit()
    return late


def test_digest_in_the_leads_language(app, client, smtp):
    inbox, url = smtp
    late = seed(app, client)
    client.get("/language/cy")  # the lead prefers Welsh
    admin_case = open_case(sign_in(app.test_client(), "admin"), provider="Dim byd")
    app.config["SMTP_URL"] = url
    with app.app_context(), app.test_request_context():
        sent = send_reminders()
    assert sent == ["editor@example.org"] and admin_case  # nothing due on the admin's case
    ((to, msg),) = inbox.messages
    assert to == ["editor@example.org"] and msg["Content-Language"] == "cy"
    body = msg.get_content()
    assert "Yn hwyr" in body and "O'Brien & Sons <Ltd>" in body  # plain text: not escaped
    assert "Rhannu’r cynllun gweithredu a’r trefniadau monitro" in body  # due in 4 days
    assert body.startswith("Helo Eleri Golygydd,")
    assert f"/cases/{late}" in body and "Dogfen" in msg["Subject"]


def test_english_lead_and_nothing_without_the_setting(app, client, smtp):
    inbox, url = smtp
    seed(app, client)
    with app.app_context(), app.test_request_context():
        assert send_reminders() == []  # no DOGFEN_SMTP_URL: nothing is sent
        lead = db.session.scalar(select(User).where(User.email == "editor@example.org"))
        assert lead.language == "en"
    app.config["SMTP_URL"] = url
    with app.app_context(), app.test_request_context():
        send_reminders()
    body = inbox.messages[0][1].get_content()
    assert "Overdue" in body and "NW 2.13" in body


def test_cli_says_nothing_is_sent_without_a_server(app, monkeypatch):
    monkeypatch.setattr("web.create_app", lambda: app)
    result = CliRunner().invoke(main, ["remind"])
    assert result.exit_code == 0 and "not set" in result.output
