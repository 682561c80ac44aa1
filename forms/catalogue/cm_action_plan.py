"""CM Appendix I action plan, with the Appendix H rules on extended dates and closing."""

from __future__ import annotations

from ..bilingual import BilingualLongText
from ..definition import Error, FormDefinition
from ..fields import Choice, Computed, Date, Group, Number, Rating, Section, Text, scale
from ..i18n import N_
from ..paper import Column, Grid, Paper, Prose, RiskMatrix, rating_colour
from ..scoring import product_score, rag4, show_score

LIKELIHOOD = scale([N_("Unlikely"), N_("Possible"), N_("Likely"), N_("Almost certain")])
IMPACT = scale([N_("Insignificant"), N_("Minor"), N_("Moderate"), N_("Major")])


def cm_matrix(group: str, mark_label: str) -> RiskMatrix:
    """CM App H's 4 x 4 likelihood x impact matrix, coloured by its bands, the cells of
    ``group``'s rows marked: one declaration for the action plan and the decision form."""
    return RiskMatrix(
        title=N_("Risk tool matrix"),
        group=group,
        row_field="likelihood",
        column_field="impact",
        row_labels=LIKELIHOOD,
        column_labels=IMPACT,
        corner=N_("Likelihood / Impact"),
        band_source="CM Appendix H: 12–16 red, 8–9 amber, 4–6 yellow, 1–3 green (rag4)",
        score=lambda a, b: a * b,
        band=lambda a, b: rag4(a * b),
        mark_label=mark_label,
    )


ACTIONS = Group(
    name="actions",
    label=N_("Issues and improvements"),
    row_label=N_("Issue %(num)s"),
    min_rows=1,
    summary=("issue", "by_when", "progress"),
    reveal=(
        N_("Extend the target date"),
        ("original_by_when", "extended_on", "extension_rationale"),
    ),
    fields=[
        BilingualLongText(
            "issue",
            N_("Issue of concern"),
            example_value="Care plans are not reviewed every month, as the contract requires.",
            example_cy=(
                "Nid yw cynlluniau gofal yn cael eu hadolygu bob mis, fel y "
                "mae’r contract yn ei gwneud yn ofynnol."
            ),
            messages={"missing": N_("Enter the issue of concern")},
        ),
        BilingualLongText(
            "improvement",
            N_("Improvement required"),
            example_value="Review every care plan with the resident and record the review.",
            example_cy="Adolygu pob cynllun gofal gyda’r preswylydd a chofnodi’r adolygiad.",
            messages={"missing": N_("Enter the improvement required")},
        ),
        Choice(
            "action_type",
            N_("Type of action"),
            help=N_(
                "Development action (DA): good practice to help overall improvement. "
                "Corrective action (CA): a contractual or regulatory breach."
            ),
            options=[("DA", N_("Development action (DA)")), ("CA", N_("Corrective action (CA)"))],
            messages={"missing": N_("Select the type of action")},
        ),
        Date(
            "by_when",
            N_("By when"),
            example_value="2026-05-29",
            messages={"missing": N_("Enter the target date")},
        ),
        Date(
            "original_by_when",
            N_("Original target date, if extended"),
            required=False,
            example_value="2026-04-30",
            help=N_("Fill in only when the target date has been extended."),
        ),
        Date(
            "extended_on",
            N_("Date the target was extended"),
            required=False,
            past=True,
            example_value="2026-04-15",
        ),
        BilingualLongText(
            "extension_rationale",
            N_("Rationale for the extension"),
            required=False,
            example_value=(
                "The new manager started later than planned, and the new staff group needed "
                "training."
            ),
            example_cy=(
                "Dechreuodd y rheolwr newydd yn hwyrach na’r disgwyl, ac roedd angen "
                "hyfforddiant ar y grŵp staff newydd."
            ),
        ),
        Text(
            "person_responsible",
            N_("Person responsible"),
            example_value="Siân Hughes",
            messages={"missing": N_("Enter the name of the person responsible")},
        ),
        Rating(
            "likelihood",
            N_("Likelihood (1–4)"),
            options=LIKELIHOOD,
            messages={"missing": N_("Select how likely the issue is")},
        ),
        Rating(
            "impact",
            N_("Impact (1–4)"),
            options=IMPACT,
            messages={"missing": N_("Select the impact of the issue")},
        ),
        Computed(
            "rating",
            N_("Overall risk rating"),
            compute=product_score("likelihood", "impact"),
            show=show_score,
        ),
        BilingualLongText(
            "evidence",
            N_("Evidence of improvement or failure to improve"),
            required=False,
            example_value="Twelve of fifteen care plans were reviewed in April.",
            example_cy="Adolygwyd deuddeg o’r pymtheg cynllun gofal ym mis Ebrill.",
        ),
        Date("evidence_date", N_("Date of the evidence"), required=False, past=True),
        Choice(
            "progress",
            N_("Progress"),
            options=[
                ("not-started", N_("Not started")),
                ("on-going", N_("On-going")),
                ("completed", N_("Completed")),
            ],
            messages={"missing": N_("Select the progress made")},
        ),
    ],
)


