"""URL converters: an id in a URL is a database integer, so one that cannot be is a 404.

Werkzeug's ``int`` takes any length of digits; an id of 2**63 or more then overflows SQLite, and
one of 2**31 or more PostgreSQL's INTEGER keys (a 500 either way). Registered as ``int`` in the
app factory, so every ``<int:...>`` route gets it.
"""

from __future__ import annotations

from werkzeug.routing import IntegerConverter

ID_MAX = 2**31 - 1  # the primary keys are INTEGER columns


class IdConverter(IntegerConverter):
    def __init__(self, map, fixed_digits=0, min=None, max=ID_MAX, signed=False):  # noqa: A002
        super().__init__(map, fixed_digits, min=min, max=max, signed=signed)


def init_converters(app) -> None:
    """Before any blueprint is registered: rules take their converter when added."""
    app.url_map.converters["int"] = IdConverter
