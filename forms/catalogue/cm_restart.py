"""CM Appendix K: the procedure for restarting business after an embargo. A condition ticked
as required needs its specifics written ("please specify below"). Finalising it records the
lifting on the case, and the lifting letters then fall due."""

from __future__ import annotations

from ..bilingual import BilingualLongText
from ..definition import Error, FormDefinition
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

CONDITIONS = [
    ("admissions", N_("Conditions on number of new admissions (please specify below)")),
    (
        "packages",
        N_("Conditions on hours or number of new packages of care (please specify below)"),
    ),
    ("respite", N_("Conditions on using respite care (please specify below)")),
]
MEASURES = [
    ("commissioners", N_("Inform other Commissioning agency")),
    ("staff-partners", N_("Inform staff and other AAPC partners")),
    ("letter-users", N_("Send letter to service user/representative")),
    ("regulator", N_("Inform regulator")),
]

CONDITION_LIST = Checklist(
    name="conditions",
    label=N_("Conditions on restarting"),
    item_heading=N_("Action"),
    items=[ChecklistItem(key, text) for key, text in CONDITIONS],
    fields=[
        *tick_fields(),
        BilingualLongText(
            "specifics",
            N_("Specifics of the condition"),
            required=False,
            example_value="No more than one new admission a week for the first eight weeks.",
            example_cy="Dim mwy nag un derbyniad newydd yr wythnos am yr wyth wythnos gyntaf.",
        ),
    ],
)
PROTECTION = Checklist(
    name="measures",
    label=N_("Protection measures"),
    item_heading=N_("Action"),
    items=[ChecklistItem(key, text) for key, text in MEASURES],
    fields=tick_fields(),
)


def conditions_specified(values: dict):
    for i, row in enumerate(values.get("conditions", [])):
        if row.get("required") == "yes" and not row.get("specifics"):
            yield Error(
                f"conditions[{i}].specifics",
                N_("A condition ticked as required needs its specifics"),
            )


def _example(data: dict) -> None:
    """Example: conditions on admissions only; the other two are not required."""
    for row in data["conditions"][1:]:
        row.update(required="no", completed=None, specifics=None)


PAPER = Paper(
    source=N_("Carmarthenshire — Appendix K"),
    closing=[
        Completion(["authorised_role", "authorised_by", "authorised_on"], title=N_("Authorisation"))
    ],
)


FORM = FormDefinition(
    id="cm-restart",
    title=N_("Procedure for Restarting Business with Care Providers"),
    source="CM Appendix K",
    paper=PAPER,
    sections=[
        head(
            N_(
                "Date of Provider Performance meeting where the recommendation originated "
                "to restart business"
            ),
            N_("Reason why business is to be restarted"),
            "The CAP actions are complete and the last two monitoring visits found no concerns.",
        ),
        Section(N_("Protection measures"), [CONDITION_LIST, PROTECTION]),
        authorisation(),
    ],
    rules=[
        conditions_specified,
        completed_only_if_required("conditions"),
        completed_only_if_required("measures"),
        authorised_after_meeting,
    ],
    key_dates={"authorised_on": "embargo_lifted"},
)
FORM.example_hook = _example
# Finalising it offers the letters that follow (web/records/fulfilment), as the case now owes them.
FORM.offers_letters = ("provider-embargo-lifted", "family-embargo-lifted")
