"""WB Appendix 1: screening a care home provider against the four "high risk provider"
criteria, with the evidence for each, the decision, and the contract-management response the
seed lays down for a provider that is higher risk."""

from __future__ import annotations

from ..bilingual import BilingualLongText
from ..definition import Error, FormDefinition
from ..fields import Checklist, ChecklistItem, Date, MultiChoice, Section, Text, YesNo
from ..i18n import N_
from ..paper import Completion, Paper, Prose

CRITERIA = [
    (
        "escalating-twice",
        N_(
            "A provider who has been in escalating concerns twice or more in the last 24 month "
            "period"
        ),
    ),
    (
        "other-homes",
        N_(
            "A provider who is known to be experiencing difficulty meeting contractual or "
            "regulatory standards at other care homes, and which suggest there are wider "
            "organisational issues or problems which are likely to affect future performance of "
            "services locally."
        ),
    ),
    (
        "financial",
        N_("A provider who is, or is reasonably believed to be in financial difficulty."),
    ),
    (
        "other-detriments",
        N_(
            "A provider who is faced with any other known future detriments, obstacles or "
            "hindrances which are likely to have a significant impact on the providers ability to "
            "meet contractual and, or regulatory standards. Eg Post-dated resignation of large "
            "number of key staff."
        ),
    ),
]

RESPONSES = [
    (
        "initial-meeting",
        N_(
            "Coordinating an initial contract management meeting with the Provider to specify "
            "concerns and agree an action plan (including timescales for completion) to prevent "
            "escalation."
        ),
    ),
    (
        "ongoing-meetings",
        N_(
            "Co-ordinating any ongoing contract management meetings to identify, coordinate, "
            "oversee and review progress with any ongoing actions necessary to prevent escalation."
        ),
    ),
    (
        "monitoring",
        N_(
            "Implement any monitoring arrangements which are necessary to enable an assessment of "
            "the Provider's performance."
        ),
    ),
    (
        "escalating-concerns",
        N_(
            "Follow the Escalating Concerns Policy to review the level of risk and trigger "
            "implementation of Escalating Concerns where necessary."
        ),
    ),
]

ISSUES = [
    ("resources", N_("Resources")),
    ("communication", N_("Communication with Partners")),
    ("attendance", N_("Attendance and participation of partners")),
    ("evidence", N_("Evidence of appropriate and proportionate actions")),
    ("continuity", N_("Business continuity / contingency planning")),
]

SCREEN = Checklist(
    name="criteria",
    label=N_("A high risk provider is defined as"),
    item_heading=N_("Criterion"),
    items=[ChecklistItem(key, text) for key, text in CRITERIA],
    fields=[
        YesNo("applies", N_("Does this apply to the provider?"), style="does", example_value="no"),
        BilingualLongText("evidence", N_("Evidence"), required=False, example_value=None),
    ],
)


def evidence_for_each_criterion_met(values: dict):
    for i, row in enumerate(values.get("criteria", [])):
        if row.get("applies") == "yes" and not row.get("evidence"):
            yield Error(
                f"criteria[{i}].evidence", N_("Give the evidence for a criterion that applies")
            )


def decision_follows_criteria(values: dict):
    """Higher risk means at least one criterion applies; then the response is recorded."""
    met = any(r.get("applies") == "yes" for r in values.get("criteria", []))
    if values.get("higher_risk") == "yes":
        if not met:
            yield Error("higher_risk", N_("A higher risk provider meets at least one criterion"))
        if not values.get("responses"):
            yield Error("responses", N_("Record the contract management response"))
        if "initial-meeting" in values.get("responses", []) and not values.get("meeting_on"):
            yield Error(
                "meeting_on", N_("Give the date of the initial contract management meeting")
            )
    elif met and not values.get("rationale"):
        yield Error(
            "rationale", N_("Say why the provider is not higher risk though a criterion applies")
        )


def _example(data: dict) -> None:
    """Example: a provider in financial difficulty, met with under contract management."""
    data["criteria"][2].update(
        applies="yes",
        evidence={
            "en": "The bank has called in the provider's loan; staff wages were paid late in May.",
            "cy": "Mae’r banc wedi galw benthyciad y darparwr yn ôl; talwyd cyflogau’r staff yn "
            "hwyr ym mis Mai.",
        },
    )


