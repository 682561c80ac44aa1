"""Accounts: admins change roles, deactivate, reactivate and set passwords; users change their
own; one password policy for web and command line; the first user's password is shown once and
kept nowhere; private files; Secure cookies, HSTS and no-store downloads."""

from __future__ import annotations

import hashlib
import re
import stat

import pytest
from click.testing import CliRunner
from sqlalchemy import select

import web.cli
from web import create_app
from web.cli import main
from web.core.extensions import db
from web.core.models import AuditEvent, Record, StoredFile, User
from web.core.passwords import password_problem

from .conftest import PASSWORD, make_app, sign_in

NEW = "a brand new passphrase"


def user_id(app, who: str) -> int:
    with app.app_context():
        return db.session.scalar(select(User.id).where(User.email == f"{who}@example.org"))


def events(app, action: str) -> list[str]:
    with app.app_context():
        query = select(AuditEvent.detail).where(AuditEvent.action == action)
        return list(db.session.scalars(query))


@pytest.fixture
def admin(app):
    return sign_in(app.test_client(), "admin")


def test_users_page_links_each_user(app, admin):
    page = admin.get("/admin/users").text
    assert f'href="/admin/users/{user_id(app, "editor")}"' in page
    assert "Active" in page


def test_admin_changes_a_role(app, admin, client):
    assert client.get("/cases/new").status_code == 200
    uid = user_id(app, "editor")
    r = admin.post(f"/admin/users/{uid}/role", data={"role": "viewer"})
    assert r.status_code == 302
    assert client.get("/cases/new").status_code == 403
    assert events(app, "change-role") == ["editor@example.org: editor → viewer"]


def test_admin_deactivates_and_reactivates(app, admin):
    uid = user_id(app, "editor")
    assert admin.post(f"/admin/users/{uid}/deactivate").status_code == 302
    assert "Deactivated" in admin.get("/admin/users").text
    refused = app.test_client().post(
        "/sign-in", data={"email": "editor@example.org", "password": PASSWORD}
    )
    assert refused.status_code == 400
    assert admin.post(f"/admin/users/{uid}/reactivate").status_code == 302
    sign_in(app.test_client())
    assert events(app, "deactivate-user") == ["editor@example.org"]
    assert events(app, "reactivate-user") == ["editor@example.org"]


def test_an_admin_cannot_deactivate_themselves(app, admin):
    r = admin.post(f"/admin/users/{user_id(app, 'admin')}/deactivate")
    assert r.status_code == 400
    assert "You cannot deactivate your own account" in r.text
    assert admin.get("/admin/users").status_code == 200


def test_the_last_admin_cannot_be_demoted(app, admin):
    uid = user_id(app, "admin")
    r = admin.post(f"/admin/users/{uid}/role", data={"role": "editor"})
    assert r.status_code == 400
    assert "at least one active administrator" in r.text
    admin.post(f"/admin/users/{user_id(app, 'editor')}/role", data={"role": "admin"})
    r = admin.post(f"/admin/users/{uid}/role", data={"role": "editor"})
    assert r.status_code == 302 and r.location == "/"
    assert admin.get("/admin/users").status_code == 403


def test_the_last_admin_message_in_welsh(app, admin):
    admin.get("/language/cy")
    r = admin.post(f"/admin/users/{user_id(app, 'admin')}/role", data={"role": "viewer"})
    assert "Mae angen o leiaf un gweinyddwr gweithredol" in r.text


def test_admin_sets_a_new_password(app, admin, client):
    uid = user_id(app, "editor")
    r = admin.post(f"/admin/users/{uid}/password", data={"password": "short"})
    assert r.status_code == 400 and "Use at least 12 characters for the password" in r.text
    r = admin.post(f"/admin/users/{uid}/password", data={"password": "editor@example.org"})
    assert r.status_code == 400 and "must not be the email address" in r.text
    assert admin.post(f"/admin/users/{uid}/password", data={"password": NEW}).status_code == 302
    assert client.get("/").status_code == 302  # the user's sessions ended
    r = app.test_client().post("/sign-in", data={"email": "editor@example.org", "password": NEW})
    assert r.status_code == 302
    assert events(app, "reset-password") == ["editor@example.org"]


