"""Berkshire service improvement plan (BK 5.8 Step 3): the co-ordinator sets out the concerns and
risks, including those about mental capacity and the Deprivation of Liberty Safeguards, telling
safeguarding apart from quality issues and putting high risk areas first; the provider proposes
actions, leads, timescales and progress. The plan is the reference point at each monitoring
meeting."""

from __future__ import annotations

from ..bilingual import BilingualLongText
from ..definition import Error, FormDefinition
from ..fields import Choice, Date, Group, Number, Section, Text
from ..i18n import N_
from ..paper import Column, Grid, Paper

KINDS = [
    ("safeguarding", N_("Safeguarding")),
    ("quality", N_("Quality issue that may impact on safeguarding")),
    ("mca-dols", N_("Mental capacity and Deprivation of Liberty Safeguards")),
]
PRIORITY = [("high", N_("High risk")), ("other", N_("Other"))]
PROGRESS = [
    ("not-started", N_("Not started")),
    ("on-going", N_("On-going")),
    ("completed", N_("Completed")),
]

ITEMS = Group(
    name="items",
    label=N_("Concerns and risks"),
    row_label=N_("Concern %(num)s"),
    min_rows=1,
    fields=[
        BilingualLongText(
            "concern",
            N_("Concern or risk"),
            example_value="Care plans do not record residents’ mental capacity assessments.",
            example_cy=(
                "Nid yw cynlluniau gofal yn cofnodi asesiadau galluedd meddyliol preswylwyr."
            ),
        ),
        Choice("kind", N_("Safeguarding or quality"), options=KINDS),
        Choice("priority", N_("Priority"), options=PRIORITY),
        BilingualLongText(
            "proposed_action",
            N_("Action proposed by the provider"),
            example_value="Assess and record capacity for every resident by the end of May.",
            example_cy="Asesu a chofnodi galluedd pob preswylydd erbyn diwedd mis Mai.",
        ),
        Text("lead", N_("Lead"), example_value="Siân Hughes"),
        Date("timescale", N_("Timescale"), example_value="2026-05-29"),
        Choice("status", N_("Progress"), options=PROGRESS, required=False),
        BilingualLongText(
            "progress",
            N_("Progress update"),
            required=False,
            example_value="Twelve of twenty residents assessed.",
            example_cy="Aseswyd deuddeg o’r ugain preswylydd.",
        ),
        BilingualLongText(
            "evidence",
            N_("How improvement will be measured"),
            required=False,
            example_value="Audit of care plans at the monitoring meeting.",
            example_cy="Archwilio cynlluniau gofal yn y cyfarfod monitro.",
        ),
    ],
)

MEETINGS = Group(
    name="meetings",
    label=N_("Monitoring meetings"),
    row_label=N_("Meeting %(num)s"),
    fields=[
        Date("on", N_("Date"), past=True, example_value="2026-04-14"),
        BilingualLongText(
            "summary",
            N_("Progress noted"),
            example_value="Good progress on capacity assessments.",
            example_cy="Cynnydd da ar asesiadau galluedd.",
        ),
    ],
)


def high_risk_first(values: dict):
    """High risk areas are prioritised: listed before the others."""
    seen_other = False
    for i, row in enumerate(values.get("items", [])):
        if row.get("priority") == "other":
            seen_other = True
        elif row.get("priority") == "high" and seen_other:
            yield Error(f"items[{i}].priority", N_("List the high risk areas first"))
            return


# The printed copy: the plan as one landscape grid, the reference point at each monitoring meeting.
PAPER = Paper(
    source=N_("Berkshire — 5.8 Step 3"),
    grids={
        "items": Grid(
            landscape=True,
            columns=[
                Column(N_("Concern or risk"), ["concern", "kind"], width=2),
                Column(N_("Priority"), ["priority"], width=0.8),
                Column(N_("Action proposed by the provider"), ["proposed_action"], width=2),
                Column(N_("Lead"), ["lead"]),
                Column(N_("Timescale"), ["timescale"]),
                Column(N_("Progress"), ["status", "progress"], width=1.6),
                Column(N_("How improvement will be measured"), ["evidence"], width=1.5),
            ],
        ),
        "meetings": Grid(
            columns=[
                Column(N_("Date"), ["on"]),
                Column(N_("Progress noted"), ["summary"], width=4),
            ],
        ),
    },
)


FORM = FormDefinition(
    id="bk-service-improvement-plan",
    title=N_("Service improvement plan"),
    source="BK 5.8 Step 3",
    paper=PAPER,
    sections=[
        Section(
            N_("About the plan"),
            [
                Text("service", N_("Name of service"), example_value="Tŷ Gwyn Care Home"),
                Text("provider", N_("Name of provider")),
                Text(
                    "coordinator",
                    N_("Provider Concerns Co-ordinator"),
                    example_value="Rhodri Evans",
                ),
                Date("findings_meeting_on", N_("Date of the Findings meeting"), past=True),
                Date("agreed_on", N_("Date agreed with the provider"), past=True),
                Number("version", N_("Version number"), minimum=1, maximum=999, example_value=1),
            ],
            intro=N_(
                "This is the high level plan for measuring the effectiveness of interventions to "
                "ensure safety, governance, compliance, clinical effectiveness referencing "
                "throughout the experience of adults using the service and their informal "
                "network."
            ),
        ),
        Section(
            N_("Concerns and risks"),
            [ITEMS],
            intro=N_(
                "It is important to distinguish between what is safeguarding and what are "
                "quality issues that may impact on safeguarding and prioritise high risk areas."
            ),
        ),
        Section(
            N_("Monitoring"),
            [
                BilingualLongText(
                    "triggers",
                    N_("Actions to monitor the safety of people and triggers to escalate risk"),
                    required=False,
                    example_value=(
                        "Any new safeguarding referral is reported to the co-ordinator within a "
                        "day."
                    ),
                    example_cy=(
                        "Rhoi gwybod i’r cydgysylltydd am unrhyw atgyfeiriad diogelu newydd o fewn"
                        " diwrnod."
                    ),
                ),
                MEETINGS,
            ],
            intro=N_(
                "The Service Improvement Plan will be the agreed reference point for assessing "
                "and monitoring progress."
            ),
        ),
    ],
    rules=[high_risk_first],
)
