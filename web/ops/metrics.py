"""``/metrics`` in Prometheus' text format, behind a bearer token (404 when none is configured).

Request latencies and finalise durations are measured where they happen; under ``dogfen serve``
every gunicorn worker writes them to PROMETHEUS_MULTIPROC_DIR and a scrape adds them up. The job
queue and the letters merged are read from the Job table at scrape time, so they count the work
of every worker process on every machine, which a process-local counter could not."""

from __future__ import annotations

import functools
import hmac
import os
import time

from flask import Blueprint, Flask, Response, abort, current_app, g, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Histogram,
    generate_latest,
)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from sqlalchemy import func, select

bp = Blueprint("metrics", __name__)

REQUEST_SECONDS = Histogram(
    "dogfen_request_duration_seconds",
    "Time to answer a request, by route (Flask endpoint) and method.",
    ["endpoint", "method"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
FINALISE_SECONDS = Histogram(
    "dogfen_finalise_duration_seconds",
    "Time to finalise a record: validate, render every language and format, store.",
    buckets=(0.25, 0.5, 1, 2, 5, 10, 20, 40, 80),
)


def timed_finalise(fn):
    """Wrap ``archive.finalise`` so each call is observed, whatever it returns or raises."""

    @functools.wraps(fn)
    def wrapped(*args, **kwargs):
        with FINALISE_SECONDS.time():
            return fn(*args, **kwargs)

    return wrapped


class JobCollector:
    """Queue depth and age, and letters merged, from the Job table at scrape time."""

    def collect(self):
        from ..core.extensions import db
        from ..core.models import Job, now

        depth = GaugeMetricFamily("dogfen_jobs", "Background jobs by status.", labels=["status"])
        for status in ("queued", "running"):
            count = db.session.scalar(select(func.count(Job.id)).where(Job.status == status))
            depth.add_metric([status], count or 0)
        yield depth
        oldest = db.session.scalar(select(func.min(Job.created_at)).where(Job.status == "queued"))
        age = (now() - oldest).total_seconds() if oldest else 0.0
        yield GaugeMetricFamily(
            "dogfen_jobs_oldest_queued_age_seconds", "Age of the oldest queued job.", value=age
        )
        letters = db.session.scalar(
            select(func.coalesce(func.sum(Job.done), 0)).where(Job.kind == "merge")
        )
        yield CounterMetricFamily(
            "dogfen_merge_letters",
            "Letters rendered by merges (rate() gives letters per second).",
            value=letters or 0,
        )
        chunks = _chunks_waiting()
        if chunks is not None:
            yield GaugeMetricFamily(
                "dogfen_merge_chunks_queued",
                "Chunks of letters waiting for a worker (a run is split across workers).",
                value=chunks,
            )


def _chunks_waiting() -> int | None:
    url = current_app.config.get("REDIS_URL")
    if not url:
        return None
    from redis import Redis
    from redis.exceptions import RedisError
    from rq import Queue

    from ..merge.chunks import CHUNKS_QUEUE

    try:
        return Queue(CHUNKS_QUEUE, connection=Redis.from_url(url, socket_timeout=2)).count
    except RedisError:  # readiness says Redis is away; metrics still answer
        return None


def _registry() -> CollectorRegistry:
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return REGISTRY
    from prometheus_client import multiprocess

    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    return registry


@bp.get("/metrics")
def metrics():
    # The raw variable first: Flask's prefixed-env loader turns a token like "1e5" into 100000.0
    token = os.environ.get("DOGFEN_METRICS_TOKEN") or current_app.config.get("METRICS_TOKEN")
    token = str(token or "")
    if not token:
        abort(404)
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(given.encode(), token.encode()):
        return Response("unauthorised\n", 401, {"WWW-Authenticate": "Bearer"}, "text/plain")
    jobs = CollectorRegistry(auto_describe=False)
    jobs.register(JobCollector())
    body = generate_latest(_registry()) + generate_latest(jobs)
    return Response(body, mimetype=CONTENT_TYPE_LATEST)


def init_metrics(app: Flask) -> None:
    @app.after_request
    def observe(response):
        started = getattr(g, "request_started", None)
        if started is not None and request.endpoint != "metrics.metrics":
            REQUEST_SECONDS.labels(request.endpoint or "unmatched", request.method).observe(
                time.perf_counter() - started
            )
        return response
