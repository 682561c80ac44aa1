"""NW 2.21 and App 10(b): tells the stakeholders that escalating concerns status has been removed
and how the service will be monitored from now on."""

from __future__ import annotations

from ...bilingual import BilingualLongText
from ...fields import Date
from ...i18n import N_
from .. import LetterDefinition
from ..common import CLOSURE_OUTCOME, contact_fields

LETTER = LetterDefinition(
    id="stakeholder-ec-closed",
    title=N_("Escalating concerns: closure of the process, to stakeholders"),
    source="NW 2.21, NW Appendix 10(b)",
    recipient="stakeholder",
    letter_fields=[
        Date("closure_date", N_("Date of the decision to end escalating concerns"), past=True),
        CLOSURE_OUTCOME,
        BilingualLongText(
            "notes",
            N_("Other information for stakeholders"),
            required=False,
            example_value="The provider has completed every action in the plan.",
            example_cy="Mae’r darparwr wedi cwblhau pob cam gweithredu yn y cynllun.",
        ),
        *contact_fields(),
    ],
)
