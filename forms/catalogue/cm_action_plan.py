"""CM Appendix I action plan, with the Appendix H rules on extended dates and closing."""

from __future__ import annotations

from ..bilingual import BilingualLongText
from ..definition import Error, FormDefinition
from ..fields import Choice, Computed, Date, Group, Number, Rating, Section, Text, scale
from ..i18n import N_
from ..scoring import product_score, show_score

LIKELIHOOD = scale([N_("Unlikely"), N_("Possible"), N_("Likely"), N_("Almost certain")])
IMPACT = scale([N_("Insignificant"), N_("Minor"), N_("Moderate"), N_("Major")])

ACTIONS = Group(
    name="actions",
    label=N_("Issues and improvements"),
    row_label=N_("Issue %(num)s"),
    min_rows=1,
    fields=[
        BilingualLongText(
            "issue",
            N_("Issue of concern"),
            example_value="Care plans are not reviewed every month, as the contract requires.",
            example_cy=(
                "Nid yw cynlluniau gofal yn cael eu hadolygu bob mis, fel y "
                "mae’r contract yn ei gwneud yn ofynnol."
            ),
        ),
        BilingualLongText(
            "improvement",
            N_("Improvement required"),
            example_value="Review every care plan with the resident and record the review.",
            example_cy="Adolygu pob cynllun gofal gyda’r preswylydd a chofnodi’r adolygiad.",
        ),
        Choice(
            "action_type",
            N_("Type of action"),
            help=N_(
                "Development action (DA): good practice to help overall improvement. "
                "Corrective action (CA): a contractual or regulatory breach."
            ),
            options=[("DA", N_("Development action (DA)")), ("CA", N_("Corrective action (CA)"))],
        ),
        Date("by_when", N_("By when"), example_value="2026-05-29"),
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
        Text("person_responsible", N_("Person responsible"), example_value="Siân Hughes"),
        Rating("likelihood", N_("Likelihood (1–4)"), options=LIKELIHOOD),
        Rating("impact", N_("Impact (1–4)"), options=IMPACT),
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


FORM = FormDefinition(
    id="cm-action-plan",
    title=N_("Action plan"),
    source="CM Appendix I, Appendix H",
    sections=[
        Section(
            N_("About the plan"),
            [
                Text("provider", N_("Name of provider or organisation")),
                Text(
                    "setting", N_("Name of setting or service"), example_value="Tŷ Gwyn Care Home"
                ),
                Date("started_on", N_("Date action plan started on"), past=True),
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
