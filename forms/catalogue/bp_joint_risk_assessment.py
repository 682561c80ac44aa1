"""BP Appendix 2 joint risk assessment tool: the 25 domains of the seed, each graded for the
service user and for other service users, then an overall level with the action the seed
prescribes for it.

The seed says "if no issues identified leave blank": a domain without care issues takes no
ratings, so it prints blank, and a rating without an issue is refused.
"""

from __future__ import annotations

from ..bilingual import BilingualLongText, BilingualText
from ..bp_plans import SeedText
from ..bp_risk import COLOURS, LEVELS, bp_level, grading, show_grading
from ..definition import Error, FormDefinition
from ..fields import (
    Checklist,
    ChecklistItem,
    Choice,
    Computed,
    Date,
    Rating,
    Section,
    Text,
    scale,
)
from ..i18n import N_
from ..paper import Column, Completion, Grid, Paper, RiskMatrix, ScaleReference, rating_colour

IMPACT = scale([N_("Low"), N_("Minor"), N_("Moderate"), N_("High"), N_("Very High")])
IMPACT_HELP = N_(
    "1: Low – One-off issue, unlikely to have any long term affect on service user\n"
    "2: Minor – Minor issue where adjustments to the care has minimised the impact on the service "
    "user\n"
    "3: Moderate – Moderate concern that has had an impact on the service user but this can be "
    "resolved through adjustments to care and treatment\n"
    "4: High – High impact on the individual service user that requires urgent review of care and "
    "treatment\n"
    "5: Very High – Very high impact on the service user who requires immediate review of care and "
    "treatment"
)
OTHERS_HELP = N_(
    "1: Low – Not expected to affect other service users\n"
    "2: Minor – May have a minor impact on other service users\n"
    "3: Moderate – Moderate risk that care issues will have an impact on other service users\n"
    "4: High – High risk that care issues will have an impact on other service users\n"
    "5: Very High – Very high risk that care issues will have an impact on other service users"
)
LIKELIHOOD = scale([N_("Rare"), N_("Unlikely"), N_("Possible"), N_("Likely"), N_("Almost Certain")])
LIKELIHOOD_HELP = N_(
    "1: Rare – One-off issue, unlikely to re-occur. Risk management and Control measures in place\n"
    "2: Unlikely – Low risk of re-occurrence, Control measures in place.\n"
    "3: Possible – Moderate risk of re-occurrence, limited risk management and control measures in "
    "place.\n"
    "4: Likely – High risk of re-occurrence, Risk management and controls measures do not mitigate "
    "risk to individual\n"
    "5: Almost Certain – Very high risk of re-occurrence. No risk management or controls in place. "
    "Evidence of poor practice."
)

# The seed's domains and who populates each, in its order (it numbers them 1–26 but runs 19 and
# 20 together: 25 rows).
DOMAINS = [
    ("behaviour", N_("Behaviour"), N_("Health")),
    ("cognition", N_("Cognition"), N_("Health")),
    ("psychological", N_("Psychological and Emotional"), N_("Health")),
    ("communication", N_("Communication"), N_("Health")),
    ("mobility", N_("Mobility"), N_("Health")),
    ("nutrition", N_("Nutrition Food – Drink"), N_("Health")),
    ("continence", N_("Continence"), N_("Health")),
    ("skin", N_("Skin including Tissue Viability"), N_("Health")),
    ("breathing", N_("Breathing"), N_("Health")),
    (
        "medication",
        N_("Drug therapies and medication including symptom control"),
        N_("Health"),
    ),
    ("consciousness", N_("Altered states of consciousness"), N_("Health")),
    ("pre-admission", N_("Pre admission assessment process"), N_("Social Care Care Management")),
    ("end-of-life", N_("End of Life Care"), N_("Health")),
    (
        "infection",
        N_("Infection Prevention Control"),
        N_("Contracts Health Care Management"),
    ),
    ("safeguarding", N_("Safeguarding"), N_("Contracts Health Care Management")),
    (
        "mca-dols",
        N_("Mental Capacity Act and Deprivation of Liberty Safeguards"),
        N_("Contracts"),
    ),
    ("records", N_("Record Keeping"), N_("Health Care Management")),
    ("complaints", N_("Complaints Management"), N_("Contracts")),
    ("primary-care", N_("Access and Referral to Primary Care"), N_("Health Contracts")),
    ("governance", N_("Governance and Management"), N_("Contracts Health Care Management")),
    (
        "activities",
        N_("Therapeutic Activities including Social Activity"),
        N_("Contracts Health Care Management"),
    ),
    ("staffing", N_("Staffing"), N_("Contracts Health Care Management")),
    ("training", N_("Staff Training"), N_("Contracts")),
    (
        "environment",
        N_("Environment and Health and Safety"),
        N_("Contracts Health Care Management"),
    ),
    ("other", N_("Other"), N_("Contracts Health Care Management")),
]
RATINGS = ("impact", "likelihood", "others_impact", "others_likelihood")

