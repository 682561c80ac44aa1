"""Forms and letters by type and id, for routes that serve either."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import NotFound

from forms import all_forms


def all_letters() -> dict:
    try:
        from forms.letters import all_letters as letters
    except ImportError:  # letters arrive with their own package
        return {}
    return letters()


def definition(doc_type: str, doc_id: str):
    table = all_forms() if doc_type == "form" else all_letters()
    try:
        return table[doc_id]
    except KeyError:
        raise NotFound() from None


POLICIES = {  # a form id's prefix: the policy its appendix comes from
    "wb": _l("Western Bay"),
    "cm": _l("Carmarthenshire"),
    "bp": _l("Blackpool"),
    "nw": _l("North Wales"),
}
RECIPIENTS = {
    "provider": _l("To the provider"),
    "family": _l("To residents’ families"),
    "stakeholder": _l("To stakeholders"),
    "network": _l("To the commissioning network"),
}


def appendix(defn) -> str:
    """ "2" from "WB Appendix 2, Risk Rating Matrix": the number people know the form by."""
    found = re.search(r"Appendix (\w+)", getattr(defn, "source", "") or "")
    return found.group(1) if found else ""


def forms_by_policy() -> list[tuple[str, list]]:
    """(policy name, [(form id, definition)]) for the "Start a form" chooser."""
    groups: dict[str, list] = {}
    for form_id, defn in all_forms().items():
        groups.setdefault(form_id.split("-")[0], []).append((form_id, defn))
    return [(POLICIES.get(key, key.upper()), items) for key, items in groups.items()]


def letters_by_recipient() -> list[tuple[str, list]]:
    """(recipient, [(letter id, definition)]) for the "Write a letter" chooser."""
    groups: dict[str, list] = {key: [] for key in RECIPIENTS}
    for letter_id, defn in all_letters().items():
        groups.setdefault(getattr(defn, "recipient", ""), []).append((letter_id, defn))
    return [(RECIPIENTS.get(key, key), items) for key, items in groups.items() if items]
