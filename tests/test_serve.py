"""``dogfen serve``: gunicorn with two workers answers health and sign-in pages, logs one JSON
line per request, adds up the workers' metrics, reloads on HUP and stops cleanly on TERM."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from .conftest import make_app

pytestmark = pytest.mark.db  # runs again on PostgreSQL


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, headers: dict | None = None):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, dict(response.headers), response.read().decode()


def server_log(tmp_path) -> str:
    return (tmp_path / "serve.log").read_text()


def start_server(tmp_path, app, *args, **env):
    port = free_port()
    environment = {**os.environ}
    environment.pop("PROMETHEUS_MULTIPROC_DIR", None)
    environment.pop("SECRET_KEY", None)  # unless given: the instance's own, made once for all
    environment.update(
        {
            "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
            "DOGFEN_INSTANCE": str(tmp_path / "instance"),
            "REDIS_URL": "",
            **env,
        }
    )
    # A file, not a pipe: an unread pipe fills up and the server blocks writing its log.
    log = open(tmp_path / "serve.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-c", "from web.cli import main; main()", "serve"]
        + ["--bind", f"127.0.0.1:{port}", *args],
        env=environment,
        stdout=log,
        stderr=log,
    )
    log.close()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            get(base + "/healthz")
            return proc, base
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise AssertionError(server_log(tmp_path)[-3000:]) from None
            time.sleep(0.2)


def test_serve_with_two_workers_then_term(tmp_path):
    app = make_app(tmp_path)
    proc, base = start_server(tmp_path, app, "--workers", "2", DOGFEN_METRICS_TOKEN="s3cret-token")
    try:
        status, headers, body = get(base + "/healthz", {"X-Request-Id": "lb-check-0001"})
        assert status == 200 and json.loads(body) == {"status": "ok"}
        assert headers["X-Request-Id"] == "lb-check-0001"
        for _ in range(6):  # spread over both workers
            status, headers, body = get(base + "/sign-in?next=/cases/1")
            assert status == 200 and 'name="password"' in body
            assert len(headers["X-Request-Id"]) == 32
        _, _, metrics = get(base + "/metrics", {"Authorization": "Bearer s3cret-token"})
        counts = [
            line
            for line in metrics.splitlines()
            if line.startswith("dogfen_request_duration_seconds_count")
            and 'endpoint="auth.sign_in"' in line
        ]
        assert counts and float(counts[0].split()[-1]) == 6.0, counts

        proc.send_signal(signal.SIGHUP)  # graceful reload: two new workers replace the old
        deadline = time.monotonic() + 60
        while server_log(tmp_path).count("Booting worker") < 4:
            assert time.monotonic() < deadline, server_log(tmp_path)[-3000:]
            time.sleep(0.2)
        assert get(base + "/healthz")[0] == 200 and proc.poll() is None
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
    stderr = server_log(tmp_path)
    assert proc.returncode == 0, stderr[-3000:]
    assert len((tmp_path / "instance" / "secret_key").read_text()) == 64
    lines = [json.loads(line) for line in stderr.splitlines() if line.startswith("{")]
    requests = [line for line in lines if line["message"] == "request"]
    sign_ins = [r for r in requests if r["endpoint"] == "auth.sign_in"]
    assert len(sign_ins) == 6
    assert {r["route"] for r in sign_ins} == {"/sign-in"} and sign_ins[0]["status"] == 200
    assert all("next" not in json.dumps(r) for r in requests)  # no query strings
    assert any(r["request_id"] == "lb-check-0001" for r in requests)
    assert any("Shutting down" in line["message"] for line in lines)
    assert any(line["message"] == "Handling signal: hup" for line in lines)
