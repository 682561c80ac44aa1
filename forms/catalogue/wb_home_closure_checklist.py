"""WB Appendix 7 home closure checklist: the 33 tasks of the seed, each with its default lead.

The seed: "It is essential to name who is going to be responsible for arranging/undertaking each
action", so the lead is required on every task before the checklist can be finalised.
"""

from __future__ import annotations

from ..definition import FormDefinition
from ..fields import Checklist, ChecklistItem, Choice, Date, Section, Text
from ..i18n import N_
from ..paper import Paper

# (key, task, default lead person) exactly as in the seed, in its order. The seed's spelling is
# kept ("situable" in task 19).
TASKS = [
    (
        "risk-assessment",
        N_("Undertake a risk assessment on each resident re moving."),
        N_("Care Manager / OT / Nurse Assessor/GP"),
    ),
    (
        "emergency-supplies",
        N_("Consider alternative heating, hot water, food etc. if faced with emergency closure."),
        N_("HOSG Chair"),
    ),
    (
        "review-residents",
        N_("Review all residents – CHC nursing, FNC, O.T. etc. Carry out impact assessment"),
        N_("Care Manager / Nurse Assessor"),
    ),
    ("residents-list", N_("Obtain a list of all residents at the care home."), N_("C&C Team")),
    (
        "care-management",
        N_(
            "Clarify who is responsible for care management/care co-ordination support for each "
            "resident?"
        ),
        N_("HOSG Chair"),
    ),
    (
        "alternative-beds",
        N_("Establish what alternative beds are available and where?"),
        N_("C&C Team / ABMU"),
    ),
    ("next-of-kin", N_("Obtain a list of next of kin"), N_("Care Manager / Nurse Assessor")),
    (
        "inform-families",
        N_("Inform families/carers of what is happening and alternative placement"),
        N_("HOSG Chair"),
    ),
    (
        "family-involvement",
        N_("Determine what involvement will families have e.g. packing, transport"),
        N_("Care Manager/ABMU Lead"),
    ),
    (
        "legal-rights",
        N_("Clarify legal rights families have regarding decision making for the residents."),
        N_("Care Manager/ABMU Lead"),
    ),
    ("advocates", N_("Consider the role of advocates"), N_("Care Manager/ABMU Lead")),
    (
        "communication-strategy",
        N_("Develop a communication strategy – week ends, bank holidays etc."),
        N_("HOSG Chair"),
    ),
    (
        "contact-numbers",
        N_(
            "Compile and share list of contact numbers – mobile, out of hours etc to the project "
            "group."
        ),
        N_("HOSG Chair"),
    ),
    (
        "financial-responsibility",
        N_("Determine who is financially responsible for each resident. Inform the LA etc."),
        N_("HOSG Chair"),
    ),
    ("out-of-hours", N_("Inform Out-of-Hours service."), N_("HOSG Chair")),
    (
        "family-information",
        N_("Provide information for families re choice procedures etc."),
        N_("Care Manager/ABMU Lead"),
    ),
    (
        "equipment",
        N_("Establish what equipment does each resident need and can it move with them?"),
        N_("Care Manager / OT / ABMU"),
    ),
    (
        "alternative-equipment",
        N_("If unable to move equipment, determine where can alternative equipment be sourced?"),
        N_("Care Manager /OT / ABMU"),
    ),
    ("transport", N_("Arrange situable transport e.g. ambulance"), N_("ABMU/LA")),
    (
        "legal-section",
        N_("Involve legal section on issues of registration and/ or regulations"),
        N_("CSSIW"),
    ),
    (
        "press",
        N_("Liaise with Press Officers regarding press statement/release."),
        N_("HOSG Chair/ABMU Lead"),
    ),
    (
        "grouping",
        N_("Ask manager if there is a natural grouping of residents that could move together?"),
        N_("HOSG Chair"),
    ),
    (
        "alternative-staff",
        N_(
            "To ensure safety and good care, prior to closure, determine where alternative staff "
            "be found (with owner's permission) – agencies. L.A.'s"
        ),
        N_("ABMU, HOSG Chair"),
    ),
    (
        "support-after-move",
        N_("Develop strategy to support residents, families, staff following the move."),
        N_("HOSG Chair"),
    ),
    (
        "review-after-move",
        N_("Review residents following the move – settling in, move again?"),
        N_("Care Manager / Nurse Assessor"),
    ),
    (
        "cancel-contracts",
        N_("Cancel existing contracts immediately – both individual and overarching."),
        N_("Care Manager / C&C Team / ABMU"),
    ),
    (
        "inform-politicians",
        N_("Inform politicians – both local and national (WAG)"),
        N_("HOSG Chair"),
    ),
    ("feedback", N_("Ensure feedback to indicate each task completed/outcomes."), N_("HOSG Chair")),
    (
        "inform-directors",
        N_(
            "Keep Director of Social Services, Heads of Service and ABMU Executives informed of "
            "progress."
        ),
        N_("HOSG Chair/ABMU Lead"),
    ),
    (
        "medication",
        N_(
            "Determine medication risks and transporting of medication e.g. controlled drugs, "
            "oxygen etc"
        ),
        N_("ABMU Lead"),
    ),
    (
        "clinical-records",
        N_("Develop strategy for transfer (or copying) of clinical records"),
        N_("HOSG Chair/ABMU Lead"),
    ),
    (
        "clinical-handover",
        N_("Develop strategy for clinical 'handover' of care to new provider"),
        N_("HOSG Chair/ABMU Lead"),
    ),
    (
        "belongings",
        N_("Arrange transportation of residents personal belongings/furniture"),
        N_("HOSG Chair/ABMU Lead"),
    ),
]