def test_account_pages_are_for_admins_only(app, client):
    uid = user_id(app, "viewer")
    assert client.get(f"/admin/users/{uid}").status_code == 403
    for action, data in (("role", {"role": "admin"}), ("deactivate", {}), ("password", {})):
        assert client.post(f"/admin/users/{uid}/{action}", data=data).status_code == 403
    with app.app_context():
        assert db.session.get(User, uid).role == "viewer"


def test_an_unknown_user_is_404(admin):
    assert admin.get("/admin/users/999999").status_code == 404


def test_adding_a_user_applies_the_policy(app, admin):
    data = {"name": "N", "email": "new@example.org", "role": "editor"}
    data["password"] = "passwordpassword"
    r = admin.post("/admin/users", data=data)
    assert r.status_code == 400 and "too easy to guess" in r.text


def change(client, current=PASSWORD, new=NEW, confirm=None):
    data = {"current": current, "password": new, "confirm": confirm or new}
    return client.post("/account/password", data=data)


def test_users_change_their_own_password(app, client):
    assert "/account/password" in client.get("/").text
    assert client.get("/account/password").status_code == 200
    r = change(client, current="not my password")
    assert r.status_code == 400 and "The current password is not right" in r.text
    r = change(client, confirm="something else entirely")
    assert r.status_code == 400 and "The two new passwords are not the same" in r.text
    r = change(client, new="tiny")
    assert r.status_code == 400 and "Use at least 12 characters" in r.text
    assert change(client).status_code == 302
    assert client.get("/").status_code == 200
    assert events(app, "change-password") == [""]
    assert events(app, "change-password-failed") == [""]


def test_guessing_the_current_password_is_limited(app, client):
    for _ in range(5):
        change(client, current="a wrong guess")
    r = change(client)
    assert r.status_code == 429 and "Too many failed attempts" in r.text
    with app.app_context():
        user = db.session.get(User, user_id(app, "editor"))
        assert user.check_password(PASSWORD)


def test_change_password_page_in_welsh(client):
    client.get("/language/cy")
    assert "Newid eich cyfrinair" in client.get("/account/password").text


@pytest.mark.parametrize(
    "password, ok",
    [
        ("x", False),
        ("elevenchars", False),
        ("aaaaaaaaaaaaaaaa", False),
        ("Password1234", False),
        ("qwerty123456", False),
        ("someone@example.org", False),
        ("Someone", False),
        ("x" * 201, False),
        ("correct horse battery staple", True),
        ("O'Brien & Sons <Ltd> ŵŷâ", True),
    ],
)
def test_password_policy(password, ok):
    email = "someone@example.org" if password != "Someone" else "someone"
    assert (password_problem(password, email) is None) == ok


# --- the command line and setup -------------------------------------------------------------


