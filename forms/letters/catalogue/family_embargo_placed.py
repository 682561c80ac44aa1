"""CM App L: tells each resident's representative that, after concerns over a period, an embargo has
been placed on new placements, and that their relative's care is being monitored (CM 11.2)."""

from __future__ import annotations

from ...fields import Date
from ...i18n import N_
from .. import LetterDefinition
from ..common import contact_fields

LETTER = LetterDefinition(
    id="family-embargo-placed",
    title=N_("Embargo on new placements: letter to families"),
    source="CM Appendix L, CM 11.2, 11.4",
    recipient="family",
    letter_fields=[
        Date("effective_date", N_("Date the embargo takes effect"), example_value="2026-03-10"),
        *contact_fields(),
    ],
)
