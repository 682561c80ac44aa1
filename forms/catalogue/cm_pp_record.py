"""CM Appendix G: the record (minutes) of a provider performance meeting: the 11 agenda items
with the decisions and actions of each, under the confidentiality statement. The actions agreed
are also listed as rows, so they can be carried into the action plan (CM Appendix I)."""

from __future__ import annotations

from ..bilingual import BilingualLongText
from ..definition import FormDefinition
from ..fields import Checklist, ChecklistItem, Date, Group, Section, Text
from ..i18n import N_
from ..paper import Column, Grid, Paper
from .cm_common import CONFIDENTIALITY, people_fields, provider_fields

# The 11 items of the seed's record, in its words (item 10 is worded as in Appendix G).
ITEMS = [
    ("introductions", N_("Introductions & Apologies")),
    ("confidentiality", N_("Confidentiality Statement & Attendance Sheet")),
    ("purpose", N_("Purpose of the Meeting")),
    ("previous-minutes", N_("Minutes of the previous meeting")),
    ("concerns", N_("Outline of Concerns")),
    ("referrals", N_("Safeguarding referrals received")),
    ("action-plan", N_("Information Sharing and Provider Action Plan")),
    ("risk-level", N_("Identification of the current overall level of risk")),
    ("disagreements", N_("Concerns & Disagreements")),
    ("actions", N_("Summary of actions to be taken to manage the risk and assist in process.")),
    ("next-meeting", N_("Date and time of next meeting or formal closure of the process")),
]

RECORD = Checklist(
    name="items",
    label=N_("Meeting record"),
    item_heading=N_("Agenda item"),
    items=[ChecklistItem(key, text) for key, text in ITEMS],
    fields=[
        BilingualLongText(
            "decisions",
            N_("Decisions/actions"),
            required=False,
            example_value="Agreed: the home sends its staffing rota every week.",
            example_cy="Cytunwyd: bydd y cartref yn anfon ei rota staffio bob wythnos.",
        ),
    ],
)

# Fields named as the action plan's rows name them, so a row copies across unchanged.
ACTIONS = Group(
    name="actions",
    label=N_("Actions agreed"),
    row_label=N_("Action %(num)s"),
    fields=[
        BilingualLongText(
            "issue",
            N_("Issue of concern"),
            example_value="Care plans are not reviewed every month, as the contract requires.",
            example_cy=(
                "Nid yw cynlluniau gofal yn cael eu hadolygu bob "
                "mis, fel y mae’r contract yn ei gwneud yn ofynnol."
            ),
        ),
        BilingualLongText(
            "improvement",
            N_("Improvement required"),
            example_value="Review every care plan with the resident and record the review.",
            example_cy="Adolygu pob cynllun gofal gyda’r preswylydd a chofnodi’r adolygiad.",
        ),
        Text("person_responsible", N_("Person responsible"), example_value="Siân Hughes"),
        Date("by_when", N_("By when"), example_value="2026-05-29"),
    ],
)

PAPER = Paper(
    source=N_("Carmarthenshire — Appendix G"),
    grids={
        "actions": Grid(
            columns=[
                Column(N_("Issue of concern"), ["issue"], width=2),
                Column(N_("Improvement required"), ["improvement"], width=2),
                Column(N_("Person responsible"), ["person_responsible"]),
                Column(N_("By when"), ["by_when"]),
            ]
        )
    },
)


FORM = FormDefinition(
    id="cm-pp-record",
    title=N_("Provider Performance Meeting record"),
    source="CM Appendix G",
    paper=PAPER,
    sections=[
        Section(N_("About the meeting"), [*provider_fields(past=True), *people_fields()]),
        Section(N_("Meeting record"), [RECORD]),
        Section(
            N_("Actions agreed"),
            [ACTIONS],
            intro=N_("Each action can be copied into the provider's action plan."),
        ),
    ],
    notice=CONFIDENTIALITY,
    key_dates={"meeting_date": "provider_meeting"},
)
FORM.copies_rows_to = ("actions", "cm-action-plan")  # web/records/copy_rows: into the action plan
# CM App E / G: the statement is confirmed on the attendance list and the minutes, so every
# page of every copy carries it (in the running header after the first page).
FORM.notice_every_page = True
