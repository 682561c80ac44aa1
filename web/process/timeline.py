"""The case's story in date order: opened, stage changes, key dates, and every form and letter
finalised (issue 13: "a timeline of stages, dates, documents and letters")."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask_babel import gettext as _

from forms import all_forms
from forms.process import KEY_DATES, STAGES

from ..core.registry import all_letters


@dataclass
class Entry:
    on: dt.date
    kind: str  # opened | stage | date | record
    text: str  # already in the page's language
    detail: str = ""
    record_id: int | None = None


def timeline(case, t) -> list[Entry]:
    entries = [Entry(case.opened_on, "opened", _("Case file opened"))]
    for c in case.stage_changes:
        text = _("Stage: %(stage)s", stage=t(STAGES.get(c.to_stage, c.to_stage)))
        who = c.by.name if c.by else ""
        entries.append(Entry(c.at.date(), "stage", text, f"{who}: {c.reason}", c.record_id))
    for k in case.key_dates:
        entries.append(Entry(k.on, "date", t(KEY_DATES[k.kind].label), k.note, k.record_id))
    docs = all_forms() | all_letters()
    for r in case.records:
        if r.is_final and r.finalised_at:
            defn = docs.get(r.doc_id)
            title = t(defn.title) if defn else r.doc_id
            entries.append(Entry(r.finalised_at.date(), "record", title, "", r.id))
    order = {"opened": 0, "stage": 1, "date": 2, "record": 3}
    return sorted(entries, key=lambda e: (e.on, order[e.kind]))