# The printed copy: Appendix 1's aim, the purpose of the response and the issues to consider, in
# the seed's words.
PAPER = Paper(
    source=N_("Western Bay — Appendix 1"),
    opening=[
        Prose(
            [
                N_(
                    "The aim of this document is to provide guidance on identifying and responding "
                    "to care home providers who are at a higher risk of entering escalating "
                    "concerns. This may be because the Provider has a history which suggests a "
                    "likelihood of future performance problems, or because there are known factors "
                    "which are a likely impediment to future performance."
                ),
                N_(
                    "Identifying and responding to providers which may present a higher risk will "
                    "occur via routine contract management activities. Defining what is meant by "
                    "higher risk, and outlining the basic contract management steps to be taken "
                    "will allow for a consistent approach to managing potential performance "
                    "failures and service interruptions."
                ),
            ]
        )
    ],
    sections={
        "responses": [
            Prose(
                [
                    N_(
                        "The purpose of identifying higher risk providers is to enable "
                        "commissioners to work with providers to minimise the likelihood and "
                        "impact of future problems, and where possible avoid the need for future "
                        "action under Escalating Concerns procedures."
                    ),
                    N_(
                        "Contracting Officers will take a lead role in coordinating a response "
                        "where there is an indication that a provider falls within the definition "
                        "of higher risk."
                    ),
                ]
            ),
        ]
    },
    closing=[
        Prose(
            [
                N_(
                    "Resources Taking steps to prevent escalation may require additional "
                    "resources and will require commitment from each of the agencies to share in "
                    "this responsibility."
                ),
                N_(
                    "Communication with Partners Contracting Officers will take a lead role in "
                    "sharing information with other agencies where they have concerns that a "
                    "provider may be at high risk of entering escalating concerns; and where "
                    "actions have been agreed to prevent escalation; and in relation to progress "
                    "made by the provider towards preventing escalating concerns."
                ),
                N_(
                    "Attendance and participation of partners Use of contract management "
                    "procedures to prevent Escalating Concerns may require each agency to attend "
                    "and participate at contract meetings to share information which may inform "
                    "understanding about levels of risk and actions needed to prevent escalation."
                ),
                N_(
                    "Evidence of appropriate and proportionate actions Details of all concerns and "
                    "actions taken under contract management processes should be clearly "
                    "recorded. Any contractual action for performance failure should be taken in "
                    "accordance with each agency's contractual terms and conditions, and contract "
                    "management processes."
                ),
                N_(
                    "Business continuity / contingency planning Providers and Commissioners may be "
                    "required to produce either continuity or contingency plans where information "
                    "suggests there is a significant risk of future disruption to services at a "
                    "care home."
                ),
            ],
            title=N_("Issues to consider"),
        ),
        Completion(["screened_by", "screened_on"], title=N_("Completed by")),
    ],
)


FORM = FormDefinition(
    id="wb-higher-risk-provider",
    title=N_("Identifying and Responding to Early Indicators of Concern for Higher Risk Providers"),
    source="WB Appendix 1",
    paper=PAPER,
    sections=[
        Section(
            N_("About the provider"),
            [
                Text("provider", N_("Name of provider"), example_value="Gofal Da Cyf"),
                Text("home_name", N_("Name of care home"), example_value="Tŷ Gwyn Care Home"),
                Text("screened_by", N_("Contracting Officer"), example_value="Siân Hughes"),
                Date("screened_on", N_("Date of screening"), past=True),
            ],
        ),
        Section(
            N_("Criteria"),
            [SCREEN],
            intro=N_(
                "A provider may be at higher risk of entering escalating concerns because it has "
                "a history which suggests a likelihood of future performance problems, or because "
                "there are known factors which are a likely impediment to future performance."
            ),
        ),
        Section(
            N_("Decision"),
            [
                YesNo(
                    "higher_risk",
                    N_("Is the provider a higher risk provider?"),
                    style="is",
                    example_value="yes",
                ),
                BilingualLongText("rationale", N_("Rationale"), required=False, example_value=None),
            ],
            intro=N_(
                "Decisions to de-commission services or actions which may have the effect of "
                "preventing the continuation of services could restrict the availability of care "
                "for existing and, or future service users. These decisions or actions will be "
                "subject to a full risk assessment which shall include a process for assessing the "
                "impact to people with characteristics which are protected under equalities "
                "legislation (ie an equalities Impact assessment)."
            ),
        ),
        Section(
            N_("Response to high risk providers"),
            [
                MultiChoice(
                    "responses",
                    N_("Contract management response"),
                    required=False,
                    options=RESPONSES,
                    example_value=["initial-meeting", "monitoring"],
                ),
                Date(
                    "meeting_on",
                    N_("Date of the initial contract management meeting"),
                    required=False,
                ),
                MultiChoice(
                    "issues",
                    N_("Issues to consider"),
                    required=False,
                    options=ISSUES,
                    example_value=["resources", "continuity"],
                ),
                BilingualLongText(
                    "response_notes",
                    N_("Details of the response"),
                    required=False,
                    example_value="A contingency plan is requested from the provider by 30 June.",
                    example_cy="Gofynnir i’r darparwr am gynllun wrth gefn erbyn 30 Mehefin.",
                ),
            ],
            intro=N_(
                "Contracting Officers will take a lead role in coordinating a response where "
                "there is an indication that a provider falls within the definition of higher "
                "risk."
            ),
        ),
    ],
    rules=[evidence_for_each_criterion_met, decision_follows_criteria],
)
FORM.example_hook = _example
