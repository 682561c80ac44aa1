"""Key contacts sheets (BP Appendix 8) start from a resident picked in the case's list of
residents (BP Appendix 7): the sheet takes the resident's number, name and date of birth, and the
main representative as its first contact, so nobody types them twice and the sheet stays tied to
its row of the list."""

from __future__ import annotations

from .residents import latest_list, residents

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
            "role": row.get("representative_relationship"),
            "address": row.get("representative_address"),
            "email": row.get("representative_email"),
            "preferred_language": row.get("preferred_language"),
            "receives_letters": "yes",
        }
        data["contacts"] = [{k: v for k, v in contact.items() if v}]
    return {k: v for k, v in data.items() if v}
