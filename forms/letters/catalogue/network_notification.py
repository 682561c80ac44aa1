"""WB App 4 and NW App 9: notification to the All Wales commissioning network at the start and the
end of a process, normally issued bilingually; due within two working days of the decision
(WB 4.5). The confidentiality note from WB App 4 is on every copy."""

from __future__ import annotations

from ...bilingual import BilingualLongText, BilingualText
from ...fields import Choice, Date, Text
from ...i18n import N_
from ...wales import CARE_CATEGORIES, LOCAL_AUTHORITIES, OTHER, choice_with_other, other_given
from .. import LetterDefinition
from ..common import contact_fields, required_when

CATEGORY_OTHER = BilingualText(
    "category_other",
    N_("Other category of care"),
    required=False,
    example_value="Day care run by a charity",
    example_cy="Gofal dydd a gynhelir gan elusen",
)
DETAILS = BilingualLongText(
    "placement_details",
    N_("Details of the suspension or restrictions"),
    required=False,
    example_value="No new admissions from 10 March 2026.",
    example_cy="Dim derbyniadau newydd o 10 Mawrth 2026 ymlaen.",
)
CLOSED = Date(
    "closure_date",
    N_("Date of the formal closure of the process"),
    required=False,
    past=True,
    example_value="2026-06-30",
)

AREA, AREA_OTHER = choice_with_other(
    "service_area",
    N_("Authority where the service is"),
    [*LOCAL_AUTHORITIES, OTHER],
    N_("Other authority"),
    example_value="swansea",
)

LETTER = LetterDefinition(
    id="network-notification",
    title=N_("Notification of escalating concerns / provider performance"),
    source="WB Appendix 4, WB 4.5; NW 2.10, NW Appendix 9",
    recipient="network",
    default_lang="both",
    letter_fields=[
        Choice(
            "stage",
            N_("Stage of the notification"),
            options=[("start", N_("Start of the process")), ("end", N_("End of the process"))],
            example_value="end",
        ),
        Choice(
            "category",
            N_("Category of care provided"),
            options=CARE_CATEGORIES,
            example_value="other",
        ),
        CATEGORY_OTHER,
        Text(
            "overarching_org",
            N_("Name of over-arching organisation, if any"),
            required=False,
            example_value="Gofal & Co <Group> Ltd",
        ),
        AREA,
        AREA_OTHER,
        Choice(
            "status",
            N_("Current status"),
            options=[
                ("provider-performance", N_("Provider performance")),
                ("escalating-concerns", N_("Escalating concerns")),
                ("hosg", N_("Home Operations Support Group (HOSG)")),
            ],
            example_value="escalating-concerns",
        ),
        Date(
            "date_commenced",
            N_("Date the process commenced"),
            past=True,
            example_value="2026-03-04",
        ),
        Choice(
            "placements",
            N_("Suspension or restrictions of placements"),
            options=[
                ("none", N_("None")),
                ("restricted", N_("Placements restricted")),
                ("suspended", N_("Placements suspended")),
            ],
            example_value="suspended",
        ),
        DETAILS,
        CLOSED,
        *contact_fields(),
    ],
    rules=[
        required_when(CATEGORY_OTHER, "category", ("other",)),
        other_given(AREA, AREA_OTHER),
        required_when(DETAILS, "placements", ("restricted", "suspended")),
        required_when(CLOSED, "stage", ("end",)),
    ],
    timescale="network-notified",
    timescale_from="date_commenced",
)
