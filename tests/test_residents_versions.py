"""Re-importing a residents list: the user chooses to replace the list or add to it, and the
list as it was is kept as an earlier version (audited), never overwritten in place."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from web.core.extensions import db
from web.core.models import AuditEvent

from .conftest import make_app, open_case, sign_in
from .test_jobs_web import HEAD, ROWS, csv_bytes, residents_records, upload

pytestmark = pytest.mark.db

NEW_ROW = [
    "Ŵyn",
    "Gwenllïan",
    "F",
    "1941-07-07",
    "Local authority",
    "CR-4",
    "Y",
    "N",
    "Mr Rhys “Bach” Ŵyn",
    "4 Lôn Las\nAberaeron",
    "Welsh",
]


def surnames(record) -> list[str]:
    return [row["surname"] for row in record.data["residents"]]


def by_version(app, case_id):
    return sorted(residents_records(app, case_id), key=lambda r: r.version)


@pytest.fixture
def listed(app, client, case_id) -> int:
    """A case whose residents list already holds three residents (a draft)."""
    r = upload(client, case_id, csv_bytes([HEAD, *ROWS]), "first.csv")
    assert r.status_code == 302 and "/records/" in r.location  # nothing to replace: no question
    return case_id


def reupload(client, case_id, rows=(NEW_ROW,), name="second.csv") -> str:
    r = upload(client, case_id, csv_bytes([HEAD, *rows]), name)
    assert r.status_code == 302 and "/residents/import/" in r.location, r.text[:2000]
    return r.location


def import_events(app) -> list[str]:
    with app.app_context():
        return db.session.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == "import").order_by(AuditEvent.id)
        ).all()


def test_reimport_asks_first_and_changes_nothing_until_answered(app, client, listed):
    staged = reupload(client, listed)
    page = client.get(staged)
    assert page.status_code == 200
    assert "“second.csv” is ready to import" in page.text
    assert "The list already has 3 residents" in page.text
    assert 'value="replace"' in page.text and 'value="add"' in page.text
    [only] = residents_records(app, listed)
    assert surnames(only) == ["Jones", "O'Brien", "Hughes"]

    r = client.post(staged)  # no choice made
    assert r.status_code == 400
    assert "Choose whether to replace the list or add to it" in r.text
    assert 'href="#mode"' in r.text and 'id="mode"' in r.text
    assert len(residents_records(app, listed)) == 1
    client.get("/language/cy")
    welsh = client.get(staged).text
    assert "Disodli’r rhestr â’r rhesi o’r ffeil hon" in welsh


def test_replace_keeps_the_old_list_as_a_version(app, client, listed):
    r = client.post(reupload(client, listed), data={"mode": "replace"})
    assert r.status_code == 302
    old, new = by_version(app, listed)
    assert surnames(old) == ["Jones", "O'Brien", "Hughes"] and old.status == "draft"
    assert surnames(new) == ["Ŵyn"] and new.version == 2 and new.based_on_id == old.id
    assert new.data["residents"][0]["representative_name"] == "Mr Rhys “Bach” Ŵyn"
    assert r.location.endswith(f"/records/{new.id}/edit")
    detail = import_events(app)[-1]
    assert detail.startswith("replace: 1 rows from second.csv") and f"record {old.id}" in detail
    # the old list is still there to read, and the import page lists every version
    assert "O&#39;Brien" in client.get(f"/records/{old.id}/edit").text
    page = client.get(f"/cases/{listed}/residents/import").text
    assert "Versions of the list" in page
    assert f'href="/records/{old.id}/edit">Version 1' in page
    assert f'href="/records/{new.id}/edit">Version 2' in page
    # the CSV and the merge use the newest
    csv_text = client.get(f"/cases/{listed}/residents.csv?lang=en").data.decode("utf-8-sig")
    assert "Ŵyn" in csv_text and "Hughes" not in csv_text


def test_add_appends_and_keeps_the_old_list(app, client, listed):
    r = client.post(reupload(client, listed), data={"mode": "add"})
    assert r.status_code == 302
    old, new = by_version(app, listed)
    assert surnames(old) == ["Jones", "O'Brien", "Hughes"]
    assert surnames(new) == ["Jones", "O'Brien", "Hughes", "Ŵyn"] and new.based_on_id == old.id
    assert "Residents added: 1. The list now has 4." in client.get(r.location).text
    assert import_events(app)[-1].startswith("add: 1 rows from second.csv; list now 4 rows")


def test_each_import_adds_a_version(app, client, listed):
    client.post(reupload(client, listed), data={"mode": "add"})
    client.post(reupload(client, listed, rows=ROWS[:1], name="third.csv"), data={"mode": "replace"})
    v1, v2, v3 = by_version(app, listed)
    assert [len(v.data["residents"]) for v in (v1, v2, v3)] == [3, 4, 1]
    assert v3.based_on_id == v2.id and v2.based_on_id == v1.id


def test_valid_rows_of_a_file_with_problems_can_be_added(app, client, listed):
    bad = ["Evans", "", "F", "1950-01-01", "LA", "CR-9", "Y", "N", "", "", ""]
    staged = reupload(client, listed, rows=[NEW_ROW, bad])
    page = client.get(staged)
    assert page.status_code == 400 and "Problems in" in page.text and 'value="add"' in page.text
    assert client.post(staged, data={"mode": "add"}).status_code == 302
    old, new = by_version(app, listed)
    assert surnames(new) == [*surnames(old), "Ŵyn"]


def test_adding_beyond_the_row_limit_is_refused(tmp_path):
    app = make_app(tmp_path, IMPORT_MAX_ROWS=4)
    client = sign_in(app.test_client())
    case_id = open_case(client)
    upload(client, case_id, csv_bytes([HEAD, *ROWS]), "first.csv")
    staged = reupload(client, case_id, rows=ROWS[:2])
    r = client.post(staged, data={"mode": "add"})
    assert r.status_code == 400 and "more than 4 rows" in r.text
    assert len(residents_records(app, case_id)) == 1
    assert client.post(staged, data={"mode": "replace"}).status_code == 302  # still possible
    assert [len(v.data["residents"]) for v in by_version(app, case_id)] == [3, 2]


def test_an_unknown_choice_is_refused(app, client, listed):
    r = client.post(reupload(client, listed), data={"mode": "merge-somehow"})
    assert r.status_code == 400 and len(residents_records(app, listed)) == 1


def test_a_first_import_into_an_empty_draft_list_fills_it(app, client, case_id):
    """An empty list has nothing to keep: it is filled in place, without a question."""
    r = client.post(
        f"/cases/{case_id}/records", data={"doc_type": "form", "doc_id": "bp-residents-list"}
    )
    empty = int(re.search(r"/records/(\d+)", r.location).group(1))
    r = upload(client, case_id, csv_bytes([HEAD, *ROWS]), "first.csv")
    assert r.location.endswith(f"/records/{empty}/edit")
    [record] = residents_records(app, case_id)
    assert record.id == empty and len(record.data["residents"]) == 3
