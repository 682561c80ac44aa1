"""Operations: /readyz names what is not ready, request ids reach headers, error pages and JSON
log lines without personal data, /metrics is behind its token, DOGFEN_PROXY trusts one proxy."""

from __future__ import annotations

import json
import logging
import os
import shutil
import socket
import subprocess
import time

import pytest

from web.ops.logs import JsonFormatter

from .conftest import make_app, sign_in
from .test_web import finalise_example


def test_readyz_is_open_and_checks_database_and_disk(app):
    r = app.test_client().get("/readyz")
    assert r.status_code == 200, r.json
    assert r.json["status"] == "ready"
    assert r.json["checks"]["database"] == r.json["checks"]["schema"] == "ok"
    assert r.json["checks"]["disk"].startswith("ok (")
    assert "redis" not in r.json["checks"]  # not configured


def test_readyz_is_503_with_the_reason_when_disk_is_short(tmp_path):
    app = make_app(tmp_path, READY_MIN_FREE_MB=10**12)
    r = app.test_client().get("/readyz")
    assert r.status_code == 503
    assert r.json["status"] == "not ready" and r.json["checks"]["database"] == "ok"
    assert "below 1000000000000 MB" in r.json["checks"]["disk"]


def test_readyz_is_503_until_the_schema_is_upgraded(app):
    from sqlalchemy import text

    from web.core.extensions import db

    with app.app_context():
        db.session.execute(text("UPDATE alembic_version SET version_num = '65b24fde48ea'"))
        db.session.commit()
    r = app.test_client().get("/readyz")
    assert r.status_code == 503 and "run dogfen setup" in r.json["checks"]["schema"]


