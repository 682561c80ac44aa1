"""BP Appendix 7 list of residents, extended with each main representative's contact details and
preferred language, so the list can drive letters to families (Welsh Language Standards: ask,
record and honour each person's language; not known means Welsh and English).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from ..bilingual import BilingualLongText
from ..definition import FormDefinition
from ..fields import Choice, Date, FieldError, Group, LongText, Section, Text, YesNo
from ..i18n import N_, NP_
from ..paper import Column, Grid, Paper
from ..wales import OTHER, choice_with_other, other_given_in_rows

# A large home has well under 200 beds; the limit guards the page and the spreadsheet import.
MAX_RESIDENTS = int(os.environ.get("DOGFEN_MAX_RESIDENTS", "500"))

EMAIL_SHAPE = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")


@dataclass
class Email(Text):
    """An email address: only its shape is checked (something@domain.tld)."""

    max_length: int = 254
    example_value: str = "eleri.jones@example.com"

    def parse(self, raw, today):
        text = super().parse(raw, today)
        if text and not EMAIL_SHAPE.match(text):
            raise FieldError(N_("“%(label)s” must be an email address, like name@example.com"))
        return text


# A context keeps these apart from the language toggle, whose "English" is never translated.
LANGUAGES = [
    ("cy", NP_("preferred language", "Welsh")),
    ("en", NP_("preferred language", "English")),
    ("both", NP_("preferred language", "Welsh and English")),
    ("unknown", NP_("preferred language", "Not known")),
]


def letter_language(row: dict) -> str:
    """The language of letters to a resident's representative: not recorded or not known means
    both languages, Welsh first."""
    return {"cy": "cy", "en": "en"}.get(row.get("preferred_language"), "both")


# Known sets, so a Welsh copy names them in Welsh; anything else is "other", typed in both
# languages (forms/wales.py). Terms: glossary (Gofal Iechyd Parhaus y GIG, eiriolwr).
FUNDING, FUNDING_OTHER = choice_with_other(
    "funding",
    N_("Responsibility for funding"),
    [
        ("local-authority", N_("Local authority")),
        ("health-board", N_("Health board (NHS Continuing Healthcare)")),
        ("joint", N_("Local authority and health board jointly")),
        ("self", N_("The resident pays for their own care")),
        OTHER,
    ],
    N_("Other responsibility for funding"),
    example_value="joint",
    aliases={
        "LA": "local-authority",
        "Council": "local-authority",
        "CHC": "health-board",
        "Health board": "health-board",
        "NHS": "health-board",
        "Joint": "joint",
        "Shared": "joint",
        "Local authority & health board": "joint",
        "Self-funding": "self",
        "Self-funder": "self",
        "Self": "self",
        "Private": "self",
    },
)
RELATIONSHIP, RELATIONSHIP_OTHER = choice_with_other(
    "representative_relationship",
    N_("Relationship to the resident"),
    [
        ("son", N_("Son")),
        ("daughter", N_("Daughter")),
        ("husband", N_("Husband")),
        ("wife", N_("Wife")),
        ("partner", N_("Partner")),
        ("brother", N_("Brother")),
        ("sister", N_("Sister")),
        ("nephew", N_("Nephew")),
        ("niece", N_("Niece")),
        ("grandson", N_("Grandson")),
        ("granddaughter", N_("Granddaughter")),
        ("friend", N_("Friend")),
        ("attorney", N_("Attorney (lasting power of attorney)")),
        ("deputy", N_("Deputy appointed by the Court of Protection")),
        ("advocate", N_("Advocate")),
        OTHER,
    ],
    N_("Other relationship to the resident"),
    required=False,
    example_value="daughter",
)

RESIDENTS = Group(
    name="residents",
    label=N_("Residents"),
    row_label=N_("Resident %(num)s"),
    min_rows=1,
    summary=("surname", "forename", "date_of_birth"),
    max_rows=MAX_RESIDENTS,
    fields=[
        Text("surname", N_("Surname"), example_value="O'Brien"),
        Text("forename", N_("Forename"), example_value="Siân"),
        Choice(
            "gender",
            N_("Gender"),
            options=[("M", N_("Male")), ("F", N_("Female"))],
            example_value="F",
        ),
        Date("date_of_birth", N_("Date of birth"), past=True, example_value="1938-02-14"),
        FUNDING,
        FUNDING_OTHER,
        Text(
            "case_number",
            N_("Case-record number"),
            help=N_("The resident’s number in the case-record system."),
            example_value="CR-004512",
        ),
        Text("main_representative", N_("Main representative"), required=False),
        YesNo("has_capacity", N_("Has capacity"), style="is"),
        YesNo("requires_advocate", N_("Requires an advocate"), style="is"),
        BilingualLongText(
            "mobility_needs",
            N_("Mobility needs"),
            required=False,
            example_value="Hoist and two carers",
            example_cy="Teclyn codi a dau ofalwr",
        ),
        Text(
            "representative_name",
            N_("Representative’s name for letters"),
            help=N_("As it should appear on a letter, for example Mrs Eleri Jones."),
            required=False,
            example_value="Mrs Eleri Jones",
        ),
        RELATIONSHIP,
        RELATIONSHIP_OTHER,
        LongText(
            "representative_address",
            N_("Representative’s postal address"),
            required=False,
            example_value="Tŷ’r Ysgol, 3 Ffordd y Môr\nAberaeron\nSA46 0AA",
        ),
        Email("representative_email", N_("Representative’s email address"), required=False),
        Choice(
            "preferred_language",
            N_("Representative’s preferred language"),
            help=N_(
                "Ask the representative. If it is not known, letters are sent in Welsh and English."
            ),
            required=False,
            options=LANGUAGES,
            example_value="cy",
        ),
    ],
)

# The printed copy: Appendix 7's landscape grid, in the seed's column order; the representative's
# letter details join the "Main representative" column only when they are given.
PAPER = Paper(
    source=N_("Blackpool — Appendix 7"),
    grids={
        "residents": Grid(
            landscape=True,
            columns=[
                Column(N_("Surname"), ["surname"]),
                Column(N_("Forename"), ["forename"]),
                Column(N_("Gender (M/F)"), ["gender"], width=0.8),
                Column(N_("Date of birth"), ["date_of_birth"]),
                Column(N_("Responsibility for funding"), ["funding", "funding_other"], width=1.3),
                Column(N_("Case-record number"), ["case_number"]),
                Column(
                    N_("Main representative"),
                    [
                        "main_representative",
                        "representative_name",
                        "representative_relationship",
                        "representative_relationship_other",
                        "representative_address",
                        "representative_email",
                        "preferred_language",
                    ],
                    width=2.4,
                ),
                Column(N_("Has capacity Y/N"), ["has_capacity"]),
                Column(N_("Requires advocate Y/N"), ["requires_advocate"]),
                Column(N_("Mobility needs"), ["mobility_needs"], width=1.5),
            ],
        )
    },
)


FORM = FormDefinition(
    id="bp-residents-list",
    title=N_("List of residents"),
    source="BP Appendix 7",
    paper=PAPER,
    rules=[
        other_given_in_rows(RESIDENTS, FUNDING, FUNDING_OTHER),
        other_given_in_rows(RESIDENTS, RELATIONSHIP, RELATIONSHIP_OTHER),
    ],
    sections=[
        Section(
            N_("About the home"),
            [
                Text("home", N_("Name of home"), example_value="Tŷ Gwyn Care Home"),
                Date("closure_date", N_("Anticipated closure date"), example_value="2027-03-31"),
                Text("manager", N_("Name of manager"), example_value="Siân Hughes"),
                Choice(
                    "home_type",
                    N_("Type of home"),
                    options=[
                        ("residential", N_("Residential, without nursing")),
                        ("nursing", N_("Residential, with nursing")),
                    ],
                ),
            ],
        ),
        Section(
            N_("Residents"),
            [RESIDENTS],
            intro=N_(
                "One row for each resident. You can import the list from a spreadsheet "
                "(.csv or .xlsx) with one column for each question."
            ),
        ),
    ],
)

# Column headings of the paper Appendix 7, so a spreadsheet copied from it imports as it is.
FORM.import_aliases = {
    "residents": {
        "Gender (M/F)": "gender",
        "DOB": "date_of_birth",
        "Frameworki Number": "case_number",
        "Has Capacity Y/N": "has_capacity",
        "Requires Advocate Y/N": "requires_advocate",
        "Advocate": "requires_advocate",
        "Capacity": "has_capacity",
        "Email": "representative_email",
        "Address": "representative_address",
        "Relationship": "representative_relationship",
        "Preferred language": "preferred_language",
        "Language": "preferred_language",
    }
}
