"""CM 11.1 and App L; NW 2.11, 2.18–2.19; WB 4.10: confirms in writing an embargo on new placements,
with its rationale and what the provider must do before it can be lifted."""

from __future__ import annotations

from ...bilingual import BilingualLongText
from ...fields import Choice, Date
from ...i18n import N_
from .. import LetterDefinition
from ..common import required_when

CONDITIONS = BilingualLongText(
    "conditions",
    N_("Conditions on new placements and packages of care"),
    required=False,
    example_value="No more than one new admission a week;\nno admissions at weekends.",
    example_cy="Dim mwy nag un derbyniad newydd yr wythnos;\ndim derbyniadau ar benwythnosau.",
)

LETTER = LetterDefinition(
    id="provider-embargo-placed",
    title=N_("Embargo on new placements"),
    source="CM 11.1, CM Appendix L; NW 2.11, 2.18–2.19; WB 4.10",
    recipient="provider",
    letter_fields=[
        Choice(
            "embargo_type",
            N_("Kind of embargo"),
            options=[
                ("suspension", N_("Suspension of all new placements and packages of care")),
                ("conditions", N_("Conditions on new placements and packages of care")),
            ],
            example_value="conditions",
        ),
        CONDITIONS,
        Date("effective_date", N_("Date the embargo takes effect"), example_value="2026-03-10"),
        BilingualLongText(
            "rationale",
            N_("Rationale for the decision"),
            example_value="Recent visits found that residents’ care needs are not being met.",
            example_cy=(
                "Canfu ymweliadau diweddar nad yw anghenion gofal preswylwyr yn cael eu diwallu."
            ),
        ),
        BilingualLongText(
            "improvements",
            N_("What must be done before the embargo can be lifted"),
            example_value="Every care plan must be reviewed and night staffing increased.",
            example_cy="Rhaid adolygu pob cynllun gofal a chynyddu nifer y staff yn y nos.",
        ),
        Date(
            "remedy_by",
            N_("Date by which the improvements must be made"),
            required=False,
            example_value="2026-05-29",
        ),
        Date(
            "review_date",
            N_("Date the embargo will next be reviewed"),
            required=False,
            example_value="2026-04-07",
        ),
    ],
    rules=[required_when(CONDITIONS, "embargo_type", ("conditions",))],
)
