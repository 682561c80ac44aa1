"""Open-loop load on ``dogfen serve``: requests sent at a fixed rate whatever the answers' speed
(so a slow server shows as latency, not as a politely lower rate), on the case list, a case page
and a form page. Latency counts from when each request was due, not when it went out.

    python benchmarks/load_benchmark.py            # 50, 100, 200, 400 req/s, 10 s each
    python benchmarks/load_benchmark.py --rates 200 --seconds 30 --workers 3
    DATABASE_URL=postgresql://... python benchmarks/load_benchmark.py   # an EMPTY database
    REDIS_URL=redis://127.0.0.1:6379/9 python benchmarks/load_benchmark.py --merge 300

Starts its own server on a free loopback port with a fresh SQLite database (or DATABASE_URL),
signs in, opens a case file and a form, then prints p50/p95/p99 and errors for each rate.
With ``--merge N`` it also starts two ``dogfen worker``s and, at each rate, a merge of N letters
(the residents list comes from the tests' sample rows), and says how far the merge got.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PASSWORD = "correct horse battery staple"
HEADER = f"{'req/s':>6} {'sent':>6} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"


def prepare(tmp: Path, url: str | None, redis: str = "") -> tuple:
    """A database with a user, a case file and a form; the session cookie and the pages."""
    from flask_migrate import upgrade

    from web import create_app
    from web.setup import add_user

    url = url or f"sqlite:///{tmp / 'bench.sqlite3'}"
    env = {"DATABASE_URL": url, "SECRET_KEY": "benchmark", "DOGFEN_INSTANCE": str(tmp)}
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": _driver(url),
            "SECRET_KEY": "benchmark",
            "INSTANCE_PATH": str(tmp),
            "WTF_CSRF_ENABLED": False,
            "REDIS_URL": redis,
        }
    )
    with app.app_context():
        upgrade()
        add_user("bench@example.org", "Bench", "admin", PASSWORD)
    client = app.test_client()
    client.post("/sign-in", data={"email": "bench@example.org", "password": PASSWORD})
    r = client.post(
        "/cases/new",
        data={
            "provider": "O'Brien & Sons <Ltd>",
            "service": "Tŷ Gwyn",
            "case_process": "provider-performance",
            "opened_on": "2026-03-02",
        },
    )
    case = re.search(r"/cases/\d+", r.location).group(0)
    r = client.post(f"{case}/records", data={"doc_type": "form", "doc_id": "cm-action-plan"})
    form = "/" + r.location.split("/", 3)[-1] if r.location.startswith("http") else r.location
    cookie = "; ".join(f"{c.key}={c.value}" for c in client._cookies.values())
    return env, ["/", case, form], cookie, (app, client, int(case.rsplit("/", 1)[-1]))


def _driver(url: str) -> str:
    if url.startswith("postgresql://"):
        return "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(env: dict, port: int, extra: list[str]) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-c", "from web.cli import main; main()", "serve"]
        + ["--bind", f"127.0.0.1:{port}", *extra],
        env={**os.environ, **env, "REDIS_URL": "", "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).close()
            return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("dogfen serve did not start")


class Pool:
    """Keep-alive HTTP/1.1 connections, one request at a time on each."""

    def __init__(self, port: int, cookie: str):
        self.port, self.idle = port, []
        self.head = f"Host: 127.0.0.1\r\nCookie: {cookie}\r\nAccept-Language: en\r\n"

    async def get(self, path: str) -> int:
        """A reused connection the server has just closed (its 5 s keep-alive) is retried once on
        a new one, as browsers and urllib3 do; any other failure counts as an error."""
        if self.idle:
            try:
                return await self._send(self.idle.pop(), path)
            except (asyncio.IncompleteReadError, ConnectionResetError) as exc:
                if getattr(exc, "partial", b""):
                    raise
        return await self._send(await asyncio.open_connection("127.0.0.1", self.port), path)

    async def _send(self, conn, path: str) -> int:
        reader, writer = conn
        try:
            writer.write(f"GET {path} HTTP/1.1\r\n{self.head}\r\n".encode())
            head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").lower()
            status = int(head.split(" ", 2)[1])
            length = re.search(r"content-length: *(\d+)", head)
            await reader.readexactly(int(length.group(1)) if length else 0)
        except BaseException:
            writer.close()
            raise
        if "connection: close" in head:
            writer.close()
        else:
            self.idle.append(conn)
        return status


async def stage(port: int, cookie: str, pages: list[str], rate: float, seconds: float) -> dict:
    pool, loop = Pool(port, cookie), asyncio.get_running_loop()
    latencies, errors = [], []

    async def one(path: str, due: float) -> None:
        try:
            status = await asyncio.wait_for(pool.get(path), timeout=30)
            if status != 200:
                errors.append(status)
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as exc:
            errors.append(type(exc).__name__)
        latencies.append((loop.time() - due) * 1000)

    start, tasks = loop.time() + 0.05, []
    for i in range(int(rate * seconds)):
        due = start + i / rate
        if due > loop.time():
            await asyncio.sleep(due - loop.time())
        tasks.append(asyncio.create_task(one(pages[i % len(pages)], due)))
    await asyncio.gather(*tasks)
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return {
        "rate": rate,
        "sent": len(tasks),
        "errors": len(errors),
        "p50": cuts[49],
        "p95": cuts[94],
        "p99": cuts[98],
        "took": loop.time() - start,
        "kinds": dict(collections.Counter(errors)),
    }


def merge_case(app, client, case_id: int, letters: int) -> None:
    """A residents list of ``letters`` people and the letter's shared details (the tests' own)."""
    from tests.test_jobs_web import HEAD, ROWS, csv_bytes, shared_details, upload

    rows = [[f"{r[0]}-{i}", *r[1:5], f"CR-{i}", *r[6:]] for i, r in enumerate(ROWS * letters)]
    assert upload(client, case_id, csv_bytes([HEAD, *rows[:letters]]), "list.csv").status_code
    shared_details(app, case_id)


def start_merge(app, client, case_id: int) -> int:
    r = client.post(f"/cases/{case_id}/merge", data={"letter": "family-concerns-raised"})
    return int(re.search(r"/merge-jobs/(\d+)", r.location).group(1))


def merge_state(app, job_id: int) -> str:
    from web.extensions import db
    from web.models import Job

    with app.app_context():
        job = db.session.get(Job, job_id)
        state = f"{job.status} {job.done}/{job.total}"
        db.session.remove()
        return state


WORKER = ["-c", "from web.cli import main; main()", "worker"]


def start_workers(env: dict, n: int) -> list[subprocess.Popen]:
    return [
        subprocess.Popen(
            # niced as deploy/dogfen-worker@.service runs them (Nice=10)
            ["nice", "-n", "10", sys.executable, *WORKER],
            env={**os.environ, **env, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(n)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rates", default="50,100,200,400")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--workers", type=int, default=None, help="default: dogfen serve's")
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument(
        "--merge", type=int, default=0, help="letters merged during each rate (needs REDIS_URL)"
    )
    args = parser.parse_args()
    redis = os.environ.get("REDIS_URL", "") if args.merge else ""
    if args.merge and not redis:
        raise SystemExit("--merge needs REDIS_URL: the merge runs on two `dogfen worker`s")
    extra = []
    if args.workers:
        extra += ["--workers", str(args.workers)]
    if args.threads:
        extra += ["--threads", str(args.threads)]
    with tempfile.TemporaryDirectory(prefix="dogfen-load-") as tmp:
        env, pages, cookie, (app, client, case_id) = prepare(
            Path(tmp), os.environ.get("DATABASE_URL"), redis
        )
        port = free_port()
        server = start_server(env, port, extra)
        workers = start_workers({**env, "REDIS_URL": redis}, 2) if args.merge else []
        if args.merge:
            merge_case(app, client, case_id, args.merge)
        try:
            asyncio.run(stage(port, cookie, pages, 20, 3))  # every worker imports and connects
            print(f"pages: {', '.join(pages)}; {os.cpu_count()} cores; serve {' '.join(extra)}")
            if args.merge:
                print(f"each rate while a merge of {args.merge} letters runs on 2 workers")
            print(HEADER + ("  merge at the end" if args.merge else ""))
            for rate in (float(r) for r in args.rates.split(",")):
                job_id = start_merge(app, client, case_id) if args.merge else None
                s = asyncio.run(stage(port, cookie, pages, rate, args.seconds))
                print(
                    f"{s['rate']:>6.0f} {s['sent']:>6} {s['errors']:>6} "
                    f"{s['p50']:>8.1f} {s['p95']:>8.1f} {s['p99']:>8.1f}"
                    + (f"  {merge_state(app, job_id)}" if job_id else "")
                    + (f"  errors: {s['kinds']}" if s["kinds"] else ""),
                    flush=True,
                )
                while job_id and merge_state(app, job_id).split()[0] in ("queued", "running"):
                    time.sleep(1)  # the next rate starts with the queue empty
        finally:
            for proc in (server, *workers):
                proc.send_signal(signal.SIGTERM)
            for proc in (server, *workers):
                proc.wait(timeout=300)


if __name__ == "__main__":
    main()
