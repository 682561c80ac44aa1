"""Saves and page views from several ``dogfen serve`` processes at once: on SQLite they queue for
its one writer (WAL, a busy timeout, short transactions, page views behind an OS lock) and none
fails with "database is locked"; every save lands, in order, and every view is audited."""

from __future__ import annotations

import re
import signal
import threading
import urllib.parse
import urllib.request

import pytest
from sqlalchemy import func, select

from .conftest import make_app, open_case, sign_in
from .test_serve import server_log, start_server

pytestmark = [pytest.mark.slow, pytest.mark.db]
THREADS, SAVES = 6, 8


class Browser:
    """One person's browser: keeps the session cookie the server sends back (the CSRF secret
    lives in the session) and does not follow redirects."""

    def __init__(self, cookie: str):
        self.cookies = dict(part.split("=", 1) for part in cookie.split("; "))
        self.opener = urllib.request.build_opener(NoRedirect)

    def open(self, url: str, data: dict | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, body)
        request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        try:
            response = self.opener.open(request, timeout=60)
        except urllib.error.HTTPError as exc:
            response = exc
        for header in response.headers.get_all("Set-Cookie") or []:
            name, value = header.split(";", 1)[0].split("=", 1)
            self.cookies[name] = value
        return response.status, response.read().decode(errors="replace")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_saves_and_views_from_three_processes_all_land(tmp_path):
    from web.core.extensions import db
    from web.core.models import AuditEvent, Record

    app = make_app(tmp_path)
    client = sign_in(app.test_client())
    case_id = open_case(client)
    drafts = []
    for _ in range(THREADS):
        r = client.post(
            f"/cases/{case_id}/records", data={"doc_type": "form", "doc_id": "cm-action-plan"}
        )
        drafts.append(int(re.search(r"/records/(\d+)", r.location).group(1)))
    cookie = "; ".join(f"{c.key}={c.value}" for c in client._cookies.values())
    server, base = start_server(tmp_path, app, "--workers", "3", SECRET_KEY="test")
    problems: list[str] = []

    def work(record_id: int) -> None:
        browser = Browser(cookie)
        for n in range(SAVES):
            status, page = browser.open(f"{base}/records/{record_id}/edit")
            if status != 200:
                problems.append(f"view {record_id}: {status}")
                continue
            token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
            status, _ = browser.open(
                f"{base}/records/{record_id}/edit",
                {
                    "csrf_token": token,
                    "provider": f"O'Brien & Sons <Ltd> {record_id}-{n}",
                    "action": "save",
                },
            )
            if status not in (302, 400):  # 400: saved, with the form's own problems listed
                problems.append(f"save {record_id}/{n}: {status}")

    threads = [threading.Thread(target=work, args=(rid,)) for rid in drafts]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(300)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    log = server_log(tmp_path)
    assert problems == [], (problems, log[-3000:])
    assert "database is locked" not in log
    with app.app_context():
        for rid in drafts:
            record = db.session.get(Record, rid)
            assert record.data["provider"] == f"O'Brien & Sons <Ltd> {rid}-{SAVES - 1}"
        views = db.session.scalar(
            select(func.count(AuditEvent.id)).where(
                AuditEvent.action == "view", AuditEvent.record_id.in_(drafts)
            )
        )
        saves = db.session.scalar(
            select(func.count(AuditEvent.id)).where(
                AuditEvent.action == "save", AuditEvent.record_id.in_(drafts)
            )
        )
    assert views >= THREADS * SAVES and saves == THREADS * SAVES
