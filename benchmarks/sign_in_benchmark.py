"""Sign-in timing: a wrong password for a known email against any password for an unknown one.
The two should take about the same time (both check a password hash), so the answer's timing
does not tell which emails have accounts. Then a burst of wrong guesses for one email sent at
once, with the default limits: how many reached a password check (at most 5) and how long the
burst took. Printed, not asserted.

    python benchmarks/sign_in_benchmark.py           # 20 attempts of each, a burst of 20
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=20)
    args = parser.parse_args()
    from flask_migrate import upgrade

    from web import create_app
    from web.admin.setup import add_user

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(
            {
                "INSTANCE_PATH": tmp,
                "SECRET_KEY": "benchmark",
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/bench.sqlite3",
                "WTF_CSRF_ENABLED": False,
                "SIGN_IN_MAX_FAILURES": 10**6,
                "SIGN_IN_MAX_ADDRESS_FAILURES": 10**6,
            }
        )
        with app.app_context():
            upgrade()
            add_user("known@example.org", "Known", "editor", "correct horse battery staple")
            add_user("burst@example.org", "Burst", "editor", "correct horse battery staple")
        client = app.test_client()
        client.post("/sign-in", data={"email": "warm@example.org", "password": "x"})
        for email in ("known@example.org", "unknown@example.org"):
            times = []
            for _ in range(args.n):
                start = time.perf_counter()
                client.post("/sign-in", data={"email": email, "password": "a wrong password"})
                times.append((time.perf_counter() - start) * 1000)
            print(f"{email:22} median {statistics.median(times):6.1f} ms  max {max(times):6.1f} ms")
        app.config.update(SIGN_IN_MAX_FAILURES=5)
        burst(app, args.n)  # another email: the timings above left failures for theirs


def burst(app, n: int) -> None:
    """``n`` wrong guesses for one email at the same moment, each from a client of its own."""
    import web.core.models

    checked, real = [], web.core.models.check_password_hash
    web.core.models.check_password_hash = lambda h, p: checked.append(h) or real(h, p)
    start, began = threading.Barrier(n), []

    def one(_):
        client = app.test_client()
        start.wait()
        began.append(time.perf_counter())
        data = {"email": "burst@example.org", "password": "a wrong guess"}
        return client.post("/sign-in", data=data).status_code

    with ThreadPoolExecutor(n) as pool:
        statuses = list(pool.map(one, range(n)))
    took = (time.perf_counter() - min(began)) * 1000
    web.core.models.check_password_hash = real
    print(
        f"burst of {n} wrong guesses at once: {len(checked)} checked a password (limit 5), "
        f"{statuses.count(429)} refused; {took:.0f} ms"
    )


if __name__ == "__main__":
    main()
