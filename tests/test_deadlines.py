"""Every row of the timescales table (CATALOGUE.md), from a recorded date on a case to its due
date, in the bank holidays of the case's nation; and due / overdue / done with what fulfilled it.

England and Wales share their bank holidays in the ``holidays`` package (St David's Day is not
one), so the rows are checked in both nations around Easter and Christmas, and a separate test
gives England an extra holiday to prove the case's own nation is the one counted.
"""

from __future__ import annotations

import datetime as dt

import pytest

import forms.timescales as timescales
from forms.process import POLICIES, Policy
from forms.process.policies import deadline, letter
from web.core.models import Case, CaseKeyDate, Record
from web.process.deadlines import case_deadlines, next_deadline, open_deadlines

D = dt.date


def make_case(policy="NW", dates=(), records=(), stage="escalating") -> Case:
    case = Case(id=1, provider="P", service="S", policy=policy, stage=stage, status="open")
    case.key_dates = [CaseKeyDate(kind=k, on=D.fromisoformat(on)) for k, on in dates]
    case.records = [
        Record(doc_id=doc, status="final", finalised_at=dt.datetime.fromisoformat(at))
        for doc, at in records
    ]
    return case


def all_rows(nation: str) -> Policy:
    """Every timescale in one policy of ``nation``, to count each row in both nations."""
    return Policy(
        "TEST",
        "test",
        nation,
        (
            letter("provider-process-started", "ec_decision"),
            letter("network-notification", "ec_decision"),
            deadline("initial-jimp", "pecg_meeting", done_by_date="pecg_meeting"),
            letter("stakeholder-ec-confirmed", "pecg_meeting"),
            deadline("pecg-minutes", "pecg_meeting", done_by=("nw-pecg-notes",), each=True),
            letter("provider-ec-status", "pecg_meeting"),
            deadline(
                "pecg-reconvened", "pecg_meeting", done_by_date="pecg_meeting", recurring=True
            ),
            deadline("action-plan-shared", "provider_meeting", done_by=("nw-action-plan",)),
            deadline("cap-progress", "cap_agreed", done_by=("nw-action-plan",), recurring=True),
            deadline("dap-progress", "dap_agreed", done_by=("nw-action-plan",), recurring=True),
        ),
    )


EVENTS = ("ec_decision", "pecg_meeting", "provider_meeting", "cap_agreed", "dap_agreed")

# (row, source, due when every date is Thursday 2 April 2026 (Good Friday and Easter Monday follow),
#  due when every date is Thursday 24 December 2026 (Christmas, Boxing Day on Monday 28th))
ROWS = [
    ("letter:provider-process-started", "WB 4.6", "2026-04-08", "2026-12-30"),
    ("letter:network-notification", "WB 4.5", "2026-04-08", "2026-12-30"),
    ("initial-jimp", "WB 4.6", "2026-04-30", "2027-01-21"),
    ("letter:stakeholder-ec-confirmed", "NW 2.8", "2026-04-07", "2026-12-29"),
    ("pecg-minutes", "NW 2.8", "2026-04-09", "2026-12-31"),
    ("letter:provider-ec-status", "NW 2.13", "2026-04-13", "2027-01-05"),
    ("pecg-reconvened", "NW 2.11", "2026-05-14", "2027-02-04"),
    ("action-plan-shared", "NW 2.17", "2026-04-09", "2026-12-31"),
    ("cap-progress", "NW 2.17", "2026-05-02", "2027-01-24"),
    ("dap-progress", "NW 2.17", "2026-06-02", "2027-02-24"),
]


@pytest.mark.parametrize("nation", ["wales", "england"])
@pytest.mark.parametrize("start,column", [("2026-04-02", 2), ("2026-12-24", 3)])
def test_every_timescale_row_from_a_recorded_date(monkeypatch, nation, start, column):
    monkeypatch.setitem(POLICIES, "TEST", all_rows(nation))
    case = make_case("TEST", [(kind, start) for kind in EVENTS])
    got = {d.req.key: d for d in case_deadlines(case, today=D(2026, 1, 1))}
    assert set(got) == {row[0] for row in ROWS}  # one item each: no row forgotten
    for row in ROWS:
        item = got[row[0]]
        assert (item.source, item.due.isoformat()) == (row[1], row[column]), row[0]
        assert item.start == D.fromisoformat(start) and item.status == "due"


def test_the_case_nation_decides_which_holidays_count(monkeypatch):
    real = timescales._bank_holidays
    extra = {D(2026, 3, 3): "test holiday"}
    monkeypatch.setattr(
        timescales,
        "_bank_holidays",
        lambda nation: (
            (extra | dict(real(nation).items())) if nation == "england" else real(nation)
        ),
    )
    monkeypatch.setitem(POLICIES, "EN", all_rows("england"))
    monkeypatch.setitem(POLICIES, "CY", all_rows("wales"))
    dates = [("ec_decision", "2026-03-02")]
    due = {code: case_deadlines(make_case(code, dates))[0].due for code in ("EN", "CY")}
    assert due == {"EN": D(2026, 3, 5), "CY": D(2026, 3, 4)}


