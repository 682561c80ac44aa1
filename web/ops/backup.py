"""``dogfen backup DIR`` and ``dogfen restore DIR``: a consistent copy of everything an
installation cannot rebuild: the database (stored documents included) and the secret key.

SQLite is copied with its online backup API (a consistent snapshot while the app runs);
PostgreSQL with ``pg_dump`` in custom format, restored by ``pg_restore``. ``manifest.json``
lists every file written with its SHA-256: ``restore`` checks it before touching anything, and
only ever restores into an empty database, then checks every stored document's SHA-256."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import click
from sqlalchemy import func, inspect, select, text
from sqlalchemy.engine import make_url

from .files import blob_path, file_bytes, put, root

MANIFEST = "manifest.json"
SQLITE_FILE, PG_FILE, KEY_FILE = "database.sqlite3", "database.pgdump", "secret_key"
FILES_DIR = "files"  # documents kept in DOGFEN_FILES, by SHA-256


class BackupError(click.ClickException):
    """Refused or failed: the message says why; nothing was changed."""


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _sqlite_path(url) -> Path:
    return Path(url.database)


def _libpq(url) -> tuple[str, dict]:
    """A libpq URI without the password, which goes in the environment, not the process list."""
    uri = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    env = {**os.environ}
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return uri, env


def _run(args: list[str], env: dict) -> None:
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        raise BackupError(f"{args[0]} failed: {done.stderr.strip()[-2000:]}")


def _stored_file_checks(db) -> tuple[int, list[int]]:
    """(number of stored files, ids of those whose bytes no longer match their SHA-256),
    wherever the bytes are kept (the database or DOGFEN_FILES)."""
    from ..core.models import StoredFile

    count, bad = 0, []
    for stored in db.session.scalars(select(StoredFile).execution_options(yield_per=50)):
        count += 1
        content = file_bytes(stored)
        if len(content) != stored.size or hashlib.sha256(content).hexdigest() != stored.sha256:
            bad.append(stored.id)
    return count, bad


def _external_blobs(db) -> list[str]:
    """SHA-256s of the documents kept in DOGFEN_FILES rather than the database."""
    from ..core.models import StoredFile

    empty = (StoredFile.content.is_(None)) | (func.length(StoredFile.content) == 0)
    query = select(StoredFile.sha256).where(StoredFile.size > 0, empty).distinct()
    return list(db.session.scalars(query))


def _copy_blobs(app, target: Path) -> list[Path]:
    """After the dump: every row in it is here too, as stored files are never deleted."""
    from ..core.extensions import db

    with app.app_context():
        wanted, base = _external_blobs(db), root()
        db.session.remove()
    if wanted and base is None:
        raise BackupError("some documents are kept in DOGFEN_FILES: set it to back them up")
    copied = []
    for sha in wanted:
        out = target / FILES_DIR / sha
        out.parent.mkdir(mode=0o700, exist_ok=True)
        shutil.copyfile(blob_path(base, sha), out)
        copied.append(out)
    return copied


def write_backup(app, target: Path) -> dict:
    from ..core.extensions import db

    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty: back up into a new folder")
    target.mkdir(mode=0o700, parents=True, exist_ok=True)
    url = make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    with app.app_context():
        revision = db.session.scalar(text("SELECT version_num FROM alembic_version"))
        stored, bad = _stored_file_checks(db)
        db.session.remove()
    if url.get_backend_name() == "sqlite":
        kind, written = "sqlite", target / SQLITE_FILE
        source, copy = sqlite3.connect(_sqlite_path(url)), sqlite3.connect(written)
        try:
            with copy:
                source.backup(copy)
        finally:
            source.close()
            copy.close()
    elif url.get_backend_name() == "postgresql":
        kind, written = "postgresql", target / PG_FILE
        uri, env = _libpq(url)
        _run(["pg_dump", "--format=custom", "--no-owner", f"--file={written}", uri], env)
    else:
        raise BackupError(f"cannot back up a {url.get_backend_name()} database")
    os.chmod(written, 0o600)
    files = [written, *_copy_blobs(app, target)]
    key = Path(app.instance_path) / KEY_FILE
    if not os.environ.get("SECRET_KEY") and key.exists():
        shutil.copy2(key, target / KEY_FILE)
        os.chmod(target / KEY_FILE, 0o600)
        files.append(target / KEY_FILE)
    key_copied = (target / KEY_FILE).exists()
    manifest = {
        "format": 1,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "database": kind,
        "alembic_revision": revision,
        "stored_files": stored,
        "stored_files_not_matching": bad,
        "secret_key": "included" if key_copied else "from SECRET_KEY: keep it with the config",
        "files": {
            f.relative_to(target).as_posix(): {"sha256": sha256(f), "size": f.stat().st_size}
            for f in files
        },
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def verify(source: Path) -> dict:
    try:
        manifest = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"no readable {MANIFEST} in {source}: {exc}") from exc
    for name, facts in manifest.get("files", {}).items():
        path = source / name
        folder, _, base = name.rpartition("/")
        if folder not in ("", FILES_DIR) or base in ("", ".", "..") or not path.is_file():
            raise BackupError(f"{name} is listed in the manifest but missing")
        if sha256(path) != facts["sha256"]:
            raise BackupError(f"{name} does not match its SHA-256 in the manifest")
    wanted = SQLITE_FILE if manifest.get("database") == "sqlite" else PG_FILE
    if wanted not in manifest.get("files", {}):
        raise BackupError(f"the manifest lists no {wanted}")
    return manifest


def restore_backup(app, source: Path) -> tuple[dict, int]:
    """Restore into the app's (empty) database; return the manifest and stored files checked."""
    from ..core.extensions import db

    manifest = verify(source)
    url = make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    kind = "sqlite" if url.get_backend_name() == "sqlite" else url.get_backend_name()
    if kind != manifest["database"]:
        raise BackupError(f"this is a {manifest['database']} backup; the database is {kind}")
    blobs = [n for n in manifest["files"] if n.startswith(FILES_DIR + "/")]
    if any(manifest["files"][n]["sha256"] != n.rpartition("/")[2] for n in blobs):
        raise BackupError("a document's name in the backup is not its SHA-256")
    with app.app_context():
        base = root()
        tables = inspect(db.engine).get_table_names()
        db.session.remove()
        db.engine.dispose()
    if tables:
        raise BackupError("the database is not empty: restore into a new, empty database")
    if blobs and base is None:
        raise BackupError("the backup holds documents kept in DOGFEN_FILES: set DOGFEN_FILES")
    if kind == "sqlite":
        backup, target = sqlite3.connect(source / SQLITE_FILE), sqlite3.connect(_sqlite_path(url))
        try:
            with target:
                backup.backup(target)
        finally:
            backup.close()
            target.close()
    else:
        uri, env = _libpq(url)
        args = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error"]
        args.append("--single-transaction")  # all or nothing: a failure leaves it empty
        _run([*args, f"--dbname={uri}", str(source / PG_FILE)], env)
    for name in blobs:
        put(base, (source / name).read_bytes(), name.rpartition("/")[2])
    if KEY_FILE in manifest["files"]:  # the database was empty: nothing used the old key
        key = Path(app.instance_path) / KEY_FILE
        shutil.copyfile(source / KEY_FILE, key)
        os.chmod(key, 0o600)
    with app.app_context():
        count, bad = _stored_file_checks(db)
        db.session.remove()
    # Counted before the dump, and stored files are never deleted: the copy has at least as many.
    if bad or count < manifest["stored_files"]:
        raise BackupError(
            f"restored, but {len(bad)} stored files do not match their SHA-256 "
            f"({count} found, {manifest['stored_files']} in the backup)"
        )
    return manifest, count


def _app():
    from .. import create_app

    return create_app()


@click.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def backup(directory: Path) -> None:
    """Write the database, secret key and a manifest of SHA-256s into a new DIRECTORY."""
    manifest = write_backup(_app(), directory)
    for name, facts in manifest["files"].items():
        click.echo(f"{name}\t{facts['size']} bytes\t{facts['sha256']}")
    click.echo(f"{manifest['stored_files']} stored files; revision {manifest['alembic_revision']}")
    if manifest["stored_files_not_matching"]:
        click.echo(f"WARNING: stored files {manifest['stored_files_not_matching']} do not match")


@click.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
def restore(directory: Path) -> None:
    """Check DIRECTORY's manifest, then restore it into an empty database."""
    manifest, count = restore_backup(_app(), directory)
    click.echo(
        f"restored {manifest['database']} backup of {manifest['created_at']}: "
        f"{count} stored files match their SHA-256; run `dogfen setup --no-demo` to upgrade"
    )
