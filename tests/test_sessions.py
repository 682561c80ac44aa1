"""Sessions end on the server: sign-out, idle and absolute timeouts, a new password and
deactivation each stop a session cookie working, wherever it was copied to. Sign-in is limited
per email and per address, and costs the same for unknown emails."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

import web.core.passwords
from web.core import sessions, sign_in_limits
from web.core.extensions import db
from web.core.models import AuditEvent, SignInFailure, User

from .conftest import PASSWORD, make_app, sign_in


def copy_session(app, client):
    """A second browser holding the first one's session cookie."""
    other = app.test_client()
    other.set_cookie("session", client.get_cookie("session").value)
    return other


def signed_in(client) -> bool:
    r = client.get("/")
    assert r.status_code in (200, 302), r.status_code
    return r.status_code == 200


def actions(app) -> list[tuple[str, str]]:
    with app.app_context():
        return [(e.action, e.detail) for e in db.session.scalars(select(AuditEvent))]


class Clock:
    """Replaces the clocks of sessions and sign-in limits; ``advance`` moves both on."""

    def __init__(self, monkeypatch):
        self.t = 1_800_000_000.0
        monkeypatch.setattr(sessions, "clock", lambda: self.t)
        monkeypatch.setattr(
            sign_in_limits,
            "clock",
            lambda: dt.datetime.fromtimestamp(self.t, dt.UTC).replace(tzinfo=None),
        )

    def advance(self, minutes: float) -> None:
        self.t += minutes * 60


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


def test_a_copied_cookie_stops_working_after_sign_out(app, client):
    thief = copy_session(app, client)
    assert signed_in(thief)
    assert client.post("/sign-out").status_code == 302
    assert not signed_in(thief)
    assert not signed_in(client)
    assert ("sign-out", "") in actions(app)


def test_signing_in_again_after_sign_out_works(app, client):
    client.post("/sign-out")
    sign_in(client)
    assert signed_in(client)


def test_idle_timeout_ends_the_session_with_a_message(app, clock):
    client = sign_in(app.test_client())
    for _ in range(4):  # used every 29 minutes: stays signed in for two hours
        clock.advance(29)
        assert signed_in(client)
    clock.advance(31)
    r = client.get("/")
    assert r.status_code == 302 and "/sign-in" in r.location
    page = client.get(r.location).text
    assert "You were signed out because you had not used Dogfen for a while" in page
    clock.advance(1)
    assert not signed_in(client)
    assert ("session-expired", "idle") in actions(app)


def test_idle_message_in_welsh(app, clock):
    client = sign_in(app.test_client())
    client.get("/language/cy")
    clock.advance(31)
    r = client.get("/", follow_redirects=True)
    assert "Cafodd eich allgofnodi" in r.text
    assert "You were signed out" not in r.text


def test_absolute_lifetime_ends_even_a_busy_session(app, clock):
    client = sign_in(app.test_client())
    for _ in range(12 * 3 - 1):  # every 20 minutes for 11 hours 40 minutes
        clock.advance(20)
        assert signed_in(client)
    clock.advance(21)
    r = client.get("/cases/new")
    assert r.status_code == 302 and "next=/cases/new" in r.location
    assert "Your session has ended" in client.get(r.location).text
    assert ("session-expired", "lifetime") in actions(app)


def test_timeouts_come_from_the_environment(tmp_path, monkeypatch, clock):
    monkeypatch.setenv("DOGFEN_IDLE_MINUTES", "5")
    monkeypatch.setenv("DOGFEN_SESSION_HOURS", "1")
    app = make_app(tmp_path)
    assert (app.config["IDLE_MINUTES"], app.config["SESSION_HOURS"]) == (5, 1)
    client = sign_in(app.test_client())
    clock.advance(4)
    assert signed_in(client)
    clock.advance(6)
    assert not signed_in(client)


def test_a_session_without_its_clocks_is_refused(app, client):
    with client.session_transaction() as s:
        del s["signed_in_at"]
    assert not signed_in(client)


def test_an_old_style_session_id_is_refused(app, client):
    with app.app_context():
        uid = db.session.scalar(select(User.id).where(User.email == "editor@example.org"))
    with client.session_transaction() as s:
        s["_user_id"] = str(uid)
    assert not signed_in(client)


