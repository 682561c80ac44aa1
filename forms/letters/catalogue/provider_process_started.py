"""CM App L (item 2) and CM 10.8: tells the provider the service has been placed under the Provider
Performance Monitoring Protocol; due two working days after the decision (WB 4.6)."""

from __future__ import annotations

from ...bilingual import BilingualLongText
from ...fields import Date
from ...i18n import N_
from .. import LetterDefinition
from ..common import meeting_fields

LETTER = LetterDefinition(
    id="provider-process-started",
    title=N_("Provider performance monitoring: service placed under the protocol"),
    source="CM Appendix L, CM 10.8; WB 4.6",
    recipient="provider",
    letter_fields=[
        Date("decision_date", N_("Date of the decision"), past=True, example_value="2026-03-05"),
        BilingualLongText(
            "concerns",
            N_("Summary of the concerns"),
            example_value="Several complaints about poor care at night.",
            example_cy="Sawl cwyn am ofal gwael yn ystod y nos.",
        ),
        *meeting_fields("next", "next", required=False),
    ],
    key_dates={"decision_date": "ec_decision"},
    timescale="provider-notified",
    timescale_from="decision_date",
)
