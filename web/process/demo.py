"""Demo cases at different stages, some with overdue items, so a new installation's case list,
case pages and deadlines page show the process working (``dogfen setup --demo``)."""

from __future__ import annotations

import datetime as dt

from ..core.extensions import db
from ..core.models import Case, CaseMember
from .key_dates import add_date
from .stages import change_stage

# provider, service, policy, first stage, later stage or None, [(kind, days ago)]
DEMO = [
    (
        "Gofal Glan-y-Môr Cyf",
        "Tŷ Glan-y-Môr",
        "NW",
        "monitoring",
        "escalating",
        [("ec_decision", 40), ("pecg_meeting", 35), ("pecg_meeting", 9), ("provider_meeting", 4)],
    ),
    (
        "Meadowbank Care Ltd",
        "Meadowbank House",
        "BP",
        "escalating",
        "embargo",
        [("ec_decision", 20), ("embargo_placed", 3)],
    ),
    (
        "Hafan Deg Homes",
        "Hafan Deg",
        "WB",
        "escalating",
        "closure",
        [("ec_decision", 60), ("pecg_meeting", 50), ("closure_announced", 6)],
    ),
    (
        "Cartrefi Cwm Gwendraeth",
        "Llys y Nant",
        "CM",
        "monitoring",
        None,
        [("provider_meeting", 12)],
    ),
    ("Riverside Support", "Riverside Domiciliary Care", "BK", "monitoring", "closed", []),
]


def demo_process(user, first: Case) -> None:
    """Give the first demo case a decision a week ago (its letters are overdue), and add the
    others, each moved to its stage with a reason, as a user would."""
    today = dt.date.today()
    add_date(first, "ec_decision", today - dt.timedelta(days=7), user, "demo data")
    for provider, service, policy, stage, later, dates in DEMO:
        case = Case(
            provider=provider,
            service=service,
            provider_address="",
            process="escalating-concerns",
            policy=policy,
            stage=stage,
            opened_on=today - dt.timedelta(days=max([d for _, d in dates] or [30])),
            created_by_id=user.id,
            service_type="domiciliary" if policy == "BK" else "care-home",
            beds=None if policy == "BK" else 30,
            vacancies=None if policy == "BK" else 4,
        )
        case.members.append(CaseMember(user_id=user.id, added_by_id=user.id))
        db.session.add(case)
        db.session.flush()
        for kind, days in dates:
            add_date(case, kind, today - dt.timedelta(days=days), user, "demo data")
        if later:
            change_stage(case, later, user, "demo data")
