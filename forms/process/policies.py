"""What each source policy requires of a case: its stages, the letters it must send and the
deadlines in the timescales table (CATALOGUE.md), each counted from a date recorded on the case.

A requirement starts once the date it counts from is recorded; until then it is only "needed
when ..." (no due date, nothing to count from). Letters take their deadline from their own
definition (``LetterDefinition.timescale``), so it is declared once.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import N_
from .stages import KEY_DATES, STAGES


@dataclass(frozen=True)
class Requirement:
    key: str
    after: str  # the key-date kind it counts from
    what: str | None = None  # msgid; None for a letter (its title is used)
    letter: str | None = None  # the letter this is
    timescale: str | None = None  # key in forms.timescales.TIMESCALES; None: no deadline
    done_by: tuple[str, ...] = ()  # form or letter ids whose final record fulfils it
    done_by_date: str | None = None  # or a later key date of this kind
    each: bool = False  # once for every date of ``after`` (each PECG meeting)
    recurring: bool = False  # again from each fulfilment until the process ends

    @property
    def fulfilled_by(self) -> tuple[str, ...]:
        return ((self.letter,) if self.letter else ()) + self.done_by


def letter(letter_id: str, after: str, deadline: bool = True, **kw) -> Requirement:
    """A letter needed once ``after`` is recorded; its deadline from its definition when
    ``deadline`` (False where the timescale comes from another nation's policy)."""
    timescale = None
    if deadline:
        from ..letters import all_letters

        defn = all_letters().get(letter_id)
        timescale = defn.timescale if defn else None
    return Requirement(f"letter:{letter_id}", after, letter=letter_id, timescale=timescale, **kw)


def deadline(timescale: str, after: str, **kw) -> Requirement:
    from ..timescales import get_timescale

    return Requirement(
        timescale, after, what=get_timescale(timescale).event, timescale=timescale, **kw
    )


@dataclass(frozen=True)
class Policy:
    code: str
    name: str  # msgid
    nation: str  # whose bank holidays count: "wales" | "england"
    requirements: tuple[Requirement, ...]
    stages: tuple[str, ...] = tuple(STAGES)

    def __post_init__(self):
        for req in self.requirements:
            if req.after not in KEY_DATES or (req.done_by_date or req.after) not in KEY_DATES:
                raise ValueError(f"{self.code}: {req.key} counts from an unknown date")
        if len({r.key for r in self.requirements}) != len(self.requirements):
            raise ValueError(f"{self.code}: requirement keys repeat")


EMBARGO_LETTERS = (
    ("provider-embargo-placed", "embargo_placed"),
    ("family-embargo-placed", "embargo_placed"),
    ("provider-embargo-lifted", "embargo_lifted"),
    ("family-embargo-lifted", "embargo_lifted"),
)
ACTION_PLANS = ("nw-action-plan", "wb-cap-dap", "cm-action-plan", "bp-action-plan")


def _embargo(deadline: bool = True) -> tuple[Requirement, ...]:
    return tuple(letter(i, after, deadline) for i, after in EMBARGO_LETTERS)


def _policies() -> dict[str, Policy]:
    wales_start = (
        letter("provider-process-started", "ec_decision"),
        letter("network-notification", "ec_decision"),
    )
    return {
        p.code: p
        for p in [
            Policy(
                "WB",
                N_("Western Bay escalating concerns policy"),
                "wales",
                wales_start
                + (
                    deadline("initial-jimp", "pecg_meeting", done_by_date="pecg_meeting"),
                    *_embargo(),
                    letter("family-home-closure", "closure_announced"),
                    letter("provider-process-ended", "process_ended"),
                ),
            ),
            Policy(
                "CM",
                N_("Carmarthenshire provider performance monitoring protocol"),
                "wales",
                wales_start
                + (
                    letter("provider-pp-meeting-confirmation", "provider_meeting"),
                    *_embargo(),
                    letter("provider-process-ended", "process_ended"),
                ),
            ),
            Policy(
                "BP",
                N_("Blackpool policy for managing poor performance"),
                "england",
                (
                    letter("provider-process-started", "ec_decision", deadline=False),
                    *_embargo(False),
                    letter("family-home-closure", "closure_announced"),
                    letter("provider-process-ended", "process_ended"),
                ),
            ),
            Policy(
                "NW",
                N_("North Wales escalating concerns procedure"),
                "wales",
                wales_start
                + (
                    letter("provider-ec-meeting-invitation", "pecg_meeting"),
                    letter("provider-ec-status", "pecg_meeting"),
                    letter("stakeholder-ec-confirmed", "pecg_meeting"),
                    deadline("pecg-minutes", "pecg_meeting", done_by=("nw-pecg-notes",), each=True),
                    deadline(
                        "pecg-reconvened",
                        "pecg_meeting",
                        done_by_date="pecg_meeting",
                        recurring=True,
                    ),
                    deadline("action-plan-shared", "provider_meeting", done_by=ACTION_PLANS),
                    deadline("cap-progress", "cap_agreed", done_by=ACTION_PLANS, recurring=True),
                    deadline("dap-progress", "dap_agreed", done_by=ACTION_PLANS, recurring=True),
                    *_embargo(),
                    letter("provider-ec-closed", "process_ended"),
                    letter("stakeholder-ec-closed", "process_ended"),
                ),
            ),
            Policy(
                "BK",
                N_("Berkshire working with care and support providers"),
                "england",
                (
                    letter("provider-process-started", "ec_decision", deadline=False),
                    *_embargo(False),
                    letter("provider-process-ended", "process_ended"),
                ),
            ),
        ]
    }


POLICIES = _policies()

# The back-fill for cases opened before policies (migration process_stages) and the default
# when a case is opened without naming one: the policy whose process it was.
POLICY_FOR_PROCESS = {"provider-performance": "CM", "escalating-concerns": "NW", "closure": "WB"}


def policy_for_process(process: str) -> str:
    return POLICY_FOR_PROCESS.get(process, "NW")


def get_policy(code: str | None) -> Policy:
    return POLICIES.get(code or "", POLICIES["NW"])


__all__ = ["POLICIES", "Policy", "Requirement", "get_policy", "policy_for_process"]
