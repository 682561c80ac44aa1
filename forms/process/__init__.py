"""The process a case runs through: its stages, the dates recorded on it, and what each policy
requires (letters and deadlines). Declared once here; the web pages and the command line read it.

For form authors: a form or letter that records one of these dates names it in its definition,
``key_dates={"pecg_date": "pecg_meeting"}`` (field name -> kind in ``KEY_DATES``). When the record
is finalised, the date is set on its case (a new meeting for a kind that repeats, otherwise the
case's one date of that kind, corrected if it differs), and the change is audited.
"""

from __future__ import annotations

from .policies import POLICIES, Policy, Requirement, get_policy, policy_for_process
from .stages import KEY_DATES, SERVICE_TYPES, STAGE_FOR_PROCESS, STAGES, KeyDateKind

__all__ = [
    "KEY_DATES",
    "POLICIES",
    "SERVICE_TYPES",
    "STAGES",
    "STAGE_FOR_PROCESS",
    "KeyDateKind",
    "Policy",
    "Requirement",
    "get_policy",
    "policy_for_process",
]
