"""NW 2.13–2.15 and App 7(a): after the PECG, tells the provider the outcome and invites it to the
Provider Escalating Concerns Meeting, sending the CAP / DAP template; due within five working days
of the PECG meeting (NW 2.13)."""

from __future__ import annotations

from ...bilingual import BilingualLongText
from ...fields import Date
from ...i18n import N_
from .. import LetterDefinition
from ..common import meeting_fields

LETTER = LetterDefinition(
    id="provider-ec-meeting-invitation",
    title=N_("Invitation to a Provider Escalating Concerns Meeting"),
    source="NW 2.13–2.15, NW Appendix 7(a)",
    recipient="provider",
    letter_fields=[
        Date("pecg_date", N_("Date of the PECG meeting"), past=True, example_value="2026-03-04"),
        BilingualLongText(
            "concerns",
            N_("Summary of the risks and concerns identified"),
            example_value="Medicines are not managed safely and there are too few staff at night.",
            example_cy=(
                "Nid yw meddyginiaethau’n cael eu rheoli’n ddiogel ac nid "
                "oes digon o staff yn y nos."
            ),
        ),
        *meeting_fields("pecm", "pecm", example="2026-03-18"),
        Date(
            "action_plan_by",
            N_("Date by which a draft action plan is requested"),
            example_value="2026-03-16",
        ),
    ],
    key_dates={"pecg_date": "pecg_meeting"},
    timescale="provider-letter-after-pecg",
    timescale_from="pecg_date",
)
