"""Notes of a Professionals Escalating Concerns Group meeting (NW 2.8, 2.11; Appendix 3(e) is
named in the seed but not given, so the form follows NW 2.8's list of what the record holds).

The meeting date is a key date of the case (``pecg_meeting``): finalising the notes puts it on
the case, whose page then counts the deadlines from it. The notes show the same three dates:
decisions shared within one working day, full minutes within one week (NW 2.8) and the PECG
reconvened within six weeks (NW 2.11), counted with the Welsh bank holidays.
"""

from __future__ import annotations

import datetime as dt

from ..bilingual import BilingualLongText
from ..definition import Error, FormDefinition
from ..fields import Choice, Computed, Date, Group, LongText, Section, Text, YesNo
from ..i18n import N_
from ..paper import Column, Grid, Paper
from ..timescales import get_timescale

FORMATS = [
    ("written", N_("In writing")),
    ("email", N_("By email")),
    ("verbal", N_("Verbally, not substantiated in writing")),
    ("anonymous", N_("Anonymous whistle-blower")),
]

CONCERNS = Group(
    name="concerns",
    label=N_("Concerns raised and evidence provided"),
    row_label=N_("Concern %(num)s"),
    min_rows=1,
    fields=[
        BilingualLongText(
            "concern",
            N_("Concern or evidence"),
            example_value="Relatives report that call bells go unanswered at night.",
            example_cy="Mae perthnasau’n dweud nad oes neb yn ateb y clychau galw yn y nos.",
        ),
        Text("raised_by", N_("By whom"), example_value="Gwenllian Parry, BCUHB"),
        Choice("format", N_("In what format"), options=FORMATS),
        YesNo("dated_signed", N_("Is it dated and signed?"), style="is"),
        BilingualLongText(
            "follow_up",
            N_("Follow-up by the chair"),
            help=N_(
                "Concerns raised verbally and not substantiated in writing, or from an anonymous "
                "whistle-blower, must be followed up by the chair of the PECG."
            ),
            required=False,
            example_value="The chair will ask the provider for the night staffing rotas.",
            example_cy="Bydd y cadeirydd yn gofyn i’r darparwr am rotâu staffio’r nos.",
        ),
    ],
)

ASSESSMENTS = Group(
    name="assessments",
    label=N_("Individual agency risk assessments"),
    row_label=N_("Agency %(num)s"),
    fields=[
        Text("agency", N_("Agency"), example_value="Cyngor Gwynedd"),
        BilingualLongText(
            "outcome",
            N_("Outcome of the risk assessment"),
            example_value="Moderate risk; the council will visit weekly.",
            example_cy="Risg gymedrol; bydd y cyngor yn ymweld bob wythnos.",
        ),
    ],
)

ACTIONS = Group(
    name="actions",
    label=N_("SMART actions"),
    row_label=N_("Action %(num)s"),
    min_rows=1,
    help=N_("Specific, measurable, achievable, relevant and time-bound."),
    fields=[
        BilingualLongText(
            "what",
            N_("Action to mitigate risks"),
            example_value="Unannounced night visit by the contracts officer.",
            example_cy="Ymweliad dirybudd yn y nos gan y swyddog contractau.",
        ),
        Choice(
            "by",
            N_("Taken by"),
            options=[("commissioners", N_("Commissioners")), ("provider", N_("Provider"))],
        ),
        Text("owner", N_("Owner"), example_value="Siân Hughes"),
        Date("due_on", N_("Date"), example_value="2026-03-20"),
    ],
)


def due(key: str):
    def compute(values: dict):
        on = values.get("meeting_date")
        return get_timescale(key).due(on, "wales").isoformat() if on else None

    return compute


def show_date(value, t) -> str:
    return t.date(dt.date.fromisoformat(value)) if value else ""


def followed_up(values: dict):
    for i, row in enumerate(values.get("concerns", [])):
        if row.get("format") in ("verbal", "anonymous") and not row.get("follow_up"):
            yield Error(
                f"concerns[{i}].follow_up",
                N_("Record how the chair will follow up a verbal or anonymous concern"),
            )


