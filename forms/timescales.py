"""Deadlines the source policies set, counted in working days of the organisation's nation.

A working day excludes Saturdays, Sundays and the bank holidays of Wales or England (from the
``holidays`` package), so a letter due "within five working days" of a meeting gets a real date.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from functools import cache

import holidays

from .i18n import N_

NATIONS = {"wales": "WLS", "england": "ENG"}


@cache
def _bank_holidays(nation: str) -> holidays.HolidayBase:
    try:
        subdiv = NATIONS[nation]
    except KeyError:
        raise ValueError(f"nation must be one of {', '.join(NATIONS)}") from None
    return holidays.UK(subdiv=subdiv)  # expands to any year it is asked about


def is_working_day(day: dt.date, nation: str) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(nation)


def add_working_days(start: dt.date, n: int, nation: str) -> dt.date:
    """The date ``n`` working days after ``start`` (the start day itself is not counted)."""
    day = start
    while n > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day, nation):
            n -= 1
    return day


def add_months(start: dt.date, n: int) -> dt.date:
    """Same day ``n`` months on, or the month's last day when it is shorter (31 Jan -> 28 Feb)."""
    month0 = start.month - 1 + n
    year, month = start.year + month0 // 12, month0 % 12 + 1
    return start.replace(
        year=year, month=month, day=min(start.day, calendar.monthrange(year, month)[1])
    )


@dataclass(frozen=True)
class Timescale:
    """One deadline from a source: ``amount`` of ``unit`` after the event it counts from."""

    key: str
    event: str  # msgid: what must happen
    after: str  # msgid: what it counts from
    amount: int
    unit: str  # "working_days" | "weeks" | "months"
    source: str

    def due(self, start: dt.date | str, nation: str = "wales") -> dt.date:
        if isinstance(start, str):
            start = dt.date.fromisoformat(start)
        if self.unit == "working_days":
            return add_working_days(start, self.amount, nation)
        if self.unit == "weeks":
            return start + dt.timedelta(weeks=self.amount)
        if self.unit == "months":
            return add_months(start, self.amount)
        raise ValueError(f"unknown unit {self.unit!r}")


TIMESCALES = {
    t.key: t
    for t in [
        Timescale(
            "provider-notified",
            N_("Notify the provider that concerns will be managed under the process"),
            N_("the decision to go into escalating concerns"),
            2,
            "working_days",
            "WB 4.6",
        ),
        Timescale(
            "network-notified",
            N_("Notify the All Wales commissioning network"),
            N_("the decision to go into escalating concerns"),
            2,
            "working_days",
            "WB 4.5",
        ),
        Timescale(
            "initial-jimp",
            N_("Hold the initial Joint Inter-agency Monitoring Panel"),
            N_("the risk assessment meeting"),
            4,
            "weeks",
            "WB 4.6",
        ),
        Timescale(
            "pecg-decisions-shared",
            N_("Share the PECG decisions and actions with all commissioners"),
            N_("the PECG meeting"),
            1,
            "working_days",
            "NW 2.8",
        ),
        Timescale(
            "pecg-minutes",
            N_("Share the full minutes of the PECG meeting"),
            N_("the PECG meeting"),
            1,
            "weeks",
            "NW 2.8",
        ),
        Timescale(
            "provider-letter-after-pecg",
            N_("Send the notification of escalating concerns letter to the provider"),
            N_("the PECG meeting"),
            5,
            "working_days",
            "NW 2.13",
        ),
        Timescale(
            "pecg-reconvened",
            N_("Reconvene the PECG"),
            N_("the first PECG meeting"),
            6,
            "weeks",
            "NW 2.11",
        ),
        Timescale(
            "action-plan-shared",
            N_("Share the action plan and monitoring arrangements with the wider PECG"),
            N_("the meeting with the provider"),
            1,
            "weeks",
            "NW 2.17",
        ),
        Timescale(
            "cap-progress",
            N_("Progress report on a corrective action plan"),
            N_("the plan or the last report"),
            1,
            "months",
            "NW 2.17",
        ),
        Timescale(
            "dap-progress",
            N_("Progress report on a development action plan"),
            N_("the plan or the last report"),
            2,
            "months",
            "NW 2.17",
        ),
    ]
}


def get_timescale(key: str) -> Timescale:
    try:
        return TIMESCALES[key]
    except KeyError:
        raise KeyError(key) from None
