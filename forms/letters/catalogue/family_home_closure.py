"""WB App 6 item 17, WB 4.12 and BP App 5: the lead officer's letter to each resident's family that
the home is closing, the support offered to every resident (self-funders too), the points of
contact and the dedicated telephone line."""

from __future__ import annotations

from ...fields import Date, LongText, Text
from ...i18n import N_
from .. import LetterDefinition
from ..common import contact_fields, meeting_fields

LETTER = LetterDefinition(
    id="family-home-closure",
    title=N_("Closure of the care home: letter to families"),
    source="WB Appendix 6 item 17, WB 4.12; BP Appendix 5",
    recipient="family",
    letter_fields=[
        Date("closure_date", N_("Expected date of closure"), example_value="2026-05-29"),
        LongText("reason", N_("Why the home is closing"), required=False),
        Text(
            "helpline_phone",
            N_("Dedicated telephone line for residents and families"),
            example_value="0800 123 4567",
        ),
        Text(
            "helpline_hours",
            N_("When the telephone line is open"),
            required=False,
            example_value="Monday to Friday, 9am to 5pm",
        ),
        *meeting_fields("family_meeting", "family_meeting", required=False, example="2026-03-20"),
        *contact_fields(),
    ],
)