@pytest.fixture
def cli_app(tmp_path, monkeypatch):
    """``dogfen`` commands against a fresh SQLite database in an instance folder of their own."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    instance = tmp_path / "instance"
    monkeypatch.setattr(
        web.cli, "_app", lambda: create_app({"INSTANCE_PATH": str(instance), "SECRET_KEY": "t"})
    )
    return instance


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_create_user_refuses_a_short_password(cli_app):
    assert run("setup", "--no-demo").exit_code == 0
    result = run("create-user", "--email", "a@example.org", "--name", "A", "--password", "x")
    assert result.exit_code == 2
    assert "Use at least 12 characters" in result.output
    result = run("create-user", "--email", "a@example.org", "--name", "A", "--password", NEW)
    assert result.exit_code == 0, result.output


def test_first_user_password_is_shown_once_and_kept_nowhere(cli_app):
    (cli_app).mkdir(mode=0o755)
    (cli_app / "first-user.txt").write_text("admin@example.org\nold clear password\n")
    first = run("setup", "--demo")
    assert first.exit_code == 0, first.output
    password = first.output.split("with password ")[1].split()[0]
    assert "removed" in first.output and not (cli_app / "first-user.txt").exists()
    for path in cli_app.rglob("*"):
        assert password.encode() not in path.read_bytes(), path
    second = run("setup", "--demo")
    assert second.exit_code == 0
    assert password not in second.output
    assert "dogfen set-password --email admin@example.org" in second.output
    assert stat.S_IMODE(cli_app.stat().st_mode) == 0o700  # tightened by setup
    with web.cli._app().app_context():
        admin = db.session.scalar(select(User).where(User.email == "admin@example.org"))
        assert admin.check_password(password)


def test_set_password_applies_the_policy(cli_app):
    run("setup", "--demo")
    result = run("set-password", "--email", "admin@example.org", "--password", "short")
    assert result.exit_code == 2 and "Use at least 12 characters" in result.output
    result = run("set-password", "--email", "nobody@example.org", "--password", NEW)
    assert result.exit_code == 2 and "no user" in result.output
    result = run("set-password", "--email", "admin@example.org", "--password", NEW)
    assert result.exit_code == 0, result.output
    with web.cli._app().app_context():
        admin = db.session.scalar(select(User).where(User.email == "admin@example.org"))
        assert admin.check_password(NEW)


def test_instance_folder_database_and_key_are_private(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    instance = tmp_path / "instance"
    app = create_app({"INSTANCE_PATH": str(instance)})
    from flask_migrate import upgrade

    with app.app_context():
        upgrade()
    assert stat.S_IMODE(instance.stat().st_mode) == 0o700
    for name in ("dogfen.sqlite3", "secret_key"):
        assert stat.S_IMODE((instance / name).stat().st_mode) == 0o600, name


# --- cookies, headers and downloads ---------------------------------------------------------


def test_secure_cookie_and_hsts_over_https(tmp_path, monkeypatch):
    monkeypatch.setenv("DOGFEN_SESSION_COOKIE_SECURE", "true")
    app = make_app(tmp_path)
    client = app.test_client()
    data = {"email": "editor@example.org", "password": PASSWORD}
    r = client.post("/sign-in", data=data, base_url="https://localhost")
    assert r.status_code == 302
    cookie = r.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie
    assert r.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert client.get("/", base_url="https://localhost").status_code == 200


def test_no_hsts_over_plain_http(app):
    r = app.test_client().get("/sign-in")
    assert "Strict-Transport-Security" not in r.headers
    assert "Secure" not in r.headers.get("Set-Cookie", "")


def test_https_behind_a_trusted_proxy(tmp_path):
    app = make_app(tmp_path, TRUSTED_PROXIES=1)
    headers = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.4"}
    r = app.test_client().get("/sign-in", headers=headers)
    assert r.headers["Strict-Transport-Security"] == "max-age=31536000"


def test_downloads_of_personal_data_are_not_stored(app, client, case_id):
    content = b"personal data"
    with app.app_context():
        record = Record(case_id=case_id, doc_id="cm-action-plan", status="final", data={})
        db.session.add(record)
        db.session.flush()
        stored = StoredFile(
            record_id=record.id,
            lang="en",
            fmt="pdf",
            filename="plan.pdf",
            mime="application/pdf",
            content=content,
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
        )
        db.session.add(stored)
        db.session.commit()
        url = f"/records/{record.id}/files/{stored.id}"
    r = client.get(url)
    assert r.status_code == 200 and r.data == content
    assert r.headers["Cache-Control"] == "no-store"
    r = client.get(f"/cases/{case_id}/residents.csv")
    assert r.status_code == 200
    assert r.headers["Cache-Control"] == "no-store"


def test_account_forms_need_their_csrf_token(tmp_path):
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    client = app.test_client()
    token = re.search(
        r'name="csrf_token" type="hidden" value="([^"]+)"', client.get("/sign-in").text
    )
    data = {"email": "admin@example.org", "password": PASSWORD, "csrf_token": token.group(1)}
    assert client.post("/sign-in", data=data).status_code == 302
    uid = user_id(app, "editor")
    assert client.post(f"/admin/users/{uid}/deactivate").status_code == 400
    page = client.get(f"/admin/users/{uid}").text
    tokens = re.findall(r'name="csrf_token" value="([^"]+)"', page)
    assert len(tokens) >= 3 and 'id="csrf_token"' not in page
    r = client.post(f"/admin/users/{uid}/deactivate", data={"csrf_token": tokens[0]})
    assert r.status_code == 302
    assert events(app, "deactivate-user") == ["editor@example.org"]
