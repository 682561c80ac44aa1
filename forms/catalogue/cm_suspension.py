"""CM Appendix J: the procedure for suspending business (an embargo). Authorisation (name and
date) is required to finalise it; finalising it records the embargo on the case, from the date
of authorisation, and the embargo letters then fall due."""

from __future__ import annotations

from ..bilingual import BilingualLongText
from ..definition import FormDefinition
from ..fields import Checklist, ChecklistItem, Section
from ..i18n import N_
from ..paper import Completion, Paper
from .cm_business import (
    authorisation,
    authorised_after_meeting,
    completed_only_if_required,
    head,
    tick_fields,
)

# The protection measures of the seed, in its order and words ("Inform regulator" is printed
# after the priority improvements there; it is a measure like the others).
MEASURES = [
    ("review-care", N_("Review all existing service users care")),
    ("monitor-placements", N_("Monitoring existing placements/care packages")),
    ("self-funders", N_("Offer review to self funding service users")),
    ("commissioners", N_("Inform other commissioning agencies")),
    ("staff-partners", N_("Inform staff and other APC partners")),
    ("letter-users", N_("Send letter to service user/representative")),
    ("letter-provider", N_("Send letter to care provider")),
    ("regulator", N_("Inform regulator")),
]

PROTECTION = Checklist(
    name="measures",
    label=N_("Protection measures"),
    item_heading=N_("Action"),
    items=[ChecklistItem(key, text) for key, text in MEASURES],
    fields=tick_fields(),
)

# The printed copy: the authorisation block with its signature line, as the seed ends.
PAPER = Paper(
    source=N_("Carmarthenshire — Appendix J"),
    closing=[
        Completion(["authorised_role", "authorised_by", "authorised_on"], title=N_("Authorisation"))
    ],
)


FORM = FormDefinition(
    id="cm-suspension",
    title=N_("Procedure for Suspending Business with Care Providers"),
    source="CM Appendix J",
    paper=PAPER,
    sections=[
        head(
            N_(
                "Date of Provider Performance meeting where the recommendation originated "
                "to suspend business"
            ),
            N_("Reason why business is to be suspended"),
            "Medicines errors continued after two meetings and the action plan is not met.",
        ),
        Section(N_("Protection measures"), [PROTECTION]),
        Section(
            N_("Priority improvements"),
            [
                BilingualLongText(
                    "priorities",
                    N_("Priority Improvements to be made before the embargo is lifted"),
                    help=N_(
                        "(Consider completion of all CAP actions, concerns rated as high risk, "
                        "CSSIW compliance notices etc.)"
                    ),
                    example_value="All medicines actions of the CAP complete and audited.",
                    example_cy=(
                        "Pob cam gweithredu ar feddyginiaethau yn y cynllun "
                        "camau gweithredu cywirol (CAP) wedi’u cwblhau a’u harchwilio."
                    ),
                )
            ],
        ),
        authorisation(),
    ],
    rules=[completed_only_if_required("measures"), authorised_after_meeting],
    key_dates={"authorised_on": "embargo_placed"},
)
# Finalising it offers the letters that follow (web/records/fulfilment), as the case now owes them.
FORM.offers_letters = ("provider-embargo-placed", "family-embargo-placed")
