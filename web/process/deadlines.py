"""What a case must do and by when, worked out from its policy and the dates recorded on it.

Each requirement of the case's policy (forms.process) becomes one item per occurrence: waiting
(the date it counts from is not recorded), due, overdue, done (with what fulfilled it), or needed
(started, with no deadline in the source). Working days use the bank holidays of the policy's
nation. Replaces web/due.py, which knew only letters and one process.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from forms import all_forms
from forms.process import KEY_DATES, Requirement, get_policy
from forms.timescales import get_timescale

from ..core.models import Case, CaseKeyDate, Record
from ..core.registry import all_letters

STATUS_ORDER = ("overdue", "due", "needed", "waiting", "done")


@dataclass
class Deadline:
    case: Case
    req: Requirement
    start: dt.date | None = None
    due: dt.date | None = None
    done_by: Record | CaseKeyDate | None = None
    draft: Record | None = None
    today: dt.date | None = None

    @property
    def defn(self):
        """The first form or letter that exists among those that fulfil this (to start one)."""
        table = all_letters() | all_forms()
        return next((table[i] for i in self.req.fulfilled_by if i in table), None)

    @property
    def what(self) -> str:
        """A msgid: the letter's title, or the event of the timescale."""
        if self.req.letter:
            letter = all_letters().get(self.req.letter)
            return letter.title if letter else self.req.letter
        return self.req.what or self.req.key

    @property
    def event(self) -> str | None:
        """A msgid: what the timescale asks for ("Notify the provider …"), if it has one."""
        return get_timescale(self.req.timescale).event if self.req.timescale else None

    @property
    def counts_from(self) -> str:
        return KEY_DATES[self.req.after].label

    @property
    def source(self) -> str:
        if self.req.timescale:
            return get_timescale(self.req.timescale).source
        letter = all_letters().get(self.req.letter or "")
        return letter.source if letter else ""

    @property
    def done_on(self) -> dt.date | None:
        if isinstance(self.done_by, CaseKeyDate):
            return self.done_by.on
        if self.done_by is not None:
            return self.done_by.finalised_at.date()
        return None

    @property
    def status(self) -> str:
        today = self.today or dt.date.today()
        if self.done_by is not None:
            return "done"
        if self.start is None:
            return "waiting"
        if self.due is None:
            return "needed"
        return "overdue" if self.due < today else "due"


def _fulfilments(case: Case, req: Requirement, dates: dict) -> list[tuple[dt.date, object]]:
    found = [
        (r.finalised_at.date(), r)
        for r in case.records
        if r.is_final and r.doc_id in req.fulfilled_by and r.finalised_at
    ]
    if req.done_by_date:
        found += [(k.on, k) for k in dates[req.done_by_date]]
    return sorted(found, key=lambda pair: pair[0])


def _first_after(found, start: dt.date, end: dt.date | None, strictly: bool):
    for on, what in found:
        if (on > start if strictly else on >= start) and (end is None or on < end):
            return what
    return None


def _items(case, req, nation: str, dates: dict, ended: bool, today) -> list[Deadline]:
    scale = get_timescale(req.timescale) if req.timescale else None

    def make(start=None, done_by=None) -> Deadline:
        due = None
        if scale and start:
            try:
                due = scale.due(start, nation)
            except (OverflowError, ValueError):  # a date stored before years were range-checked
                pass
        return Deadline(case, req, start, due, done_by, draft, today)

    draft = next(
        (
            r
            for r in reversed(case.records)
            # a run of letters to families in progress is not a draft letter to open
            if not r.is_final and r.doc_type != "merge" and r.doc_id in req.fulfilled_by
        ),
        None,
    )
    starts = [k.on for k in dates[req.after]]
    found = _fulfilments(case, req, dates)
    strictly = req.done_by_date == req.after  # the next meeting, not the same one
    if not starts:  # produced before its date was recorded: still done, not asked for again
        return [make(done_by=found[0][1] if found and not req.recurring else None)]
    if req.recurring:
        last = max([starts[-1]] + [on for on, _ in found if on >= starts[0]])
        return [] if ended else [make(last)]
    if req.each:
        out = []
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) and not strictly else None
            out.append(make(start, _first_after(found, start, end, strictly)))
        return out
    return [make(starts[0], _first_after(found, starts[0], None, strictly))]


def case_deadlines(case: Case, today: dt.date | None = None) -> list[Deadline]:
    policy = get_policy(case.policy)
    dates: dict[str, list[CaseKeyDate]] = defaultdict(list)
    for k in sorted(case.key_dates, key=lambda k: (k.on, k.id or 0)):
        dates[k.kind].append(k)
    ended = case.stage == "closed" or bool(dates["process_ended"])
    return [
        item
        for req in policy.requirements
        for item in _items(case, req, policy.nation, dates, ended, today)
    ]


def next_deadline(case: Case, today: dt.date | None = None) -> Deadline | None:
    dated = [d for d in case_deadlines(case, today) if d.due and d.status in ("due", "overdue")]
    return min(dated, key=lambda d: d.due, default=None)


def next_steps(case: Case, today: dt.date | None = None) -> list[Deadline]:
    """What the case still has to do, so a final record can say what happens next: items with a
    date first (soonest first), then the rest in the order the policy needs them."""
    waiting = [d for d in case_deadlines(case, today) if d.status != "done"]
    dated = sorted((d for d in waiting if d.due), key=lambda d: d.due)
    return dated + [d for d in waiting if not d.due]


def open_deadlines(cases, today: dt.date | None = None, overdue_only: bool = False):
    """Due and overdue items with a date across ``cases``, soonest first."""
    items = [
        d
        for case in cases
        for d in case_deadlines(case, today)
        if d.due and d.status in (("overdue",) if overdue_only else ("due", "overdue"))
    ]
    return sorted(items, key=lambda d: (d.due, d.case.id))
