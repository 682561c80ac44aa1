"""The organisation profile (one row): letterhead, sign-off, nation for bank holidays."""

from __future__ import annotations

from .extensions import db
from .logo import safe_logo
from .models import Organisation


def current() -> Organisation:
    org = db.session.get(Organisation, 1)
    if org is None:
        org = Organisation(id=1)
        db.session.add(org)
        db.session.flush()
    return org


def logo_bytes() -> bytes | None:
    """The logo for letters: checked and re-encoded (a bad stored logo is left out, not fatal)."""
    return safe_logo(current().logo)


def form_copy() -> dict:
    """What every copy of a form prints about the organisation: its name and the protective
    marking set in its profile (empty: the deployment's default), keyword arguments of
    ``build_document``. Read only (two finalises at once must not both create the profile)."""
    org = db.session.get(Organisation, 1)
    if org is None:
        return {"organisation": {}, "marking": {}}
    names = {"en": org.name_en or "", "cy": org.name_cy or org.name_en or ""}
    return {"organisation": names, "marking": {"en": org.marking_en, "cy": org.marking_cy}}


def form_logo() -> bytes | None:
    """The logo a form opens with, when the profile has one (read only, as ``form_copy``)."""
    org = db.session.get(Organisation, 1)
    return safe_logo(org.logo) if org is not None else None


def letter_values() -> dict:
    """The organisation's part of a letter's data (field names of the letters' shared section)."""
    org = current()
    return {
        "org_name_en": org.name_en,
        "org_name_cy": org.name_cy,
        "org_address_en": org.address_en,
        "org_address_cy": org.address_cy,
        "org_phone": org.phone,
        "org_email": org.email,
        "org_nation": org.nation,
        "signatory_name": org.signatory_name,
        "signatory_role_en": org.signatory_role_en,
        "signatory_role_cy": org.signatory_role_cy,
    }


def is_letter(defn) -> bool:
    return getattr(defn, "kind", "form") == "letter"


def letterhead(defn) -> dict:
    """The letterhead and signatory fields ``defn`` has, always as the profile holds them.

    Only an admin may change these (under Organisation), so whatever a letter's page posts for
    them is ignored: every save, preview, finalise and merge puts the profile's values back."""
    if not is_letter(defn):
        return {}
    names = {m.name for m in defn.members()}
    return {k: v for k, v in letter_values().items() if k in names}


def with_letterhead(defn, data: dict) -> dict:
    """``data`` with the profile's letterhead in place of anything typed for it."""
    return {**(data or {}), **letterhead(defn)}
