"""The demo home's records (``dogfen setup --demo``): Bryn Hyfryd in escalating concerns, as a new
user would meet it, with a draft risk assessment, an action plan, residents whose families are
ready for letters (one Welsh-speaking) and a provider letter started."""

from __future__ import annotations

import datetime as dt

from ..core.organisation import letter_values
from ..records.prefill import addressee


def demo_records(case, today: dt.date) -> list[tuple[str, str, dict]]:
    day = today.isoformat
    risk = {
        "care_home": case.service,
        "beds": 28,
        "completed_by": "Rhian Davies",
        "designation": "Contracts Officer",
        "contact": "01558 825000\nrhian.davies@example.org",
        "completed_on": day(),
        "risks": [
            {
                "standard": "Medication management",
                "incident_on": (today - dt.timedelta(days=6)).isoformat(),
                "description": "Two residents missed evening medication; the MAR charts were "
                "not signed.",
                "at_risk": "Residents on the first floor",
                "action_taken": "Pharmacist review arranged; staff retrained on MAR charts.",
                "further_action": "yes",
                "impact": 3,
                "engagement": 3,
            }
        ],
    }
    plan = {
        "provider": case.provider,
        "setting": case.service,
        "started_on": day(),
        "version": 1,
        "last_updated": day(),
        "plan_status": "open",
        "actions": [
            {
                "issue": "Medication records incomplete",
                "improvement": "Every dose recorded and checked at each handover",
                "action_type": "CA",
                "by_when": (today + dt.timedelta(days=28)).isoformat(),
                "person_responsible": "Mr Huw Davies, Manager",
                "likelihood": 3,
                "impact": 3,
                "progress": "on-going",
            }
        ],
    }
    people = [
        (
            "Evans",
            "Megan",
            "F",
            "1936-04-12",
            "Mr Gareth Evans",
            "son",
            "cy",
            "12 Stryd y Bont\nLlandeilo\nSA19 6AB",
        ),
        (
            "Thomas",
            "John",
            "M",
            "1941-09-03",
            "Mrs Susan Thomas",
            "daughter",
            "en",
            "4 Station Road\nLlandovery\nSA20 0EF",
        ),
        (
            "Williams",
            "Nia",
            "F",
            "1939-01-27",
            "Ms Ffion Williams",
            "niece",
            "unknown",
            "Pen y Bryn\nFfairfach\nSA19 6UA",
        ),
    ]
    residents = {
        "home": case.service,
        "manager": case.manager,
        "home_type": "residential",
        "residents": [
            {
                "surname": surname,
                "forename": forename,
                "gender": gender,
                "date_of_birth": born,
                "funding": "local-authority",
                "case_number": f"CR-{1040 + number}",
                "has_capacity": "yes",
                "requires_advocate": "no",
                "representative_name": rep,
                "representative_relationship": relation,
                "representative_address": address,
                "preferred_language": lang,
            }
            for number, (
                surname,
                forename,
                gender,
                born,
                rep,
                relation,
                lang,
                address,
            ) in enumerate(people, start=1)
        ],
    }
    letter = {
        **letter_values(),
        "provider": case.provider,
        "service": case.service,
        "provider_address": case.provider_address,
        **addressee(case, "en"),
        "decision_date": case.opened_on.isoformat(),
        "letter_date": day(),
    }
    families = {  # what every family's letter shares; each family's part is in the list
        "provider": case.provider,
        "service": case.service,
        "letter_date": day(),
        "our_ref": "EC/2026/007",
        "partners": [
            {
                "name_en": "Hywel Dda University Health Board",
                "name_cy": "Bwrdd Iechyd Prifysgol Hywel Dda",
            }
        ],
        "contact_name": "Rhian Davies",
        "contact_phone": "01558 825000",
        "contact_email": "commissioning@example.org",
    }
    return [
        ("form", "wb-risk-assessment", risk),
        ("form", "cm-action-plan", plan),
        ("form", "bp-residents-list", residents),
        ("letter", "provider-process-started", letter),
        ("letter", "family-concerns-raised", {**letter_values(), **families}),
    ]
