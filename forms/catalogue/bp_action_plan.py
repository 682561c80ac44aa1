"""BP Appendix 4 action plan template (section 8: plans are monitored and reviewed).

Each concern ends with a next step. A new version of a finalised plan starts from
``next_version``: concerns carried forward (changed or not) come across with their words, ready
for the new review; those "No Longer Required / Superseded" are left behind, so the plan is an
audit trail (section 9) without retyping.
"""

from __future__ import annotations

from ..bilingual import BilingualLongText, BilingualText
from ..definition import FormDefinition
from ..fields import Choice, Date, Group, Number, Section, Text, YesNo
from ..i18n import N_
from ..paper import Column, Grid, Paper

NEXT_STEPS = [
    ("carried-forward", N_("Carried Forward")),
    ("changed-carried-forward", N_("Changed & Carried Forward")),
    ("no-longer-required", N_("No Longer Required/ Superseded")),
]
# What a concern's review outcome is; cleared when the concern is carried into a new version.
REVIEW_FIELDS = ("completed", "next_step")

CONCERNS = Group(
    name="concerns",
    label=N_("Concerns"),
    row_label=N_("Concern %(num)s"),
    min_rows=1,
    fields=[
        Text("concern_no", N_("Concern No."), example_value="1"),
        BilingualText(
            "source",
            N_("Source"),
            help=N_("Where the concern came from: a monitoring visit, a complaint, a review."),
            example_value="Monitoring visit, 12 March 2026",
            example_cy="Ymweliad monitro, 12 Mawrth 2026",
        ),
        BilingualLongText(
            "nature",
            N_("Nature of Concern"),
            example_value="Care plans are not reviewed every month.",
            example_cy="Nid yw cynlluniau gofal yn cael eu hadolygu bob mis.",
        ),
        BilingualLongText(
            "action_required",
            N_("Action Required"),
            example_value="Review every care plan with the resident and record the review.",
            example_cy="Adolygu pob cynllun gofal gyda’r preswylydd a chofnodi’r adolygiad.",
        ),
        BilingualLongText(
            "provider_response",
            N_("Providers response"),
            required=False,
            example_value="A senior carer now reviews five plans each week.",
            example_cy="Mae uwch ofalwr bellach yn adolygu pum cynllun bob wythnos.",
        ),
        Text("by_whom", N_("By Whom? (Person Responsible)"), example_value="Siân Hughes"),
        Date("by_when", N_("By When? (Date)"), example_value="2026-05-29"),
        YesNo("completed", N_("Completed By Due Date?"), style="did", required=False),
        BilingualLongText(
            "compliance",
            N_("Means by which compliance will be measured"),
            example_value="Monthly audit of care plans by the contracts officer.",
            example_cy="Archwiliad misol o gynlluniau gofal gan y swyddog contractau.",
        ),
        Choice(
            "next_step",
            N_("Next Step"),
            options=NEXT_STEPS,
            required=False,
            help=N_(
                "Carried Forward, or Changed & Carried Forward, or No Longer Required/ Superseded"
            ),
        ),
    ],
)


def next_version(data: dict) -> dict:
    """The data of the plan's next version: concerns carried forward, review outcomes cleared."""
    out = dict(data)
    rows = []
    for row in data.get("concerns", []):
        if not isinstance(row, dict) or row.get("next_step") == "no-longer-required":
            continue
        rows.append({k: v for k, v in row.items() if k not in REVIEW_FIELDS})
    out["concerns"] = rows
    if isinstance(data.get("version"), int):
        out["version"] = data["version"] + 1
    out.pop("reviewed_on", None)
    return out


# The printed copy: Appendix 4's landscape grid, in the seed's column order and words.
PAPER = Paper(
    source=N_("Blackpool — Appendix 4"),
    grids={
        "concerns": Grid(
            landscape=True,
            columns=[
                Column(N_("Concern No."), ["concern_no", "source"], width=1.1),
                Column(N_("Nature of Concern"), ["nature"], width=1.8),
                Column(N_("Action Required"), ["action_required"], width=1.8),
                Column(N_("Providers response"), ["provider_response"], width=1.6),
                Column(N_("By Whom? (Person Responsible)"), ["by_whom"], width=1.1),
                Column(N_("By When? (Date)"), ["by_when"]),
                Column(N_("Completed By Due Date? (Y/N)"), ["completed"], width=0.8),
                Column(
                    N_(
                        "Means by which compliance will be measured and Next Step (Carried "
                        "Forward, or Changed & Carried Forward, or No Longer Required/ Superseded)"
                    ),
                    ["compliance", "next_step"],
                    width=2,
                ),
            ],
        )
    },
)


FORM = FormDefinition(
    id="bp-action-plan",
    title=N_("Action plan"),
    source="BP Appendix 4, section 8",
    paper=PAPER,
    sections=[
        Section(
            N_("About the plan"),
            [
                Text("service", N_("Name of service"), example_value="Tŷ Gwyn Care Home"),
                Text("provider", N_("Name of provider")),
                Number("version", N_("Version number"), minimum=1, maximum=999, example_value=2),
                Date("agreed_on", N_("Date the plan was agreed with the service"), past=True),
                Date("reviewed_on", N_("Date of review"), required=False, past=True),
            ],
            intro=N_(
                "When an Action Plan is required, it should be developed and agreed in "
                "partnership with the Service. Action Plans will be monitored and reviewed."
            ),
        ),
        Section(N_("Concerns"), [CONCERNS]),
    ],
)
FORM.next_version = next_version
