"""Known sets printed in documents, as translated option lists rather than free text.

A chosen option prints in the copy's language from the gettext catalog, so a Welsh copy names
"Cyngor Dinas a Sir Abertawe" where free text would have printed the English name. Each list
allows "other", with a translatable text beside it.
"""

from __future__ import annotations

from .bilingual import BilingualText
from .fields import Choice
from .i18n import N_

OTHER = ("other", N_("Other"))

# The 22 principal councils and 7 NHS health boards, under their official English names; the
# official Welsh names are in the catalog (fragment welsh_parity.po).
LOCAL_AUTHORITIES = [
    ("blaenau-gwent", N_("Blaenau Gwent County Borough Council")),
    ("bridgend", N_("Bridgend County Borough Council")),
    ("caerphilly", N_("Caerphilly County Borough Council")),
    ("cardiff", N_("Cardiff Council")),
    ("carmarthenshire", N_("Carmarthenshire County Council")),
    ("ceredigion", N_("Ceredigion County Council")),
    ("conwy", N_("Conwy County Borough Council")),
    ("denbighshire", N_("Denbighshire County Council")),
    ("flintshire", N_("Flintshire County Council")),
    ("gwynedd", N_("Gwynedd Council")),
    ("anglesey", N_("Isle of Anglesey County Council")),
    ("merthyr-tydfil", N_("Merthyr Tydfil County Borough Council")),
    ("monmouthshire", N_("Monmouthshire County Council")),
    ("neath-port-talbot", N_("Neath Port Talbot County Borough Council")),
    ("newport", N_("Newport City Council")),
    ("pembrokeshire", N_("Pembrokeshire County Council")),
    ("powys", N_("Powys County Council")),
    ("rhondda-cynon-taf", N_("Rhondda Cynon Taf County Borough Council")),
    ("swansea", N_("City and County of Swansea Council")),
    ("torfaen", N_("Torfaen County Borough Council")),
    ("vale-of-glamorgan", N_("Vale of Glamorgan Council")),
    ("wrexham", N_("Wrexham County Borough Council")),
]
HEALTH_BOARDS = [
    ("aneurin-bevan", N_("Aneurin Bevan University Health Board")),
    ("betsi-cadwaladr", N_("Betsi Cadwaladr University Health Board")),
    ("cardiff-and-vale", N_("Cardiff and Vale University Health Board")),
    ("cwm-taf-morgannwg", N_("Cwm Taf Morgannwg University Health Board")),
    ("hywel-dda", N_("Hywel Dda University Health Board")),
    ("powys-thb", N_("Powys Teaching Health Board")),
    ("swansea-bay", N_("Swansea Bay University Health Board")),
]
CARE_CATEGORIES = [
    ("residential", N_("Residential care home")),
    ("nursing", N_("Nursing home")),
    ("residential-nursing", N_("Residential and nursing care home")),
    ("domiciliary", N_("Domiciliary care")),
    ("supported-living", N_("Supported living")),
    ("voluntary", N_("Voluntary sector service")),
    OTHER,
]
OPENING_HOURS = [
    ("weekdays-9-5", N_("Monday to Friday, 9am to 5pm")),
    ("weekdays-8-6", N_("Monday to Friday, 8am to 6pm")),
    ("weekdays-9-5-sat", N_("Monday to Friday, 9am to 5pm, and Saturday, 10am to 1pm")),
    ("every-day-9-5", N_("Every day, 9am to 5pm")),
    ("always", N_("24 hours a day, every day")),
    OTHER,
]


def choice_with_other(name: str, label: str, options, other_label: str, **kwargs):
    """A choice and the translatable text used when the answer is "other" (the example gives the
    text only when the example answer is "other", as a real answer would)."""
    if kwargs.get("example_value") != "other":
        kwargs.pop("other_en", None), kwargs.pop("other_cy", None)
    other = BilingualText(
        f"{name}_other",
        other_label,
        required=False,
        example_value=kwargs.pop("other_en", None),
        example_cy=kwargs.pop("other_cy", ""),
    )
    return Choice(name, label, options=list(options), **kwargs), other


def other_given(choice: Choice, other):
    """A rule: the "other" text is needed when the answer is "other"."""
    from .definition import Error

    def rule(values: dict):
        if values.get(choice.name) == "other" and not values.get(other.name):
            yield Error(other.name, other.missing_message(), {"label": other.label})

    return rule


def other_given_in_rows(group, choice: Choice, other):
    """The same rule for a choice in each row of a repeating group."""
    from .definition import Error

    def rule(values: dict):
        for i, row in enumerate(values.get(group.name) or []):
            if row.get(choice.name) == "other" and not row.get(other.name):
                path = f"{group.name}[{i}].{other.name}"
                yield Error(path, other.missing_message(), {"label": other.label})

    return rule
