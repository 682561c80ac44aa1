"""WB Appendix 4 (NW Appendix 9) notification to the All Wales commissioning network.

Sent at the start and again at the end of a process, normally as one bilingual document, with the
seed's confidentiality note on every copy.
"""

from __future__ import annotations

from ..bilingual import BilingualLongText
from ..definition import Error, FormDefinition
from ..fields import Choice, Date, LongText, Section, Text, YesNo
from ..i18n import N_
from ..paper import Paper
from ..wales import (
    CARE_CATEGORIES,
    HEALTH_BOARDS,
    LOCAL_AUTHORITIES,
    OTHER,
    choice_with_other,
    other_given,
)

CATEGORY, CATEGORY_OTHER = choice_with_other(
    "category",
    N_("Category of care provided"),
    CARE_CATEGORIES,
    N_("Other category of care"),
    example_value="residential-nursing",
    other_en="Day care run by a charity",
    other_cy="Gofal dydd a gynhelir gan elusen",
)
AUTHORITY, AUTHORITY_OTHER = choice_with_other(
    "authority",
    N_("Authority"),
    [*LOCAL_AUTHORITIES, OTHER],
    N_("Other authority"),
    example_value="swansea",
)
COMMISSIONER, COMMISSIONER_OTHER = choice_with_other(
    "commissioning_authority",
    N_("Name of commissioning authority"),
    [*LOCAL_AUTHORITIES, *HEALTH_BOARDS, OTHER],
    N_("Other commissioning authority"),
    example_value="neath-port-talbot",
)

STATUS = [
    ("provider-performance", N_("Provider performance")),
    ("escalating-concerns", N_("Escalating concerns")),
    ("hosg", N_("Home Operation Support Group (HOSG)")),
]


def closure_at_end_only(values: dict):
    """The closure date belongs to the end notification, and cannot come before the start."""
    stage, closed = values.get("stage"), values.get("closed_on")
    if stage == "end" and not closed:
        yield Error(
            "closed_on",
            N_("Enter “%(label)s” for a notification at the end of the process"),
            {"label": N_("Date of the formal closure of process")},
        )
    if stage == "start" and closed:
        yield Error(
            "closed_on",
            N_("A notification at the start of the process has no closure date"),
        )
    started = values.get("commenced_on")
    if closed and started and closed < started:
        yield Error("closed_on", N_("The process cannot close before it commenced"))


def restriction_details_given(values: dict):
    if values.get("placements_restricted") == "yes" and not values.get("restriction_details"):
        yield Error(
            "restriction_details",
            N_("Give details of the suspension or restrictions of placements"),
        )


# The printed copy names its source; the seed's NB. is the notice on every copy.
PAPER = Paper(source=N_("Western Bay — Appendix 4"))


FORM = FormDefinition(
    id="wb-network-notification",
    title=N_("Notification of escalating concerns / provider performance"),
    source="WB Appendix 4, NW Appendix 9",
    paper=PAPER,
    sections=[
        Section(
            N_("Notification"),
            [
                Choice(
                    "stage",
                    N_("Notification stage"),
                    help=N_("To be completed at the beginning and end of the process."),
                    options=[
                        ("start", N_("Beginning of the process")),
                        ("end", N_("End of the process")),
                    ],
                    example_value="end",
                ),
            ],
        ),
        Section(
            N_("Provider"),
            [
                Text("provider", N_("Name of provider")),
                CATEGORY,
                CATEGORY_OTHER,
                Text(
                    "organisation",
                    N_("Name of over-arching organisation (if applicable)"),
                    required=False,
                    example_value="Gofal Cymru Group Ltd",
                ),
            ],
        ),
        Section(
            N_("Authorities"),
            [
                AUTHORITY,
                AUTHORITY_OTHER,
                COMMISSIONER,
                COMMISSIONER_OTHER,
                LongText(
                    "commissioning_contact",
                    N_("Contact at commissioning authority"),
                    help=N_("Name, telephone number and email address."),
                    example_value="Gareth O'Brien\n01639 000000\ngareth.obrien@example.gov.uk",
                ),
            ],
        ),
        Section(
            N_("Process"),
            [
                Choice(
                    "status",
                    N_("Current status"),
                    options=STATUS,
                    example_value="escalating-concerns",
                ),
                Date(
                    "commenced_on",
                    N_("Date process commenced"),
                    past=True,
                    example_value="2026-02-16",
                ),
                YesNo(
                    "placements_restricted",
                    N_("Is there a suspension or restriction of placements?"),
                    style="is",
                ),
                BilingualLongText(
                    "restriction_details",
                    N_("Suspension or restrictions of placements: details"),
                    required=False,
                    example_value="No new admissions until the action plan is agreed.",
                    example_cy="Dim derbyniadau newydd nes y cytunir ar y cynllun gweithredu.",
                ),
                Date(
                    "closed_on",
                    N_("Date of the formal closure of process"),
                    required=False,
                    past=True,
                ),
            ],
        ),
    ],
    rules=[
        closure_at_end_only,
        restriction_details_given,
        other_given(CATEGORY, CATEGORY_OTHER),
        other_given(AUTHORITY, AUTHORITY_OTHER),
        other_given(COMMISSIONER, COMMISSIONER_OTHER),
    ],
    notice=N_(
        "NB. The information contained within this form is being shared to protect Vulnerable "
        "Adults in line with the Wales Interim Policy & Procedures for the Protection of "
        "Vulnerable Adults from Abuse."
    ),
    default_lang="both",
)
