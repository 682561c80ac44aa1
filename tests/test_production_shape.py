"""The production shape on one machine: ``dogfen serve`` with 2 workers, Redis, two
``dogfen worker`` processes, and the database of the test run (PostgreSQL in CI). A merge of
300 letters runs on the workers while the web pages are loaded; the output is complete and in
order, every page answered, and the latencies are printed (figures belong in benchmarks, so
none is asserted)."""

from __future__ import annotations

import csv
import io
import os
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile

import pytest
from pypdf import PdfReader

from .conftest import make_app, sign_in
from .test_jobs_web import HEAD, ROWS, csv_bytes, merge_records, shared_details, upload, wait_for
from .test_ops import own_redis  # noqa: F401 (a fixture)
from .test_serve import start_server

pytestmark = [pytest.mark.slow, pytest.mark.db]
LETTERS = 300


def residents(n: int) -> list[list[str]]:
    rows = []
    for i in range(n):
        row = list(ROWS[i % len(ROWS)])
        row[0], row[5] = f"{row[0]}-{i + 1:03d}", f"CR-{i + 1}"
        rows.append(row)
    return rows


def get(url: str, cookie: str) -> tuple[int, float]:
    started = time.perf_counter()
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    with urllib.request.urlopen(request, timeout=30) as response:
        response.read()
        signed_in = "/sign-in" not in response.url  # not sent to sign in: the cookie worked
        return response.status if signed_in else 401, (time.perf_counter() - started) * 1000


def readiness(base: str) -> str:
    try:
        return urllib.request.urlopen(base + "/readyz", timeout=10).read().decode()
    except urllib.error.HTTPError as exc:  # 503 until both workers have reported in
        return exc.read().decode()


def test_merge_on_two_workers_while_pages_are_served(tmp_path, own_redis):  # noqa: F811
    app = make_app(tmp_path, REDIS_URL=own_redis, MERGE_WORKERS=1)
    client = sign_in(app.test_client())
    r = client.post(
        "/cases/new",
        data={
            "provider": "O'Brien & Sons <Ltd>",
            "service": "Tŷ Gwyn",
            "case_process": "closure",
            "opened_on": "2026-03-02",
        },
    )
    case_id = int(r.location.rsplit("/", 1)[-1])
    assert upload(client, case_id, csv_bytes([HEAD, *residents(LETTERS)]), "list.csv").status_code
    shared_details(app, case_id)
    cookie = "; ".join(f"{c.key}={c.value}" for c in client._cookies.values())
    env = {
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "SECRET_KEY": "test",
        "DOGFEN_INSTANCE": str(tmp_path / "instance"),
        "DOGFEN_LOG_FORMAT": "json",
        "DOGFEN_MERGE_WORKERS": "1",
    }
    server, base = start_server(
        tmp_path, app, "--workers", "2", REDIS_URL=own_redis, SECRET_KEY="test"
    )
    logs = [tmp_path / f"worker{n}.log" for n in (1, 2)]
    workers = []
    for path in logs:
        with path.open("w") as log:  # a file: an unread pipe would fill and block the worker
            workers.append(
                subprocess.Popen(
                    [sys.executable, "-c", "from web.cli import main; main()", "worker"],
                    env={**os.environ, **env, "REDIS_URL": own_redis},
                    stdout=log,
                    stderr=log,
                )
            )
    try:
        deadline = time.monotonic() + 60
        while "ok (2)" not in readiness(base):
            assert time.monotonic() < deadline, "the two workers never reported in"
            time.sleep(0.5)
        r = client.post(f"/cases/{case_id}/merge", data={"letter": "family-concerns-raised"})
        assert r.status_code == 302, r.text[:2000]
        job_id = int(re.search(r"/merge-jobs/(\d+)", r.location).group(1))
        pages = ["/", f"/cases/{case_id}", f"/merge-jobs/{job_id}", "/healthz"]
        latencies, statuses, i = [], [], 0
        deadline = time.monotonic() + 900
        while time.monotonic() < deadline:
            status, ms = get(base + pages[i % len(pages)], cookie)
            statuses.append(status)
            latencies.append(ms)
            i += 1
            if i % 20 == 0 and wait_for(app, job_id, timeout=0).status not in ("queued", "running"):
                break
            time.sleep(0.05)
        job = wait_for(app, job_id, timeout=60)
    finally:
        server.send_signal(signal.SIGTERM)
        for worker in workers:
            worker.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
        for worker in workers:
            worker.wait(timeout=120)
        stderr = [path.read_text() for path in logs]
    assert job.status == "done", (job.error, stderr[0][-2000:])
    assert set(statuses) == {200}, statuses
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    print(f"\n{len(latencies)} pages in the merge: p50 {cuts[49]:.0f} ms, p99 {cuts[98]:.0f} ms")
    assert all(w.returncode == 0 for w in workers), stderr[0][-2000:]

    [(record, files)] = merge_records(app, case_id)
    assert record.data["recipients"] == LETTERS and job.done == job.total == LETTERS
    # Split: each worker rendered letters (the job's own worker and the other, through chunk jobs)
    rendered_by = record.data["rendered_by"]
    worker_pids = {str(w.pid) for w in workers}
    assert {who.rsplit(":", 1)[1] for who in rendered_by} == worker_pids, rendered_by
    assert sum(rendered_by.values()) == LETTERS
    print(f"letters per worker: {rendered_by}")
    by_fmt = {f.fmt: f for f in files if "label" not in f.filename}  # not the address labels
    names = zipfile.ZipFile(io.BytesIO(by_fmt["zip"].content)).namelist()
    letters = sorted(n for n in names if re.match(r"\d{4}-", n))
    assert len(letters) == 2 * LETTERS  # Word and PDF of each
    assert sorted({int(n[:4]) for n in letters}) == list(range(1, LETTERS + 1))
    manifest = list(csv.reader(io.StringIO(by_fmt["csv"].content.decode("utf-8-sig"))))
    assert [int(row[0]) for row in manifest[1:]] == list(range(1, LETTERS + 1))
    assert [row[2] for row in manifest[1:]] == [row[8] for row in residents(LETTERS)]  # recipient
    pdf = PdfReader(io.BytesIO(by_fmt["pdf"].content))
    assert len(pdf.pages) == record.data["print_pages"] >= LETTERS
