"""CM 11.5–11.7 and App L; NW 2.20: tells the provider the embargo is lifted, with any conditions on
restarting business (for example placements per week) and the monitoring that continues."""

from __future__ import annotations

from ...bilingual import BilingualLongText
from ...fields import Date
from ...i18n import N_
from .. import LetterDefinition

LETTER = LetterDefinition(
    id="provider-embargo-lifted",
    title=N_("Embargo on new placements lifted"),
    source="CM 11.5–11.7, CM Appendix L; NW 2.20",
    recipient="provider",
    letter_fields=[
        Date("lift_date", N_("Date the embargo is lifted"), example_value="2026-06-01"),
        BilingualLongText(
            "conditions",
            N_("Conditions on restarting business"),
            required=False,
            help=N_("For example, the number of placements a week or of new packages of care."),
            example_value="No more than two new placements a week until 31 July 2026.",
            example_cy="Dim mwy na dau leoliad newydd yr wythnos tan 31 Gorffennaf 2026.",
        ),
        BilingualLongText(
            "outstanding",
            N_("Actions still to be completed"),
            required=False,
            example_value="The provider must complete the medication audit.",
            example_cy="Rhaid i’r darparwr gwblhau’r archwiliad meddyginiaeth.",
        ),
        BilingualLongText(
            "monitoring",
            N_("Monitoring that continues"),
            required=False,
            example_value="Monthly monitoring visits will continue for six months.",
            example_cy="Bydd ymweliadau monitro misol yn parhau am chwe mis.",
        ),
    ],
)