# Step 4's action plan: each level and the action the seed prescribes for it.
ACTIONS = {
    "low": N_(
        "Continue with standard monitoring and review by Local Authority and NHS Commissioners."
    ),
    "moderate": N_(
        "Service provider develops and implements action plan. Increased monitoring and support "
        "by Local Authority and NHS commissioners"
    ),
    "high": N_(
        "Service provider develops and implements action plan. Increased monitoring and support "
        "by Local Authority and NHS commissioners. Consider specific measures to manage service "
        "users safety in line with Local Authority and NHS Escalation plan e.g. managing as "
        "institutional safeguarding adults referral; involving regulators; meeting with "
        "residents and families; alerting primary care; suspension of placements."
    ),
    "extreme": N_(
        "Service provider develops and implements action plan. Increased monitoring and support "
        "by Local Authority and NHS commissioners. Apply specific measures to manage patient "
        "safety in line with Local Authority and NHS Escalation plan procedure for unplanned or "
        'potential care home closure e.g. in addition to action for "high risk"; planning for '
        "alternative care."
    ),
}

DOMAIN_ROWS = Checklist(
    name="domains",
    label=N_("Domains"),
    item_heading=N_("Domain"),
    help=N_("If no issues identified leave blank."),
    items=[ChecklistItem(k, text, defaults={"responsible": who}) for k, text, who in DOMAINS],
    fields=[
        SeedText(
            "responsible",
            N_("Responsibilities for populating the Tool"),
            required=False,
            known=frozenset(who for _, _, who in DOMAINS),
        ),
        BilingualLongText(
            "issues",
            N_("Care Issues Identified"),
            required=False,
            example_value="Medicines were given late on three days.",
            example_cy="Rhoddwyd meddyginiaethau’n hwyr ar dri diwrnod.",
        ),
        Rating(
            "impact", N_("Impact on Service user"), help=IMPACT_HELP, required=False, options=IMPACT
        ),
        Rating(
            "likelihood",
            N_("Potential Likelihood of re-occurrence"),
            help=LIKELIHOOD_HELP,
            required=False,
            options=LIKELIHOOD,
        ),
        Computed(
            "grading",
            N_("Overall Risk Grading for service user"),
            compute=grading("impact", "likelihood"),
            show=show_grading,
        ),
        Rating(
            "others_impact",
            N_("Impact on other Service Users"),
            help=OTHERS_HELP,
            required=False,
            options=IMPACT,
        ),
        Rating(
            "others_likelihood",
            N_("Potential of Likelihood of re-occurrence for other Service Users"),
            help=LIKELIHOOD_HELP,
            required=False,
            options=LIKELIHOOD,
        ),
        Computed(
            "others_grading",
            N_("Overall Risk Grading for Other Service Users"),
            compute=grading("others_impact", "others_likelihood"),
            show=show_grading,
        ),
    ],
)


def highest(values: dict):
    """The highest grading found on any domain, for either group (guidance for Step 4)."""
    order = list(LEVELS)
    found = [
        row[key]["level"]
        for row in values.get("domains", [])
        for key in ("grading", "others_grading")
        if row.get(key)
    ]
    return max(found, key=order.index) if found else None


def graded_only_with_issues(values: dict):
    """A domain is graded when, and only when, care issues are identified."""
    for i, row in enumerate(values.get("domains", [])):
        given = [r for r in RATINGS if row.get(r) is not None]
        if row.get("issues"):
            for r in RATINGS:
                if r not in given:
                    yield Error(
                        f"domains[{i}].{r}", N_("Rate each domain where care issues are identified")
                    )
        elif given:
            yield Error(
                f"domains[{i}].issues",
                N_("Describe the care issues, or leave the domain blank"),
            )


def some_issue(values: dict):
    if not any(row.get("issues") for row in values.get("domains", [])):
        yield Error("domains", N_("Identify the care issues in at least one domain"))


