"""Dogfen web app: ``flask --app web run`` serves it; ``create_app`` is the factory.

Importing ``web`` (and so ``web.cli``) stays cheap: Flask, SQLAlchemy and the extensions load
inside ``create_app``, so ``dogfen render`` and the other commands without a database start
without them (about 0.3 s of a cold start)."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask

MIGRATIONS = str(Path(__file__).with_name("migrations"))


def _secret_key(instance: Path) -> str:
    """A per-installation key kept in the instance folder, unless SECRET_KEY is given."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = instance / "secret_key"
    if not path.exists():
        with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as fh:
            fh.write(secrets.token_hex(32))
    return path.read_text().strip()


def _private_files(app: Flask) -> None:
    """The instance folder and a new SQLite file are readable by their owner only."""
    instance = Path(app.instance_path)
    if not instance.exists():
        instance.mkdir(mode=0o700, parents=True, exist_ok=True)
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("sqlite:///") and ":memory:" not in uri:
        path = Path(uri[len("sqlite:///") :].split("?")[0])
        if path.parent.is_dir() and not path.exists():
            with contextlib.suppress(FileExistsError):
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def _behind_proxies(app: Flask) -> None:
    """DOGFEN_PROXY=1 behind one reverse proxy (DOGFEN_TRUSTED_PROXIES is the older name): its
    X-Forwarded-For and -Proto are believed, so HTTPS is detected (HSTS, Secure cookies) and
    sign-in limits see the real address."""
    hops = int(app.config.get("PROXY") or app.config.get("TRUSTED_PROXIES") or 0)
    if hops:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)


def _database_url(app: Flask) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres://"):  # the old scheme some hosts still hand out
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url or f"sqlite:///{Path(app.instance_path) / 'dogfen.sqlite3'}"


def create_app(config: dict | None = None) -> Flask:
    from flask import Flask

    from .core.extensions import csrf, db, login_manager, migrate

    # Tests give a folder of their own; an installation may name one (/var/lib/dogfen).
    instance_path = (config or {}).get("INSTANCE_PATH") or os.environ.get("DOGFEN_INSTANCE")
    app = Flask(__name__, instance_relative_config=True, instance_path=instance_path)
    instance = Path(app.instance_path)
    app.config.update(
        SECRET_KEY=None,
        SQLALCHEMY_DATABASE_URI=_database_url(app),
        SQLALCHEMY_ENGINE_OPTIONS={"pool_pre_ping": True},
        BABEL_DEFAULT_LOCALE="en",
        BABEL_DEFAULT_TIMEZONE="Europe/London",  # times are stored in UTC, shown as lived
        BABEL_TRANSLATION_DIRECTORIES=str(Path(__file__).with_name("translations")),
        LANGUAGES=("en", "cy"),
        MAX_CONTENT_LENGTH=int(os.environ.get("DOGFEN_MAX_UPLOAD", 5 * 1024 * 1024)),
        LOGO_MAX_BYTES=512 * 1024,
        IMPORT_MAX_ROWS=int(os.environ.get("DOGFEN_IMPORT_MAX_ROWS", 2000)),
        REDIS_URL=os.environ.get("REDIS_URL", ""),
        JOB_STALL_SECONDS=45,  # a running job silent this long has lost its worker
        JOB_HEARTBEAT_SECONDS=10,
        FINALISE_CLAIM_SECONDS=300,  # a finalise claim older than this was left by a crash
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        WTF_CSRF_TIME_LIMIT=None,
    )
    app.config.from_prefixed_env("DOGFEN")
    if config:
        app.config.update(config)
    _private_files(app)
    _behind_proxies(app)
    from .ops import init_ops

    init_ops(app)  # first, so its request id and timing wrap every other hook
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = _secret_key(instance)

    from .core.converters import init_converters

    init_converters(app)
    db.init_app(app)
    migrate.init_app(app, db, directory=MIGRATIONS)
    csrf.init_app(app)
    login_manager.init_app(app)
    from .core.i18n import init_i18n

    init_i18n(app)
    from .core.templating import init_templating

    init_templating(app)

    from .admin import accounts
    from .admin import views as admin
    from .cases import views as cases
    from .core import auth, health
    from .merge import views as merge_views
    from .records import views as records
    from .residents import views as residents

    for module in (auth, health, cases, records, residents, admin, accounts, merge_views):
        app.register_blueprint(module.bp)
    from .process.views import bp as process_bp

    app.register_blueprint(process_bp)
    from .records.rows import bp as rows_bp

    app.register_blueprint(rows_bp)
    from .records.fixed_text import bp as fixed_text_bp

    app.register_blueprint(fixed_text_bp)
    from .core.errors import init_errors
    from .core.security import init_security
    from .core.sessions import init_sessions

    init_sessions(app)
    init_security(app)
    from .core.access import init_access

    init_access(app)  # after sign-in is required
    init_errors(app)
    from .core.job_recovery import init_recovery

    init_recovery(app)
    from .cli import register_flask_commands

    register_flask_commands(app)
    return app
