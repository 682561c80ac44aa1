"""Shared fixtures: an app on a fresh database (SQLite, or PostgreSQL when
DOGFEN_TEST_DATABASE_URL is set), signed-in clients for each role."""

from __future__ import annotations

import os
import re

import pytest
from flask_migrate import upgrade
from sqlalchemy import select, text

from web import create_app
from web.admin.setup import add_user
from web.core.extensions import db

PASSWORD = "correct horse battery staple"


def _reset_postgres(url: str) -> None:
    from sqlalchemy import create_engine

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def make_app(tmp_path, **config):
    url = os.environ.get("DOGFEN_TEST_DATABASE_URL")
    if url:
        url = url.replace("postgresql://", "postgresql+psycopg://", 1)
        _reset_postgres(url)
    else:
        url = f"sqlite:///{tmp_path / 'test.sqlite3'}"
    settings = {
        "TESTING": True,
        "SECRET_KEY": "test",
        "SQLALCHEMY_DATABASE_URI": url,
        "WTF_CSRF_ENABLED": False,
        "REDIS_URL": "",
    }
    settings.update(config)
    app = create_app(settings)
    with app.app_context():
        upgrade()
        add_user("admin@example.org", "Ada Admin", "admin", PASSWORD)
        add_user("editor@example.org", "Eleri Golygydd", "editor", PASSWORD)
        add_user("viewer@example.org", "Vic Viewer", "viewer", PASSWORD)
    return app


def pytest_collection_modifyitems(items):
    """Tests that use the database are marked ``db``: CI runs them again on PostgreSQL."""
    for item in items:
        if "app" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.db)


@pytest.fixture
def app(tmp_path):
    app = make_app(tmp_path)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def sign_in(client, who: str = "editor"):
    response = client.post("/sign-in", data={"email": f"{who}@example.org", "password": PASSWORD})
    assert response.status_code == 302, response.data[:500]
    return client


@pytest.fixture
def client(app):
    return sign_in(app.test_client())


def open_case(client, process: str = "provider-performance", **fields) -> int:
    """Open a case file through the web page and return its id."""
    data = {
        "provider": "O'Brien & Sons <Ltd>",
        "service": "Tŷ Gwyn Care Home",
        "provider_address": "1 Heol y Parc\nLlandeilo",
        "case_process": process,
        "opened_on": "2026-03-02",
        **fields,
    }
    response = client.post("/cases/new", data=data)
    assert response.status_code == 302, response.data[:2000]
    return int(re.search(r"/cases/(\d+)", response.location).group(1))


def add_member(app, case_id: int, who: str = "viewer") -> None:
    """Put ``who`` on the case's team: others but the lead and admins get 404."""
    from web.core.models import Case, CaseMember, User

    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == f"{who}@example.org"))
        case = db.session.get(Case, case_id)
        if user.id not in {m.user_id for m in case.members}:
            case.members.append(CaseMember(user_id=user.id, added_by_id=case.created_by_id))
            db.session.commit()


@pytest.fixture
def case_id(app, client) -> int:
    return open_case(client)
