"""WB App 6 item 17, WB 4.12 and BP App 5: the lead officer's letter to each resident's family that
the home is closing, the support offered to every resident (self-funders too), the points of
contact and the dedicated telephone line."""

from __future__ import annotations

from ...bilingual import BilingualLongText
from ...fields import Date, Text
from ...i18n import N_
from ...wales import OPENING_HOURS, choice_with_other, other_given
from .. import LetterDefinition
from ..common import contact_fields, meeting_fields

HOURS, HOURS_OTHER = choice_with_other(
    "helpline_hours",
    N_("When the telephone line is open"),
    OPENING_HOURS,
    N_("Other opening hours"),
    required=False,
    example_value="weekdays-9-5",
    other_en="Monday to Thursday, 9am to 4pm",
    other_cy="Dydd Llun i ddydd Iau, 9yb i 4yh",
)

LETTER = LetterDefinition(
    id="family-home-closure",
    title=N_("Closure of the care home: letter to families"),
    source="WB Appendix 6 item 17, WB 4.12; BP Appendix 5",
    recipient="family",
    letter_fields=[
        Date("closure_date", N_("Expected date of closure"), example_value="2026-05-29"),
        BilingualLongText(
            "reason",
            N_("Why the home is closing"),
            required=False,
            example_value=(
                "The provider has told us it can no longer run the home for financial reasons."
            ),
            example_cy=(
                "Mae’r darparwr wedi dweud wrthym na all barhau i redeg y "
                "cartref am resymau ariannol."
            ),
        ),
        Text(
            "helpline_phone",
            N_("Dedicated telephone line for residents and families"),
            example_value="0800 123 4567",
        ),
        HOURS,
        HOURS_OTHER,
        *meeting_fields("family_meeting", "family_meeting", required=False, example="2026-03-20"),
        *contact_fields(),
    ],
    rules=[other_given(HOURS, HOURS_OTHER)],
)
