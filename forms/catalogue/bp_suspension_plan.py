"""BP Appendix 6 suspension plan: the seed's preparation and after-suspension actions, in its
order and words, each with its responsible area; overdue actions marked as in the closure plan."""

from __future__ import annotations

from ..bilingual import BilingualLongText
from ..bp_plans import OVERDUE_INTRO, actions, example_hook, plan_grid, status_fields
from ..definition import Error, FormDefinition
from ..fields import Date, Section, Text
from ..i18n import N_
from ..paper import Paper

CONTRACTS = N_("Contracts Team")
CM = N_("Care Management /CCG")

PREPARATION = [
    ("suspension", N_("Agree contract suspension"), CONTRACTS),
    (
        "residents-list",
        N_(
            "Prepare a list of Blackpool funded residents, nok contact details, capacity, "
            "mobility needs, and whether advocate needed and assign workers to review."
        ),
        CM,
    ),
    (
        "communication-staff",
        N_("Identify staff to be available for communication with residents and families"),
        CM,
    ),
    (
        "press-statement",
        N_(
            "Prepare press statement to include reasons for suspension and have approved by "
            "DASS, Portfolio Holder, and relevant CCG lead."
        ),
        N_("Contracts Team/CCG"),
    ),
    (
        "family-letter",
        N_(
            "Prepare letter to residents and families to inform of action, process to be "
            "followed, and points of contact."
        ),
        CM,
    ),
    ("provider-letter", N_("Prepare letter to provider regarding suspension."), CONTRACTS),
    ("advocacy", N_("Inform advocacy/IMCA services of intended action."), CM),
    (
        "assessment-packs",
        N_(
            "Prepare packs of documentation for assessment process and issue to identified "
            "Social Work team."
        ),
        CM,
    ),
    ("out-of-area", N_("Inform all out of area authorities of any affected residents."), CM),
    ("readiness", N_("Hold readiness meeting"), N_("DASS")),
    ("send-provider-letter", N_("Send letter to provider regarding suspension."), CONTRACTS),
    (
        "send-family-letter",
        N_(
            "Send letter to residents and families informing of action, process to be "
            "followed, and points of contact."
        ),
        CM,
    ),
    ("cqc", N_("Inform CQC and SCBT"), CONTRACTS),
]

AFTER = [
    ("press", N_("Respond to press queries"), N_("Contract Team")),
    (
        "visit",
        N_("Allocated workers to visit home to explain decision pre transfer"),
        CM,
    ),
    ("assess", N_("Assess all residents"), CM),
]

LISTS = ("preparation", "after")


def suspension_in_order(values: dict):
    start, end = values.get("suspended_from"), values.get("suspended_until")
    if start and end and end < start:
        yield Error("suspended_until", N_("The suspension cannot end before it starts"))


PAPER = Paper(source=N_("Blackpool — Appendix 6"), grids={name: plan_grid() for name in LISTS})


FORM = FormDefinition(
    id="bp-suspension-plan",
    title=N_("Suspension plan"),
    source="BP Appendix 6",
    paper=PAPER,
    sections=[
        Section(
            N_("About the suspension"),
            [
                Text("service", N_("Name of service"), example_value="Tŷ Gwyn Care Home"),
                Text("provider", N_("Name of provider")),
                BilingualLongText(
                    "reason",
                    N_("Reason for the suspension"),
                    example_value="Medicines are not managed safely.",
                    example_cy="Nid yw meddyginiaethau’n cael eu rheoli’n ddiogel.",
                ),
                Date("suspended_from", N_("Suspension starts on"), example_value="2026-03-09"),
                Date(
                    "suspended_until",
                    N_("Suspension expected to end on"),
                    required=False,
                    example_value="2026-06-30",
                ),
                *status_fields(*LISTS),
            ],
            intro=OVERDUE_INTRO,
        ),
        Section(N_("Preparation"), [actions("preparation", N_("Preparation"), PREPARATION)]),
        Section(N_("After suspension"), [actions("after", N_("After suspension"), AFTER)]),
    ],
    rules=[suspension_in_order],
)
FORM.example_hook = example_hook(*LISTS)
