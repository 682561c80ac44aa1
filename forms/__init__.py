"""Dogfen's forms: each catalogue form is one definition module in ``forms/catalogue``."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from .definition import Error, FormDefinition

__all__ = ["Error", "FormDefinition", "all_forms", "get_form"]


@cache
def all_forms() -> dict[str, FormDefinition]:
    """Every definition in ``forms.catalogue``, by id, in catalogue order of their modules."""
    from . import catalogue

    found = {}
    for info in pkgutil.iter_modules(catalogue.__path__):
        module = importlib.import_module(f"{catalogue.__name__}.{info.name}")
        defn = getattr(module, "FORM", None)
        if defn is not None:
            found[defn.id] = defn
    return dict(sorted(found.items()))


def get_form(form_id: str) -> FormDefinition:
    try:
        return all_forms()[form_id]
    except KeyError:
        raise KeyError(form_id) from None