def _band(impact: int, likelihood: int) -> str:
    return COLOURS[bp_level(impact * likelihood)]


LEGEND = N_(
    "1–3 Low risk (green), 4–6 Moderate risk (yellow), 8–12 High risk (amber), "
    "15–25 Extreme risk (red)"
)


def _matrix(title: str, impact: str, likelihood: str, corner: str) -> RiskMatrix:
    """The seed's 5 × 5 grid (impact rows, likelihood columns), its cells coloured by band and
    the domains graded there marked by their numbers."""
    return RiskMatrix(
        title=title,
        group="domains",
        row_field=impact,
        column_field=likelihood,
        row_labels=IMPACT,
        column_labels=LIKELIHOOD,
        corner=corner,
        band_source="BP Appendix 2: 1–3 Low, 4–6 Moderate, 8–12 High, 15–25 Extreme (bp_level)",
        score=lambda a, b: a * b,
        band=_band,
        mark_label=N_("Domain %(rows)s"),
        legend=LEGEND,
    )


# The printed copy: Appendix 2's scales, both matrices and the completed-by block.
PAPER = Paper(
    source=N_("Blackpool — Appendix 2"),
    grids={
        "domains": Grid(
            landscape=True,
            item_width=1.7,
            item_fields=["responsible"],
            columns=[
                Column(
                    N_("Care Issues Identified (if no issues identified leave blank)"),
                    ["issues"],
                    width=1.8,
                ),
                Column(N_("Impact on Service user"), ["impact"], number_only=True, width=0.8),
                Column(
                    N_("Potential Likelihood of re-occurrence"),
                    ["likelihood"],
                    number_only=True,
                    width=0.9,
                ),
                Column(
                    N_("Overall Risk Grading for service user"), ["grading"], shade=rating_colour
                ),
                Column(
                    N_("Impact on other Service Users"),
                    ["others_impact"],
                    number_only=True,
                    width=0.8,
                ),
                Column(
                    N_("Potential of Likelihood of re-occurrence for other Service Users"),
                    ["others_likelihood"],
                    number_only=True,
                    width=1.1,
                ),
                Column(
                    N_("Overall Risk Grading for Other Service Users"),
                    ["others_grading"],
                    shade=rating_colour,
                ),
            ],
        )
    },
    closing=[
        ScaleReference(
            N_("Impact on Service User"), N_("Rating"), N_("Description"), full=IMPACT_HELP
        ),
        ScaleReference(
            N_("Likelihood of Re-Occurrence of Care Issue"),
            N_("Rating"),
            N_("Description"),
            full=LIKELIHOOD_HELP,
        ),
        _matrix(
            N_("Overall risk grading for the service user"),
            "impact",
            "likelihood",
            N_("Impact / Likelihood"),
        ),
        ScaleReference(
            N_("Impact on other Service Users"), N_("Rating"), N_("Description"), full=OTHERS_HELP
        ),
        _matrix(
            N_("Overall risk grading for other service users"),
            "others_impact",
            "others_likelihood",
            N_("Impact / Likelihood"),
        ),
        Completion(
            [
                "completed_by",
                "feedback",
                "designation",
                "organisation",
                "telephone",
                "email",
                "completed_on",
            ],
            title=N_("Form Completed by"),
        ),
    ],
)


