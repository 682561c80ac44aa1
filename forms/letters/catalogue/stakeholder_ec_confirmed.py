"""NW 2.8, 2.10 and App 5(b): confirms a service's escalating concerns status to the stakeholders,
with any conditions or suspension of placements; decisions are shared within one working day
of the PECG (NW 2.8)."""

from __future__ import annotations

from ...fields import Choice, Date, LongText
from ...i18n import N_
from .. import LetterDefinition
from ..common import contact_fields, required_when

DETAILS = LongText(
    "placement_details",
    N_("Details of the conditions or suspension"),
    required=False,
    example_value="No new admissions for nursing care from 10 March 2026.",
)

LETTER = LetterDefinition(
    id="stakeholder-ec-confirmed",
    title=N_("Escalating concerns: confirmation of status to stakeholders"),
    source="NW 2.8, 2.10, NW Appendix 5(b)",
    recipient="stakeholder",
    letter_fields=[
        Date("pecg_date", N_("Date of the PECG meeting"), past=True, example_value="2026-03-04"),
        LongText("concerns", N_("Summary of the concerns")),
        Choice(
            "placements",
            N_("New placements"),
            options=[
                ("none", N_("No conditions or suspension")),
                ("conditions", N_("Conditions on new placements")),
                ("suspended", N_("New placements suspended")),
            ],
            example_value="conditions",
        ),
        DETAILS,
        Date(
            "next_pecg_date",
            N_("Date the PECG will next meet"),
            required=False,
            example_value="2026-04-15",
        ),
        *contact_fields(),
    ],
    rules=[required_when(DETAILS, "placements", ("conditions", "suspended"))],
    key_dates={"pecg_date": "pecg_meeting"},
    timescale="pecg-decisions-shared",
    timescale_from="pecg_date",
)