DEFAULT_LEADS = {lead for _, _, lead in TASKS}


class LeadText(Text):
    """A lead person: the seed's default roles are msgids, so a Welsh copy shows them in Welsh;
    a name typed in is shown as typed."""

    def display(self, value, t):
        return t(value) if value in DEFAULT_LEADS else super().display(value, t)


STATUS = [
    ("not-started", N_("Not started")),
    ("on-going", N_("On-going")),
    ("completed", N_("Completed")),
]

CHECKLIST = Checklist(
    name="tasks",
    label=N_("Home closure checklist"),
    help=N_(
        "It is essential to name who is going to be responsible for arranging/undertaking each "
        "action."
    ),
    items=[ChecklistItem(key, text, defaults={"lead": lead}) for key, text, lead in TASKS],
    fields=[
        LeadText(
            "lead",
            N_("Lead person"),
            help=N_("Who is going to be responsible for arranging or undertaking this action."),
            example_value="Siân Hughes (HOSG Chair)",
        ),
        Date("action_by", N_("Action by date"), required=False, example_value="2026-04-17"),
        Choice("status", N_("Status"), required=False, options=STATUS),
    ],
)


def _example(data: dict) -> None:
    """Example: most tasks keep the seed's default lead; the first few name a person."""
    for i, row in enumerate(data.get("tasks", [])):
        if i >= 3:
            row.pop("lead", None)


# The printed copy names its source; the seed's "it is essential to name ..." is the
# checklist's help, printed above it.
PAPER = Paper(source=N_("Western Bay — Appendix 7"))


FORM = FormDefinition(
    id="wb-home-closure-checklist",
    title=N_("Home closure checklist"),
    source="WB Appendix 7",
    paper=PAPER,
    sections=[
        Section(
            N_("About the closure"),
            [
                Text("home_name", N_("Name of care home"), example_value="Tŷ Gwyn Care Home"),
                Text("provider", N_("Name of provider")),
                Choice(
                    "closure_type",
                    N_("Type of closure"),
                    options=[
                        ("planned", N_("Planned closure")),
                        ("emergency", N_("Emergency closure")),
                    ],
                ),
                Date("closure_date", N_("Expected date of closure"), example_value="2026-05-29"),
                Text("hosg_chair", N_("HOSG Chair"), example_value="Rhodri ap Iorwerth"),
                Date("updated_on", N_("Checklist last updated on"), past=True),
            ],
        ),
        Section(N_("Tasks"), [CHECKLIST]),
    ],
)
FORM.example_hook = _example
