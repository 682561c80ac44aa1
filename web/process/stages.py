"""Moving a case between stages: every change keeps who, when, why and the decision record that
caused it, and goes in the audit log."""

from __future__ import annotations

from forms.i18n import N_
from forms.process import STAGES, get_policy

from ..core.audit import log
from ..core.extensions import db
from ..core.models import Case, CaseStageChange, Record


class StageError(ValueError):
    """A stage change that cannot be made (msgid in ``args[0]``)."""


def change_stage(case: Case, stage: str, user, reason: str, record: Record | None = None):
    if stage not in get_policy(case.policy).stages or stage not in STAGES:
        raise StageError(N_("Select a stage of this case’s policy"))
    if stage == case.stage:
        raise StageError(N_("The case is already at that stage"))
    if not reason.strip():
        raise StageError(N_("Enter why the stage changes"))
    if record is not None and (record.case_id != case.id or not record.is_final):
        raise StageError(N_("The decision record must be a final record of this case"))
    change = CaseStageChange(
        case=case,
        from_stage=case.stage,
        to_stage=stage,
        reason=reason.strip(),
        record_id=record.id if record else None,
        by_id=user.id if user else None,
    )
    db.session.add(change)
    case.stage = stage
    case.status = "closed" if stage == "closed" else "open"
    db.session.flush()
    detail = f"{change.from_stage} -> {stage}: {change.reason}"
    if record is not None:
        detail += f" (record {record.id})"
    log("change-stage", case=case, record=record, detail=detail[:2000], user=user)
    return change
