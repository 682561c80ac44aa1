"""North Wales escalating concerns threshold / risk assessment (NW 1.4, 2.2, 2.8, footnote 1;
Appendix 2 is named in the seed but not given, so the form follows those paragraphs).

Footnote 1: "any one or more of the following must be present to meet the 'threshold'", so a
decision that the threshold is met needs a criterion present; either decision needs a rationale.
NW 2.8: the collective assessment details the evidence from all PECG members.
"""

from __future__ import annotations

from ..bilingual import BilingualLongText, BilingualText
from ..definition import Error, FormDefinition
from ..fields import Checklist, ChecklistItem, Choice, Date, Group, Section, Text, YesNo
from ..i18n import N_
from ..paper import Column, Grid, Paper
from ..wales import HEALTH_BOARDS, LOCAL_AUTHORITIES, OTHER, choice_with_other, other_given

CRITERIA = [
    (
        "failure",
        N_(
            "A continued / repeated failure of the service to meet required standards of "
            "quality and safety"
        ),
    ),
    ("complaint", N_("A serious and / or significant complaint / incident")),
    ("safeguarding", N_("A serious and / or significant safeguarding concern / incident")),
    (
        "solvency",
        N_(
            "Significant concerns in relation to financial solvency of a service provider "
            "(which may result in actual or possible service closure)."
        ),
    ),
]

# NW 2.4–2.5: the host local authority leads, or the partner it delegates to (BCUHB).
HOST, HOST_OTHER = choice_with_other(
    "host_authority",
    N_("Host authority"),
    [*LOCAL_AUTHORITIES, *HEALTH_BOARDS, OTHER],
    N_("Other host authority"),
    example_value="gwynedd",
)

THRESHOLD = Checklist(
    name="criteria",
    label=N_("Threshold criteria"),
    item_heading=N_("Criterion"),
    items=[ChecklistItem(key, text) for key, text in CRITERIA],
    fields=[
        YesNo("present", N_("Is this present?"), style="is"),
        BilingualLongText(
            "evidence",
            N_("Evidence"),
            required=False,
            example_value="Three missed medicines rounds since January, found on two visits.",
            example_cy=(
                "Tair rownd feddyginiaeth wedi’u methu ers mis Ionawr, a ganfuwyd ar ddau ymweliad."
            ),
        ),
    ],
)

EVIDENCE = Group(
    name="agencies",
    label=N_("Evidence from PECG members"),
    row_label=N_("Agency %(num)s"),
    min_rows=1,
    fields=[
        BilingualText(
            "agency",
            N_("Agency"),
            example_value="Betsi Cadwaladr University Health Board",
            example_cy="Bwrdd Iechyd Prifysgol Betsi Cadwaladr",
        ),
        BilingualText(
            "member",
            N_("PECG member"),
            example_value="Gwenllian Parry, nurse reviewer",
            example_cy="Gwenllian Parry, adolygydd nyrsio",
        ),
        BilingualLongText(
            "evidence",
            N_("Evidence, local intelligence and chronology"),
            example_value="Care records show repeated gaps in pressure area care since January.",
            example_cy=(
                "Mae cofnodion gofal yn dangos bylchau dro ar ôl tro yn y gofal i atal briwiau "
                "pwyso ers mis Ionawr."
            ),
        ),
        BilingualLongText(
            "risk_assessment",
            N_("Outcome of the agency's risk assessment"),
            required=False,
            example_value="High risk: immediate review of four residents.",
            example_cy="Risg uchel: adolygu pedwar preswylydd ar unwaith.",
        ),
    ],
)


def decision_supported(values: dict):
    present = [c for c in values.get("criteria", []) if c.get("present") == "yes"]
    if values.get("decision") == "met" and not present:
        yield Error(
            "decision",
            N_("The threshold is met only when at least one of the criteria is present"),
        )
    for i, c in enumerate(values.get("criteria", [])):
        if c.get("present") == "yes" and not c.get("evidence"):
            yield Error(f"criteria[{i}].evidence", N_("Give the evidence for a criterion present"))


PAPER = Paper(
    source=N_("North Wales — 1.4, 2.2, 2.8 and footnote 1"),
    grids={
        "agencies": Grid(
            columns=[
                Column(N_("Agency"), ["agency", "member"], width=1.2),
                Column(N_("Evidence, local intelligence and chronology"), ["evidence"], width=2),
                Column(
                    N_("Outcome of the agency's risk assessment"), ["risk_assessment"], width=1.5
                ),
            ],
        )
    },
)


FORM = FormDefinition(
    id="nw-threshold-assessment",
    title=N_("Escalating concerns threshold / risk assessment"),
    source="NW 1.4, 2.2, 2.8, footnote 1 (Appendix 2 named, not given)",
    paper=PAPER,
    sections=[
        Section(
            N_("About the assessment"),
            [
                Text("service", N_("Name of service"), example_value="Tŷ Gwyn Care Home"),
                Text("provider", N_("Name of provider")),
                HOST,
                HOST_OTHER,
                Text("chair", N_("Chair of the PECG"), example_value="Siân Hughes"),
                Date("assessed_on", N_("Date of assessment"), past=True),
            ],
            intro=N_(
                "The North Wales Risk Assessment Tool should be used by the PECG to collectively "
                "determine whether a service has reached the escalating concerns threshold or "
                "not. The collective risk assessment should detail the evidence from all PECG "
                "members / attendees."
            ),
        ),
        Section(
            N_("Threshold criteria"),
            [THRESHOLD],
            intro=N_(
                "Any one or more of the following must be present to meet the ‘threshold’ for "
                "Escalating Concerns."
            ),
        ),
        Section(N_("Evidence from PECG members"), [EVIDENCE]),
        Section(
            N_("Decision"),
            [
                Choice(
                    "decision",
                    N_("Decision"),
                    options=[
                        ("met", N_("Escalating concerns threshold met")),
                        ("not-met", N_("Escalating concerns threshold not met")),
                    ],
                ),
                BilingualLongText(
                    "rationale",
                    N_("Rationale for the decision"),
                    example_value=(
                        "Repeated failure to meet standards of medicines management, despite "
                        "support."
                    ),
                    example_cy=(
                        "Methiant dro ar ôl tro i fodloni safonau rheoli meddyginiaethau, er "
                        "gwaethaf cymorth."
                    ),
                ),
                BilingualLongText(
                    "local_resolution",
                    N_("Local resolution where concerns persist"),
                    help=N_(
                        "Where the threshold has not been met and concerns persist, a local "
                        "resolution (such as a development action plan) may be the most "
                        "pragmatic way forward."
                    ),
                    required=False,
                    example_value="Not needed: the threshold is met.",
                    example_cy="Dim angen: mae’r trothwy wedi’i gyrraedd.",
                ),
            ],
        ),
    ],
    rules=[decision_supported, other_given(HOST, HOST_OTHER)],
)


def _example(data: dict) -> None:
    for row in data.get("criteria", []):
        if row["key"] != "failure":
            row["present"] = "no"
            row.pop("evidence", None)


FORM.example_hook = _example
