"""Sign-in timing: a wrong password for a known email against any password for an unknown one.
The two should take about the same time (both check a password hash), so the answer's timing
does not tell which emails have accounts. Printed, not asserted.

    python benchmarks/sign_in_benchmark.py           # 20 attempts of each
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
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
        client = app.test_client()
        client.post("/sign-in", data={"email": "warm@example.org", "password": "x"})
        for email in ("known@example.org", "unknown@example.org"):
            times = []
            for _ in range(args.n):
                start = time.perf_counter()
                client.post("/sign-in", data={"email": email, "password": "a wrong password"})
                times.append((time.perf_counter() - start) * 1000)
            print(f"{email:22} median {statistics.median(times):6.1f} ms  max {max(times):6.1f} ms")


if __name__ == "__main__":
    main()
