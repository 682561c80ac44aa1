"""Times as people in Wales live them: stored in UTC, shown in Europe/London (GMT or BST), in the
page's language, with Babel doing the calendar work."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from flask import Flask
from flask_babel import format_datetime

LONDON = ZoneInfo("Europe/London")


def london(value: dt.datetime) -> dt.datetime:
    """A stored (naive UTC) time as London time."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(LONDON)


def london_date(value: dt.datetime) -> dt.date:
    return london(value).date()


def local_datetime(value: dt.datetime | None) -> str:
    """``1 December 2026, 14:32`` in the page's language and London time."""
    return format_datetime(value, "d MMMM y, HH:mm") if value else ""


def local_time(value: dt.datetime | None) -> str:
    return format_datetime(value, "HH:mm") if value else ""


def init_timefmt(app: Flask) -> None:
    app.jinja_env.filters["local_datetime"] = local_datetime
    app.jinja_env.filters["local_time"] = local_time
