"""WB Appendix 6: the Home Operations Support Group's key responsibilities in a home closure.

All 47 actions of the seed, each ticked for the agencies that share it, and for this closure a
status, owner, target date and note per action. The seed's agency columns (BCBC, ABMU, Home,
CSSIW) are the authors' own bodies; here they are the deployment's: this council, its health
board, the home and the regulator (CIW in Wales, CQC in England), named at the top of the form
from the organisation profile. For the same reason "ABMU" in actions 10, 12, 13 and 25 reads
"health board"; the health board's ticks on actions 17 and 18 were "(CHC)" only in the seed.
"""

from __future__ import annotations

from ..bilingual import BilingualLongText, BilingualText
from ..definition import Error, FormDefinition
from ..fields import Checklist, ChecklistItem, Choice, Date, MultiChoice, Section, Text
from ..i18n import N_
from ..paper import Column, Grid, Paper
from ..wales import HEALTH_BOARDS, OTHER, choice_with_other, other_given

AGENCIES = [
    ("council", N_("Local authority")),
    ("health-board", N_("Health board")),
    ("home", N_("Home")),
    ("regulator", N_("Regulator")),
]
L, H, C, R = "council", "health-board", "home", "regulator"

# (action in the seed's words, the agencies ticked for it in the seed), numbered 1 to 47.
ACTIONS = [
    (
        N_(
            "Obtain list of all current residents at the care home (including self funders, CHC "
            "and other LA placements)"
        ),
        (L, H, C, R),
    ),
    (N_("Obtain a list of next of kin and contact details"), (L, H)),
    (N_("Consider the role of advocates – and engage with advocacy services"), (L, H, C)),
    (N_("Compile and share list of contact numbers"), (L, H, R)),
    (
        N_(
            "Determine who is financially responsible for each resident. Inform the appropriate "
            "local authority"
        ),
        (L,),
    ),
    (N_("Clarify who is responsible for care management support for each resident"), (L,)),
    (N_("Involve Legal Section"), (L, H, R)),
    (N_("Prepare press statement / release with the Press Office"), (L, H)),
    (N_("Determine where alternative staff can be found - agencies, LA's, LHB,"), (L, H)),
    (N_("Inform elected members/health board executives"), (L, H)),
    (N_("Ensure feedback to indicate each task has been completed (outcomes)."), (L, H)),
    (
        N_(
            "Appoint lead officer to coordinate all assessment information including other "
            "LA's/health board localities"
        ),
        (L, H),
    ),
    (N_("Maintain contact with other LA's/health board localities"), (L, H)),
    (
        N_(
            "Arrange weekly or monthly review meetings(depending on the nature and stage of the "
            "protocol"
        ),
        (L, H),
    ),
    (
        N_(
            "Review all residents - Social Care, nursing (CHC), FNC, O.T., etc. to include "
            "capacity assessments"
        ),
        (L, H),
    ),
    (N_("Undertake risk assessment on each resident regarding moving location"), (L, H)),
    (N_("Lead officer informs all families via letter"), (L, H, C)),
    (N_("Family meetings arranged and held"), (L, H, C)),
    (
        N_(
            "Where required request GP's to undertake medical risk assessment eg fitness to "
            "travel, where appropriate"
        ),
        (H,),
    ),
    (
        N_("Establish what equipment does each resident need and can it move with them?"),
        (L, H, C),
    ),
    (
        N_(
            "Clarify what legal rights families have regarding decision making for residents "
            "(e.g. power of attorney)"
        ),
        (L, H),
    ),
    (N_("Produce information for families regarding choice, procedures etc."), (L, H, C)),
    (N_("Choice leaflets taken to the care home and family meetings"), (L,)),
    (N_("Develop communication strategy (weekends, bank holidays, etc)"), (L, H, C)),
    (
        N_("Inform out of hours service, other health board localities and Local Authorities"),
        (L, H),
    ),
    (N_("Establish what alternative beds are available and where"), (L, H)),
    (N_("Consider freeze vacancies across the care home sector"), (L, H)),
    (
        N_("Arrangements made to hold placement meetings - DTOC meetings and CHC panels"),
        (L, H),
    ),
    (N_("Contact other local authorities for places"), (L, H)),
    (N_("Check Health Board beds across the region"), (H,)),
    (N_("Check availability of other nursing staff (RMN and RGN)"), (H,)),
    (
        N_("Ask manager if there is a natural grouping of residents that could move together"),
        (L, H, C),
    ),
    (
        N_(
            "Provide care managers with an information pack including complaints, alternative "
            "providers"
        ),
        (L, H),
    ),
    (
        N_("If unable to move equipment, determine where alternative equipment may be found"),
        (L, H),
    ),
    (N_("Arrange situable medical transport (e.g. ambulance)"), (L, H, C)),
    (N_("Arrange situable non medical transport (e.g. taxi, mini bus)"), (L, C)),
    (
        N_(
            "Develop strategy to support residents, families, staff after the move (care "
            "planning process)"
        ),
        (L, H),
    ),
    (N_("Debrief meeting and evaluation"), (L, H, R)),
    (N_("Review residents following the move (settling in, have to move again?)"), (L, H)),
    (N_("Cancel existing contracts immediately (overarching)"), (L, H)),
    (N_("Cancel existing contracts immediately (individual)"), (L, H)),
    (N_("Contractual financial arrangements to be coordinated"), (L, H)),
    (
        N_(
            "Determine medication risks and transporting of medication e.g. controlled drugs, "
            "oxygen etc"
        ),
        (H,),
    ),
    (N_("Develop strategy for transfer (or copying) of clinical records"), (L, H)),
    (N_("Develop strategy for clinical 'handover' of care to new provider"), (L, H)),
    (N_("Arrange transportation of residents personal belongings/furniture"), (L, H)),
    (
        N_(
            "Scope of family involvement e.g. packing, transport (including self funders), "
            "(contact other LA's)"
        ),
        (L, H),
    ),
]