def test_until_the_date_is_recorded_there_is_only_what_it_counts_from():
    items = case_deadlines(make_case("NW"))
    assert items and all(d.status == "waiting" and d.due is None for d in items)
    assert items[0].counts_from == "Decision to enter escalating concerns"


def test_overdue_due_and_done_with_what_fulfilled_it():
    case = make_case(
        "NW",
        [("ec_decision", "2026-03-02")],
        [("provider-process-started", "2026-03-03 10:00")],
    )
    items = {d.req.key: d for d in case_deadlines(case, today=D(2026, 3, 5))}
    done = items["letter:provider-process-started"]
    assert done.status == "done" and done.done_by.doc_id == "provider-process-started"
    assert done.done_on == D(2026, 3, 3)
    assert items["letter:network-notification"].status == "overdue"  # due 4 March
    early = {d.req.key: d for d in case_deadlines(case, today=D(2026, 3, 4))}
    assert early["letter:network-notification"].status == "due"


def test_a_letter_finalised_before_the_date_does_not_fulfil_it():
    case = make_case(
        "NW", [("ec_decision", "2026-03-10")], [("provider-process-started", "2026-03-03 10:00")]
    )
    assert case_deadlines(case, today=D(2026, 3, 10))[0].status == "due"


def test_minutes_are_due_for_each_meeting_and_fulfilled_in_its_window():
    case = make_case(
        "NW",
        [("pecg_meeting", "2026-03-04"), ("pecg_meeting", "2026-04-08")],
        [("nw-pecg-notes", "2026-03-09 09:00")],
    )
    minutes = [d for d in case_deadlines(case, today=D(2026, 4, 20)) if d.req.key == "pecg-minutes"]
    assert [(d.start, d.due, d.status) for d in minutes] == [
        (D(2026, 3, 4), D(2026, 3, 11), "done"),
        (D(2026, 4, 8), D(2026, 4, 15), "overdue"),
    ]


def test_recurring_deadlines_recur_from_the_last_time():
    case = make_case(
        "NW",
        [
            ("pecg_meeting", "2026-03-04"),
            ("pecg_meeting", "2026-04-08"),
            ("cap_agreed", "2026-01-10"),
        ],
        [("nw-action-plan", "2026-02-05 12:00")],
    )
    items = {d.req.key: d for d in case_deadlines(case, today=D(2026, 3, 1))}
    assert items["pecg-reconvened"].due == D(2026, 5, 20)  # six weeks after the latest meeting
    assert items["cap-progress"].due == D(2026, 3, 5)  # a month after the last report
    assert items["dap-progress"].status == "waiting"


def test_initial_jimp_is_done_by_the_next_meeting():
    case = make_case("WB", [("pecg_meeting", "2026-03-04"), ("pecg_meeting", "2026-03-25")])
    jimp = next(d for d in case_deadlines(case) if d.req.key == "initial-jimp")
    assert jimp.status == "done" and jimp.done_by.on == D(2026, 3, 25)


def test_recurring_stops_when_the_process_ends():
    dates = [("pecg_meeting", "2026-03-04"), ("process_ended", "2026-04-01")]
    keys = {d.req.key for d in case_deadlines(make_case("NW", dates))}
    assert "pecg-reconvened" not in keys


def test_next_deadline_and_across_cases():
    a = make_case("NW", [("pecg_meeting", "2026-03-04")])
    b = make_case("NW", [("ec_decision", "2026-02-02")])
    b.id = 2
    today = D(2026, 3, 5)
    assert next_deadline(a, today).due == D(2026, 3, 5)  # decisions shared: 1 working day
    items = open_deadlines([a, b], today)
    assert [d.due for d in items] == sorted(d.due for d in items)
    overdue = open_deadlines([a, b], today, overdue_only=True)
    assert overdue and {d.case.id for d in overdue} == {2}


def test_the_form_to_start_is_one_that_exists():
    case = make_case("NW", [("provider_meeting", "2026-03-02")])
    shared = next(d for d in case_deadlines(case) if d.req.key == "action-plan-shared")
    assert shared.defn is not None and shared.defn.id in shared.req.done_by


def test_a_date_at_the_end_of_the_calendar_has_no_deadline_but_the_page_opens():
    case = make_case("NW", [("pecg_meeting", "9999-12-31")])
    minutes = next(d for d in case_deadlines(case) if d.req.key == "pecg-minutes")
    assert minutes.start == D(9999, 12, 31) and minutes.due is None
