"""WB Appendix 2 risk assessment (to decide need for a JIMP), rated on the WB Risk Rating Matrix.

The matrix gives two separate scales (impact, engagement) and no combined score or level, so each
row is rated on both and the person chooses the overall level (amber or red) with a rationale.
"""

from __future__ import annotations

import datetime as dt
import re

from ..bilingual import BilingualLongText, BilingualText
from ..definition import Error, FormDefinition
from ..fields import (
    Choice,
    Date,
    DateList,
    Group,
    LongText,
    Number,
    Rating,
    Section,
    Text,
    YesNo,
    scale,
)
from ..i18n import N_
from ..paper import (
    Column,
    Completion,
    Grid,
    Note,
    Paper,
    Prose,
    RiskMatrix,
    ScaleReference,
    Steps,
    rating_colour,
)

# Risk Rating Matrix, Impact Criteria: the first sentence of each level is its label, the full
# description is the field's help.
IMPACT = scale(
    [
        N_("Overall the service is not materially affected."),
        N_("Some aspects of the service are compromised."),
        N_("The service is compromised to a significant extent."),
        N_(
            "The service is severely affected and maybe unable to meet a large proportion of its "
            "obligations and liabilities."
        ),
        N_(
            "Operational performance of the provider would be compromised to the extent it would "
            "not be able to meet core obligations and liabilities."
        ),
    ]
)
IMPACT_HELP = N_(
    "1: Overall the service is not materially affected. Quality of life is not significantly "
    "affected. Residents are not at risk of harm. Care managers can maintain quality of care with "
    "support from contract management.\n"
    "2: Some aspects of the service are compromised. Quality of life is not significantly "
    "affected. Residents are not at risk of significant harm. Care manager can maintain quality "
    "of care with support from contract management.\n"
    "3: The service is compromised to a significant extent. Quality of life is affected. "
    "Residents may be at risk of harm. Multi agency support is recommended.\n"
    "4: The service is severely affected and maybe unable to meet a large proportion of its "
    "obligations and liabilities. Quality of life is significantly affected. Residents are at "
    "risk of severe harm. Multi agency support is required.\n"
    "5: Operational performance of the provider would be compromised to the extent it would not "
    "be able to meet core obligations and liabilities. Major adverse repercussions for clients "
    "making care unsustainable or unsafe. Provider maybe unable to recover or continue to be "
    "viable."
)

# Risk Rating Matrix, Engagement Criteria: short enough to be the labels themselves.
ENGAGEMENT = scale(
    [
        N_(
            "Provider has not been notified of concerns, which could be addressed via contract "
            "management with support from key agencies."
        ),
        N_(
            "Provider has been notified of concerns and is taking action. No further problems "
            "have arisen since notification."
        ),
        N_(
            "Provider has been notified of concerns and is taking action but concerns exist about "
            "Provider’s capacity to achieve timely change without multi agency support."
        ),
        N_("Provider has been notified of concerns but problems persist."),
        N_("Provider has been notified of concerns but has not responded."),
    ]
)

# The rest of each impact level's description, shown under its option on the page.
IMPACT_HINTS = {
    1: N_(
        "Quality of life is not significantly affected. Residents are not at risk of harm. Care "
        "managers can maintain quality of care with support from contract management."
    ),
    2: N_(
        "Quality of life is not significantly affected. Residents are not at risk of significant "
        "harm. Care manager can maintain quality of care with support from contract management."
    ),
    3: N_(
        "Quality of life is affected. Residents may be at risk of harm. Multi agency support is "
        "recommended."
    ),
    4: N_(
        "Quality of life is significantly affected. Residents are at risk of severe harm. Multi "
        "agency support is required."
    ),
    5: N_(
        "Major adverse repercussions for clients making care unsustainable or unsafe. Provider "
        "maybe unable to recover or continue to be viable."
    ),
}

LEVELS = [
    ("amber", N_("Amber: address via contract management")),
    ("red", N_("Red: address under Escalating Concerns")),
]

