"""CM Appendix H decision form: the level of risk (RED / AMBER / YELLOW / GREEN) decided with
the 4 x 4 likelihood x impact matrix. GREEN is "all clear, removed from the list", so deciding
it records the end of the process on the case."""

from __future__ import annotations

from ..bilingual import BilingualLongText
from ..definition import Error, FormDefinition
from ..fields import Choice, Computed, Date, Group, Rating, Section, Text
from ..i18n import N_
from ..paper import Column, Grid, Paper, Prose, rating_colour
from ..scoring import product_score, show_score
from .cm_action_plan import IMPACT, LIKELIHOOD, cm_matrix

# The seed prints the four levels as rows of the decision form; the letters beside them there
# ("PC", "CH") are initials of the people who completed the sample, not part of the form.
LEVELS = [
    ("red", N_("RED")),
    ("amber", N_("AMBER")),
    ("yellow", N_("YELLOW")),
    ("green", N_("GREEN - All Clear and to be Removed from the List")),
]


def removed_on(values: dict):
    """The date the provider leaves the list: the decision date, when the decision is GREEN."""
    return values.get("decided_on") if values.get("level") == "green" else None


CONCERNS = Group(
    name="concerns",
    label=N_("Concerns rated"),
    row_label=N_("Concern %(num)s"),
    help=N_(
        "Where there are cases of complexity and significance, rate each concern on the risk "
        "tool matrix."
    ),
    fields=[
        BilingualLongText(
            "concern",
            N_("Concern"),
            example_value="Two medicines errors since the last meeting.",
            example_cy="Dau gamgymeriad meddyginiaeth ers y cyfarfod diwethaf.",
        ),
        Rating("likelihood", N_("Likelihood (1–4)"), options=LIKELIHOOD, example_value=2),
        Rating("impact", N_("Impact (1–4)"), options=IMPACT, example_value=3),
        Computed(
            "rating",
            N_("Overall risk rating"),
            compute=product_score("likelihood", "impact"),
            show=show_score,
        ),
    ],
)


def matrix_level(values: dict) -> str | None:
    """The colour of the highest rated concern: the matrix's guidance for the level."""
    ratings = [r["rating"] for r in values.get("concerns", []) if r.get("rating")]
    return max(ratings, key=lambda r: r["score"])["colour"] if ratings else None


def differs_from_matrix(values: dict):
    """The matrix is guidance: a level other than its colour needs the reason written."""
    guide = matrix_level(values)
    if guide and values.get("level") != guide and not values.get("variance"):
        yield Error(
            "variance",
            N_("Say why the level differs from the colour of the highest rated concern"),
        )


# The printed copy: the four levels as the seed lists them, the concerns' grid and Appendix H's
# likelihood x impact matrix, coloured (bands from App H, ``scoring.rag4``), concerns marked.
PAPER = Paper(
    source=N_("Carmarthenshire — Appendix H"),
    opening=[Prose([label for _, label in LEVELS], title=N_("Levels of risk"))],
    grids={
        "concerns": Grid(
            columns=[
                Column(N_("Concern"), ["concern"], width=3),
                Column(N_("Likelihood (1 – 4)"), ["likelihood"], number_only=True),
                Column(N_("Impact (1-4)"), ["impact"], number_only=True),
                Column(N_("Overall Risk Rating"), ["rating"], shade=rating_colour, width=1.2),
            ]
        )
    },
    closing=[
        cm_matrix("concerns", N_("Concern %(rows)s")),
    ],
)


FORM = FormDefinition(
    id="cm-pp-decision",
    title=N_("Provider Performance Decision Form"),
    source="CM Appendix H",
    paper=PAPER,
    sections=[
        Section(
            N_("About the decision"),
            [
                Text("provider", N_("Name of provider"), example_value="Gofal Da Cyf"),
                Text("service", N_("Name of service"), example_value="Tŷ Gwyn Care Home"),
                Date("decided_on", N_("Date of decision"), past=True),
                Text("decided_by", N_("Decision made by"), example_value="Siân Hughes"),
            ],
        ),
        Section(
            N_("Risk tool matrix"),
            [CONCERNS],
            intro=N_(
                "An overall risk rating will be determined by multiplying the likelihood of the "
                "risk (scale of 1 to 4) by the consequence of the risk (scale of 1 to 4). The "
                "colour coding represents the current level of risk rather than the progress "
                "made against the required improvements."
            ),
        ),
        Section(
            N_("Decision"),
            [
                Choice("level", N_("Level of risk"), options=LEVELS, example_value="yellow"),
                BilingualLongText(
                    "rationale",
                    N_("Key evidential factors"),
                    example_value="Staffing is stable and two of three actions are complete.",
                    example_cy=(
                        "Mae’r staffio’n sefydlog ac mae dau "
                        "o’r tri cham gweithredu wedi’u cwblhau."
                    ),
                ),
                BilingualLongText(
                    "variance",
                    N_("Why the level differs from the matrix"),
                    required=False,
                    example_value=None,
                ),
                Computed("removed_on", N_("Removed from the list on"), compute=removed_on),
            ],
        ),
    ],
    rules=[differs_from_matrix],
    key_dates={"removed_on": "process_ended"},
)
