"""Stakeholder communication plan (NW 2.10; Appendix 3(g) is named in the seed but not given, so
the form follows NW 2.10). The stakeholders are the seed's; each row records what is to be said,
when, by whom, how, and when it was done."""

from __future__ import annotations

from ..bilingual import BilingualLongText, BilingualText
from ..definition import Error, FormDefinition
from ..fields import Checklist, ChecklistItem, Date, Group, Section, Text
from ..i18n import N_
from ..paper import Column, Grid, Paper

STAKEHOLDERS = [
    (
        "people",
        N_(
            "People supported by a service (including self-funders) and their relatives / advocates"
        ),
    ),
    ("staff", N_("The service provider’s staff")),
    ("ciw", N_("CIW")),
    ("wales", N_("Other commissioners within Wales")),
    ("outside-wales", N_("Other commissioners outside of Wales")),
    ("network", N_("All Wales Commissioning & Contracting Network")),
    ("media", N_("Media")),
]


def row_fields():
    return [
        BilingualLongText(
            "what",
            N_("What"),
            required=False,
            example_value="The concerns and what is being done.",
            example_cy="Y pryderon a’r hyn sy’n cael ei wneud.",
        ),
        Date("when", N_("When"), required=False, example_value="2026-03-10"),
        Text("who", N_("Who"), required=False, example_value="Siân Hughes"),
        BilingualText(
            "how",
            N_("How"),
            required=False,
            example_value="Letter and a meeting at the home",
            example_cy="Llythyr a chyfarfod yn y cartref",
        ),
        Date("done_on", N_("Done"), required=False, past=True, example_value="2026-03-10"),
    ]


PLAN = Checklist(
    name="stakeholders",
    label=N_("Stakeholders"),
    item_heading=N_("Stakeholder"),
    items=[ChecklistItem(key, text) for key, text in STAKEHOLDERS],
    fields=row_fields(),
)

OTHERS = Group(
    name="others",
    label=N_("Other stakeholders"),
    row_label=N_("Stakeholder %(num)s"),
    fields=[
        BilingualText(
            "stakeholder",
            N_("Stakeholder"),
            example_value="Local councillors",
            example_cy="Cynghorwyr lleol",
        ),
        *row_fields(),
    ],
)


def rows_complete(values: dict):
    """A stakeholder to be told needs what, when, who and how; the media row may stay empty."""
    for name in ("stakeholders", "others"):
        for i, row in enumerate(values.get(name, [])):
            given = [k for k in ("what", "when", "who", "how", "done_on") if row.get(k)]
            if not given:
                continue
            for k in ("what", "when", "who", "how"):
                if not row.get(k):
                    yield Error(
                        f"{name}[{i}].{k}", N_("Say what, when, who and how for this stakeholder")
                    )


def people_informed(values: dict):
    rows = {r["key"]: r for r in values.get("stakeholders", [])}
    if not rows.get("people", {}).get("what"):
        yield Error(
            "stakeholders[0].what",
            N_("The plan must say how the people supported and their families are informed"),
        )


PAPER = Paper(
    source=N_("North Wales — 2.10"),
    grids={
        "others": Grid(
            columns=[
                Column(N_("Stakeholder"), ["stakeholder"], width=1.3),
                Column(N_("What"), ["what"], width=2),
                Column(N_("When"), ["when"]),
                Column(N_("Who"), ["who"]),
                Column(N_("How"), ["how"], width=1.3),
                Column(N_("Done"), ["done_on"]),
            ],
        )
    },
)


FORM = FormDefinition(
    id="nw-communication-plan",
    title=N_("Stakeholder communication plan"),
    source="NW 2.10 (Appendix 3(g) named, not given)",
    paper=PAPER,
    sections=[
        Section(
            N_("About the plan"),
            [
                Text("service", N_("Name of service"), example_value="Tŷ Gwyn Care Home"),
                Text("provider", N_("Name of provider")),
                Text("chair", N_("Chair of the PECG"), example_value="Siân Hughes"),
                Date("agreed_on", N_("Date agreed"), past=True),
                BilingualLongText(
                    "care_management_contact",
                    N_("Contact details for the care management team"),
                    help=N_(
                        "Included in order to support / alleviate any anxieties of the people "
                        "supported and their relatives."
                    ),
                    example_value="Care management team: 01286 679000, gofal@example.com",
                    example_cy="Tîm rheoli gofal: 01286 679000, gofal@example.com",
                ),
            ],
            intro=N_(
                "When a service has met the escalating concerns threshold, the Chair of the "
                "PECG meeting is responsible for agreeing a communication plan to inform key "
                "stakeholders of the escalating concerns."
            ),
        ),
        Section(
            N_("Stakeholders"),
            [PLAN, OTHERS],
            intro=N_(
                "Consideration must also be given around potential media interest and how this "
                "will be managed."
            ),
        ),
        Section(
            N_("Responses"),
            [
                BilingualLongText(
                    "responses",
                    N_("Responses or comments from people supported, relatives and professionals"),
                    required=False,
                    example_value="Families welcomed the letter; two asked for a meeting.",
                    example_cy="Croesawodd y teuluoedd y llythyr; gofynnodd dau am gyfarfod.",
                )
            ],
        ),
    ],
    rules=[rows_complete, people_informed],
)


def _example(data: dict) -> None:
    for row in data.get("stakeholders", []):
        if row["key"] == "media":
            for k in ("what", "when", "who", "how", "done_on"):
                row.pop(k, None)


FORM.example_hook = _example