PAPER = Paper(
    source=N_("North Wales — 2.8 and 2.11"),
    grids={
        "concerns": Grid(
            columns=[
                Column(N_("Concern or evidence"), ["concern", "follow_up"], width=2.2),
                Column(N_("By whom"), ["raised_by"], width=1.2),
                Column(N_("In what format"), ["format"]),
                Column(N_("Is it dated and signed?"), ["dated_signed"], width=0.8),
            ],
        ),
        "assessments": Grid(
            columns=[
                Column(N_("Agency"), ["agency"]),
                Column(N_("Outcome of the risk assessment"), ["outcome"], width=2.5),
            ],
        ),
        "actions": Grid(
            columns=[
                Column(N_("Action to mitigate risks"), ["what"], width=2.5),
                Column(N_("Taken by"), ["by"]),
                Column(N_("Owner"), ["owner"]),
                Column(N_("Date"), ["due_on"]),
            ],
        ),
    },
)


FORM = FormDefinition(
    id="nw-pecg-notes",
    title=N_("Professionals Escalating Concerns Group meeting notes"),
    source="NW 2.8, 2.11 (Appendix 3(e) named, not given)",
    paper=PAPER,
    key_dates={"meeting_date": "pecg_meeting"},
    sections=[
        Section(
            N_("About the meeting"),
            [
                Text("service", N_("Name of service"), example_value="Tŷ Gwyn Care Home"),
                Text("provider", N_("Name of provider")),
                Date("meeting_date", N_("Date of the meeting"), past=True),
                Text("chair", N_("Chair"), example_value="Siân Hughes"),
                LongText(
                    "attendees",
                    N_("Members and attendees"),
                    example_value="Siân Hughes, Cyngor Gwynedd\nGwenllian Parry, BCUHB",
                ),
                Computed(
                    "decisions_due",
                    N_("Decisions and actions shared with all commissioning authorities by"),
                    compute=due("pecg-decisions-shared"),
                    show=show_date,
                ),
                Computed(
                    "minutes_due",
                    N_("Full meeting minutes shared by"),
                    compute=due("pecg-minutes"),
                    show=show_date,
                ),
                Computed(
                    "reconvene_by",
                    N_("PECG reconvened by"),
                    compute=due("pecg-reconvened"),
                    show=show_date,
                ),
            ],
            intro=N_(
                "Decisions and actions must be shared with all commissioning authorities within "
                "one working day of the meeting and full meeting minutes within one week of the "
                "meeting."
            ),
        ),
        Section(N_("Concerns and evidence"), [CONCERNS]),
        Section(
            N_("Risk assessments"),
            [
                ASSESSMENTS,
                BilingualLongText(
                    "overall_risk",
                    N_("Overall provider risk assessment agreed by the PECG meeting"),
                    required=False,
                    example_value="High risk, agreed by all members.",
                    example_cy="Risg uchel, y cytunodd yr holl aelodau arni.",
                ),
            ],
        ),
        Section(
            N_("Agreements"),
            [
                ACTIONS,
                BilingualLongText(
                    "support",
                    N_(
                        "What support will be offered to a service provider to enable them to "
                        "achieve and maintain a satisfactory level of service delivery"
                    ),
                    example_value="Training on night checks from the practice development team.",
                    example_cy="Hyfforddiant ar wiriadau nos gan y tîm datblygu ymarfer.",
                ),
                BilingualLongText(
                    "people_communication",
                    N_(
                        "Communication with the people supported by the services and / or their "
                        "family / carers"
                    ),
                    example_value="Letter to each resident’s family after the provider meeting.",
                    example_cy="Llythyr at deulu pob preswylydd ar ôl y cyfarfod â’r darparwr.",
                ),
                BilingualLongText(
                    "staff_communication",
                    N_("Communication with the service provider’s employees"),
                    example_value="The provider will brief staff at the next team meeting.",
                    example_cy="Bydd y darparwr yn briffio’r staff yn y cyfarfod tîm nesaf.",
                ),
            ],
        ),
    ],
    rules=[followed_up],
)
