"""What CM Appendices J and K (suspending and restarting business) share: the head of the
procedure, its protection-measures table of ticks, and the authorisation that finalises it."""

from __future__ import annotations

from ..bilingual import BilingualText
from ..definition import Error
from ..fields import Date, LongText, Section, Text, YesNo
from ..i18n import N_
from .cm_common import COMPLETED_BY_CHAIR


def head(recommended_label: str, reason_label: str, reason_example: str) -> Section:
    return Section(
        N_("About the provider"),
        [
            Text("provider", N_("Name of care provider"), example_value="Gofal Da Cyf"),
            Text("service", N_("Name of care home/service"), example_value="Tŷ Gwyn Care Home"),
            Date(
                "process_started_on",
                N_("Date Provider Performance Monitoring Process commenced"),
                past=True,
                example_value="2026-01-12",
            ),
            Date(
                "recommended_on",
                recommended_label,
                past=True,
                example_value="2026-02-23",
            ),
            LongText("reason", reason_label, example_value=reason_example),
        ],
    )


def tick_fields() -> list:
    return [
        YesNo("required", N_("Please tick if required"), required=False, example_value="yes"),
        YesNo("completed", N_("Please tick if completed"), required=False, example_value="yes"),
    ]


def authorisation() -> Section:
    """Authorisation of the procedure: print name and date are required to finalise it (the
    signature is made on the printed copy)."""
    return Section(
        N_("Authorisation"),
        [
            Text("authorised_by", N_("Print name"), example_value="Rhian Evans"),
            BilingualText(
                "authorised_role",
                N_("Authorisation of"),
                required=False,
                help=N_("The role of the person authorising, e.g. Director of Social Care."),
                example_value="Director of Community Services",
                example_cy="Cyfarwyddwr Gwasanaethau Cymunedol",
            ),
            Date("authorised_on", N_("Date"), past=True, example_value="2026-02-25"),
        ],
        intro=COMPLETED_BY_CHAIR,
    )


def completed_only_if_required(checklist: str):
    def rule(values: dict):
        for i, row in enumerate(values.get(checklist, [])):
            if row.get("completed") == "yes" and row.get("required") != "yes":
                yield Error(
                    f"{checklist}[{i}].required",
                    N_("A measure ticked as completed must be ticked as required"),
                )

    return rule


def authorised_after_meeting(values: dict):
    if values.get("authorised_on", "") < values.get("recommended_on", ""):
        yield Error(
            "authorised_on",
            N_("The authorisation cannot be dated before the meeting that recommended it"),
        )
