"""NW 2.2–2.3 and App 5(a): tells commissioners, CIW and partners that a service may be in
escalating concerns and asks them for the information they hold before the PECG meets."""

from __future__ import annotations

from ...bilingual import BilingualLongText
from ...fields import Date
from ...i18n import N_
from .. import LetterDefinition
from ..common import contact_fields

LETTER = LetterDefinition(
    id="stakeholder-potential-ec",
    title=N_("Potential escalating concerns: request for information"),
    source="NW 2.2–2.3, NW Appendix 5(a)",
    recipient="stakeholder",
    letter_fields=[
        BilingualLongText(
            "concerns",
            N_("Summary of the concerns"),
            example_value="Medicines are not managed safely and there are too few staff at night.",
            example_cy=(
                "Nid yw meddyginiaethau’n cael eu rheoli’n ddiogel ac nid "
                "oes digon o staff yn y nos."
            ),
        ),
        BilingualLongText(
            "information_requested",
            N_("Information requested"),
            example_value="Any concerns your authority has about this provider.",
            example_cy="Unrhyw bryderon sydd gan eich awdurdod am y darparwr hwn.",
        ),
        Date("reply_by", N_("Date by which a reply is requested"), example_value="2026-03-13"),
        Date(
            "pecg_date",
            N_("Date of the PECG meeting, if arranged"),
            required=False,
            example_value="2026-03-18",
        ),
        *contact_fields(),
    ],
)
