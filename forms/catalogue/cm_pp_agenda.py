"""CM Appendix F: the provider performance meeting agenda, its 11 items each printed with the
seed's guidance, and room for a note per item."""

from __future__ import annotations

from ..bilingual import BilingualLongText
from ..definition import FormDefinition
from ..fields import Checklist, ChecklistItem, Section
from ..i18n import N_
from ..paper import Paper
from .cm_common import provider_fields

# (key, item, guidance) as in the seed; items 1, 2 and 9 have no guidance there.
ITEMS = [
    ("introductions", N_("Introductions & Apologies"), None),
    ("confidentiality", N_("Confidentiality Statement & Attendance Sheet"), None),
    (
        "purpose",
        N_("Purpose of the Meeting"),
        N_(
            "Purpose of the Meeting\n"
            "To consider the significance of concerns raised in relation to the quality of care "
            "and the protection of vulnerable adults"
        ),
    ),
    (
        "previous-minutes",
        N_("Minutes of the previous meeting"),
        N_(
            "Minutes of the previous meeting\n"
            "Note if this is the first meeting and review the completion of actions set at any "
            "previous meeting."
        ),
    ),
    (
        "concerns",
        N_("Outline of Concerns"),
        N_(
            "Outline of Concerns\n"
            "Consider new concerns by each agency not included on the action plan."
        ),
    ),
    (
        "referrals",
        N_("Safeguarding Referrals received"),
        N_(
            "Safeguarding Referrals received\n"
            "For subsequent meetings – referrals received since date of last PP meeting"
        ),
    ),
    (
        "action-plan",
        N_("Information Sharing and Provider Action Plan"),
        N_(
            "Information Sharing and Provider Action Plan\n"
            "Review evidence of progress and challenge lack of progress against any pervious "
            "action plan."
        ),
    ),
    (
        "risk-level",
        N_("Identification of the current overall level of risk"),
        N_(
            "Identification of the current overall level of risk\n"
            "Group to note whether level of risk has increased/remained the same or decreased. "
            "Consider actions/ sanctions/ monitoring to reduce risk."
        ),
    ),
    ("disagreements", N_("Concerns & Disagreements"), None),
    (
        "actions",
        N_("Summary of actions to be taken to manage the risk and assist in the process"),
        N_(
            "Summary of actions to be taken to manage the risk and assist in the process\n"
            "Consideration of staff resource across organisations to assist process. Actions to "
            "record 'who', 'by whom and by when' and monitoring arrangements"
        ),
    ),
    (
        "next-meeting",
        N_("Date and time of next meeting or formal closure of the process"),
        N_(
            "Date and time of next meeting or formal closure of the process\n"
            "Agree participants to attend the next meeting"
        ),
    ),
]


def _item(key: str, text: str, guidance: str | None) -> ChecklistItem:
    """The item as the seed prints it: its title, then its guidance on the next line (one msgid,
    so the Welsh copy translates the pair together)."""
    return ChecklistItem(key, guidance or text)


AGENDA = Checklist(
    name="items",
    label=N_("Agenda"),
    item_heading=N_("Agenda Item"),
    items=[_item(*row) for row in ITEMS],
    fields=[
        BilingualLongText(
            "notes",
            N_("Notes for this item"),
            required=False,
            example_value="Papers circulated with the agenda.",
            example_cy="Dosbarthwyd y papurau gyda’r agenda.",
        ),
    ],
)

PAPER = Paper(source=N_("Carmarthenshire — Appendix F"))


FORM = FormDefinition(
    id="cm-pp-agenda",
    title=N_("Provider Performance Meeting Agenda"),
    source="CM Appendix F",
    paper=PAPER,
    sections=[
        Section(N_("About the meeting"), provider_fields()),
        Section(N_("Agenda"), [AGENDA]),
    ],
)
