"""Letters a case's process requires (CM App L checklist; WB/NW timescales): produced or not, and
by when, in working days of the organisation's nation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from forms.timescales import get_timescale

from .organisation import current
from .registry import all_letters

AT_START, EMBARGO, LIFTED, AFTER_PECG, AT_END = (
    _l("At the start"),
    _l("If an embargo is placed"),
    _l("When the embargo is lifted"),
    _l("After the PECG meeting"),
    _l("At the end"),
)

# (letter id, when it is needed) per process; CM App L for provider performance.
REQUIRED = {
    "provider-performance": [
        ("provider-process-started", AT_START),
        ("network-notification", AT_START),
        ("provider-embargo-placed", EMBARGO),
        ("family-embargo-placed", EMBARGO),
        ("provider-embargo-lifted", LIFTED),
        ("family-embargo-lifted", LIFTED),
        ("provider-process-ended", AT_END),
    ],
    "escalating-concerns": [
        ("provider-process-started", AT_START),
        ("network-notification", AT_START),
        ("provider-ec-meeting-invitation", AFTER_PECG),
        ("provider-ec-status", AFTER_PECG),
        ("stakeholder-ec-confirmed", AFTER_PECG),
        ("provider-ec-closed", AT_END),
        ("stakeholder-ec-closed", AT_END),
    ],
    "closure": [
        ("network-notification", AT_START),
        ("family-home-closure", AT_START),
    ],
}
# Timescales that count from the decision to start the process: the case's opening date.
FROM_DECISION = {"provider-notified", "network-notified"}


@dataclass
class DueLetter:
    letter_id: str
    title: str
    when: str
    produced: object | None  # the latest final record
    draft: object | None
    due: dt.date | None
    counts_from: str | None  # msgid of the event, when the due date is not known yet
    event: str | None = None  # msgid of what the timescale asks for ("Notify the provider …")
    recipient: str = ""  # "family" letters go out as letters to families, one per resident

    @property
    def overdue(self) -> bool:
        return not self.produced and self.due is not None and self.due < dt.date.today()


def _start_date(defn, case, records) -> dt.date | None:
    for rec in records:
        value = (rec.data or {}).get(defn.timescale_from)
        if value:
            try:
                return dt.date.fromisoformat(str(value))
            except ValueError:
                continue
    return case.opened_on if defn.timescale in FROM_DECISION else None


def _due(scale, start: dt.date, nation: str) -> dt.date | None:
    """None for a start date stored before dates were range-checked (31/12/9999 has no
    deadline inside the calendar): the case page must still open."""
    try:
        return scale.due(start, nation)
    except (OverflowError, ValueError):
        return None


def due_letters(case) -> list[DueLetter]:
    letters, nation = all_letters(), current().nation or "wales"
    out = []
    for letter_id, when in REQUIRED.get(case.process, []):
        defn = letters.get(letter_id)
        if defn is None:
            continue
        records = [
            r
            for r in reversed(case.records)
            if r.doc_type in ("letter", "merge") and r.doc_id == letter_id
        ]
        # A run of letters to families (a "merge" record) produces the family letter too.
        final = next((r for r in records if r.is_final), None)
        draft = next((r for r in records if not r.is_final and r.doc_type == "letter"), None)
        due = counts_from = event = None
        if defn.timescale:
            scale = get_timescale(defn.timescale)
            event = scale.event
            start = _start_date(defn, case, records)
            if start:
                due = _due(scale, start, nation)
            else:
                counts_from = scale.after
        recipient = getattr(defn, "recipient", "")
        out.append(
            DueLetter(letter_id, defn.title, when, final, draft, due, counts_from, event, recipient)
        )
    return out


def next_steps(case) -> list[DueLetter]:
    """What the process still requires: the letters not yet produced, those with a date first
    (soonest first), then the rest in the order the process needs them."""
    waiting = [d for d in due_letters(case) if not d.produced]
    dated = sorted((d for d in waiting if d.due), key=lambda d: d.due)
    return dated + [d for d in waiting if not d.due]
