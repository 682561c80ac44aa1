"""A new record starts with what the case file already knows, so nobody types it twice."""

from __future__ import annotations

from flask_login import current_user

from forms.i18n import N_, Translator

from ..core.organisation import current, letter_values
from .plan_links import latest_answerable

ROLES = {"responsible_individual": N_("Responsible Individual"), "manager": N_("Manager")}

CASE_FIELDS = {
    "provider": "provider",
    "provider_name": "provider",
    "care_home": "service",
    "home": "service",
    "home_name": "service",
    "setting": "service",
    "service": "service",
    "provider_address": "provider_address",
}


def prefill(defn, case) -> dict:
    names = {m.name for m in defn.members()}
    data = {name: getattr(case, attr) for name, attr in CASE_FIELDS.items() if name in names}
    if getattr(defn, "kind", "form") == "letter":
        data.update({k: v for k, v in letter_values().items() if k in names and v})
        if "recipient_name" in names and getattr(defn, "recipient", "") == "provider":
            data.update(addressee(case, getattr(defn, "default_lang", "en")))
            data.setdefault("recipient_address", case.provider_address)
        if "officer_name" in names:
            data["officer_name"] = current_user.name
    data.update(_agencies(names))
    data.update(latest_answerable(defn, case))
    return data


def _agencies(names: set) -> dict:
    """Agency columns (WB Appendix 6) name this deployment's council and its regulator: CIW in
    Wales, CQC in England."""
    org = current()
    out = {}
    if "council_name" in names and (org.name_en or org.name_cy):
        out["council_name"] = {k: v for k, v in (("cy", org.name_cy), ("en", org.name_en)) if v}
    if "regulator" in names:
        out["regulator"] = "cqc" if org.nation == "england" else "ciw"
    return out


def addressee(case, lang: str) -> dict:
    """A provider letter goes to a person: the responsible individual named on the case, else
    its manager, with their role in the letter's language; the company only when neither is
    known."""
    for attr, role in ROLES.items():
        name = (getattr(case, attr, "") or "").strip()
        if name:
            roles = [
                Translator(code)(role) for code in (("cy", "en") if lang == "both" else (lang,))
            ]
            return {"recipient_name": f"{name}, {' / '.join(roles)}", "salutation": name}
    return {"recipient_name": case.provider}
