"""Letters: a form definition whose document is a letter written from a template per language.

A letter declares only its own fields; the organisation, case, recipient and date sections are
added here, so every letter validates, gives an example and a JSON Schema like any form.
Each letter is one module in ``forms/letters/catalogue`` defining ``LETTER``.
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from dataclasses import dataclass, field
from functools import cache

from ..definition import FormDefinition
from ..fields import Computed, Section
from ..i18n import N_
from ..timescales import get_timescale
from .common import CASE_FIELDS, LETTER_DATE, ORGANISATION, RECIPIENTS

__all__ = ["LetterDefinition", "all_letters", "get_letter"]


def _show_date(value, t) -> str:
    return t.date(dt.date.fromisoformat(value)) if value else ""


@dataclass
class LetterDefinition(FormDefinition):
    sections: list[Section] = field(default_factory=list)
    recipient: str = "provider"  # provider | family | stakeholder | network
    case: tuple[str, ...] = ("provider", "service")
    letter_fields: list = field(default_factory=list)
    timescale: str | None = None  # key in forms.timescales.TIMESCALES
    timescale_from: str | None = None  # the date field the deadline counts from
    kind = "letter"

    def __post_init__(self):
        if self.recipient not in RECIPIENTS:
            raise ValueError(f"recipient must be one of {', '.join(RECIPIENTS)}")
        case = list(self.case)
        if self.recipient == "provider" and "provider_address" not in case:
            case.append("provider_address")
        sections = [ORGANISATION, Section(N_("Case"), [CASE_FIELDS[n] for n in case])]
        recipient = list(RECIPIENTS[self.recipient])
        sections.append(Section(N_("Recipient and date"), recipient + LETTER_DATE))
        sections.append(Section(N_("Letter"), list(self.letter_fields)))
        if self.timescale:
            sections.append(Section(N_("Timescale"), [self._due_field()]))
        self.sections = sections

    def _due_field(self) -> Computed:
        scale, start = get_timescale(self.timescale), self.timescale_from

        def due(values: dict):
            if not values.get(start):
                return None
            return scale.due(values[start], values.get("org_nation") or "wales").isoformat()

        return Computed(
            "due_by", N_("Letter due by"), help=scale.event, compute=due, show=_show_date
        )

    @property
    def template(self) -> str:
        return f"{self.id}.html"


@cache
def all_letters() -> dict[str, LetterDefinition]:
    """Every letter in ``forms.letters.catalogue``, by id."""
    from . import catalogue

    found = {}
    for info in pkgutil.iter_modules(catalogue.__path__):
        module = importlib.import_module(f"{catalogue.__name__}.{info.name}")
        defn = getattr(module, "LETTER", None)
        if defn is not None:
            found[defn.id] = defn
    return dict(sorted(found.items()))


def get_letter(letter_id: str) -> LetterDefinition:
    try:
        return all_letters()[letter_id]
    except KeyError:
        raise KeyError(letter_id) from None
