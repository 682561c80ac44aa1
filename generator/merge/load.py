"""Read a list of recipients from a .csv or .xlsx file with the shared spreadsheet import.

Columns are the letter's recipient fields (by name, English or Welsh label) and a preferred
language. A residents list (BP Appendix 7, as exported by Dogfen) is read as well: each resident's
representative becomes a recipient. Blank cells are allowed here; ``plan_merge`` reports the values
a letter needs, per row, once the case data is known.
"""

from __future__ import annotations

import dataclasses
import os

from forms.catalogue.bp_residents_list import FORM as RESIDENTS_FORM
from forms.catalogue.bp_residents_list import LANGUAGES
from forms.definition import FormDefinition
from forms.fields import Choice, Group, Section
from forms.i18n import N_, Translator
from forms.spreadsheet import ImportResult, Limits, import_rows

from .plan import LANGUAGE, LANGUAGE_LABEL, ROW, recipient_fields, rows_from_residents

MAX_RECIPIENTS = int(os.environ.get("DOGFEN_MAX_RECIPIENTS", "5000"))
GROUP = "recipients"

# Other headings people use; the residents list's own headings map onto the recipient's fields.
ALIASES = {
    "Name": "recipient_name",
    "Recipient": "recipient_name",
    "Representative": "recipient_name",
    "Representative’s name for letters": "recipient_name",
    "Address": "recipient_address",
    "Postal address": "recipient_address",
    "Representative’s postal address": "recipient_address",
    "Resident": "resident_name",
    "Dear": "salutation",
    "Salutation": "salutation",
    "Language": LANGUAGE,
    "Iaith": LANGUAGE,
    "Representative’s preferred language": LANGUAGE,
}


def recipients_form(defn) -> FormDefinition:
    """A one-group form whose rows are recipients of ``defn``, for the spreadsheet import."""
    fields = [dataclasses.replace(f, required=False) for f in recipient_fields(defn)]
    fields.append(Choice(LANGUAGE, LANGUAGE_LABEL, required=False, options=LANGUAGES))
    group = Group(
        name=GROUP,
        label=N_("Recipients"),
        fields=fields,
        max_rows=MAX_RECIPIENTS,
        row_label=N_("Recipient %(num)s"),
        layout="table",
    )
    form = FormDefinition(
        id=f"{defn.id}-recipients",
        title=defn.title,
        source=defn.source,
        sections=[Section(N_("Recipients"), [group])],
    )
    names = {f.name for f in fields}
    cy = Translator("cy")
    aliases = {k: v for k, v in ALIASES.items() if v in names}
    aliases.update({cy(k): v for k, v in aliases.items()})
    form.import_aliases = {GROUP: aliases}
    return form


def _from_residents(data: bytes, filename: str, limits: Limits | None, today):
    """The file read as a residents list, when it has that list's names and representatives."""
    result = import_rows(RESIDENTS_FORM, "residents", data, filename, limits=limits, today=today)
    if not {"surname", "forename"} <= set(result.columns):
        return None
    if not {"representative_name", "main_representative"} & set(result.columns):
        return None
    rows = rows_from_residents({"residents": result.rows})
    for row, number in zip(rows, result.row_numbers, strict=True):
        row[ROW] = number
    return rows, result


def load_recipients(
    defn, data: bytes, filename: str = "", *, limits: Limits | None = None, today=None
) -> tuple[list[dict], ImportResult]:
    """(rows for ``plan_merge``, the import's result with its problems by row and column).

    Rows with errors are left out; the caller should stop when ``result.errors`` is not empty."""
    found = _from_residents(data, filename, limits, today)
    if found is not None:
        return found
    form = recipients_form(defn)
    result = import_rows(form, GROUP, data, filename, limits=limits, today=today)
    if not result.refused:
        for f in recipient_fields(defn):
            if f.required and f.name not in result.columns:
                result.refuse(N_("The file needs a column for “%(label)s”"), label=f.label)
    if result.refused:
        return [], result
    rows = []
    for row, number in zip(result.rows, result.row_numbers, strict=True):
        rows.append({**row, ROW: number})
    return rows, result
