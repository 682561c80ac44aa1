"""The stages a case passes through and the kinds of date recorded on it (issue 13).

A provider or service has one case file for its whole history, so the stage is a property of the
case that changes, rather than a new file per process.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import N_

STAGES = {
    "monitoring": N_("Provider performance monitoring"),
    "escalating": N_("Escalating concerns"),
    "embargo": N_("Embargo or conditions in place"),
    "closure": N_("Home closure (HOSG)"),
    "closed": N_("Closed"),
}

# The case's first stage from the process chosen when it was opened (and the migration's back-fill).
STAGE_FOR_PROCESS = {
    "provider-performance": "monitoring",
    "escalating-concerns": "escalating",
    "closure": "closure",
}


@dataclass(frozen=True)
class KeyDateKind:
    key: str
    label: str  # msgid
    repeats: bool = False  # several on one case (each meeting), else at most one


KEY_DATES = {
    k.key: k
    for k in [
        KeyDateKind("ec_decision", N_("Decision to enter escalating concerns")),
        KeyDateKind("pecg_meeting", N_("PECG or risk assessment meeting"), repeats=True),
        KeyDateKind("provider_meeting", N_("Meeting with the provider")),
        KeyDateKind("cap_agreed", N_("Corrective action plan agreed")),
        KeyDateKind("dap_agreed", N_("Development action plan agreed")),
        KeyDateKind("embargo_placed", N_("Embargo or conditions placed")),
        KeyDateKind("embargo_lifted", N_("Embargo or conditions lifted")),
        KeyDateKind("closure_announced", N_("Closure announced")),
        KeyDateKind("closure_completed", N_("Closure completed")),
        KeyDateKind("process_ended", N_("Process ended")),
    ]
}

# Types of service, for the strategic figures' embargoes by type (NW 2.22).
SERVICE_TYPES = {
    "care-home": N_("Care home"),
    "nursing-home": N_("Care home with nursing"),
    "domiciliary": N_("Domiciliary care"),
    "supported-living": N_("Supported living"),
    "other": N_("Other service"),
}
