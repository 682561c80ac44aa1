"""A new record starts with what the case file already knows, so nobody types it twice."""

from __future__ import annotations

from flask_login import current_user

from .organisation import current, letter_values
from .plan_links import latest_answerable

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
            # The responsible individual, else the manager, else the provider itself.
            who = case.responsible_individual or case.manager or case.provider
            data.setdefault("recipient_name", who)
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