RISKS = Group(
    name="risks",
    label=N_("Risk assessment table"),
    row_label=N_("Risk issue %(num)s"),
    min_rows=1,
    summary=("standard", "incident_on", "ongoing_risk"),
    fields=[
        BilingualText(
            "standard",
            N_("Minimum standard"),
            help=N_(
                "The National Minimum Standard that defines the type and nature of the concern."
            ),
            example_value="Standard 7: medication is managed safely",
            example_cy="Safon 7: rheolir meddyginiaeth yn ddiogel",
            messages={"missing": N_("Enter the minimum standard")},
        ),
        Date(
            "incident_on",
            N_("Date of incident giving rise to or highlighting risk issue"),
            past=True,
            messages={"missing": N_("Enter the date of the incident")},
        ),
        BilingualLongText(
            "description",
            N_("Description of risk issue"),
            example_value="Medicines were not given at the prescribed times on three days.",
            example_cy="Ni roddwyd meddyginiaethau ar yr amseroedd rhagnodedig ar dri diwrnod.",
            messages={"missing": N_("Enter a description of the risk issue")},
        ),
        BilingualText(
            "at_risk",
            N_("Who is at risk"),
            example_value="Residents on the first floor",
            example_cy="Preswylwyr ar y llawr cyntaf",
            messages={"missing": N_("Enter who is at risk")},
        ),
        DateList(
            "discussed_on",
            N_("Date(s) risk issues discussed with care home"),
            required=False,
            past=True,
            example_value=["2026-01-12", "2026-02-03"],
        ),
        BilingualLongText(
            "action_taken",
            N_("Details of action already taken to address these problems"),
            example_value="The manager has retrained staff and checks the records every week.",
            example_cy=(
                "Mae’r rheolwr wedi ailhyfforddi’r staff ac mae’n gwirio’r cofnodion bob wythnos."
            ),
            messages={"missing": N_("Enter the action already taken to address these problems")},
        ),
        YesNo(
            "further_action",
            N_("Is further action required?"),
            style="is",
            messages={"missing": N_("Select yes if further action is required")},
        ),
        Rating(
            "impact",
            N_("Impact (1–5)"),
            options=IMPACT,
            hints=IMPACT_HINTS,
            messages={"missing": N_("Select the impact on residents")},
        ),
        Rating(
            "engagement",
            N_("Engagement (1–5)"),
            options=ENGAGEMENT,
            example_value=4,
            messages={"missing": N_("Select how the provider is engaging")},
        ),
        Choice(
            "ongoing_risk",
            N_("Level of ongoing risk"),
            help=N_(
                "Has the care home addressed the concerns or is there a likelihood of harm if not "
                "addressed by multi agency panel?"
            ),
            options=LEVELS,
            example_value="red",
            messages={"missing": N_("Select the level of ongoing risk")},
        ),
    ],
)

DATE_IN_TEXT = re.compile(
    r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b|\b(\d{4})-(\d{2})-(\d{2})\b"
)


def _dates_in(text: str):
    for m in DATE_IN_TEXT.finditer(text):
        try:
            if m.group(4):
                yield dt.date(int(m.group(4)), int(m.group(5)), int(m.group(6)))
            else:
                year = int(m.group(3))
                year = year + 2000 if year < 100 else year
                yield dt.date(year, int(m.group(2)), int(m.group(1)))
        except ValueError:
            continue  # not a real date: left as the person wrote it


def highest_row_level(values: dict) -> str | None:
    """The levels of each risk issue aggregated, as the form's guidance puts it: red when any
    issue is red, amber when all are amber. The matrix itself has no bands, so nothing else."""
    levels = {row.get("ongoing_risk") for row in values.get("risks", [])} - {None}
    return "red" if "red" in levels else ("amber" if levels else None)


def discussions_not_in_future(values: dict):
    """The dates the issues were discussed are free text (there may be several): any date written
    in it records a past meeting, so none may be in the future."""
    today = dt.date.today()
    for i, row in enumerate(values.get("risks", [])):
        dates = row.get("discussed_on") or ""
        text = ", ".join(dates) if isinstance(dates, list) else dates  # a list since DateList
        if any(d > today for d in _dates_in(text)):
            yield Error(
                f"risks[{i}].discussed_on",
                N_("“%(label)s” must be today or in the past"),
                {"label": N_("Date(s) risk issues discussed with care home")},
            )