def test_changing_the_password_ends_the_other_sessions(app, client):
    other = sign_in(app.test_client())
    thief = copy_session(app, client)
    new = "a new and longer passphrase"
    r = client.post(
        "/account/password", data={"current": PASSWORD, "password": new, "confirm": new}
    )
    assert r.status_code == 302
    assert signed_in(client)
    assert not signed_in(other)
    assert not signed_in(thief)
    r = other.post("/sign-in", data={"email": "editor@example.org", "password": new})
    assert r.status_code == 302
    assert ("change-password", "") in actions(app)


def test_deactivation_ends_the_users_sessions(app, client):
    admin = sign_in(app.test_client(), "admin")
    with app.app_context():
        uid = db.session.scalar(select(User.id).where(User.email == "editor@example.org"))
    assert admin.post(f"/admin/users/{uid}/deactivate").status_code == 302
    assert not signed_in(client)
    r = client.post("/sign-in", data={"email": "editor@example.org", "password": PASSWORD})
    assert r.status_code == 400


def fail(client, email="editor@example.org", password="wrong password"):
    return client.post("/sign-in", data={"email": email, "password": password})


def test_five_failures_lock_the_account_even_for_the_right_password(app, clock):
    client = app.test_client()
    for _ in range(4):
        assert fail(client).status_code == 400
    r = fail(client)
    assert r.status_code == 429
    assert "Too many failed attempts to sign in. Wait 15 minutes" in r.text
    r = fail(client, password=PASSWORD)
    assert r.status_code == 429
    assert "Too many failed attempts" in r.text
    assert not signed_in(client)
    # Other accounts from elsewhere are not affected
    assert fail(app.test_client(), "viewer@example.org", PASSWORD).status_code == 302
    clock.advance(16)
    assert fail(client, password=PASSWORD).status_code == 302
    events = actions(app)
    assert ("sign-in-failed", "editor@example.org") in events
    assert ("sign-in-locked", "editor@example.org") in events
    assert ("sign-in-failed", "editor@example.org (locked)") in events
    assert not any(PASSWORD in detail or "wrong password" in detail for _, detail in events)


def test_the_lock_message_is_in_welsh(app):
    client = app.test_client()
    client.get("/language/cy")
    for _ in range(5):
        r = fail(client)
    assert r.status_code == 429
    assert "Gormod o ymdrechion" in r.text


def test_unknown_emails_lock_the_same_way(app):
    client = app.test_client()
    for _ in range(5):
        r = fail(client, "nobody@example.org")
    assert r.status_code == 429
    assert "Too many failed attempts to sign in. Wait 15 minutes" in r.text


def test_one_address_is_limited_across_emails(tmp_path):
    app = make_app(tmp_path, SIGN_IN_MAX_ADDRESS_FAILURES=3)
    client = app.test_client()
    for n in range(3):
        fail(client, f"guess{n}@example.org")
    assert fail(client, "editor@example.org", PASSWORD).status_code == 429
    elsewhere = app.test_client()
    r = elsewhere.post(
        "/sign-in",
        data={"email": "editor@example.org", "password": PASSWORD},
        environ_base={"REMOTE_ADDR": "192.0.2.7"},
    )
    assert r.status_code == 302


def test_signing_in_successfully_is_never_limited(app):
    client = app.test_client()
    for _ in range(12):
        sign_in(client)
        client.post("/sign-out")
    with app.app_context():
        assert db.session.scalar(select(db.func.count()).select_from(SignInFailure)) == 0


def test_the_right_password_clears_earlier_failures(app):
    client = app.test_client()
    for _ in range(4):
        fail(client)
    sign_in(client)
    client.post("/sign-out")
    for _ in range(4):
        assert fail(client).status_code == 400


def test_unknown_emails_check_a_dummy_hash(app, monkeypatch):
    calls = []
    real = web.core.passwords.check_password_hash

    def spy(hashed, password):
        calls.append(hashed)
        return real(hashed, password)

    monkeypatch.setattr(web.core.passwords, "check_password_hash", spy)
    assert fail(app.test_client(), "nobody@example.org").status_code == 400
    assert calls == [web.core.passwords._dummy_hash()]
    with app.app_context():
        real_hash = db.session.scalar(select(User.password_hash).limit(1))
    assert calls[0].split("$")[0] == real_hash.split("$")[0]  # same method and cost
    calls.clear()
    assert fail(app.test_client()).status_code == 400
    assert calls == []  # a known email checks its own hash


def test_odd_emails_are_refused_not_a_server_error(app):
    for email in ("a\x00b@example.org", "x" * 5000 + "@example.org", "ŵ\u202e@example.org"):
        assert fail(app.test_client(), email).status_code == 400
