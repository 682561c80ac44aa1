"""CM Appendix N: confirms the provider performance meeting, the action plan and the next meeting
(CM 10.8: the letter also gives further meeting dates and the attendance required)."""

from __future__ import annotations

from ...bilingual import BilingualLongText, BilingualText
from ...fields import Date, Text
from ...i18n import N_
from .. import LetterDefinition

LETTER = LetterDefinition(
    id="provider-pp-meeting-confirmation",
    title=N_("Provider performance meeting: confirmation"),
    source="CM Appendix N, CM 10.8",
    recipient="provider",
    letter_fields=[
        Date("meeting_date", N_("Date of the provider performance meeting"), past=True),
        BilingualText(
            "meeting_venue",
            N_("Venue of the meeting"),
            example_value="County Hall, Room 2",
            example_cy="Neuadd y Sir, Ystafell 2",
        ),
        Date(
            "regulator_meeting_date",
            N_("Date of the meeting between officers and the regulator"),
            required=False,
            past=True,
            example_value="2026-02-23",
        ),
        BilingualLongText(
            "agreements",
            N_("Other agreements made at the meeting"),
            required=False,
            example_value="The manager will send the staffing rotas every week.",
            example_cy="Bydd y rheolwr yn anfon y rotâu staffio bob wythnos.",
        ),
        BilingualLongText(
            "monitoring_changes",
            N_("Changes to contract monitoring or case management arrangements"),
            required=False,
            example_value="Contract monitoring visits will take place every month.",
            example_cy="Cynhelir ymweliadau monitro contract bob mis.",
        ),
        Date(
            "next_meeting_date",
            N_("Date of the next provider performance meeting"),
            example_value="2026-04-06",
        ),
        Text(
            "next_meeting_time",
            N_("Time of the next meeting"),
            required=False,
            example_value="10:00",
        ),
        BilingualText(
            "next_meeting_venue",
            N_("Venue of the next meeting"),
            required=False,
            example_value="County Hall, Room 2",
            example_cy="Neuadd y Sir, Ystafell 2",
        ),
        BilingualLongText(
            "attendance",
            N_("Who is required to attend the next meeting"),
            required=False,
            example_value="The registered manager\nThe responsible individual",
            example_cy="Y rheolwr cofrestredig\nYr unigolyn cyfrifol",
        ),
    ],
)
