"""CM App L: tells each resident's representative that the embargo has been lifted and that
monitoring continues."""

from __future__ import annotations

from ...fields import Date
from ...i18n import N_
from .. import LetterDefinition
from ..common import contact_fields

LETTER = LetterDefinition(
    id="family-embargo-lifted",
    title=N_("Embargo on new placements lifted: letter to families"),
    source="CM Appendix L, CM 11.4",
    recipient="family",
    letter_fields=[
        Date("lift_date", N_("Date the embargo is lifted"), example_value="2026-06-01"),
        *contact_fields(),
    ],
)
