"""Berkshire decision to initiate provider concerns (BK 5.8 Steps 1 and 2): the actions a–i of
Step 1, the risk management plan it asks for, and the communication strategy check list of
Step 2, in the seed's words."""

from __future__ import annotations

from ..bilingual import BilingualLongText
from ..definition import Error, FormDefinition
from ..fields import Checklist, ChecklistItem, Choice, Date, Group, Section, Text
from ..i18n import N_
from ..paper import Column, Grid, Paper

STEP1 = [
    ("a", N_("a. Immediate checks on welfare of people using the service")),
    ("b", N_("b. Consult Police about whether there are criminal matters")),
    ("c", N_("c. Contact placing authorities")),
    ("d", N_("d. Agree Chair and lead organisation")),
    ("e", N_("e. Appoint Provider Concerns Co-ordinator")),
    ("f", N_("f. Convene Provider Concerns meeting")),
    ("g", N_("g. Set up meeting with the Provider")),
    ("h", N_("h. Map out risk and risk management plan")),
    ("i", N_("i. Consider commissioning intentions")),
]

COMMUNICATION = [
    ("senior-management", N_("Senior Management - Need to Know")),
    (
        "provider",
        N_("Information to the provider and how on-going communication will be managed"),
    ),
    (
        "suspension",
        N_(
            "If a suspension on admissions is considered how this is communicated to front "
            "line staff and other commissioners and the public"
        ),
    ),
    ("press", N_("Press release")),
    ("briefing", N_("Briefing for Chief Executives and /or Elected Members")),
    ("consultation", N_("Consultation with adults who use services, their families and friends")),
    (
        "self-funders",
        N_("How information and advice is provided to include adults who fund their own care"),
    ),
]

STATUS = [
    ("to-do", N_("To do")),
    ("done", N_("Done")),
    ("not-needed", N_("Not needed")),
]

ROUTES = [
    ("quality-safeguarding", N_("Outcome of a Quality and Safeguarding meeting")),
    ("sar", N_("Consequence of a SAR")),
    ("threshold", N_("A serious concern that meets agreed threshold criteria")),
    ("other", N_("Other means")),
]

ACTIONS = Checklist(
    name="actions",
    label=N_("Actions"),
    item_heading=N_("Action"),
    items=[ChecklistItem(k, text) for k, text in STEP1],
    fields=[
        Choice("status", N_("Status"), options=STATUS, example_value="done"),
        Text("by", N_("By whom"), required=False, example_value="Siân Hughes"),
        Date("on", N_("Date"), required=False, example_value="2026-03-03"),
        BilingualLongText(
            "notes",
            N_("Notes"),
            required=False,
            example_value="Done by the social work team on the day.",
            example_cy="Gwnaed gan y tîm gwaith cymdeithasol ar yr un diwrnod.",
        ),
    ],
)

RISKS = Group(
    name="risks",
    label=N_("Risk management plan"),
    row_label=N_("Risk %(num)s"),
    min_rows=1,
    fields=[
        BilingualLongText(
            "risk",
            N_("Risk"),
            example_value="Falls at night because slings are used wrongly.",
            example_cy="Cwympiadau yn y nos am fod slingiau’n cael eu defnyddio’n anghywir.",
        ),
        BilingualLongText(
            "safeguards",
            N_("Safeguards and actions to reduce the risk"),
            example_value="An occupational therapist trains staff on the right slings this week.",
            example_cy=(
                "Therapydd galwedigaethol yn hyfforddi’r staff ar y slingiau cywir yr wythnos hon."
            ),
        ),
        BilingualLongText(
            "triggers",
            N_("Agreed triggers to escalate matters"),
            required=False,
            example_value="Any further fall at night is reported to the chair the same day.",
            example_cy="Rhoi gwybod i’r cadeirydd am unrhyw gwymp arall yn y nos ar yr un diwrnod.",
        ),
        Text("lead", N_("Lead"), example_value="Siân Hughes"),
        Date("review_on", N_("Review date"), example_value="2026-03-17"),
    ],
)

