"""DOGFEN_FILES: new documents go to the directory under their SHA-256, the database keeps only
metadata; downloads check the bytes; ``dogfen files`` moves existing documents both ways while
the stored-file trigger stays in force for everything else."""

from __future__ import annotations

import hashlib
import re

import pytest
from click.testing import CliRunner
from sqlalchemy import select, text

from web.cli import main
from web.core.extensions import db
from web.core.models import StoredFile
from web.ops.files import blob_path

from .conftest import make_app, sign_in
from .test_ops import _case
from .test_web import finalise_example


def rows(app) -> list[tuple[int, bytes, str, int]]:
    with app.app_context():
        found = db.session.execute(
            select(StoredFile.id, StoredFile.content, StoredFile.sha256, StoredFile.size)
        ).all()
        db.session.remove()
        return [(i, bytes(c or b""), s, n) for i, c, s, n in found]


def downloads(client, view_url) -> list[bytes]:
    page = client.get(view_url).text
    return [client.get(link) for link in re.findall(r'href="(/records/\d+/files/\d+)"', page)]


def finalised(app) -> tuple:
    client = sign_in(app.test_client())
    case_id = int(client.post("/cases/new", data=_case()).location.rsplit("/", 1)[-1])
    return client, finalise_example(client, case_id)


def test_new_files_go_to_the_directory_and_are_checked(tmp_path):
    files = tmp_path / "files"
    app = make_app(tmp_path, FILES=str(files))
    client, view_url = finalised(app)
    stored = rows(app)
    assert len(stored) == 7
    for _, content, sha256, size in stored:
        assert content == b"" and size > 0
        path = blob_path(files, sha256)
        assert path.read_bytes() and hashlib.sha256(path.read_bytes()).hexdigest() == sha256
    got = downloads(client, view_url)
    assert all(r.status_code == 200 for r in got)
    assert {hashlib.sha256(r.data).hexdigest() for r in got} == {s for _, _, s, _ in stored}

    victim = blob_path(files, stored[1][2])
    victim.write_bytes(victim.read_bytes() + b"x")  # altered on the shared disk
    got = downloads(client, view_url)
    assert got[1].status_code == 500 and "failed its integrity check" in got[1].text
    victim.unlink()
    assert downloads(client, view_url)[1].status_code == 500


def invoke(monkeypatch, app, files, *args):
    monkeypatch.setenv("DATABASE_URL", app.config["SQLALCHEMY_DATABASE_URI"])
    monkeypatch.setenv("DOGFEN_FILES", str(files))
    monkeypatch.setenv("SECRET_KEY", "test")
    monkeypatch.setenv("DOGFEN_INSTANCE", str(app.instance_path))
    return CliRunner().invoke(main, ["files", *args], catch_exceptions=False)


def test_existing_files_move_to_the_directory_and_back(tmp_path, monkeypatch):
    app = make_app(tmp_path)  # no DOGFEN_FILES yet: bytes in the database
    client, view_url = finalised(app)
    before = rows(app)
    assert all(content for _, content, _, _ in before)
    with app.app_context():
        db.engine.dispose()
    files = tmp_path / "files"

    result = invoke(monkeypatch, app, files, "to-dir")
    assert result.exit_code == 0 and "7 files moved; 0 refused" in result.output
    moved = rows(app)
    assert [(i, s, n) for i, _, s, n in moved] == [(i, s, n) for i, _, s, n in before]
    assert all(content == b"" for _, content, _, _ in moved)
    for _, content, sha256, _ in before:
        assert blob_path(files, sha256).read_bytes() == content

    # The trigger is back: nothing else may change a stored file.
    with app.app_context(), pytest.raises(Exception, match="refused"):
        db.session.execute(text("UPDATE stored_file SET filename = 'x'"))
        db.session.commit()

    app.config["FILES"] = str(files)
    got = downloads(client, view_url)
    assert [r.status_code for r in got] == [200] * 7

    result = invoke(monkeypatch, app, files, "to-db")
    assert result.exit_code == 0 and "7 files moved" in result.output
    assert rows(app) == before
    with app.app_context():
        actions = db.session.scalars(text("SELECT action FROM audit_event")).all()
        db.session.remove()
    assert actions.count("files-moved") == 2


def test_backup_and_restore_carry_the_directory(tmp_path, monkeypatch):
    from .test_backup import empty_database

    files = tmp_path / "files"
    app = make_app(tmp_path, FILES=str(files))
    finalised(app)
    before = rows(app)
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    with app.app_context():
        db.engine.dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("DOGFEN_FILES", str(files))
    monkeypatch.setenv("SECRET_KEY", "test")
    monkeypatch.setenv("DOGFEN_INSTANCE", str(app.instance_path))
    out = tmp_path / "backup"
    result = CliRunner().invoke(main, ["backup", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert len(list((out / "files").iterdir())) == len({s for _, _, s, _ in before})

    target, instance = empty_database(url, tmp_path)
    monkeypatch.setenv("DATABASE_URL", target)
    monkeypatch.setenv("DOGFEN_INSTANCE", str(instance))
    monkeypatch.delenv("DOGFEN_FILES")
    result = CliRunner().invoke(main, ["restore", str(out)], catch_exceptions=False)
    assert result.exit_code != 0 and "set DOGFEN_FILES" in result.output
    new_files = tmp_path / "files-restored"
    monkeypatch.setenv("DOGFEN_FILES", str(new_files))
    result = CliRunner().invoke(main, ["restore", str(out)], catch_exceptions=False)
    assert result.exit_code == 0 and "7 stored files match" in result.output, result.output
    for _, _, sha256, _ in before:
        path = blob_path(new_files, sha256)
        assert hashlib.sha256(path.read_bytes()).hexdigest() == sha256
