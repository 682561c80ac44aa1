"""A merge's chunks shared with other processes (generator/merge/share.py, web/merge/chunks.py):
each chunk is rendered once, by whoever claims it; one whose renderer died is rendered again by
the merge itself; the print file and manifest stay in list order."""

from __future__ import annotations

import csv
import io
import multiprocessing
import re

import pytest
from pypdf import PdfReader

from generator.merge import MergeCancelled, plan_merge, run_merge
from generator.merge.share import Board, render_shared, renderer

from .test_merge import defn, row  # noqa: F401 (fixtures)
from .test_ops import own_redis  # noqa: F401 (a fixture)

PEOPLE = [row(f"Mrs Person {i:02d}", ("en", "cy", "both")[i % 3]) for i in range(12)]


@pytest.fixture(scope="module")
def case(defn):  # noqa: F811
    return defn.example()


class OtherProcess(Board):
    """Odd chunks are claimed by another process, which renders them when the work orders exist
    (or never, when ``dies``: its claims then run out)."""

    def __init__(self, dies: bool = False):
        self.dies, self.claims, self.procs = dies, [], []
        self.checked_lost = set()

    def share(self, chunks, folder):
        for n in range(1, len(chunks), 2):
            if not self.dies:
                proc = multiprocessing.get_context("spawn").Process(
                    target=render_shared, args=(folder, n)
                )
                proc.start()
                self.procs.append(proc)

    def claim(self, n):
        self.claims.append(n)
        return n % 2 == 0 or n in self.checked_lost

    def lost(self, n):
        self.checked_lost.add(n)
        return self.dies

    def close(self):
        for proc in self.procs:
            proc.join(60)


def _manifest(out) -> list[dict]:
    return list(csv.DictReader(io.StringIO((out / "manifest.csv").read_text("utf-8-sig"))))


def test_chunks_another_process_renders_are_stitched_in_list_order(defn, case, tmp_path):  # noqa: F811
    recipients, problems = plan_merge(defn, case, PEOPLE)
    assert problems == []
    board = OtherProcess()
    seen = []
    out = tmp_path / "letters"
    result = run_merge(
        defn, recipients, out, lambda d, n: seen.append(d), workers=1, chunk=2, board=board
    )
    by = dict(result.rendered_by)
    assert by.pop(renderer()) == len(PEOPLE) / 2  # the even chunks, here
    assert sorted(by) == sorted(f"{renderer().split(':')[0]}:{p.pid}" for p in board.procs)
    assert all(p.exitcode == 0 for p in board.procs)
    assert [int(r["Position"]) for r in _manifest(out)] == list(range(1, len(PEOPLE) + 1))
    assert [r["Recipient"] for r in _manifest(out)] == [p["recipient_name"] for p in PEOPLE]
    pdf = PdfReader(out / result.combined)
    named = re.findall(r"Mrs Person \d\d", "".join(p.extract_text() for p in pdf.pages))
    in_print = [n for i, n in enumerate(named) if i == 0 or named[i - 1] != n]
    assert in_print == [p["recipient_name"] for p in PEOPLE]
    assert seen[-1] == len(PEOPLE)
    assert not list(out.glob(".chunk-*")), "work orders and results are cleared"


def test_a_chunk_whose_renderer_died_is_rendered_by_the_merge(defn, case, tmp_path):  # noqa: F811
    recipients, _ = plan_merge(defn, case, PEOPLE)
    board = OtherProcess(dies=True)
    out = tmp_path / "letters"
    result = run_merge(defn, recipients, out, workers=1, chunk=2, board=board)
    assert board.checked_lost == {1, 3, 5}
    assert list(result.rendered_by.values()) == [len(PEOPLE)]
    assert [int(r["Position"]) for r in _manifest(out)] == list(range(1, len(PEOPLE) + 1))


def test_cancel_while_others_render_leaves_nothing(defn, case, tmp_path):  # noqa: F811
    recipients, _ = plan_merge(defn, case, PEOPLE)
    board = OtherProcess(dies=True)  # its chunks never come
    state = {"done": 0}
    with pytest.raises(MergeCancelled):
        run_merge(
            defn,
            recipients,
            tmp_path / "letters",
            lambda d, n: state.update(done=d),
            lambda: state["done"] > 0,
            workers=1,
            chunk=2,
            board=board,
        )
    assert list(tmp_path.iterdir()) == []


