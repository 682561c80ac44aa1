"""CM 10.14: the chair's letter to a provider that is not engaging, setting out the concerns and the
expectations for improvement, and reminding it of the contract and of working in partnership."""

from __future__ import annotations

from ...bilingual import BilingualLongText
from ...fields import Date
from ...i18n import N_
from .. import LetterDefinition
from ..common import meeting_fields

LETTER = LetterDefinition(
    id="provider-lack-of-engagement",
    title=N_("Concerns about the provider’s engagement"),
    source="CM 10.14",
    recipient="provider",
    letter_fields=[
        BilingualLongText(
            "concerns",
            N_("Concerns about the provider’s engagement"),
            help=N_(
                "For example, failing to attend meetings, to discuss the concerns and risks, "
                "or to make progress on the improvements required."
            ),
            example_value=(
                "The provider has not attended the last two meetings or sent "
                "the information we asked for."
            ),
            example_cy=(
                "Nid yw’r darparwr wedi dod i’r ddau gyfarfod diwethaf nac "
                "wedi anfon yr wybodaeth y gofynnwyd amdani."
            ),
        ),
        BilingualLongText(
            "expectations",
            N_("What is expected of the provider"),
            example_value=(
                "Attend the next meeting and send the action plan within five working days."
            ),
            example_cy=(
                "Dod i’r cyfarfod nesaf ac anfon y cynllun gweithredu o fewn pum diwrnod gwaith."
            ),
        ),
        Date(
            "respond_by",
            N_("Date by which a reply is expected"),
            required=False,
            example_value="2026-03-23",
        ),
        *meeting_fields("next", "next", required=False),
    ],
)
