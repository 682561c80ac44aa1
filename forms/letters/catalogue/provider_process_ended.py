"""Closing paragraph of CM 10 and NW 2.21: confirms in writing to the provider that the process
has ended, and whether any actions go on under routine monitoring."""

from __future__ import annotations

from ...bilingual import BilingualLongText
from ...fields import Choice, Date
from ...i18n import N_
from .. import LetterDefinition
from ..common import required_when

REMAINING = BilingualLongText(
    "remaining_actions",
    N_("Actions that continue under routine monitoring"),
    required=False,
    example_value="Routine monitoring of the training plan will continue.",
    example_cy="Bydd y gwaith monitro arferol ar y cynllun hyfforddi yn parhau.",
)

LETTER = LetterDefinition(
    id="provider-process-ended",
    title=N_("Provider performance monitoring: end of the process"),
    source="CM 10 (closing paragraph), CM Appendix L; NW 2.21",
    recipient="provider",
    letter_fields=[
        Date("closure_date", N_("Date the partners agreed to close the process"), past=True),
        Choice(
            "outcome",
            N_("Outcome"),
            options=[
                ("routine", N_("All actions are complete: routine monitoring resumes")),
                ("continued", N_("Some actions continue under routine quality monitoring")),
            ],
            example_value="continued",
        ),
        REMAINING,
    ],
    rules=[required_when(REMAINING, "outcome", ("continued",))],
)