def test_readyz_is_503_when_redis_does_not_answer(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    app = make_app(tmp_path, REDIS_URL=f"redis://127.0.0.1:{port}/0")
    r = app.test_client().get("/readyz")
    assert r.status_code == 503
    assert r.json["checks"]["redis"].startswith("failed: ConnectionError")
    assert str(port) not in r.text  # a library's message (addresses) stays in the log


@pytest.fixture
def own_redis():
    """A Redis of this test's own on a free port (not the fixed one other tests use)."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("no redis-server here")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [binary, "--port", str(port), "--save", "", "--bind", "127.0.0.1"],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    proc.terminate()
    proc.wait(timeout=10)


def test_readyz_needs_a_live_worker_when_redis_is_configured(tmp_path, own_redis):
    from rq import Worker

    from web.core.jobs import queue

    app = make_app(tmp_path, REDIS_URL=own_redis)
    client = app.test_client()
    r = client.get("/readyz")
    assert r.status_code == 503 and r.json["checks"]["redis"] == "ok"
    assert r.json["checks"]["workers"] == "failed: NotReady: no worker is listening on the queue"
    q = queue(own_redis)
    worker = Worker([q], connection=q.connection)
    worker.register_birth()
    worker.heartbeat()
    try:
        r = client.get("/readyz")
        assert r.status_code == 200, r.json
        assert r.json["checks"]["workers"] == "ok (1)"
    finally:
        worker.register_death()


def test_request_id_is_echoed_and_shown_on_error_pages(client):
    r = client.get("/healthz", headers={"X-Request-Id": "abc-123_XYZ.0001"})
    assert r.headers["X-Request-Id"] == "abc-123_XYZ.0001"
    r = client.get("/cases/999999", headers={"X-Request-Id": "<script>alert(1)</script>"})
    assert r.status_code == 404
    rid = r.headers["X-Request-Id"]
    assert len(rid) == 32 and "alert(1)" not in r.text
    assert f"If you contact the service desk, quote this reference: {rid}" in r.text
    client.get("/language/cy")
    r = client.get("/cases/999999")
    assert f"dyfynnwch y cyfeirnod hwn: {r.headers['X-Request-Id']}" in r.text


def test_a_crash_shows_the_reference_that_its_log_lines_carry(app):
    import io

    def boom():
        raise RuntimeError("O'Brien & Sons <Ltd>")

    app.add_url_rule("/boom", "boom", boom)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    client = sign_in(app.test_client())
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(JsonFormatter())
    app.logger.addHandler(handler)
    try:
        r = client.get("/boom", headers={"X-Request-Id": "user-report-0007"})
    finally:
        app.logger.removeHandler(handler)
    assert r.status_code == 500 and r.headers["X-Request-Id"] == "user-report-0007"
    assert "quote this reference: user-report-0007" in r.text
    [line] = [json.loads(text) for text in out.getvalue().splitlines()]
    assert line["request_id"] == "user-report-0007" and line["level"] == "error"
    assert "RuntimeError: O'Brien & Sons <Ltd>" in line["exception"]


def test_one_log_line_per_request_without_personal_data(app, caplog):
    caplog.set_level(logging.INFO, logger="dogfen.request")
    client = sign_in(app.test_client())
    client.get("/?q=Jones&email=editor@example.org", headers={"X-Request-Id": "trace-0042"})
    [record] = [r for r in caplog.records if r.name == "dogfen.request" and r.status == 200]
    line = json.loads(JsonFormatter().format(record))
    assert line["endpoint"] == "cases.index" and line["route"] == "/"
    assert line["method"] == "GET" and line["status"] == 200 and line["user_id"] >= 1
    assert isinstance(line["duration_ms"], float)
    assert "Jones" not in json.dumps(line) and "@" not in json.dumps(line)


def test_json_formatter_keeps_the_request_id_and_exceptions():
    from web.ops.logs import REQUEST_ID

    token = REQUEST_ID.set("req-00000001")
    try:
        raise ValueError("O'Brien & Sons <Ltd> ŵ")
    except ValueError:
        record = logging.getLogger("t").makeRecord(
            "t", logging.ERROR, __file__, 1, "failed %s", ("x",), exc_info=True
        )
        import sys

        record.exc_info = sys.exc_info()
    finally:
        REQUEST_ID.reset(token)
        REQUEST_ID.set("req-00000001")
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "failed x" and line["request_id"] == "req-00000001"
    assert "O'Brien & Sons <Ltd> ŵ" in line["exception"]


def test_metrics_need_their_token(tmp_path, monkeypatch):
    monkeypatch.delenv("DOGFEN_METRICS_TOKEN", raising=False)
    assert make_app(folder(tmp_path, "a")).test_client().get("/metrics").status_code == 404
    app = make_app(folder(tmp_path, "b"), METRICS_TOKEN="tok-en-1234")
    anon = app.test_client()
    assert anon.get("/metrics").status_code == 401
    assert anon.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 401
    client = sign_in(app.test_client())
    assert client.get("/metrics").status_code == 401  # signing in is not enough
    case_id = int(client.post("/cases/new", data=_case()).location.rsplit("/", 1)[-1])
    finalise_example(client, case_id)
    r = anon.get("/metrics", headers={"Authorization": "Bearer tok-en-1234"})
    assert r.status_code == 200 and r.mimetype == "text/plain"
    text = r.text
    assert 'dogfen_request_duration_seconds_count{endpoint="cases.new",method="POST"}' in text
    assert "dogfen_finalise_duration_seconds_count" in text
    assert 'dogfen_jobs{status="queued"} 0.0' in text
    assert "dogfen_jobs_oldest_queued_age_seconds 0.0" in text
    assert "dogfen_merge_letters_total 0.0" in text


def folder(tmp_path, name):
    path = tmp_path / name
    path.mkdir()
    return path


def _case() -> dict:
    return {
        "provider": "P",
        "service": "S",
        "case_process": "provider-performance",
        "opened_on": "2026-03-02",
    }


def test_dogfen_proxy_trusts_one_proxy(tmp_path, monkeypatch):
    plain = make_app(folder(tmp_path, "a")).test_client()
    r = plain.get("/healthz", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" not in r.headers
    monkeypatch.setenv("DOGFEN_PROXY", "1")
    proxied = make_app(folder(tmp_path, "b")).test_client()
    r = proxied.get("/healthz", headers={"X-Forwarded-Proto": "https"})
    assert r.headers["Strict-Transport-Security"].startswith("max-age=")


def test_rq_worker_logs_json(tmp_path, own_redis):
    import sys

    app = make_app(tmp_path, REDIS_URL=own_redis)
    env = {
        **os.environ,
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "REDIS_URL": own_redis,
        "SECRET_KEY": "test",
        "DOGFEN_LOG_FORMAT": "json",
        "DOGFEN_INSTANCE": str(tmp_path / "instance"),
    }
    done = subprocess.run(
        [sys.executable, "-c", "from web.cli import main; main()", "worker", "--burst"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    lines = [json.loads(line) for line in (done.stdout + done.stderr).splitlines() if line]
    assert lines and any(line["logger"] == "rq.worker" for line in lines)


def test_serve_starts_with_an_empty_private_metrics_folder(tmp_path, monkeypatch):
    from web.ops.serve import default_workers, prepare_environment

    unset = ("PROMETHEUS_MULTIPROC_DIR", "DOGFEN_LOG_FORMAT")
    environ = {k: v for k, v in os.environ.items() if k not in unset}
    monkeypatch.setattr(os, "environ", environ)  # what serve sets stays out of the other tests
    from prometheus_client import values

    monkeypatch.setattr(values, "ValueClass", values.ValueClass)  # serve switches it: restore it
    environ["DOGFEN_INSTANCE"] = str(tmp_path / "instance")
    folder = prepare_environment()
    assert folder == tmp_path / "instance" / "prometheus"
    assert oct((tmp_path / "instance").stat().st_mode)[-3:] == "700"
    (folder / "histogram_123.db").write_bytes(b"old counts")
    (folder / "README").write_text("not ours")
    del environ["PROMETHEUS_MULTIPROC_DIR"]
    assert prepare_environment() == folder
    assert [p.name for p in folder.iterdir()] == ["README"]
    assert environ["DOGFEN_LOG_FORMAT"] == "json"
    assert default_workers() == 2 * (os.cpu_count() or 1) + 1


def test_metrics_count_chunks_waiting_for_a_worker(tmp_path, own_redis):
    from redis import Redis
    from rq import Queue

    from web.merge.chunks import CHUNKS_QUEUE, render_chunk_job

    app = make_app(folder(tmp_path, "c"), METRICS_TOKEN="tok-en-1234", REDIS_URL=own_redis)
    queue = Queue(CHUNKS_QUEUE, connection=Redis.from_url(own_redis))
    for n in range(3):
        queue.enqueue(render_chunk_job, 1, str(tmp_path / "gone"), n)
    r = app.test_client().get("/metrics", headers={"Authorization": "Bearer tok-en-1234"})
    assert "dogfen_merge_chunks_queued 3.0" in r.text
    assert (
        "dogfen_merge_chunks_queued"
        not in make_app(folder(tmp_path, "d"), METRICS_TOKEN="t-1234")
        .test_client()
        .get("/metrics", headers={"Authorization": "Bearer t-1234"})
        .text
    )
