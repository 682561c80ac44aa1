"""What the Carmarthenshire meeting forms (CM Appendices D to L) share: the header of each
meeting paper and the confidentiality statement of Appendices E and G, written once."""

from __future__ import annotations

from ..bilingual import BilingualText
from ..definition import Error
from ..fields import Date, LongText, Text
from ..i18n import N_

# CM Appendices E and G, in the seed's words: "To be confirmed at the start, and on the
# attendance list and minutes, of each meeting held under these procedures."
CONFIDENTIALITY = N_(
    "Confidentiality Statement\n"
    "To be confirmed at the start, and on the attendance list and minutes, of each meeting held "
    "under these procedures. This meeting is held under the Carmarthenshire Adult Safeguarding "
    "Board Provider Performance Monitoring protocol. The issues discussed are confidential to the "
    "members of the meeting and the agencies they represent. Minutes of the meeting are "
    "circulated on the strict understanding that they will be kept confidential and stored "
    "securely.\n"
    "In certain circumstances it may be necessary to make the minutes of the meeting available "
    "to the civil and criminal courts, solicitors, psychiatrists, or other professionals involved "
    "in the care of the vulnerable adults.\n"
    "N.B. When you sign the attendance sheet please note that you are signing up to the above "
    "confidentiality statement."
)

COMPLETED_BY_CHAIR = N_(
    "Document to be completed by PPM Chair and stored on the Care Provider Commissioning file"
)


def provider_fields(past: bool = False) -> list:
    """Name of provider, service provision, date/time and venue: the head of Appendices E to G."""
    return [
        Text("provider", N_("Name of provider"), example_value="Gofal Da Cyf"),
        Text(
            "service",
            N_("Service provision e.g. Care Home"),
            example_value="Tŷ Gwyn Care Home",
        ),
        Date("meeting_date", N_("Date"), past=past, example_value="2026-03-02"),
        Text("meeting_time", N_("Time"), max_length=50, example_value="10:00"),
        BilingualText(
            "venue",
            N_("Venue"),
            example_value="County Hall, Carmarthen",
            example_cy="Neuadd y Sir, Caerfyrddin",
        ),
    ]


def people_fields() -> list:
    return [
        LongText(
            "present",
            N_("Present"),
            # Names only (they are not translated): a role typed beside one would stay English
            # in a Welsh copy.
            help=N_("One name a line, the chair first."),
            example_value="Siân Hughes\nGareth O'Brien\nDr Eleri Price",
        ),
        LongText("apologies", N_("Apologies"), required=False, example_value="Rhodri ap Iorwerth"),
    ]


def action_by_with_date(checklist: str):
    """A rule: an item's action needs both who does it and by when (the seed's one column,
    "ACTION BY/ DATE")."""

    def rule(values: dict):
        for i, row in enumerate(values.get(checklist, [])):
            if bool(row.get("action_by")) != bool(row.get("action_date")):
                missing = "action_date" if row.get("action_by") else "action_by"
                yield Error(
                    f"{checklist}[{i}].{missing}",
                    N_("An action needs both who it is for and the date it is due"),
                )

    return rule
