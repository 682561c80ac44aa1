"""North Wales escalating concerns corrective / developmental action plan (NW 2.13, 2.16, 2.17;
Appendix 8 is named in the seed but not given, so the form follows those paragraphs).

NW 2.16: named accountable individuals, timescales and measurable outcomes; a CAP or a DAP, which
may work alongside each other, agreed and signed by the chair and the provider. The dates each
kind of plan was agreed are key dates of the case, so the progress reports NW 2.17 asks for
(CAP monthly, DAP two-monthly) fall due on the case page. An extended timescale must be endorsed
by the appropriate service / operational manager or head of service (NW 2.17).
"""

from __future__ import annotations

from ..bilingual import BilingualLongText, BilingualText
from ..definition import Error, FormDefinition
from ..fields import Choice, Date, Group, Section, Text
from ..i18n import N_
from ..paper import Column, Grid, Paper

KINDS = [
    ("CAP", N_("Corrective action plan (CAP)")),
    ("DAP", N_("Development action plan (DAP)")),
]
STATUS = [
    ("not-started", N_("Not started")),
    ("on-going", N_("On-going")),
    ("completed", N_("Completed")),
]
EXTENSION = ("extended_to", "extension_reason", "endorsed_by", "endorsed_on")

ACTIONS = Group(
    name="actions",
    label=N_("Actions"),
    row_label=N_("Action %(num)s"),
    min_rows=1,
    fields=[
        BilingualLongText(
            "concern",
            N_("Concern / issue / risk"),
            example_value="Medicines are not always given at the prescribed times.",
            example_cy=(
                "Nid yw meddyginiaethau bob amser yn cael eu rhoi ar yr amseroedd rhagnodedig."
            ),
        ),
        BilingualLongText(
            "what",
            N_("Action"),
            example_value="Introduce a second check of every medicines round.",
            example_cy="Cyflwyno ail wiriad ar bob rownd feddyginiaeth.",
        ),
        Text("accountable", N_("Named individual accountable"), example_value="Siân Hughes"),
        Date("timescale", N_("Timescale for completion"), example_value="2026-04-30"),
        BilingualLongText(
            "outcome",
            N_("Measurable outcome"),
            example_value="No missed doses in the monthly audit for three months running.",
            example_cy="Dim dosau wedi’u methu yn yr archwiliad misol am dri mis yn olynol.",
        ),
        Choice("kind", N_("CAP or DAP"), options=KINDS),
        Choice("status", N_("Progress"), options=STATUS, required=False),
        BilingualLongText(
            "progress",
            N_("Progress update"),
            required=False,
            example_value=(
                "Second checks started on 1 April; the April audit found one missed dose."
            ),
            example_cy=(
                "Dechreuodd yr ail wiriadau ar 1 Ebrill; canfu archwiliad mis Ebrill un dos a "
                "fethwyd."
            ),
        ),
        Date("extended_to", N_("Extended timescale"), required=False, example_value="2026-05-29"),
        BilingualLongText(
            "extension_reason",
            N_("Justification for the extension"),
            required=False,
            example_value="The new electronic records system was installed late.",
            example_cy="Gosodwyd y system cofnodion electronig newydd yn hwyr.",
        ),
        BilingualText(
            "endorsed_by",
            N_("Extension endorsed by (service / operational manager or head of service)"),
            required=False,
            example_value="Dafydd Morgan, Head of Adult Services",
            example_cy="Dafydd Morgan, Pennaeth Gwasanaethau Oedolion",
        ),
        Date(
            "endorsed_on",
            N_("Date the extension was endorsed"),
            required=False,
            past=True,
            example_value="2026-04-24",
        ),
    ],
)


def extensions_endorsed(values: dict):
    for i, row in enumerate(values.get("actions", [])):
        if not any(row.get(k) for k in EXTENSION):
            continue
        for k in EXTENSION:
            if not row.get(k):
                yield Error(
                    f"actions[{i}].{k}",
                    N_(
                        "An extended timescale needs its new date, its justification and who "
                        "endorsed it, and when"
                    ),
                )
        if row.get("extended_to") and row["extended_to"] <= row["timescale"]:
            yield Error(
                f"actions[{i}].extended_to",
                N_("The extended timescale must be later than the original one"),
            )


def plans_agreed(values: dict):
    """Each kind of plan with actions is agreed, on a date, by the chair and the provider."""
    kinds = {row.get("kind") for row in values.get("actions", [])}
    for kind, field in (("CAP", "cap_agreed_on"), ("DAP", "dap_agreed_on")):
        if kind in kinds and not values.get(field):
            yield Error(field, N_("Give the date the plan was agreed for its CAP or DAP actions"))


# The printed copy: one landscape grid of the actions; an extension's date, justification and
# endorsement join the timescale's cell only when given.
PAPER = Paper(
    source=N_("North Wales — 2.13, 2.16 and 2.17"),
    grids={
        "actions": Grid(
            landscape=True,
            columns=[
                Column(N_("Concern / issue / risk"), ["concern"], width=1.8),
                Column(N_("Action"), ["what"], width=1.8),
                Column(N_("Named individual accountable"), ["accountable"], width=1.2),
                Column(
                    N_("Timescale for completion"),
                    ["timescale", "extended_to", "extension_reason", "endorsed_by", "endorsed_on"],
                    width=1.6,
                ),
                Column(N_("Measurable outcome"), ["outcome"], width=1.6),
                Column(N_("CAP or DAP"), ["kind"], width=1.1),
                Column(N_("Progress"), ["status", "progress"], width=1.6),
            ],
        )
    },
)


FORM = FormDefinition(
    id="nw-action-plan",
    title=N_("Escalating concerns corrective / developmental action plan"),
    source="NW 2.13, 2.16, 2.17 (Appendix 8 named, not given)",
    paper=PAPER,
    key_dates={"cap_agreed_on": "cap_agreed", "dap_agreed_on": "dap_agreed"},
    sections=[
        Section(
            N_("About the plan"),
            [
                Text("service", N_("Name of service"), example_value="Tŷ Gwyn Care Home"),
                Text("provider", N_("Name of provider")),
                Text(
                    "chair",
                    N_("Chair of the Provider Escalating Concerns Meeting"),
                    example_value="Siân Hughes",
                ),
                BilingualText(
                    "provider_signatory",
                    N_("Agreed for the service provider by"),
                    example_value="Dafydd ap Gruffydd, Responsible Individual",
                    example_cy="Dafydd ap Gruffydd, Unigolyn Cyfrifol",
                ),
                Date(
                    "cap_agreed_on",
                    N_("Date the CAP was agreed"),
                    required=False,
                    past=True,
                    example_value="2026-03-16",
                ),
                Date(
                    "dap_agreed_on",
                    N_("Date the DAP was agreed"),
                    required=False,
                    past=True,
                    example_value="2026-03-16",
                ),
                BilingualLongText(
                    "monitoring",
                    N_("How the action plan will be monitored"),
                    example_value="Monthly meetings with the provider and unannounced visits.",
                    example_cy="Cyfarfodydd misol gyda’r darparwr ac ymweliadau dirybudd.",
                ),
            ],
            intro=N_(
                "Progress reports are due monthly for a CAP and every two months for a DAP, "
                "unless the Provider Escalating Concerns Meeting agrees otherwise."
            ),
        ),
        Section(N_("Actions"), [ACTIONS]),
    ],
    rules=[extensions_endorsed, plans_agreed],
)
