"""``dogfen backup`` and ``dogfen restore``: a case file with finalised records and a merge
archive survives the round trip byte for byte; restore checks the manifest first and refuses a
database that is not empty."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from web import create_app
from web.cli import main
from web.core.extensions import db
from web.core.models import Record, StoredFile

from .conftest import _reset_postgres, sign_in
from .test_jobs_web import HEAD, ROWS, csv_bytes, shared_details, start_merge, upload, wait_for
from .test_web import finalise_example


def files_of(app) -> dict[int, tuple[str, str, int]]:
    with app.app_context():
        rows = db.session.execute(select(StoredFile.id, StoredFile.sha256, StoredFile.size))
        found = {i: (digest, None, size) for i, digest, size in rows}
        db.session.remove()
        return found


def invoke(monkeypatch, url: str, instance, *args):
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("DOGFEN_INSTANCE", str(instance))
    monkeypatch.delenv("SECRET_KEY", raising=False)
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def filled(app, client, case_id):
    upload(client, case_id, csv_bytes([HEAD, *ROWS]), "list.csv")
    shared_details(app, case_id)
    job = wait_for(app, start_merge(client, case_id))
    assert job.status == "done", job.error
    finalise_example(client, case_id)
    return case_id


def test_backup_and_restore_round_trip(app, filled, tmp_path, monkeypatch):
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    before = files_of(app)
    assert len(before) == 4 + 7  # the run's ZIP, print PDF, labels and CSV; a form's 7 files
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "secret_key").write_text("k" * 64)
    with app.app_context():
        db.engine.dispose()

    out = tmp_path / "backup"
    result = invoke(monkeypatch, url, instance, "backup", str(out))
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["stored_files"] == len(before) and manifest["secret_key"] == "included"
    assert set(manifest["files"]) == {manifest_db(url), "secret_key"}
    assert oct((out / "secret_key").stat().st_mode)[-3:] == "600"
    assert invoke(monkeypatch, url, instance, "backup", str(out)).exit_code != 0  # not empty

    refused = invoke(monkeypatch, url, instance, "restore", str(out))
    assert refused.exit_code != 0 and "not empty" in refused.output
    target, new_instance = empty_database(url, tmp_path)

    tampered = tmp_path / "tampered"
    tampered.mkdir()
    for name in (*manifest["files"], "manifest.json"):
        (tampered / name).write_bytes((out / name).read_bytes())
    (tampered / "secret_key").write_text("x" * 64)
    result = invoke(monkeypatch, target, new_instance, "restore", str(tampered))
    assert result.exit_code != 0 and "secret_key does not match its SHA-256" in result.output

    result = invoke(monkeypatch, target, new_instance, "restore", str(out))
    assert result.exit_code == 0, result.output
    assert f"{len(before)} stored files match their SHA-256" in result.output
    assert (new_instance / "secret_key").read_text() == "k" * 64

    restored = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": target,
            "INSTANCE_PATH": str(new_instance),
            "WTF_CSRF_ENABLED": False,
            "REDIS_URL": "",
        }
    )
    assert restored.secret_key == "k" * 64
    assert files_of(restored) == before
    with restored.app_context():
        merges = db.session.scalars(select(Record).where(Record.doc_type == "merge")).all()
        assert len(merges) == 1 and merges[0].status == "final"
        db.session.remove()
    client = sign_in(restored.test_client())
    assert client.get(f"/cases/{filled}").status_code == 200
    again = invoke(monkeypatch, target, new_instance, "restore", str(out))
    assert again.exit_code != 0 and "not empty" in again.output
    with restored.app_context():
        db.engine.dispose()


def manifest_db(url: str) -> str:
    return "database.sqlite3" if url.startswith("sqlite") else "database.pgdump"


def empty_database(url: str, tmp_path):
    """SQLite: a new file; PostgreSQL: our own database emptied (tests own only one)."""
    instance = tmp_path / "restored-instance"
    instance.mkdir()
    if url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'restored.sqlite3'}", instance
    _reset_postgres(url)
    return url, instance
