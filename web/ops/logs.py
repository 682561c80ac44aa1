"""One JSON line per request and per log record, with a request id a user can quote.

No personal data: the line names the route's rule (``/cases/<int:case_id>``), never the path
with its ids nor the query string, and the user by number. ``DOGFEN_LOG_FORMAT=json`` (the
default under ``dogfen serve``) replaces the root handler; ``text`` leaves logging as it was."""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import json
import logging
import os
import re
import sys
import time
import uuid

from flask import Flask, g, request

REQUEST_ID = contextvars.ContextVar("request_id", default="")
SANE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{7,99}")
RESERVED = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}
log = logging.getLogger("dogfen.request")


class JsonFormatter(logging.Formatter):
    """A record as one line of JSON: time, level, logger, message, the request id, extras."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            "pid": record.process,
        }
        if REQUEST_ID.get():
            line["request_id"] = REQUEST_ID.get()
        for key, value in vars(record).items():
            if key not in RESERVED and not key.startswith("_"):
                line[key] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def configure(fmt: str | None = None) -> str:
    """Send every log record to stderr as JSON (once per process); return the format in use."""
    fmt = (fmt or os.environ.get("DOGFEN_LOG_FORMAT") or "text").lower()
    root = logging.getLogger()
    if fmt == "json" and not any(isinstance(h.formatter, JsonFormatter) for h in root.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JsonFormatter())
        root.handlers[:] = [handler]
        root.setLevel(logging.INFO)
        logging.getLogger("werkzeug").setLevel(logging.WARNING)  # our line replaces its own
    return fmt


def request_id() -> str:
    return getattr(g, "request_id", "") or REQUEST_ID.get()


def init_logs(app: Flask) -> None:
    configure(app.config.get("LOG_FORMAT"))

    @app.before_request
    def start() -> None:
        given = request.headers.get("X-Request-Id", "")
        g.request_id = given if SANE_ID.fullmatch(given) else uuid.uuid4().hex
        g.request_started = time.perf_counter()
        g.request_token = REQUEST_ID.set(g.request_id)

    @app.after_request
    def finish(response):
        rid = getattr(g, "request_id", "")
        if rid:
            response.headers["X-Request-Id"] = rid
        started = getattr(g, "request_started", None)
        if started is None:
            return response
        user = getattr(g, "_login_user", None)  # never loads a user just to log
        log.info(
            "request",
            extra={
                "user_id": getattr(user, "id", None),
                "route": request.url_rule.rule if request.url_rule else None,
                "endpoint": request.endpoint,
                "method": request.method,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            },
        )
        return response

    @app.teardown_request
    def forget(exc=None) -> None:
        token = g.pop("request_token", None)
        if token is not None:
            with contextlib.suppress(ValueError):  # set in another context: nothing to undo
                REQUEST_ID.reset(token)

    app.jinja_env.globals["request_id"] = request_id
