"""WB Appendix 5: the Corrective/Developmental Action Plan (CAP/DAP) for a care home, and its
Progress Reporting / Monitoring part.

Progress entries name a plan row by its ref no; the issue and action are carried from the plan
(``progress_report``), never typed twice. A new version of the plan starts from the last one, so
its progress entries (the history) are kept.
"""

from __future__ import annotations

from ..bilingual import BilingualLongText, as_pair
from ..definition import Error, FormDefinition
from ..fields import Choice, Computed, Date, Group, Section, Text
from ..i18n import N_
from ..paper import Column, Grid, Paper, Prose

ACTION_TYPES = [
    ("corrective", N_("Corrective")),
    ("developmental", N_("Developmental")),
]

PLAN = Group(
    name="actions",
    label=N_("Corrective/Developmental Action Plan (CAP/DAP)"),
    row_label=N_("Ref no. %(num)s"),
    min_rows=1,
    fields=[
        Text("ref", N_("Ref no."), max_length=20, example_value="1"),
        BilingualLongText(
            "issue",
            N_("What can / needs be improved on? (Issue)"),
            example_value="Medicines are not always given at the prescribed times.",
            example_cy=(
                "Nid yw meddyginiaethau bob amser yn cael eu rhoi ar yr amseroedd rhagnodedig."
            ),
        ),
        BilingualLongText(
            "why",
            N_("Why is this improvement needed? (Evidence - Ref to risk assessment)"),
            example_value="Risk assessment of 12 January 2026, risk issue 1: three missed doses.",
            example_cy="Asesiad risg 12 Ionawr 2026, mater risg 1: methwyd tri dos.",
        ),
        BilingualLongText(
            "action_by",
            N_("Action to be taken / being taken and by who?"),
            example_value="The manager audits every medicines chart each week.",
            example_cy="Mae’r rheolwr yn archwilio pob siart meddyginiaeth bob wythnos.",
        ),
        Choice(
            "action_type",
            N_("Corrective or Developmental Action?"),
            options=ACTION_TYPES,
            help=N_(
                "Corrective action – where immediate action required to ensure the safety or "
                "service users and/or staff. Indicated where a delay in taking preventative or "
                "remedial action could result in the need for enforcement action and "
                "cancellation of registration.\n"
                "Developmental action – where information indicates a short fall in quality of "
                "service and agencies want to see the service moving forward in specific areas "
                "of quality and practice."
            ),
        ),
        Date("target", N_("Target timescale?"), example_value="2026-04-30"),
    ],
)

PROGRESS = Group(
    name="progress",
    label=N_("Progress Reporting / Monitoring of CAP / DAP"),
    row_label=N_("Progress entry %(num)s"),
    fields=[
        Text(
            "ref",
            N_("Ref no. from DAP"),
            max_length=20,
            help=N_("The ref no. of the plan's row; its issue and action are carried from it."),
            pick_from="actions.ref",
            example_value="1",
        ),
        BilingualLongText(
            "progress",
            N_("Progress with date?"),
            example_value="Weekly audits started; one late dose in four weeks.",
            example_cy="Dechreuodd yr archwiliadau wythnosol; un dos hwyr mewn pedair wythnos.",
        ),
        Date("progress_on", N_("Date of progress"), past=True, example_value="2026-03-02"),
        Date(
            "resolved_on",
            N_("Completed/ Resolved/ Satisfactory with date?"),
            required=False,
            past=True,
            example_value=None,
        ),
    ],
)


def progress_report(values: dict) -> list[dict]:
    """Each plan row with its issue and action (from DAP) and its progress entries by date."""
    report = []
    for row in values.get("actions", []):
        entries = [e for e in values.get("progress", []) if e.get("ref") == row.get("ref")]
        entries.sort(key=lambda e: e.get("progress_on", ""))
        resolved = [e["resolved_on"] for e in entries if e.get("resolved_on")]
        report.append(
            {
                "ref": row.get("ref"),
                "issue": row.get("issue"),
                "action": row.get("action_by"),
                "entries": [[e.get("progress_on"), e.get("progress")] for e in entries],
                "resolved_on": max(resolved) if resolved else None,
            }
        )
    return report


# The progress template's column headings (the seed's words), printed before each carried row.
REF_FROM_DAP = N_("Ref no. from DAP")
ISSUE_FROM_DAP = N_("What can be improved on? (Issue) - from DAP")
ACTION_FROM_DAP = N_("Action to be taken/being taken and by who? - from DAP")
RESOLVED = N_("Completed/ Resolved/ Satisfactory with date?")