# The printed copy (WB Appendix 2 and its Risk Rating Matrix), in the seed's own words.
PAPER = Paper(
    source=N_("Western Bay — Appendix 2"),
    opening=[
        Prose(
            [
                N_(
                    "Escalating Concerns arise where there are accumulating issues. Where "
                    "accumulating issues are being identified there should already be interaction "
                    "between key agencies. This will have led to the identification of issues "
                    "which key agencies will have brought to the attention of the home. The "
                    "purpose of this risk assessment is to assist key agencies to identify issues "
                    "which the home has failed to resolve. If the home has failed to respond to "
                    "concerns about the operation of, or quality of care provide at the home, "
                    "“Escalating Concerns” status will have been reached. Escalating Concerns "
                    "status may also arise where concerns are particularly serious (for example "
                    "where this is necessary to protect the safety and wellbeing of service users "
                    "or to prevent, or to manage a home closure)."
                ),
                N_(
                    "Purpose of NMS in tool: to provide a framework for discussion and recording "
                    "of risk issues, utilising standards that already exist and that Care "
                    "Providers are familiar with. This approach will ensure consistency across "
                    "care settings by referring to an objective measure of expected performance "
                    "standards against which risks can be assessed. There will be a requirement "
                    "to bring copy of National Minimum Standards to the risk assessment meeting."
                ),
            ],
            title=N_(
                "Escalating Concerns guidance issued by the Welsh Assembly Government: "
                "Key Principles"
            ),
        ),
        Steps(
            [
                N_(
                    "Step 1. Identify the key issues using the risk assessment table. Specify who "
                    "is at risk and the date of the incident giving rise to the risk / concern."
                ),
                N_("Step 2. Record any action already taken to manage each individual risk."),
                N_(
                    "Step 3. Use the risk matrix to assess impact to service users and the extent "
                    "to which Provider is actively working to rectify problems and manage risk"
                ),
                N_(
                    "Step 4. Enter the level of risk in the last column of the risk assessment "
                    "table. A level of risk may be attributed to each area of concern and "
                    "aggregated to define an overall level of risk that can be used to decide "
                    "whether concerns can be addressed via contract management (amber) or should "
                    "be addressed under Escalating Concerns (red). The NMS should be used as "
                    "guidance for defining the type and nature of concerns in this process."
                ),
            ],
            title=N_("Summary of Process"),
        ),
        Note(
            N_(
                "Note. The risk matrix is for guidance only. Final decisions may be influenced by "
                "other factors, e.g. the total number of aggregated concerns or required "
                "timescales for achieving change. Where the outcome of the risk assessment process "
                "is inconclusive, decisions on appropriate course of action can be referred to the "
                "Escalating Concerns Coordination Group for final decision"
            )
        ),
    ],
    # The steps and the note above are the paper's own words for these sections' short intros.
    sections={"risks": [], "overall_level": []},
    grids={
        "risks": Grid(
            landscape=True,
            columns=[
                Column(N_("Minimum standard"), ["standard"], width=1.3),
                Column(
                    N_("Date of incident giving rise to / highlighting risk issue"),
                    ["incident_on"],
                ),
                Column(N_("Description of risk issue"), ["description"], width=2),
                Column(N_("Who is at risk"), ["at_risk"], width=1.1),
                Column(
                    N_("Date(s) risk issues discussed with care home"), ["discussed_on"], width=1.1
                ),
                Column(
                    N_("Details of action already taken to address these problems"),
                    ["action_taken"],
                    width=2,
                ),
                Column(N_("Is further action required? Yes / No"), ["further_action"], width=0.9),
                Column(N_("Impact (1–5)"), ["impact"], number_only=True, width=0.7),
                Column(N_("Engagement (1–5)"), ["engagement"], number_only=True, width=1),
                Column(
                    N_(
                        "Level of ongoing risk (has the care home addressed the concerns or is "
                        "there a likelihood of harm if not addressed by multi agency panel)"
                    ),
                    ["ongoing_risk"],
                    shade=rating_colour,
                    width=1.8,
                ),
            ],
        )
    },
    closing=[
        ScaleReference(
            N_("Risk Rating Matrix: Impact Criteria"),
            N_("Rating"),
            N_("Description"),
            full=IMPACT_HELP,
        ),
        ScaleReference(
            N_("Risk Rating Matrix: Engagement Criteria"),
            N_("Rating"),
            N_("Description"),
            rows=ENGAGEMENT,
        ),
        RiskMatrix(
            title=N_("Risk issues by impact and engagement"),
            group="risks",
            row_field="impact",
            column_field="engagement",
            row_labels=[(n, "") for n, _ in IMPACT],  # numbers: the scales are printed above
            column_labels=[(n, "") for n, _ in ENGAGEMENT],
            corner=N_("Impact (1–5) / Engagement (1–5)"),
            # The seed's matrix is two scales with no bands: a marked cell takes the level of
            # ongoing risk chosen on its row (amber or red), and the others stay blank.
            band_source="WB Appendix 2 Risk Rating Matrix: no bands; the row's chosen level",
            row_band_field="ongoing_risk",
            mark_label=N_("Risk issue %(rows)s"),
        ),
        Completion(
            ["completed_by", "designation", "contact", "completed_on"], title=N_("Completed by")
        ),  # fmt: skip
    ],
)


