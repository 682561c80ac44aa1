"""CM Appendix L: the provider performance checklist of ten notifications and letters, each
ticked, dated and signed. Every item names the letter in this product that fulfils it
(``FULFILLED_BY``), so the case page can show whether it has been produced, and when."""

from __future__ import annotations

from ..definition import Error, FormDefinition
from ..fields import Checklist, ChecklistItem, Date, Section, Text, YesNo
from ..i18n import N_
from ..paper import Paper
from .cm_common import COMPLETED_BY_CHAIR

# (key, item in the seed's words, the letter that fulfils it)
ITEMS = [
    (
        "started-commissioners",
        N_(
            "Inform other Local Authorities & other commissioners that the Provider Performance "
            "Process has commenced"
        ),
        "network-notification",
    ),
    (
        "started-provider",
        N_(
            "Write letter to the Provider explaining that the service has been placed under the "
            "Provider Performance Monitoring Protocol."
        ),
        "provider-process-started",
    ),
    (
        "ended-commissioners",
        N_(
            "Inform other Local Authorities & other commissioners that the Provider Performance "
            "Process has ended."
        ),
        "network-notification",
    ),
    (
        "ended-provider",
        N_(
            "Write letter to the Provider explaining that the service is no longer being "
            "considered under the Provider Performance Monitoring Protocol."
        ),
        "provider-process-ended",
    ),
    (
        "embargo-commissioners",
        N_(
            "Inform other Local Authorities & other commissioners that an embargo has been "
            "placed on the service."
        ),
        "network-notification",
    ),
    (
        "embargo-provider",
        N_(
            "Write letter to the Provider explaining that an embargo has been placed on the "
            "service."
        ),
        "provider-embargo-placed",
    ),
    (
        "embargo-families",
        N_(
            "Write letter to service user/representative explaining that due to lengthy concerns "
            "an embargo has been placed."
        ),
        "family-embargo-placed",
    ),
    (
        "lifted-commissioners",
        N_(
            "Inform other Local Authorities & other commissioners that an embargo has been lifted "
            "at the home."
        ),
        "network-notification",
    ),
    (
        "lifted-provider",
        N_("Write letter to the Provider explaining that an embargo has been lifted."),
        "provider-embargo-lifted",
    ),
    (
        "lifted-families",
        N_(
            "Write letter to service user/representative explaining that the embargo has been "
            "lifted and monitoring continues."
        ),
        "family-embargo-lifted",
    ),
]
FULFILLED_BY = {key: letter for key, _, letter in ITEMS}

CHECKLIST = Checklist(
    name="items",
    label=N_("Provider Performance Checklist"),
    item_heading=N_("Notification or letter"),
    items=[ChecklistItem(key, text) for key, text, _ in ITEMS],
    fields=[
        YesNo("done", N_("(✓)"), required=False, style="has", example_value="yes"),
        Date("completed_on", N_("Date Completed"), required=False, past=True),
        Text("signature", N_("Signature"), required=False, example_value="Siân Hughes"),
    ],
)


def ticked_items_dated_and_signed(values: dict):
    """A ticked item is dated and signed; a date or signature belongs to a ticked item."""
    for i, row in enumerate(values.get("items", [])):
        if row.get("done") == "yes":
            for part in ("completed_on", "signature"):
                if not row.get(part):
                    yield Error(
                        f"items[{i}].{part}",
                        N_("A ticked item needs the date completed and a signature"),
                    )
        elif row.get("completed_on") or row.get("signature"):
            yield Error(f"items[{i}].done", N_("Tick the item you have dated or signed"))


def _example(data: dict) -> None:
    """Example: a process started, with an embargo placed; nothing ended or lifted yet."""
    done = {"started-commissioners", "started-provider", "embargo-commissioners"}
    for row in data["items"]:
        if row["key"] not in done:
            row.update(done=None, completed_on=None, signature=None)


PAPER = Paper(source=N_("Carmarthenshire — Appendix L"))


FORM = FormDefinition(
    id="cm-pp-checklist",
    title=N_("Provider Performance Checklist"),
    source="CM Appendix L",
    paper=PAPER,
    sections=[
        Section(
            N_("About the service"),
            [
                Text("service", N_("Name of Service"), example_value="Tŷ Gwyn Care Home"),
                Text("provider", N_("Name of Provider"), example_value="Gofal Da Cyf"),
            ],
        ),
        Section(N_("Checklist"), [CHECKLIST], intro=COMPLETED_BY_CHAIR),
    ],
    rules=[ticked_items_dated_and_signed],
)
FORM.example_hook = _example
FORM.item_letters = (
    FULFILLED_BY  # the case page of the record shows each letter (web/records/fulfilment)
)
