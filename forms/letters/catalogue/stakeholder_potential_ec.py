"""NW 2.2–2.3 and App 5(a): tells commissioners, CIW and partners that a service may be in
escalating concerns and asks them for the information they hold before the PECG meets."""

from __future__ import annotations

from ...fields import Date, LongText
from ...i18n import N_
from .. import LetterDefinition
from ..common import contact_fields

LETTER = LetterDefinition(
    id="stakeholder-potential-ec",
    title=N_("Potential escalating concerns: request for information"),
    source="NW 2.2–2.3, NW Appendix 5(a)",
    recipient="stakeholder",
    letter_fields=[
        LongText("concerns", N_("Summary of the concerns")),
        LongText("information_requested", N_("Information requested")),
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
