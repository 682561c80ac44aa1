"""Forms and letters by type and id, for routes that serve either."""

from __future__ import annotations

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