STRATEGY = Checklist(
    name="communication",
    label=N_("Communication strategy"),
    item_heading=N_("Check list"),
    items=[ChecklistItem(k, text) for k, text in COMMUNICATION],
    fields=[
        Choice("status", N_("Status"), options=STATUS, example_value="to-do"),
        BilingualLongText(
            "how",
            N_("How and when"),
            required=False,
            example_value="Letter to families and a meeting at the home.",
            example_cy="Llythyr at deuluoedd a chyfarfod yn y cartref.",
        ),
        Text("by", N_("By whom"), required=False, example_value="Rhodri Evans"),
    ],
)


def done_has_date(values: dict):
    for i, row in enumerate(values.get("actions", [])):
        if row.get("status") == "done" and not row.get("on"):
            yield Error(f"actions[{i}].on", N_("Give the date a done action was done"))


PAPER = Paper(
    source=N_("Berkshire — 5.8 Steps 1 and 2"),
    grids={
        "risks": Grid(
            columns=[
                Column(N_("Risk"), ["risk"], width=1.6),
                Column(N_("Safeguards and actions to reduce the risk"), ["safeguards"], width=2),
                Column(N_("Agreed triggers to escalate matters"), ["triggers"], width=1.6),
                Column(N_("Lead"), ["lead"]),
                Column(N_("Review date"), ["review_on"]),
            ],
        )
    },
)


FORM = FormDefinition(
    id="bk-provider-concerns",
    title=N_("Decision to initiate provider concerns"),
    source="BK 5.8 Steps 1 and 2",
    paper=PAPER,
    sections=[
        Section(
            N_("Step 1: Decision to Initiate Provider Concerns"),
            [
                Text("service", N_("Name of service"), example_value="Tŷ Gwyn Care Home"),
                Text("provider", N_("Name of provider")),
                Date("decided_on", N_("Date of the decision"), past=True),
                Choice("route", N_("How the decision was reached"), options=ROUTES),
                BilingualLongText(
                    "concerns",
                    N_("Concerns"),
                    example_value=(
                        "A death related to a safeguarding concern, and a high use of agency staff."
                    ),
                    example_cy=(
                        "Marwolaeth yn gysylltiedig â phryder diogelu, a defnydd uchel o staff "
                        "asiantaeth."
                    ),
                ),
                Text("chair", N_("Chair"), example_value="Siân Hughes"),
                Text(
                    "lead_organisation",
                    N_("Lead organisation"),
                    example_value="Reading Borough Council",
                ),
                Text(
                    "coordinator",
                    N_("Provider Concerns Co-ordinator"),
                    required=False,
                    example_value="Rhodri Evans",
                ),
            ],
            intro=N_(
                "The decision to initiate a Provider Concerns process may be the outcome of a "
                "Quality and Safeguarding meeting, or considered through other means for "
                "example, consequence of a SAR or a serious concern that meets agreed threshold "
                "criteria."
            ),
        ),
        Section(
            N_("Actions"),
            [ACTIONS],
            intro=N_(
                "Timescale: Actions to be completed in line with individual Local Authority "
                "processes."
            ),
        ),
        Section(
            N_("Risk"),
            [RISKS],
            intro=N_(
                "A risk management plan should be drawn up and updated throughout the process. "
                "Where there are high risk concerns, there will be a need to put in place "
                "safeguards and agreed triggers to escalate matters."
            ),
        ),
        Section(
            N_("Step 2: Communication strategy"),
            [STRATEGY],
            intro=N_(
                "The strategy should address both internal and external communications and will "
                "depend on the level of risk."
            ),
        ),
        Section(
            N_("Step 2: Initial Provider Concerns Meeting"),
            [
                Date(
                    "findings_meeting_on",
                    N_("Date set for the Findings Meeting"),
                    required=False,
                    example_value="2026-04-14",
                )
            ],
        ),
    ],
    rules=[done_has_date],
)
