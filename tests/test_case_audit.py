"""The per-case audit page: filtered by person, action and date, paginated; the case page shows
only the latest entries; outsiders get 404."""

from __future__ import annotations

import re

from .conftest import add_member, sign_in


def rows(response) -> int:
    body = response.text.split("<tbody", 1)[1]
    return len(re.findall(r'<tr class="govuk-table__row">', body))


def test_filters_and_pages(app, client, case_id):
    for day in range(1, 8):
        client.post(
            f"/cases/{case_id}/dates/new", data={"kind": "ec_decision", "on": f"2026-03-0{day}"}
        )
    admin = sign_in(app.test_client(), "admin")
    admin.get(f"/cases/{case_id}")  # an admin outside the team: audited
    page = client.get(f"/cases/{case_id}/audit")
    assert page.status_code == 200 and "Ada Admin" in page.text and "Date corrected" in page.text
    corrected = client.get(f"/cases/{case_id}/audit?action=correct-key-date")
    assert rows(corrected) == 6 and "6 entries" in corrected.text
    assert "ec_decision: 2026-03-06 -&gt; 2026-03-07" in corrected.text
    from sqlalchemy import select

    from web.core.extensions import db
    from web.core.models import User

    with app.app_context():
        ada = db.session.scalar(select(User.id).where(User.name == "Ada Admin"))
    by_admin = client.get(f"/cases/{case_id}/audit?user={ada}")
    assert "Ada Admin" in by_admin.text and "Eleri Golygydd" not in by_admin.text.split("<tbody")[1]
    assert rows(client.get(f"/cases/{case_id}/audit?from=2000-01-01&to=2000-01-02")) == 0
    assert client.get(f"/cases/{case_id}/audit?from=nonsense&page=x").status_code == 200


def test_case_page_shows_the_latest_few(app, client, case_id):
    from web.cases.views import LATEST_EVENTS

    for _ in range(LATEST_EVENTS + 3):
        client.get(f"/cases/{case_id}")
    page = client.get(f"/cases/{case_id}").text
    log = page.split('id="audit"' if 'id="audit"' in page else "Audit log</h2>", 1)[1]
    assert rows_in(log) == LATEST_EVENTS and f"/cases/{case_id}/audit" in page


def rows_in(html: str) -> int:
    return len(re.findall(r'<tr class="govuk-table__row">', html.split("<tbody", 1)[1]))


def test_outsiders_get_404_and_welsh_labels(app, client, case_id):
    viewer = sign_in(app.test_client(), "viewer")
    assert viewer.get(f"/cases/{case_id}/audit").status_code == 404
    add_member(app, case_id, "viewer")
    viewer.get("/language/cy")
    page = viewer.get(f"/cases/{case_id}/audit").text
    assert "Log archwilio" in page


def test_pages_of_the_log(app, client, case_id, monkeypatch):
    monkeypatch.setattr("web.process.audit_page.PER_PAGE", 3)
    for _ in range(4):
        client.get(f"/cases/{case_id}")
    first, last = (
        client.get(f"/cases/{case_id}/audit"),
        client.get(f"/cases/{case_id}/audit?page=2"),
    )
    assert rows(first) == 3 and rows(last) == 2  # opened + 4 views = 5 entries
    assert 'aria-current="page"' in last.text and "5 entries" in first.text
