"""BP Appendix 5 home closure plan: the seed's preparation and moving actions, in its order and
words, each with its responsible area.

The seed's table loses its second heading at a page break; the moving actions are taken to start
after "Inform CQC and SCBT", where the suspension plan (Appendix 6) ends its preparation too.
"""

from __future__ import annotations

from ..bp_plans import OVERDUE_INTRO, actions, example_hook, plan_grid, status_fields
from ..definition import FormDefinition
from ..fields import Date, Section, Text
from ..i18n import N_
from ..paper import Paper

CONTRACTS = N_("Contracts Team")
CM = N_("Care Management /CCG")
CONTRACTS_CCG = N_("Contracts Team/CCG")

PREPARATION = [
    ("termination", N_("Agree contract termination/default arrangements"), CONTRACTS),
    ("vacancies", N_("Prepare a list of vacancies"), CONTRACTS),
    (
        "residents-list",
        N_(
            "Prepare a list of Blackpool funded residents, nok contact details, capacity, "
            "mobility needs, and whether advocate needed and assign workers."
        ),
        CM,
    ),
    (
        "fact-sheet",
        N_(
            "Prepare a fact sheet for residents and families detailing how to choose a care "
            "home or nursing home and information about any fees and contributions."
        ),
        CM,
    ),
    (
        "communication-staff",
        N_("Identify staff to be available for communication with residents and families"),
        CM,
    ),
    (
        "briefing",
        N_(
            "Prepare briefing document for staff team involved in communication with residents "
            "and families"
        ),
        CM,
    ),
    (
        "press-statement",
        N_(
            "Prepare press statement to include reasons for move and have approved by DASS, "
            "Portfolio Holder, and relevant CCG lead."
        ),
        CM,
    ),
    (
        "family-letter",
        N_(
            "Prepare a joint letter to residents and families to inform of action, process to "
            "be followed, and points of contact."
        ),
        CM,
    ),
    (
        "provider-letter",
        N_("Prepare letter to provider regarding notice/termination."),
        CONTRACTS_CCG,
    ),
    (
        "phone-line",
        N_("Set up dedicated telephone line for residents and their families."),
        CM,
    ),
    ("transport", N_("Arrange transport for residents"), ""),
    ("advocacy", N_("Inform advocacy/IMCA services of intended action."), N_("Care Management")),
    ("in-house", N_("Inform In House services to be ready in case staff are needed."), CM),
    (
        "assessment-packs",
        N_(
            "Prepare packs of documentation for assessment process and issue to identified "
            "Social Work team."
        ),
        CM,
    ),
    ("assess", N_("Assess all residents."), CM),
    ("out-of-area", N_("Inform all out of area authorities of any affected residents."), CM),
    (
        "belongings-kit",
        N_(
            "Assemble blankets, umbrellas, labels, and bags to transport belongings and "
            "medications."
        ),
        CM,
    ),
    (
        "vacancies-to-lead",
        N_("Provide list of vacancies to Care Management Lead."),
        CONTRACTS,
    ),
    ("readiness", N_("Hold readiness meeting"), N_("DASS")),
    (
        "final-list",
        N_("Finalise list of residents and whether capacity assessment/ best interests/advocacy."),
        CM,
    ),
    (
        "care-plans",
        N_("Complete assessments, care plans and risk assessments in readiness for new homes."),
        CM,
    ),
    (
        "send-provider-letter",
        N_("Send letter to provider regarding notice/termination."),
        CONTRACTS_CCG,
    ),
    (
        "send-family-letter",
        N_(
            "Send letter to residents and families informing of action, process to be "
            "followed, and points of contact."
        ),
        CM,
    ),
    ("edt", N_("Inform EDT of plans"), N_("Care Management")),
    ("cqc", N_("Inform CQC and SCBT"), CONTRACTS),
]

MOVING = [
    (
        "receiving-staff",
        N_(
            "Receiving homes to be asked to provide staff to facilitate introduction and "
            "welcome to the home."
        ),
        CM,
    ),
    (
        "move-transport",
        N_("Arrange transport for resident moves and any specialist equipment to be transferred."),
        CM,
    ),
    ("pets", N_("Make appropriate arrangements for any pets."), CM),
    ("press", N_("Respond to press queries"), N_("Contract Team")),
    (
        "visit",
        N_("Allocated workers to visit home to explain decision pre transfer"),
        CM,
    ),
    (
        "medication",
        N_(
            "Check medication sheets and ensure that medications are appropriately packed to "
            "move to new placement. Check controlled drug records."
        ),
        CM,
    ),
    (
        "records",
        N_("Match care records to meds records and prepare them for moving to new home."),
        CM,
    ),
    (
        "relatives",
        N_(
            "Staff at office to contact relatives by telephone and brief them regarding "
            "situation and advise of relocations, and determine if relatives want to be present "
            "at the time of moving."
        ),
        CM,
    ),
    ("vacancies-to-families", N_("Provide list of vacancies to residents and families."), CM),
    (
        "families-fact-sheet",
        N_(
            "Provide residents and families with fact sheet detailing how to choose a care home "
            "and information about fees and contributions"
        ),
        CM,
    ),
    (
        "families-contact",
        N_("Provide residents and families with a contact to raise any concerns."),
        CM,
    ),
    (
        "belongings",
        N_(
            "Ensure belongings are safely packed to allow for planned transfer. Valuables and "
            "monies to be included."
        ),
        CM,
    ),
    (
        "receiving-contact",
        N_("Provide receiving home with contact details to raise any concerns or issues."),
        CM,
    ),
]

LISTS = ("preparation", "moving")

PAPER = Paper(source=N_("Blackpool — Appendix 5"), grids={name: plan_grid() for name in LISTS})


FORM = FormDefinition(
    id="bp-home-closure-plan",
    title=N_("Home closure plan"),
    source="BP Appendix 5",
    paper=PAPER,
    sections=[
        Section(
            N_("About the closure"),
            [
                Text("home", N_("Name of home"), example_value="Tŷ Gwyn Care Home"),
                Text("provider", N_("Name of provider")),
                Date("closure_date", N_("Anticipated closure date"), example_value="2026-06-30"),
                *status_fields(*LISTS),
            ],
            intro=OVERDUE_INTRO,
        ),
        Section(N_("Preparation"), [actions("preparation", N_("Preparation"), PREPARATION)]),
        Section(N_("Moving"), [actions("moving", N_("Moving"), MOVING)]),
    ],
)
FORM.example_hook = example_hook(*LISTS)
