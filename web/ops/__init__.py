"""Running Dogfen in production: the gunicorn server, readiness, JSON logs, metrics, backups.

``init_ops`` is called early in the app factory so its request hooks wrap every other one: the
request id exists before any other hook runs, and the log line sees the final status."""

from __future__ import annotations

from flask import Flask


def init_ops(app: Flask) -> None:
    from . import logs, metrics, readiness

    logs.init_logs(app)
    metrics.init_metrics(app)
    app.register_blueprint(readiness.bp)
    app.register_blueprint(metrics.bp)
