"""BP Appendix 1 initial assessment of concerns, with the three outcomes of section 5.

Criteria 2–9 are answered from the seed's options, each with its score; the total is shown so the
Contracts Officer sees the weight of the concern. The seed's options for criterion 1 ("What is
the nature of the concern?") did not survive in the source, so no options are invented for it:
the nature is described in words and given a score from 1 to 5.
"""

from __future__ import annotations

from ..bilingual import BilingualLongText
from ..definition import FormDefinition
from ..fields import Choice, Computed, Date, Number, Rating, Section, Text
from ..i18n import N_
from ..paper import Paper, ScaleReference


def options(*descriptors: str) -> list[tuple[int, str]]:
    """The seed lists each criterion's options from 5 (most concern) down to 1."""
    return [(5 - i, d) for i, d in enumerate(descriptors)]


SINCE = options(
    N_("Never/ Don't know"),
    N_("More than 2 years"),
    N_("Within the last 2 years"),
    N_("Within the last year"),
    N_("Within the last few months"),
)

# (field name, question, options) in the seed's order, criteria 2 to 9.
CRITERIA = [
    (
        "people_affected",
        N_("2. How many people does the concern affect?"),
        options(
            N_("All staff and service users"),
            N_("A number of service users"),
            N_("A single service user"),
            N_("A number of staff"),
            N_("A single staff member"),
        ),
    ),
    (
        "last_inspected",
        N_("3. How long has it been since the service was last inspected by CQC or regulator?"),
        SINCE,
    ),
    (
        "last_monitored",
        N_("4. How long has it been since the service was last subject to a monitoring visit?"),
        SINCE,
    ),
    (
        "isolated_incidents",
        N_("5. Have there been previous isolated incidents?"),
        options(
            N_("4 or more in the last 12 months"),
            N_("No more than 3 in the last 6 months"),
            N_("No more than 3 in the last 12 months"),
            N_("None in the last 12 months"),
            N_("None in the last 6 months"),
        ),
    ),
    (
        "underperformance",
        N_("6. Is there a history of underperformance?"),
        options(
            N_("Judged to be underperforming in the last 6 months"),
            N_("Judged to be underperforming at least twice in the last 12 months"),
            N_("Not judged to be underperforming in the last year"),
            N_("Not judged to be underperforming in the last 2 years"),
            N_("No underperformance"),
        ),
    ),
    (
        "serious_concerns",
        N_("7. Is there a history of serious concerns about the service?"),
        # The seed's own words for the last two options (it repeats "underperforming").
        options(
            N_("Judged to be serious concerns in the last 6 months"),
            N_("Judged to be serious concerns at least twice in the last 12 months"),
            N_("Not judged to be serious concerns in the last year"),
            N_("Not judged to be underperforming in the last 2 years"),
            N_("No underperformance"),
        ),
    ),
    (
        "known_concern",
        N_("8. Is there any known concern about the service or provider?"),
        options(
            N_("Significant public or internal concern"),
            N_("Some public or internal concern"),
            N_("A little public concern"),
            N_("A little internal concern"),
            N_("None"),
        ),
    ),
    (
        "impact_of_nothing",
        N_("9. What would be the impact of doing nothing at this stage?"),
        options(
            N_("Possible death of or injury to a service user or member of staff"),
            N_("Threat to wellbeing of a group of service users or staff."),
            N_("Threat to wellbeing of single service user or staff member."),
            N_("Organisational embarrassment."),
            N_("Little or no impact."),
        ),
    ),
]
SCORED = ["nature_score"] + [name for name, _, _ in CRITERIA]

# Section 5, in the seed's words.
OUTCOMES = [
    (
        "not-sufficient",
        N_(
            "The extent of the poor performance is not sufficient to warrant implementing poor "
            "performance procedures."
        ),
    ),
    (
        "monitor",
        N_(
            "The extent of the poor performance is not sufficient to warrant implementing poor "
            "performance procedures but the situation should be monitored at Contracts & "
            "Commissioning Performance Management Meetings and or included in the next Contract "
            "Review meeting with the provider."
        ),
    ),
    (
        "sufficient",
        N_(
            "The extent of the poor performance is sufficient to warrant implementing poor "
            "performance procedures."
        ),
    ),
]

OCCASIONS = [
    ("contract-review", N_("As part of a scheduled contract review")),
    (
        "performance-meeting",
        N_("As part of Contracts & Commissioning Performance Management Meetings"),
    ),
    ("concerns", N_("In response to concerns being expressed")),
    (
        "other",
        N_(
            "At any other time the Contracts Officer receives information that may indicate "
            "performance concerns"
        ),
    ),
]


def total(values: dict):
    """The sum of the nine scores, once all nine are given."""
    scores = [values.get(name) for name in SCORED]
    return None if None in scores else sum(int(s) for s in scores)


OUT_OF = N_("%(score)s out of 45")


def show_total(value, t) -> str:
    return "" if value is None else t(OUT_OF, score=value)


# The printed copy names its appendix and, as the paper does, lists each criterion's options
# with their scores, so the reader sees what the chosen score stands against.
PAPER = Paper(
    source=N_("Blackpool — Appendix 1"),
    closing=[
        ScaleReference(question, N_("Score"), N_("Assessment"), rows=opts)
        for _, question, opts in CRITERIA
    ],
)


FORM = FormDefinition(
    id="bp-initial-assessment",
    title=N_("Initial assessment of concerns"),
    source="BP Appendix 1, section 5",
    paper=PAPER,
    sections=[
        Section(
            N_("About the assessment"),
            [
                Text("service", N_("Name of service"), example_value="Tŷ Gwyn Care Home"),
                Text("provider", N_("Name of provider")),
                Text("officer", N_("Contracts Officer"), example_value="Siân Hughes"),
                Date("assessed_on", N_("Date of assessment"), past=True),
                Choice("occasion", N_("Why the assessment is made"), options=OCCASIONS),
            ],
            intro=N_(
                "The purpose of an initial assessment is to determine whether the concerns that "
                "have been reported warrant further action."
            ),
        ),
        Section(
            N_("Criteria"),
            [
                BilingualLongText(
                    "nature",
                    N_("1. What is the nature of the concern?"),
                    example_value=(
                        "Staff do not follow residents’ care plans when giving medicines."
                    ),
                    example_cy=(
                        "Nid yw’r staff yn dilyn cynlluniau gofal preswylwyr wrth roi "
                        "meddyginiaethau."
                    ),
                ),
                Number(
                    "nature_score",
                    N_("Score for the nature of the concern (1–5)"),
                    minimum=1,
                    maximum=5,
                    example_value=4,
                ),
                *[
                    Rating(name, question, options=opts, example_value=3)
                    for name, question, opts in CRITERIA
                ],
                Computed("total", N_("Total score"), compute=total, show=show_total),
            ],
            intro=N_(
                "All cases should be treated individually and objectively, and be based on all "
                "of the available evidence."
            ),
        ),
        Section(
            N_("Outcome"),
            [
                Choice("outcome", N_("Outcome of the initial assessment"), options=OUTCOMES),
                BilingualLongText(
                    "reasons",
                    N_("Reasons for the outcome"),
                    example_value=(
                        "Three medication errors in two months; the provider has not responded to "
                        "the monitoring visit."
                    ),
                    example_cy=(
                        "Tri chamgymeriad meddyginiaeth mewn deufis; nid yw’r darparwr wedi ymateb"
                        " i’r ymweliad monitro."
                    ),
                ),
            ],
            intro=N_("There are three possible outcomes from an initial assessment exercise."),
        ),
    ],
)