# A health board in Wales is one of the seven, named in Welsh from the catalog; elsewhere
# (an English integrated care board) "other" with its name typed in both languages.
HEALTH_BOARD, HEALTH_BOARD_OTHER = choice_with_other(
    "health_board",
    N_("Health board"),
    [*HEALTH_BOARDS, OTHER],
    N_("Other health board"),
    example_value="swansea-bay",
)

STATUS = [
    ("not-started", N_("Not started")),
    ("on-going", N_("On-going")),
    ("completed", N_("Completed")),
]
REGULATORS = [
    ("ciw", N_("Care Inspectorate Wales (CIW)")),
    ("cqc", N_("Care Quality Commission (CQC)")),
]

# Each agency is named by this record: the council, the health board (or its typed "other"),
# the home and the regulator; on the page's ticks and as the printed grid's column headings.
AGENCY_NAMES = {
    L: ["council_name"],
    H: ["health_board_other", "health_board"],
    C: ["home_name"],
    R: ["regulator"],
}

CHECKLIST = Checklist(
    name="actions",
    label=N_("Key responsibilities"),
    item_heading=N_("Action Description"),
    items=[
        ChecklistItem(str(n), text, defaults={"agencies": list(agencies)})
        for n, (text, agencies) in enumerate(ACTIONS, start=1)
    ],
    fields=[
        MultiChoice(
            "agencies",
            N_("Agencies sharing the action"),
            options=AGENCIES,
            labels_from=AGENCY_NAMES,
        ),
        Choice("status", N_("Status"), required=False, options=STATUS),
        Text("owner", N_("Owner"), required=False, example_value="Siân Hughes"),
        Date("target_date", N_("Target date"), required=False, example_value="2026-04-17"),
        BilingualLongText("note", N_("Note"), required=False, example_value=None),
    ],
)


def started_actions_have_owner(values: dict):
    """An action under way or done has someone answerable for it."""
    for i, row in enumerate(values.get("actions", [])):
        if row.get("status") in ("on-going", "completed") and not row.get("owner"):
            yield Error(
                f"actions[{i}].owner", N_("An action under way or completed needs an owner")
            )


def _example(data: dict) -> None:
    """Example: the first actions are under way; the rest are not yet assigned."""
    for i, row in enumerate(data["actions"]):
        row.pop("agencies", None)  # the seed's ticks stand
        if i >= 4:
            row.update(status=None, owner=None, target_date=None)
        elif i < 2:
            row["status"] = "completed"


# The 47 actions print as the seed's table: one tick column per agency, headed by its name.
PAPER = Paper(
    source=N_("Western Bay — Appendix 6"),
    grids={
        "actions": Grid(
            landscape=True,
            item_width=2.3,
            columns=[
                *(
                    Column(label, ["agencies"], heading_from=AGENCY_NAMES[key], tick=key, width=0.9)
                    for key, label in AGENCIES
                ),
                Column(N_("Status"), ["status"], width=0.7),
                Column(N_("Owner"), ["owner"], width=0.8),
                Column(N_("Target date"), ["target_date"], width=0.8),
                Column(N_("Note"), ["note"], width=1.4),
            ],
        )
    },
)


FORM = FormDefinition(
    id="wb-hosg-responsibilities",
    title=N_("Home Operations Support Group (HOSG) key responsibilities as part of a home closure"),
    source="WB Appendix 6",
    paper=PAPER,
    sections=[
        Section(
            N_("About the closure"),
            [
                Text("home_name", N_("Name of care home"), example_value="Tŷ Gwyn Care Home"),
                Text("provider", N_("Name of provider"), example_value="Gofal Da Cyf"),
                Date("updated_on", N_("Last updated on"), past=True),
            ],
        ),
        Section(
            N_("Agencies"),
            [
                BilingualText(
                    "council_name",
                    N_("Local authority"),
                    help=N_("From the organisation profile, in English and Welsh."),
                    example_value="City and County of Swansea Council",
                    example_cy="Cyngor Dinas a Sir Abertawe",
                ),
                HEALTH_BOARD,
                HEALTH_BOARD_OTHER,
                Choice("regulator", N_("Regulator"), options=REGULATORS, example_value="ciw"),
            ],
            intro=N_("The agencies that share the actions below, as their columns name them."),
        ),
        Section(N_("Key responsibilities"), [CHECKLIST]),
    ],
    rules=[started_actions_have_owner, other_given(HEALTH_BOARD, HEALTH_BOARD_OTHER)],
)
FORM.example_hook = _example