def show_report(value, t) -> str:
    """The report in the copy's language: each carried text in that language only."""
    import datetime as dt

    def words(pair):
        return as_pair(pair).get(t.lang) or ""

    def day(iso):
        return t.date(dt.date.fromisoformat(iso)) if iso else ""

    blocks = []
    for row in value or []:
        lines = [
            f"{t(REF_FROM_DAP)}: {row['ref']}",
            f"{t(ISSUE_FROM_DAP)}: {words(row['issue'])}",
            f"{t(ACTION_FROM_DAP)}: {words(row['action'])}",
        ]
        lines += [f"{day(on)}: {words(text)}" for on, text in row["entries"]]
        if row["resolved_on"]:
            lines.append(f"{t(RESOLVED)} {day(row['resolved_on'])}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def agreed_if(kind: str):
    """The plan's agreed date, when it holds a row of this kind (CAP and DAP report apart)."""

    def compute(values: dict):
        kinds = {r.get("action_type") for r in values.get("actions", [])}
        return values.get("agreed_on") if kind in kinds else None

    return compute


def refs_unique(values: dict):
    seen = set()
    for i, row in enumerate(values.get("actions", [])):
        if row.get("ref") in seen:
            yield Error(f"actions[{i}].ref", N_("Each row of the plan needs its own ref no."))
        seen.add(row.get("ref"))


def progress_refers_to_plan(values: dict):
    refs = {r.get("ref") for r in values.get("actions", [])}
    for i, entry in enumerate(values.get("progress", [])):
        if entry.get("ref") not in refs:
            yield Error(
                f"progress[{i}].ref",
                N_("No row of the plan has ref no. %(ref)s"),
                {"ref": entry.get("ref")},
            )
        if entry.get("resolved_on") and entry["resolved_on"] < entry.get("progress_on", ""):
            yield Error(
                f"progress[{i}].resolved_on",
                N_("The date resolved cannot be before the date of progress"),
            )


def _example(data: dict) -> None:
    """Example: the first progress entry, nothing resolved yet."""
    data["progress"][0].pop("resolved_on", None)


# The printed copy: Appendix 5's plan and progress grids (landscape), with the seed's definitions
# of corrective and developmental action under the plan.
PAPER = Paper(
    source=N_("Western Bay — Appendix 5"),
    opening=[
        Prose(
            [N_("Action Planning and Monitoring Templates")],
            title=N_(
                "IMPLEMENTATION OF STATUTORY GUIDANCE ON ESCALATING CONCERNS WITH, AND CLOSURES "
                "OF, CARE HOMES PROVIDING SERVICES TO ADULTS"
            ),
        )
    ],
    grids={
        "actions": Grid(
            landscape=True,
            columns=[
                Column(N_("Ref no."), ["ref"], width=0.6),
                Column(N_("What can / needs be improved on? (Issue)"), ["issue"], width=2),
                Column(
                    N_("Why is this improvement needed? (Evidence - Ref to risk assessment)"),
                    ["why"],
                    width=2,
                ),
                Column(N_("Action to be taken / being taken and by who?"), ["action_by"], width=2),
                Column(N_("Corrective or Developmental Action?*"), ["action_type"], width=1.2),
                Column(N_("Target timescale?"), ["target"], width=1),
            ],
        ),
        "progress": Grid(
            columns=[
                Column(N_("Ref no. from DAP"), ["ref"], width=0.6),
                Column(N_("Progress with date?"), ["progress", "progress_on"], width=3),
                Column(N_("Completed/ Resolved/ Satisfactory with date?"), ["resolved_on"]),
            ],
        ),
    },
)


FORM = FormDefinition(
    id="wb-cap-dap",
    title=N_("Corrective/Developmental Action Plan (CAP/DAP)"),
    source="WB Appendix 5",
    paper=PAPER,
    sections=[
        Section(
            N_("About the plan"),
            [
                Text("home_name", N_("Care Home"), example_value="Tŷ Gwyn Care Home"),
                Text("provider", N_("Name of provider"), example_value="Gofal Da Cyf"),
                Date(
                    "risk_assessment_on",
                    N_("Date of the risk assessment this plan answers"),
                    required=False,
                    past=True,
                    help=N_("The risk assessment (WB Appendix 2) of the case; its date completed."),
                    example_value="2026-01-12",
                ),
                Date("agreed_on", N_("Date the plan was agreed"), past=True),
            ],
        ),
        Section(N_("Action plan"), [PLAN]),
        Section(
            N_("Monitoring"),
            [
                BilingualLongText(
                    "monitoring",
                    N_("How will the Action Plan be monitored?"),
                    example_value="Monthly visits by the contracting officer; audits sent weekly.",
                    example_cy=(
                        "Ymweliadau misol gan y swyddog contractau; anfonir archwiliadau bob "
                        "wythnos."
                    ),
                ),
                BilingualLongText(
                    "outcome",
                    N_("What is satisfactory level of service and / or outcome?"),
                    example_value="No missed medicines for three months running.",
                    example_cy="Dim meddyginiaeth wedi’i methu am dri mis yn olynol.",
                ),
            ],
        ),
        Section(
            N_("Progress Reporting / Monitoring of CAP / DAP template"),
            [
                PROGRESS,
                Computed(
                    "progress_report",
                    N_("Progress by ref no."),
                    compute=progress_report,
                    show=show_report,
                ),
            ],
        ),
        Section(
            N_("Dates for the case"),
            [
                Computed("cap_agreed_on", N_("CAP agreed on"), compute=agreed_if("corrective")),
                Computed("dap_agreed_on", N_("DAP agreed on"), compute=agreed_if("developmental")),
            ],
        ),
    ],
    rules=[refs_unique, progress_refers_to_plan],
    key_dates={"cap_agreed_on": "cap_agreed", "dap_agreed_on": "dap_agreed"},
)
FORM.example_hook = _example
# The case page links the plan to the risk assessment it answers: the final one of that date.
FORM.answers = ("risk_assessment_on", "wb-risk-assessment", "completed_on")
