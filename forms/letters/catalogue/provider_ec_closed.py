"""NW 2.21 and App 10(a): tells the provider that escalating concerns status has been removed after
a final risk assessment, and what monitoring or actions remain."""

from __future__ import annotations

from ...bilingual import BilingualLongText
from ...fields import Date
from ...i18n import N_
from .. import LetterDefinition
from ..common import CLOSURE_OUTCOME, required_when

REMAINING = BilingualLongText(
    "remaining_actions",
    N_("Actions that remain"),
    required=False,
    example_value="The provider will finish the staff training plan by the end of June.",
    example_cy="Bydd y darparwr yn cwblhau’r cynllun hyfforddi staff erbyn diwedd mis Mehefin.",
)

LETTER = LetterDefinition(
    id="provider-ec-closed",
    title=N_("Escalating concerns: closure of the process"),
    source="NW 2.21, NW Appendix 10(a)",
    recipient="provider",
    letter_fields=[
        Date("closure_date", N_("Date of the decision to end escalating concerns"), past=True),
        CLOSURE_OUTCOME,
        REMAINING,
    ],
    rules=[required_when(REMAINING, "outcome", ("dap", "cap"))],
)