FORM = FormDefinition(
    id="wb-risk-assessment",
    title=N_("Risk assessment form to be used to decide need for JIMP"),
    source="WB Appendix 2, Risk Rating Matrix",
    paper=PAPER,
    sections=[
        Section(
            N_("About the assessment"),
            [
                Text(
                    "care_home",
                    N_("Name of care home"),
                    example_value="Tŷ Gwyn Care Home",
                    messages={"missing": N_("Enter the name of the care home")},
                ),
                Number(
                    "beds",
                    N_("Number of beds"),
                    minimum=1,
                    maximum=1000,
                    example_value=32,
                    messages={"missing": N_("Enter the number of beds")},
                ),
                Text(
                    "completed_by",
                    N_("Name of person completing form"),
                    example_value="Siân Hughes",
                    messages={"missing": N_("Enter the name of the person completing the form")},
                ),
                BilingualText(
                    "designation",
                    N_("Designation"),
                    example_value="Contracting Officer",
                    example_cy="Swyddog Contractau",
                    messages={
                        "missing": N_("Enter the designation of the person completing the form")
                    },
                ),
                LongText(
                    "contact",
                    N_("Contact details of person completing form"),
                    example_value="01792 636251\nsian.hughes@example.gov.uk",
                    messages={
                        "missing": N_("Enter the contact details of the person completing the form")
                    },
                ),
                Date(
                    "completed_on",
                    N_("Date form completed"),
                    past=True,
                    messages={"missing": N_("Enter the date the form was completed")},
                ),
            ],
        ),
        Section(
            N_("Risk issues"),
            [RISKS],
            intro=N_(
                "Step 1. Identify the key issues using the risk assessment table. Specify who is "
                "at risk and the date of the incident giving rise to the risk or concern. "
                "Step 2. Record any action already taken to manage each individual risk. "
                "Step 3. Use the risk matrix to assess impact to service users and the extent to "
                "which Provider is actively working to rectify problems and manage risk. "
                "Step 4. Enter the level of risk in the last column of the risk assessment table. "
                "The National Minimum Standards should be used as guidance for defining the type "
                "and nature of concerns."
            ),
        ),
        Section(
            N_("Overall level of risk"),
            [
                Choice(
                    "overall_level",
                    N_("Overall level of risk"),
                    options=LEVELS,
                    example_value="red",
                    suggest=highest_row_level,
                ),
                BilingualLongText(
                    "rationale",
                    N_("Rationale for the overall level of risk"),
                    example_value="The risks are reducing but need close monitoring.",
                    example_cy="Mae’r risgiau’n lleihau ond mae angen eu monitro’n agos.",
                ),
            ],
            intro=N_(
                "The level of risk attributed to each area of concern may be aggregated to define "
                "an overall level of risk that can be used to decide whether concerns can be "
                "addressed via contract management (amber) or should be addressed under Escalating "
                "Concerns (red). The risk matrix is for guidance only. Final decisions may be "
                "influenced by other factors, e.g. the total number of aggregated concerns or "
                "required timescales for achieving change. Where the outcome of the risk "
                "assessment process is inconclusive, decisions on appropriate course of action can "
                "be referred to the Escalating Concerns Coordination Group for final decision."
            ),
        ),
    ],
    rules=[discussions_not_in_future],
)
