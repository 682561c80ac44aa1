"""The ids in a URL are checked once per request: the view's own loading of the same case or
record finds the answer and the object already there (web/core/access.py)."""

from __future__ import annotations

from sqlalchemy import event

from tests.conftest import open_case
from web.core.extensions import db


def _queries(app, client, url: str) -> list[str]:
    seen: list[str] = []
    with app.app_context():
        engine = db.engine

    def count(conn, cursor, statement, params, context, many):
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return seen


def test_a_case_page_loads_its_case_and_asks_about_its_team_once(app, client):
    case_id = open_case(client)
    client.get(f"/cases/{case_id}")
    statements = _queries(app, client, f"/cases/{case_id}")
    case_loads = [s for s in statements if s.lstrip().startswith('SELECT "case".id, "case".')]
    team_checks = [s for s in statements if "FROM case_member" in s and "EXISTS" in s]
    assert len(case_loads) == 1, case_loads
    assert len(team_checks) <= 1, team_checks