FORM = FormDefinition(
    id="bp-joint-risk-assessment",
    title=N_("Joint risk assessment tool"),
    source="BP Appendix 2, section 6",
    paper=PAPER,
    sections=[
        Section(
            N_("About the assessment"),
            [
                Text("service", N_("Name of service"), example_value="Tŷ Gwyn Care Home"),
                Text("provider", N_("Name of provider")),
                Date("assessed_on", N_("Date of assessment"), past=True),
                BilingualLongText(
                    "sample",
                    N_("Sample group of service users assessed"),
                    example_value="Four residents on the first floor.",
                    example_cy="Pedwar preswylydd ar y llawr cyntaf.",
                ),
            ],
            intro=N_(
                "Step 1: Using the risk grading tool below identify the impact of care issues for "
                "the individual(s) and the likelihood of this."
            ),
        ),
        Section(
            N_("Domains"),
            [DOMAIN_ROWS],
            intro=N_(
                "To obtain the overall risk grade, locate the IMPACT and LIKELIHOOD levels from "
                "tables. The intersecting row/column will produce the resultant risk level. "
                "1–3 Low risk, 4–6 Moderate risk, 8–12 High risk, 15–25 Extreme risk."
            ),
        ),
        Section(
            N_("Steps 2 and 3"),
            [
                BilingualLongText(
                    "immediate_action",
                    N_("Immediate action taken for any high or extreme risks"),
                    help=N_(
                        "Step 2: Ensure any immediate action is taken to address any immediate "
                        "high or extreme risks for the individual(s) service user(s)."
                    ),
                    required=False,
                    example_value="The manager checks every medicines round until further notice.",
                    example_cy=(
                        "Mae’r rheolwr yn gwirio pob rownd feddyginiaeth hyd nes y rhoddir gwybod "
                        "yn wahanol."
                    ),
                ),
                BilingualLongText(
                    "mitigating",
                    N_(
                        "Mitigating Factors that may reduce the risk (consider management, "
                        "staffing, providers history of working with outside agencies, "
                        "sustainability)"
                    ),
                    example_value=(
                        "A new deputy manager started in March and agency use is falling."
                    ),
                    example_cy=(
                        "Dechreuodd dirprwy reolwr newydd ym mis Mawrth ac mae’r defnydd o staff "
                        "asiantaeth yn lleihau."
                    ),
                ),
                BilingualLongText(
                    "views",
                    N_("Please record any service user, carer views on their care and treatment."),
                    required=False,
                    example_value="Two families said staff are kind but often rushed.",
                    example_cy="Dywedodd dau deulu fod y staff yn garedig ond yn aml ar frys.",
                ),
            ],
            intro=N_(
                "Step 3: Review and collate the sample group assessments from step 1. Identify "
                "below any mitigating factors that may reduce the levels of risk."
            ),
        ),
        Section(
            N_("Step 4: Action plan"),
            [
                Computed(
                    "highest",
                    N_("Highest risk grading found"),
                    compute=highest,
                    show=lambda v, t: t(LEVELS[v]) if v else "",
                ),
                Choice(
                    "overall_level",
                    N_("Risk Level"),
                    options=list(LEVELS.items()),
                    example_value="high",
                ),
                Computed(
                    "prescribed_action",
                    N_("Action"),
                    compute=lambda values: values.get("overall_level"),
                    show=lambda v, t: t(ACTIONS[v]) if v else "",
                ),
            ],
            intro=N_(
                "Consider collated assessments and any mitigating factors. Assess overall level "
                "of risk and any remedial action required."
            ),
        ),
        Section(
            N_("Completed by"),
            [
                Text("completed_by", N_("Form Completed by"), example_value="Siân Hughes"),
                BilingualText(
                    "feedback",
                    N_("Date, time and method of feedback to providers"),
                    example_value="12/03/2026, 2pm, by telephone to the manager",
                    example_cy="12/03/2026, 2yh, dros y ffôn i’r rheolwr",
                ),
                BilingualText(
                    "designation",
                    N_("Designation"),
                    example_value="Contracts Officer",
                    example_cy="Swyddog Contractau",
                ),
                Text("organisation", N_("Organisation"), example_value="Blackpool Council"),
                Text("telephone", N_("Telephone"), example_value="01253 477477"),
                Text("email", N_("E-mail Address"), example_value="sian.hughes@example.com"),
                Date("completed_on", N_("Date"), past=True),
            ],
        ),
    ],
    rules=[graded_only_with_issues, some_issue],
)


# The example's graded domains: their own issue and ratings (impact, likelihood, for others too).
EXAMPLE_ROWS = {
    "behaviour": (
        "Distressed behaviour at night is not recorded or reviewed.",
        "Nid yw ymddygiad trallodus yn y nos yn cael ei gofnodi na’i adolygu.",
        (2, 4, 2, 3),
    ),
    "medication": (None, None, (3, 3, 3, 3)),
    "staffing": (
        "Night shifts often run one carer short.",
        "Mae shifftiau nos yn aml un gofalwr yn brin.",
        (4, 4, 3, 4),
    ),
}


def _example(data: dict) -> None:
    """Example: three domains with issues; the rest left blank, as the seed asks."""
    for row in data.get("domains", []):
        row.pop("responsible", None)  # the seed's own "who populates" stays
        if row["key"] not in EXAMPLE_ROWS:
            for name in ("issues", *RATINGS):
                row.pop(name, None)
            continue
        en, cy, ratings = EXAMPLE_ROWS[row["key"]]
        if en:
            row["issues"] = {"cy": cy, "en": en}
        row.update(zip(RATINGS, ratings, strict=True))


FORM.example_hook = _example
