"""NW 2.13, 2.16–2.17 and App 7(e): confirms escalating concerns status to the provider with a
summary of the risks, and requires a CAP and / or DAP; due within five working days of the PECG."""

from __future__ import annotations

from ...bilingual import BilingualLongText
from ...fields import Choice, Date
from ...i18n import N_
from .. import LetterDefinition

LETTER = LetterDefinition(
    id="provider-ec-status",
    title=N_("Escalating concerns: confirmation of status and action plan required"),
    source="NW 2.13, 2.16–2.17, NW Appendix 7(e)",
    recipient="provider",
    letter_fields=[
        Date("pecg_date", N_("Date of the PECG meeting"), past=True, example_value="2026-03-04"),
        Date(
            "pecm_date",
            N_("Date of the Provider Escalating Concerns Meeting"),
            required=False,
            past=True,
            example_value="2026-03-06",
        ),
        BilingualLongText(
            "concerns",
            N_("Summary of the risks and concerns identified"),
            example_value="Medicines are not managed safely and there are too few staff at night.",
            example_cy=(
                "Nid yw meddyginiaethau’n cael eu rheoli’n ddiogel ac nid "
                "oes digon o staff yn y nos."
            ),
        ),
        Choice(
            "plan_type",
            N_("Action plan required"),
            options=[
                ("cap", N_("Corrective action plan (CAP)")),
                ("dap", N_("Development action plan (DAP)")),
                ("both", N_("Both a CAP and a DAP")),
            ],
            example_value="both",
        ),
        Date(
            "action_plan_by",
            N_("Date by which the action plan must be agreed"),
            example_value="2026-03-20",
        ),
    ],
    key_dates={"pecg_date": "pecg_meeting"},
    timescale="provider-letter-after-pecg",
    timescale_from="pecg_date",
)
