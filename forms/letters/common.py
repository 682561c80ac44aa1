"""Fields every letter shares: the organisation profile, the case, the recipient, the date.

They are ordinary form fields, so a letter's page, validation and JSON come from the same
definition as a form's. Names of organisations and job titles are held in both languages because
a Welsh letter must name them in Welsh; prose (salutations, venues) is a translatable pair.
"""

from __future__ import annotations

from ..bilingual import BilingualText
from ..definition import Error
from ..fields import Choice, Date, Group, LongText, Section, Text
from ..i18n import N_

ORGANISATION = Section(
    N_("Organisation"),
    [
        Text(
            "org_name_en",
            N_("Organisation name in English"),
            example_value="Example County Council",
        ),
        Text(
            "org_name_cy", N_("Organisation name in Welsh"), example_value="Cyngor Sir Enghraifft"
        ),
        LongText(
            "org_address_en",
            N_("Organisation address in English"),
            example_value="County Hall\nMain Street\nExampletown\nEX1 2AB",
        ),
        LongText(
            "org_address_cy",
            N_("Organisation address in Welsh"),
            example_value="Neuadd y Sir\nY Stryd Fawr\nTref Enghraifft\nEX1 2AB",
        ),
        Text("org_phone", N_("Telephone"), example_value="01234 567890"),
        Text("org_email", N_("Email"), example_value="commissioning@example.gov.uk"),
        Choice(
            "org_nation",
            N_("Nation"),
            help=N_("Sets the bank holidays used to count working days."),
            options=[("wales", N_("Wales")), ("england", N_("England"))],
        ),
        Text("signatory_name", N_("Signed by"), example_value="Siân Parry-Ŵyn"),
        Text(
            "signatory_role_en",
            N_("Signatory’s role in English"),
            example_value="Contracts & Commissioning Manager",
        ),
        Text(
            "signatory_role_cy",
            N_("Signatory’s role in Welsh"),
            example_value="Rheolwr Contractau a Chomisiynu",
        ),
    ],
    intro=N_("Set by an administrator under Organisation."),
)

# The case data a letter may use; each letter names the ones it needs.
CASE_FIELDS = {
    "provider": Text(
        "provider", N_("Name of provider"), example_value="Cartrefi Gofal “Y Bryn” Cyf"
    ),
    "service": Text(
        "service", N_("Name of care home or service"), example_value="Cartref Gofal Tŷ Gwyn"
    ),
    "provider_address": LongText(
        "provider_address",
        N_("Provider’s address"),
        example_value="Tŷ Gwyn\n1 Ffordd “Y Bryn”\nAberaeron\nSA46 0AB",
    ),
}


def salutation(en: str, cy: str) -> BilingualText:
    """The words after "Dear" / "Annwyl", which mutate in Welsh ("Annwyl gydweithiwr")."""
    return BilingualText(
        "salutation",
        N_("Name after “Dear”"),
        required=False,
        help=N_(
            "Leave blank to greet the recipient by title and surname, such as “Ms Pryce”, "
            "or as “Sir or Madam” if their name has no title."
        ),
        example_value=en,
        example_cy=cy,
    )


_SALUTATION = salutation("Mrs Morgan", "Mrs Morgan")
_ADDRESS = LongText(
    "recipient_address",
    N_("Recipient’s address"),
    example_value="2 Heol <Newydd>\nAberaeron\nSA46 0AC",
)

# Recipient fields by kind of recipient; a provider letter goes to the provider's address.
RECIPIENTS = {
    "provider": [
        Text(
            "recipient_name",
            N_("Name and role of the person the letter is for"),
            example_value="Ms Eleri Jones",
        ),
        salutation("Ms Jones", "Ms Jones"),
    ],
    "family": [
        Text(
            "recipient_name",
            N_("Name of the relative or representative"),
            example_value="Mrs Ann Morgan",
        ),
        _ADDRESS,
        _SALUTATION,
        Text("resident_name", N_("Resident’s name"), example_value="Mr Dafydd ap Gwŷr"),
    ],
    "stakeholder": [
        Text(
            "recipient_name",
            N_("Name and role of the person the letter is for"),
            example_value="Ms Nia Rowlands",
        ),
        LongText(
            "recipient_address",
            N_("Recipient’s organisation and address"),
            example_value="Cyngor Sir Ceredigion\nCanolfan Rheidol\nAberystwyth\nSY23 3UE",
        ),
        salutation("colleague", "gydweithiwr"),
    ],
    "network": [],
}

LETTER_DATE = [
    Date("letter_date", N_("Date of the letter"), example_value="2026-03-09"),
    Text("our_ref", N_("Our reference"), required=False, example_value="PP/2026/014"),
]


def contact_fields(required: bool = True) -> list:
    """The person a recipient should contact about the letter."""
    return [
        Text(
            "contact_name", N_("Contact name"), required=required, example_value="Gwenllïan Hughes"
        ),
        Text(
            "contact_phone",
            N_("Contact telephone"),
            required=required,
            example_value="01234 567891",
        ),
        Text(
            "contact_email",
            N_("Contact email"),
            required=False,
            example_value="g.hughes@example.gov.uk",
        ),
    ]


def partner_agencies(label: str) -> Group:
    """Other organisations named in a letter, with their names in both languages."""
    return Group(
        name="partners",
        label=label,
        row_label=N_("Agency %(num)s"),
        layout="table",
        fields=[
            Text("name_en", N_("Name in English"), example_value="Example University Health Board"),
            Text("name_cy", N_("Name in Welsh"), example_value="Bwrdd Iechyd Prifysgol Enghraifft"),
        ],
    )


def meeting_fields(
    prefix: str, what: str, required: bool = True, example: str = "2026-04-06"
) -> list:
    """Date, time and venue of a meeting: ``<prefix>_date``, ``_time`` and ``_venue``."""
    labels = {
        "next": (
            N_("Date of the next meeting"),
            N_("Time of the next meeting"),
            N_("Venue of the next meeting"),
        ),
        "pecm": (
            N_("Date of the Provider Escalating Concerns Meeting"),
            N_("Time of the Provider Escalating Concerns Meeting"),
            N_("Venue of the Provider Escalating Concerns Meeting"),
        ),
        "family_meeting": (
            N_("Date of the meeting for families"),
            N_("Time of the meeting for families"),
            N_("Venue of the meeting for families"),
        ),
    }[what]
    return [
        Date(f"{prefix}_date", labels[0], required=required, example_value=example),
        Text(f"{prefix}_time", labels[1], required=False, example_value="10:00"),
        BilingualText(
            f"{prefix}_venue",
            labels[2],
            required=required,
            example_value="County Hall, Room 2",
            example_cy="Neuadd y Sir, Ystafell 2",
        ),
    ]


def required_when(field, other: str, values: tuple):
    """A rule: ``field`` must be filled in when the field ``other`` has one of ``values``."""

    def rule(data: dict):
        if data.get(other) in values and not data.get(field.name):
            yield Error(field.name, field.missing_message(), {"label": field.label})

    return rule


# NW 2.21: where a service no longer meets the threshold, what follows.
CLOSURE_OUTCOME = Choice(
    "outcome",
    N_("What follows the closure"),
    options=[
        ("routine", N_("All actions complete: routine quality monitoring")),
        ("dap", N_("Working towards a DAP through local resolution")),
        ("cap", N_("Working towards a CAP, monitored through the PECG")),
    ],
    example_value="dap",
)
