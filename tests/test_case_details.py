"""A case's details can be corrected by an editor on its team; the old and new values are
audited, and text survives exactly as typed."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from web.core.extensions import db
from web.core.models import AuditEvent, Case

from .conftest import add_member, sign_in

NEW = {
    "provider": "Cartref “Hapus” & Co <Cyf>",
    "service": "Tŷ Gwyn",
    "provider_address": "2 Ffordd ŵ ŷ â\nAberaeron",
    "case_process": "escalating-concerns",
    "opened_on": "2026-04-01",
}


def test_an_editor_corrects_the_case_details(app, client, case_id):
    page = client.get(f"/cases/{case_id}")
    assert f'href="/cases/{case_id}/edit"' in page.text
    form = client.get(f"/cases/{case_id}/edit")
    assert form.status_code == 200 and "Change case details" in form.text
    assert "O&#39;Brien &amp; Sons &lt;Ltd&gt;" in form.text  # the current values, escaped
    r = client.post(f"/cases/{case_id}/edit", data=NEW)
    assert r.status_code == 302 and r.location.endswith(f"/cases/{case_id}")
    with app.app_context():
        case = db.session.get(Case, case_id)
        assert (case.provider, case.service, case.provider_address) == (
            NEW["provider"],
            NEW["service"],
            NEW["provider_address"],
        )
        assert (case.process, case.opened_on) == ("escalating-concerns", dt.date(2026, 4, 1))
        [detail] = db.session.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == "update-case")
        ).all()
    assert detail == (
        'provider: "O\'Brien & Sons <Ltd>" -> "Cartref “Hapus” & Co <Cyf>"; '
        'service: "Tŷ Gwyn Care Home" -> "Tŷ Gwyn"; '
        'provider_address: "1 Heol y Parc\\nLlandeilo" -> "2 Ffordd ŵ ŷ â\\nAberaeron"; '
        'process: "provider-performance" -> "escalating-concerns"; '
        'opened_on: "2026-03-02" -> "2026-04-01"'
    )
    page = client.get(f"/cases/{case_id}").text
    assert "Cartref “Hapus” &amp; Co &lt;Cyf&gt;" in page and "Case details changed" in page


def test_unchanged_details_are_not_audited(app, client, case_id):
    same = {**NEW, "provider": "O'Brien & Sons <Ltd>", "service": "Tŷ Gwyn Care Home"}
    same.update(
        provider_address="1 Heol y Parc\nLlandeilo",
        case_process="provider-performance",
        opened_on="2026-03-02",
    )
    assert client.post(f"/cases/{case_id}/edit", data=same).status_code == 302
    with app.app_context():
        assert not db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "update-case")
        ).all()


def test_case_details_are_validated(app, client, case_id):
    r = client.post(f"/cases/{case_id}/edit", data={**NEW, "provider": ""})
    assert r.status_code == 400 and "Enter the provider" in r.text
    r = client.post(f"/cases/{case_id}/edit", data={**NEW, "provider": "x" * 301})
    assert r.status_code == 400
    with app.app_context():
        assert db.session.get(Case, case_id).provider == "O'Brien & Sons <Ltd>"


def test_only_editors_on_the_team_change_details(app, client, case_id):
    viewer = sign_in(app.test_client(), "viewer")
    assert viewer.post(f"/cases/{case_id}/edit", data=NEW).status_code == 404
    add_member(app, case_id, "viewer")
    assert viewer.get(f"/cases/{case_id}/edit").status_code == 403
    assert viewer.post(f"/cases/{case_id}/edit", data=NEW).status_code == 403
    assert "/edit" not in viewer.get(f"/cases/{case_id}").text.split("Date opened")[1][:400]
    with app.app_context():
        assert db.session.get(Case, case_id).provider == "O'Brien & Sons <Ltd>"


def test_case_details_in_welsh(app, client, case_id):
    client.get("/language/cy")
    page = client.get(f"/cases/{case_id}/edit").text
    assert "Change case details" not in page and "Save changes" not in page
