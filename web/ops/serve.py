"""``dogfen serve``: the app under gunicorn, configured in code rather than a config file.

The master never imports the app (no preload), so ``kill -HUP`` starts workers with new code and
settings, and ``kill -TERM`` lets requests in flight finish (``graceful_timeout``). Prometheus'
multiprocess mode needs its directory in the environment before any worker imports the client."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

import click
from gunicorn.app.base import BaseApplication


def default_workers() -> int:
    return 2 * (os.cpu_count() or 1) + 1


def instance_path() -> Path:
    """The app's instance folder, found without building the app (which imports the metrics)."""
    if os.environ.get("DOGFEN_INSTANCE"):
        return Path(os.environ["DOGFEN_INSTANCE"])
    from flask import Flask

    return Path(Flask("web").instance_path)


def _child_exit(server, worker) -> None:
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def log_config(fmt: str) -> dict:
    """Gunicorn's own messages (start, reload, worker timeouts) in the same format as the app's."""
    formatter = (
        {"()": "web.ops.logs.JsonFormatter"}
        if fmt == "json"
        else {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}
    )
    handler = {"class": "logging.StreamHandler", "formatter": "main", "stream": "ext://sys.stderr"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"main": formatter},
        "handlers": {"main": handler},
        "root": {"level": "INFO", "handlers": ["main"]},
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": [], "propagate": True},
            "gunicorn.access": {"level": "WARNING", "handlers": [], "propagate": True},
        },
    }


class DogfenServer(BaseApplication):
    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from web import create_app

        return warm(create_app())


def warm(app):
    """Compile every page template before the worker takes requests (compiling the case page on
    first use took a cold worker's first answers past 300 ms under load), then freeze what is
    loaded so the garbage collector stops walking it: a full collection of the app's modules,
    forms and templates paused a request for about 80 ms."""
    for name in app.jinja_env.list_templates(filter_func=lambda n: n.endswith(".html")):
        app.jinja_env.get_template(name)
    gc.collect()
    gc.freeze()
    return app


def prepare_environment() -> Path:
    """JSON logs by default, and an empty metrics directory (old files would add old counts)."""
    os.environ.setdefault("DOGFEN_LOG_FORMAT", "json")
    instance = instance_path()
    instance.mkdir(mode=0o700, parents=True, exist_ok=True)  # private, as the app makes it
    if not os.environ.get("SECRET_KEY"):
        from web import _secret_key

        _secret_key(instance)  # made once here: workers starting together would race to make it
    given = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if given:
        metrics_dir = Path(given)
    else:
        metrics_dir = instance_path() / "prometheus"
    metrics_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    for old in metrics_dir.glob("*.db"):  # only the client's own files, in a folder we may share
        old.unlink()
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(metrics_dir)
    if "prometheus_client" in sys.modules:  # imported too early: pick the multiprocess values
        from prometheus_client import values

        values.ValueClass = values.get_value_class()
    return metrics_dir


@click.command()
@click.option("--bind", default="127.0.0.1:8000", show_default=True, help="host:port or unix:PATH")
@click.option("--workers", type=int, default=None, help="Processes; default 2 × cores + 1.")
@click.option("--threads", type=int, default=2, show_default=True, help="Threads per process.")
@click.option("--timeout", type=int, default=60, show_default=True, help="Seconds per request.")
def serve(bind: str, workers: int | None, threads: int, timeout: int) -> None:
    """Serve the app with gunicorn (HUP reloads, TERM stops after requests in flight)."""
    prepare_environment()
    DogfenServer(
        {
            "bind": [bind],
            "workers": workers or default_workers(),
            "threads": threads,
            "worker_class": "gthread" if threads > 1 else "sync",
            "timeout": timeout,
            "graceful_timeout": 30,
            "keepalive": 5,
            "proc_name": "dogfen",
            "child_exit": _child_exit,
            "logconfig_dict": log_config(os.environ["DOGFEN_LOG_FORMAT"]),
            "secure_scheme_headers": {},  # DOGFEN_PROXY (ProxyFix) alone decides
        }
    ).run()
