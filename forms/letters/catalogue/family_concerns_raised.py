"""CM Appendix O: tells each resident's relative or representative that concerns have been raised,
that the agencies are acting jointly with the owners, and whom to contact (CM 10.9)."""

from __future__ import annotations

from ...i18n import N_
from .. import LetterDefinition
from ..common import contact_fields, partner_agencies

LETTER = LetterDefinition(
    id="family-concerns-raised",
    title=N_("Concerns raised about standards of care"),
    source="CM Appendix O, CM 10.9",
    recipient="family",
    letter_fields=[
        partner_agencies(N_("Other agencies taking joint action (besides the regulator)")),
        *contact_fields(),
    ],
)
