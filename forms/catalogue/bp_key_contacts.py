"""BP Appendix 8 service user key contacts: one sheet per resident, completed by the assessing
worker. The resident is one of the case's list of residents (BP Appendix 7), picked by their
case-record number, so the sheet stays tied to the row its contacts may write to."""

from __future__ import annotations

from ..bilingual import BilingualText
from ..definition import Error, FormDefinition
from ..fields import Choice, Date, Group, LongText, Section, Text, YesNo
from ..i18n import N_
from ..paper import Column, Grid, Paper
from .bp_residents_list import LANGUAGES, Email

CONTACTS = Group(
    name="contacts",
    label=N_("Key contacts"),
    row_label=N_("Contact %(num)s"),
    min_rows=1,
    fields=[
        Text("name", N_("Name"), example_value="Mrs Eleri Jones"),
        BilingualText(
            "role",
            N_("Relationship or role"),
            help=N_("For example: daughter, GP, social worker, advocate."),
            example_value="Daughter",
            example_cy="Merch",
        ),
        LongText(
            "address",
            N_("Address"),
            required=False,
            example_value="Tŷ’r Ysgol, 3 Ffordd y Môr\nAberaeron\nSA46 0AA",
        ),
        Text("telephone", N_("Telephone"), required=False, example_value="01970 123456"),
        Email("email", N_("Email address"), required=False),
        Choice(
            "preferred_language",
            N_("Preferred language"),
            required=False,
            options=LANGUAGES,
            example_value="cy",
        ),
        YesNo(
            "receives_letters",
            N_("Should letters to the family go to this contact?"),
            style="does",
            required=False,
        ),
    ],
)


def one_letter_contact(values: dict):
    """Letters to the family go to one person per resident."""
    chosen = [
        i for i, c in enumerate(values.get("contacts", [])) if c.get("receives_letters") == "yes"
    ]
    for i in chosen[1:]:
        yield Error(
            f"contacts[{i}].receives_letters",
            N_("Letters to the family go to one contact only"),
        )


PAPER = Paper(
    source=N_("Blackpool — Appendix 8"),
    grids={
        "contacts": Grid(
            landscape=True,
            columns=[
                Column(N_("Name"), ["name"], width=1.2),
                Column(N_("Relationship or role"), ["role"]),
                Column(N_("Address"), ["address"], width=1.6),
                Column(N_("Telephone"), ["telephone"]),
                Column(N_("Email address"), ["email"], width=1.4),
                Column(N_("Preferred language"), ["preferred_language"]),
                Column(N_("Letters to the family"), ["receives_letters"], width=0.8),
            ],
        )
    },
)


FORM = FormDefinition(
    id="bp-key-contacts",
    title=N_("Service user key contacts"),
    source="BP Appendix 8",
    paper=PAPER,
    sections=[
        Section(
            N_("Resident"),
            [
                Text(
                    "resident",
                    N_("Case-record number of the resident"),
                    help=N_("Pick the resident from the case’s list of residents."),
                    example_value="CR-004512",
                ),
                Text("resident_name", N_("Resident Name"), example_value="Siân O'Brien"),
                Date("date_of_birth", N_("DOB"), past=True, example_value="1938-02-14"),
                Text("worker", N_("Name of Worker Completing"), example_value="Rhodri Evans"),
                Date("completed_on", N_("Date completed"), past=True),
            ],
            intro=N_(
                "A key contact sheet should be completed by the assessing worker for each "
                "resident that they assess."
            ),
        ),
        Section(N_("Key contacts"), [CONTACTS]),
    ],
    rules=[one_letter_contact],
)
# The list of residents this form's ``resident`` picks from (the web page offers its rows).
FORM.resident_list = ("bp-residents-list", "case_number")