def test_a_chunk_of_a_merge_that_has_gone_is_not_rendered(tmp_path):
    assert render_shared(tmp_path / "gone", 0) is False


def test_a_chunk_job_renders_only_a_running_merges_unclaimed_chunk(
    app,
    defn,  # noqa: F811
    case,
    tmp_path,
    own_redis,  # noqa: F811
):
    from generator.merge.run import _chunks
    from generator.merge.share import published, save_orders
    from web.core.extensions import db
    from web.core.models import Job
    from web.merge.chunks import RedisBoard, render_chunk_job

    recipients, _ = plan_merge(defn, case, PEOPLE[:4])
    folder = tmp_path / ".letters-run1"
    folder.mkdir()
    save_orders(_chunks(defn, recipients, folder, 2, 1, None, None), folder)
    app.config["REDIS_URL"] = own_redis
    with app.app_context():
        job = Job(kind="merge", case_id=None, params={}, status="queued")
        db.session.add(job)
        db.session.commit()
        assert render_chunk_job(job.id, str(folder), 0) == "merge ended"  # not started yet
        job.status = "running"
        db.session.commit()
        board = RedisBoard(job.id, own_redis, 60)
        board.folder = folder
        assert board.claim(1)  # the merge's own worker took chunk 1
        assert render_chunk_job(job.id, str(folder), 1) == "taken"
        assert published(folder, 1) is None
        assert render_chunk_job(job.id, str(folder), 0) == "rendered"
        letters, by = published(folder, 0)
        assert [r.position for r in letters] == [1, 2] and by == renderer()
        assert (folder / letters[0].pdf).exists()
        assert not board.claim(0)  # rendered once: the merge will not claim it again
        job.cancel_requested = True
        db.session.commit()
        assert render_chunk_job(job.id, str(folder), 1) == "merge ended"


def test_a_claim_runs_out_when_its_worker_dies(tmp_path, own_redis):  # noqa: F811
    import time

    from web.merge.chunks import RedisBoard

    board, other = RedisBoard(7, own_redis, 1), RedisBoard(7, own_redis, 1)
    board.folder = other.folder = tmp_path / ".letters-abc"
    assert other.claim(0)
    assert not board.claim(0) and not board.lost(0)
    time.sleep(1.2)  # the other worker never published: its claim expires
    assert board.lost(0) and board.claim(0)


def test_chunk_jobs_nobody_started_are_taken_off_the_queue_when_the_merge_ends(
    app,
    defn,  # noqa: F811
    case,
    tmp_path,
    own_redis,  # noqa: F811
):
    from redis import Redis
    from rq import Queue

    from generator.merge.run import _chunks
    from generator.merge.share import save_orders
    from web.merge.chunks import CHUNKS_QUEUE, RedisBoard

    recipients, _ = plan_merge(defn, case, PEOPLE[:6])
    folder = tmp_path / ".letters-run2"
    folder.mkdir()
    chunks = _chunks(defn, recipients, folder, 2, 1, None, None)
    save_orders(chunks, folder)
    queue = Queue(CHUNKS_QUEUE, connection=Redis.from_url(own_redis))
    with app.app_context():
        board = RedisBoard(9, own_redis, 60)
        board.share(chunks, folder)
        assert queue.count == len(chunks) == 3
        started = queue.pop_job_id()  # a worker took the first
        board.close()
    assert queue.count == 0
    assert queue.connection.exists(f"rq:job:{started}")  # the one a worker holds is left alone
    assert not queue.connection.exists(f"rq:job:{board._job_id(1)}")


def test_a_merge_runs_alone_when_redis_is_away(app, defn, case, tmp_path):  # noqa: F811
    from web.merge.chunks import RedisBoard

    recipients, _ = plan_merge(defn, case, PEOPLE[:4])
    with app.app_context():
        board = RedisBoard(5, "redis://127.0.0.1:1/0", 60)  # nothing listens on port 1
        result = run_merge(defn, recipients, tmp_path / "letters", workers=1, chunk=2, board=board)
    assert list(result.rendered_by.values()) == [4]
    assert [r.position for r in result.letters] == [1, 2, 3, 4]
