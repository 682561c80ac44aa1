"""Key contacts sheets (BP Appendix 8) start from a resident picked in the case's list of
residents (BP Appendix 7): the sheet takes the resident's number, name and date of birth, and the
main representative as its first contact, so nobody types them twice and the sheet stays tied to
its row of the list. Back the other way, the contact a final sheet names for letters to the
family is the one the family letters go to."""

from __future__ import annotations

from sqlalchemy import select

from forms.i18n import Translator

from ..core.extensions import db
from ..core.models import Record
from .lists import latest_list, residents

FORM_ID = "bp-key-contacts"


def resident_choices(case) -> list[tuple[str, str]]:
    """(case-record number, "Surname, Forename (number)") for each resident with a number."""
    out = []
    for row in residents(latest_list(case)):
        number = str(row.get("case_number") or "").strip()
        if number:
            name = ", ".join(str(row[k]) for k in ("surname", "forename") if row.get(k))
            out.append((number, f"{name} ({number})" if name else number))
    return out


def relationship(row: dict) -> dict | None:
    """The relationship chosen in the residents list, in both languages (a sheet's role is
    typed in both)."""
    from forms.catalogue.bp_residents_list import RELATIONSHIP

    value = row.get("representative_relationship")
    if value == "other":
        return row.get("representative_relationship_other")
    label = dict(RELATIONSHIP.options).get(value)
    if label is None:  # a list finalised while this was free text
        return {"en": value} if value else None
    return {lang: Translator(lang)(label) for lang in ("cy", "en")}


def from_resident(case, number: str) -> dict:
    """The first answers of a key contacts sheet for the resident numbered ``number``."""
    row = next(
        (r for r in residents(latest_list(case)) if str(r.get("case_number")) == number), None
    )
    if row is None:
        return {}
    name = " ".join(str(row[k]) for k in ("forename", "surname") if row.get(k))
    data = {"resident": number, "resident_name": name, "date_of_birth": row.get("date_of_birth")}
    rep = row.get("representative_name") or row.get("main_representative")
    if rep:
        contact = {
            "name": rep,
            "role": relationship(row),
            "address": row.get("representative_address"),
            "email": row.get("representative_email"),
            "preferred_language": row.get("preferred_language"),
            "receives_letters": "yes",
        }
        data["contacts"] = [{k: v for k, v in contact.items() if v}]
    return {k: v for k, v in data.items() if v}


def letter_contacts(case) -> dict[str, dict]:
    """Case-record number -> the contact that family letters go to, from each resident's newest
    final key contacts sheet."""
    sheets = db.session.scalars(
        select(Record)
        .where(Record.case_id == case.id, Record.doc_type == "form", Record.doc_id == FORM_ID)
        .where(Record.status == "final")
        .order_by(Record.version, Record.id)
    ).all()
    out = {}
    for sheet in sheets:  # a later sheet for the same resident replaces an earlier one
        data = sheet.data or {}
        chosen = [c for c in data.get("contacts") or [] if c.get("receives_letters") == "yes"]
        if chosen and data.get("resident"):
            out[str(data["resident"])] = chosen[0]
    return out


def with_letter_contacts(case, list_data: dict) -> dict:
    """The residents list with each representative replaced by the contact the resident's key
    contacts sheet names for letters (name, address, email and language together)."""
    contacts = letter_contacts(case)
    if not contacts:
        return list_data
    rows = []
    for row in list_data.get("residents") or []:
        contact = contacts.get(str(row.get("case_number") or "")) if isinstance(row, dict) else None
        if contact:
            row = dict(
                row,
                representative_name=contact.get("name"),
                representative_address=contact.get("address"),
                representative_email=contact.get("email"),
                preferred_language=contact.get("preferred_language") or "unknown",
            )
        rows.append(row)
    return dict(list_data, residents=rows)