def extensions_complete(values: dict):
    """App H: an extended date keeps the old date, the date of extension and the rationale."""
    for i, row in enumerate(values.get("actions", [])):
        parts = ("original_by_when", "extended_on", "extension_rationale")
        if any(row.get(p) for p in parts):
            for p in parts:
                if not row.get(p):
                    yield Error(
                        f"actions[{i}].{p}",
                        N_(
                            "An extended target date needs the original date, the date of "
                            "extension and the rationale"
                        ),
                    )
            if row.get("original_by_when") and row["by_when"] <= row["original_by_when"]:
                yield Error(
                    f"actions[{i}].by_when",
                    N_("The new target date must be later than the original date"),
                )


def not_closed_while_red(values: dict):
    """App H: if an issue still scores red, the action plan cannot be closed."""
    if values.get("plan_status") != "closed":
        return
    red = [i + 1 for i, r in enumerate(values.get("actions", [])) if r["rating"]["colour"] == "red"]
    if red:
        yield Error(
            "plan_status",
            N_("The plan cannot be closed while an issue is scored red (issue %(rows)s)"),
            {"rows": ", ".join(map(str, red))},
        )


def embargo_in_order(values: dict):
    start, end = values.get("embargo_start"), values.get("embargo_end")
    if start and end and end < start:
        yield Error("embargo_end", N_("The embargo cannot finish before it starts"))


# The printed copy: Appendix I's landscape grid, with Appendix H's words on DA / CA and its
# likelihood x impact matrix (bands from App H, as ``scoring.rag4`` computes them).
PAPER = Paper(
    source=N_("Carmarthenshire — Appendix I"),
    sections={
        "actions": [
            Prose(
                [
                    N_(
                        "When identifying improvements required the meeting should determine "
                        "whether the required improvement actions are either development actions "
                        "(DA) where they are good practice requirements to assist overall "
                        "improvement or corrective actions (CA) where the improvements are "
                        "related to a contractual or regulatory breach in line with the "
                        "Escalating Concerns with, and closures of, Care Homes providing services "
                        "for Adults (WAG May 2009)."
                    ),
                    N_(
                        "In such cases an overall risk rating will be determined by multiplying "
                        "the likelihood of the risk (scale of 1 to 4) by the consequence of the "
                        "risk (scale of 1 to 4)."
                    ),
                    N_(
                        "The colour coding represents the current level of risk rather than the "
                        "progress made against the required improvements."
                    ),
                ]
            )
        ]
    },
    grids={
        "actions": Grid(
            landscape=True,
            columns=[
                Column(N_("Issue of concern"), ["issue"], width=2),
                Column(
                    N_("Improvement required (development or correction action)"),
                    ["improvement", "action_type"],
                    width=2,
                ),
                Column(
                    N_("By when (Note when dates extended)"),
                    ["by_when", "original_by_when", "extended_on", "extension_rationale"],
                    width=1.7,
                ),
                Column(N_("Person Responsible"), ["person_responsible"], width=1.2),
                Column(N_("Likelihood (1 – 4)"), ["likelihood"], number_only=True, width=0.9),
                Column(N_("Impact (1-4)"), ["impact"], number_only=True, width=0.8),
                Column(N_("Overall Risk Rating"), ["rating"], shade=rating_colour),
                Column(
                    N_("Evidence of improvement or failure to improve (date to be noted)"),
                    ["evidence", "evidence_date"],
                    width=2,
                ),
                Column(N_("Progress: Completed/On-going/Not started"), ["progress"], width=1.3),
            ],
        )
    },
    closing=[
        cm_matrix("actions", N_("Issue %(rows)s")),
    ],
)


FORM = FormDefinition(
    id="cm-action-plan",
    title=N_("Action plan"),
    source="CM Appendix I, Appendix H",
    paper=PAPER,
    sections=[
        Section(
            N_("About the plan"),
            [
                Text("provider", N_("Name of provider or organisation")),
                Text(
                    "setting", N_("Name of setting or service"), example_value="Tŷ Gwyn Care Home"
                ),
                Date("started_on", N_("Date action plan started on")),  # may be planned
                Number("version", N_("Version number"), minimum=1, maximum=999),
                Date("last_updated", N_("Last updated on"), past=True),
                Date(
                    "embargo_start",
                    N_("Embargo start date"),
                    required=False,
                    help=N_("If business is suspended during the process."),
                ),
                Date(
                    "embargo_end",
                    N_("Embargo finish date"),
                    required=False,
                    example_value="2026-06-30",
                ),
                Choice(
                    "plan_status",
                    N_("Status of the plan"),
                    options=[("open", N_("Open")), ("closed", N_("Closed"))],
                ),
            ],
        ),
        Section(
            N_("Issues and improvements"),
            [ACTIONS],
            intro=N_(
                "Rate each issue by likelihood and impact; the overall rating is their product. "
                "Red 12–16, amber 8–9, yellow 4–6, green 1–3. The colours show the current "
                "level of risk, not progress."
            ),
        ),
    ],
    rules=[extensions_complete, not_closed_while_red, embargo_in_order],
)
