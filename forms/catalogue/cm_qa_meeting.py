"""CM Appendix D: the monthly Quality Assurance meeting, its 8 fixed agenda items and the
decisions and actions recorded against each (who acts, and by when)."""

from __future__ import annotations

from ..bilingual import BilingualLongText, BilingualText
from ..definition import FormDefinition
from ..fields import Checklist, ChecklistItem, Date, Section, Text
from ..i18n import N_
from ..paper import Paper
from .cm_common import action_by_with_date, people_fields

# The eight items of the seed, in its order and words.
ITEMS = [
    ("introductions", N_("Introductions & Apologies")),
    ("previous-minutes", N_("Minutes of the previous meeting")),
    (
        "review-providers",
        N_(
            "Review of all providers who are already subject to the Provider Performance "
            "monitoring protocol meeting process"
        ),
    ),
    (
        "new-concerns",
        N_(
            "New concerns regarding contracted services Update from: Commissioning Team, "
            "Assessment/Care Management, Safeguarding Team, Supporting People Team."
        ),
    ),
    (
        "positive-feedback",
        N_("Positive feedback regarding contracted services Update from teams as above"),
    ),
    ("aob", N_("Any other business")),
    ("summary", N_("Summary of actions")),
    ("next-meeting", N_("Date and time of next meeting")),
]

AGENDA = Checklist(
    name="items",
    label=N_("Agenda"),
    item_heading=N_("Agenda item"),
    items=[ChecklistItem(key, text) for key, text in ITEMS],
    fields=[
        BilingualLongText(
            "decisions",
            N_("Decisions/actions"),
            required=False,
            example_value="The action plan was reviewed; two actions are complete.",
            example_cy="Adolygwyd y cynllun gweithredu; mae dau gam gweithredu wedi’u cwblhau.",
        ),
        Text("action_by", N_("Action by"), required=False, example_value="Siân Hughes"),
        Date("action_date", N_("Action date"), required=False, example_value="2026-04-06"),
    ],
)


def _example(data: dict) -> None:
    """Example: not every item has an action (introductions and apologies have none)."""
    for row in data["items"][:2]:
        row.pop("action_by", None), row.pop("action_date", None)


PAPER = Paper(source=N_("Carmarthenshire — Appendix D"))


FORM = FormDefinition(
    id="cm-qa-meeting",
    title=N_("Monthly Quality Assurance Meeting Agenda"),
    source="CM Appendix D",
    paper=PAPER,
    sections=[
        Section(
            N_("About the meeting"),
            [
                Date("meeting_date", N_("Date"), example_value="2026-03-02"),
                Text("meeting_time", N_("Time"), max_length=50, example_value="10:00"),
                BilingualText(
                    "venue",
                    N_("Venue"),
                    example_value="County Hall, Carmarthen",
                    example_cy="Neuadd y Sir, Caerfyrddin",
                ),
                *people_fields(),
            ],
        ),
        Section(N_("Agenda"), [AGENDA]),
    ],
    rules=[action_by_with_date("items")],
)
FORM.example_hook = _example
