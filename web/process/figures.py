"""Strategic JIMP figures (NW 2.22) for a period, from the cases a user may see: services that
met the escalating-concerns threshold, the length of each process (first PECG to conclusion)
with its mean and median, embargoes or conditions by type of service and the vacant beds they
affect, the key themes (standards not met, from risk assessment rows), actions taken, closures.

Numbers only: the page and the command line put the words round them in either language.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from dataclasses import asdict, dataclass, field

from forms.bilingual import as_pair

THEMES_FROM = {"wb-risk-assessment": ("risks", "standard")}  # form id: (rows, column)
ACTION_KINDS = (
    "pecg_meeting",
    "provider_meeting",
    "embargo_placed",
    "embargo_lifted",
    "closure_announced",
    "closure_completed",
    "process_ended",
)


@dataclass
class Process:
    case: int
    provider: str
    start: dt.date  # first PECG meeting
    end: dt.date  # process ended (or the case closed)
    days: int


@dataclass
class Figures:
    start: str
    end: str
    threshold: int = 0  # services that met the escalating-concerns threshold
    processes: list[Process] = field(default_factory=list)
    mean_days: float | None = None
    median_days: float | None = None
    embargoes: dict[str, int] = field(default_factory=dict)  # type of service -> services
    embargo_services: int = 0
    vacant_beds: int = 0
    themes: list[tuple[str, int]] = field(default_factory=list)
    actions: dict[str, int] = field(default_factory=dict)
    closures: int = 0

    def to_dict(self) -> dict:
        return asdict(self)


def _dates(case) -> dict[str, list[dt.date]]:
    out: dict[str, list[dt.date]] = {}
    for k in sorted(case.key_dates, key=lambda k: k.on):
        out.setdefault(k.kind, []).append(k.on)
    return out


def _ended(case, dates) -> dt.date | None:
    if dates.get("process_ended"):
        return dates["process_ended"][-1]
    closed = [c.at.date() for c in case.stage_changes if c.to_stage == "closed"]
    return closed[-1] if closed else None


def _embargo_in_place(dates, start: dt.date, end: dt.date) -> bool:
    """Placed by the end of the period and not lifted before it began."""
    for placed in dates.get("embargo_placed", []):
        if placed > end:
            continue
        lifted = [d for d in dates.get("embargo_lifted", []) if d >= placed]
        if not lifted or lifted[0] >= start:
            return True
    return False


def _themes(case, start: dt.date, end: dt.date) -> Counter:
    found: Counter = Counter()
    for r in case.records:
        if not (r.is_final and r.doc_id in THEMES_FROM and r.finalised_at):
            continue
        if not start <= r.finalised_at.date() <= end:
            continue
        rows, column = THEMES_FROM[r.doc_id]
        for row in (r.data or {}).get(rows) or []:
            pair = as_pair(row.get(column))  # a translatable answer: counted by its English
            text = " ".join(str(pair.get("en") or pair.get("cy") or "").split())
            if text:
                found[text] += 1
    return found


def compute(cases, start: dt.date, end: dt.date) -> Figures:
    fig = Figures(start.isoformat(), end.isoformat())
    inside = lambda d: start <= d <= end  # noqa: E731
    themes: Counter = Counter()
    actions: Counter = Counter()
    embargoes: Counter = Counter()
    for case in cases:
        dates = _dates(case)
        if any(inside(d) for d in dates.get("ec_decision", [])):
            fig.threshold += 1
        ended = _ended(case, dates)
        if dates.get("pecg_meeting") and ended and inside(ended):
            first = dates["pecg_meeting"][0]
            fig.processes.append(
                Process(
                    case.id,
                    case.provider,
                    first,
                    ended,
                    (ended - first).days,
                )
            )
        if _embargo_in_place(dates, start, end):
            embargoes[case.service_type or ""] += 1
            fig.vacant_beds += case.vacancies or 0
        if any(inside(d) for d in dates.get("closure_completed", [])):
            fig.closures += 1
        for kind in ACTION_KINDS:
            actions[kind] += sum(1 for d in dates.get(kind, []) if inside(d))
        themes += _themes(case, start, end)
    days = [p.days for p in fig.processes]
    if days:
        fig.mean_days = round(statistics.mean(days), 1)
        fig.median_days = statistics.median(days)
    fig.embargoes = dict(sorted(embargoes.items()))
    fig.embargo_services = sum(embargoes.values())
    fig.themes = sorted(themes.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
    fig.actions = {k: actions[k] for k in ACTION_KINDS}
    return fig
