"""A burst of wrong passwords sent at once gets no more guesses than the limit: each attempt is
counted before its password is checked. Runs on a SQLite file, and on PostgreSQL when
DOGFEN_TEST_DATABASE_URL is set (these tests use the ``app`` fixture, so they are ``db`` tests)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

import web.core.models
import web.core.passwords
from web.core.extensions import db
from web.core.models import SignInFailure

from .conftest import PASSWORD, make_app

BURST = 20


@pytest.fixture
def checks(monkeypatch):
    """Every password hash checked, real (a known email) or dummy (an unknown one)."""
    checked: list[str] = []
    for module in (web.core.models, web.core.passwords):
        real = module.check_password_hash

        def spy(hashed, password, real=real):
            checked.append(hashed)
            return real(hashed, password)

        monkeypatch.setattr(module, "check_password_hash", spy)
    return checked


def burst(app, post, n: int = BURST) -> list[int]:
    """``n`` requests at the same moment, each from a client (a browser) of its own."""
    start = threading.Barrier(n)

    def one(_):
        client = app.test_client()
        start.wait()
        return post(client).status_code

    with ThreadPoolExecutor(n) as pool:
        return list(pool.map(one, range(n)))


def guess(email: str, password: str = "a wrong guess"):
    return lambda client: client.post("/sign-in", data={"email": email, "password": password})


def failures(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(SignInFailure))


@pytest.mark.parametrize("email", ["editor@example.org", "nobody@example.org"])
def test_a_burst_of_guesses_checks_at_most_five_passwords(app, checks, email):
    statuses = burst(app, guess(email))
    assert len(checks) <= 5
    assert statuses.count(400) <= 4  # "not right"; the fifth wrong guess answers 429
    assert statuses.count(429) >= BURST - 4
    assert set(statuses) <= {400, 429}
    assert failures(app) == len(checks)  # refused attempts were taken back


def test_a_burst_then_more_guesses_get_five_in_all_then_even_the_right_password_waits(app, checks):
    """Attempts checked at the same moment all count, so a burst may check fewer than five (on
    PostgreSQL often none); guesses after it get the rest, and no more."""
    burst(app, guess("editor@example.org"))
    client = app.test_client()
    for _ in range(10):
        guess("editor@example.org")(client)
    assert len(checks) == 5
    r = guess("editor@example.org", PASSWORD)(client)
    assert r.status_code == 429 and "Too many failed attempts" in r.text
    assert len(checks) == 5


@pytest.mark.db
def test_a_burst_from_one_address_checks_at_most_its_limit(tmp_path, checks):
    app = make_app(tmp_path, SIGN_IN_MAX_ADDRESS_FAILURES=8)
    counter = iter(range(BURST))
    lock = threading.Lock()

    def post(client):
        with lock:
            n = next(counter)
        return guess(f"guess{n}@example.org")(client)

    try:
        statuses = burst(app, post)
        assert len(checks) <= 8
        assert statuses.count(429) >= BURST - 8
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def test_a_burst_of_right_passwords_leaves_no_lock(app, checks):
    """Attempts being checked at that moment count too, so of more than five at once some may be
    refused (never in real use: one person signs in once); nothing is left counted against the
    account, and signing in again works."""
    statuses = burst(app, guess("editor@example.org", PASSWORD), n=8)
    assert set(statuses) <= {302, 429}
    assert failures(app) == 0
    assert guess("editor@example.org", PASSWORD)(app.test_client()).status_code == 302


def test_guessing_the_current_password_at_once_is_limited(app, client, checks):
    cookie = client.get_cookie("session").value
    checks.clear()

    def post(other):
        other.set_cookie("session", cookie)
        new = "O'Brien & Sons <Ltd> ŵŷâ"
        data = {"current": "a wrong guess", "password": new, "confirm": new}
        return other.post("/account/password", data=data)

    statuses = burst(app, post, n=12)
    assert len(checks) <= 5
    assert statuses.count(400) == len(checks)  # "The current password is not right"
    assert statuses.count(429) == 12 - len(checks)
