"""CM 11.5–11.7 and App L; NW 2.20: tells the provider the embargo is lifted, with any conditions on
restarting business (for example placements per week) and the monitoring that continues."""

from __future__ import annotations

from ...fields import Date, LongText
from ...i18n import N_
from .. import LetterDefinition

LETTER = LetterDefinition(
    id="provider-embargo-lifted",
    title=N_("Embargo on new placements lifted"),
    source="CM 11.5–11.7, CM Appendix L; NW 2.20",
    recipient="provider",
    letter_fields=[
        Date("lift_date", N_("Date the embargo is lifted"), example_value="2026-06-01"),
        LongText(
            "conditions",
            N_("Conditions on restarting business"),
            required=False,
            help=N_("For example, the number of placements a week or of new packages of care."),
            example_value="No more than two new placements a week\nuntil 31 July 2026.",
        ),
        LongText("outstanding", N_("Actions still to be completed"), required=False),
        LongText("monitoring", N_("Monitoring that continues"), required=False),
    ],
)
