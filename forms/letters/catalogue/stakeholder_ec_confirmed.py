"""NW 2.8, 2.10 and App 5(b): confirms a service's escalating concerns status to the stakeholders,
with any conditions or suspension of placements; decisions are shared within one working day
of the PECG (NW 2.8)."""

from __future__ import annotations

from ...bilingual import BilingualLongText
from ...fields import Choice, Date
from ...i18n import N_
from .. import LetterDefinition
from ..common import contact_fields, required_when

DETAILS = BilingualLongText(
    "placement_details",
    N_("Details of the conditions or suspension"),
    required=False,
    example_value="No new admissions for nursing care from 10 March 2026.",
    example_cy="Dim derbyniadau newydd ar gyfer gofal nyrsio o 10 Mawrth 2026 ymlaen.",
)

LETTER = LetterDefinition(
    id="stakeholder-ec-confirmed",
    title=N_("Escalating concerns: confirmation of status to stakeholders"),
    source="NW 2.8, 2.10, NW Appendix 5(b)",
    recipient="stakeholder",
    letter_fields=[
        Date("pecg_date", N_("Date of the PECG meeting"), past=True, example_value="2026-03-04"),
        BilingualLongText(
            "concerns",
            N_("Summary of the concerns"),
            example_value="Medicines are not managed safely and there are too few staff at night.",
            example_cy=(
                "Nid yw meddyginiaethau’n cael eu rheoli’n ddiogel ac nid "
                "oes digon o staff yn y nos."
            ),
        ),
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
