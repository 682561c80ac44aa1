"""The Blackpool closure and suspension plans (BP Appendices 5 and 6) share one shape: fixed
actions from the seed, each with a due date, the responsible area (the seed's default), the
designated person and progress. Actions past their due date and not done are marked overdue,
counted from the date the plan was last updated, so a printed copy says the same thing whenever
it is printed."""

from __future__ import annotations

from dataclasses import dataclass, field

from .bilingual import BilingualLongText
from .fields import Checklist, ChecklistItem, Choice, Computed, Date, Text
from .i18n import N_
from .paper import Column, Grid

STATUS = [
    ("not-started", N_("Not started")),
    ("in-progress", N_("In progress")),
    ("done", N_("Done")),
]
OVERDUE = N_("Overdue")
NONE = N_("None")


@dataclass
class SeedText(Text):
    """Text whose default is one of the seed's words (a msgid): shown translated in a Welsh
    copy; anything typed over it is shown as typed."""

    known: frozenset = field(default_factory=frozenset)

    def display(self, value, t):
        return t(value) if value in self.known else super().display(value, t)


def actions(name: str, label: str, items: list[tuple[str, str, str]]) -> Checklist:
    """A list of the seed's actions: (key, action, responsible area)."""
    return Checklist(
        name=name,
        label=label,
        item_heading=N_("Action"),
        items=[ChecklistItem(key, text, defaults={"area": area}) for key, text, area in items],
        fields=[
            Date("due_on", N_("Due Date"), required=False, example_value="2026-04-17"),
            SeedText(
                "area",
                N_("Responsible Area"),
                required=False,
                known=frozenset(area for _, _, area in items if area),
            ),
            Text("person", N_("Designated Person"), required=False, example_value="Siân Hughes"),
            Choice("status", N_("Status"), required=False, options=STATUS),
            BilingualLongText(
                "progress",
                N_("Progress & Notes"),
                required=False,
                example_value="Letter drafted; waiting for approval.",
                example_cy="Llythyr wedi’i ddrafftio; yn aros am gymeradwyaeth.",
            ),
            Computed("overdue", N_("Overdue"), show=lambda v, t: t(OVERDUE) if v else ""),
        ],
    )


def mark_overdue(*lists: str):
    """A compute function for the whole plan: marks each action due before ``updated_on`` and
    not done, and returns how many there are."""

    def compute(values: dict):
        as_of = values.get("updated_on")
        count = 0
        for name in lists:
            for row in values.get(name, []):
                late = bool(as_of and row.get("due_on") and row["due_on"] < as_of)
                if late and row.get("status") != "done":
                    row["overdue"] = True
                    count += 1
                else:
                    row.pop("overdue", None)
        return count

    return compute


def show_overdue(value, t) -> str:
    if not value:
        return t(NONE)
    return str(value)


def example_hook(*lists: str):
    """Example: the seed's own responsible areas; the first action done, the second late."""

    def hook(data: dict) -> None:
        for name in lists:
            for i, row in enumerate(data.get(name, [])):
                row.pop("area", None)
                row["status"] = "done" if i == 0 else "in-progress"
                if i > 1:
                    row.pop("progress", None)
                    row.pop("due_on", None)
        first = data.get(lists[0], [])
        if len(first) > 1:
            first[1]["due_on"] = "2026-02-20"

    return hook


def plan_grid() -> Grid:
    """The seed's columns for a list of actions (Appendices 5 and 6): the action, then its due
    date, responsible area, designated person, progress and notes, and whether it is overdue."""
    return Grid(
        item_width=2.4,
        columns=[
            Column(N_("Due Date"), ["due_on"]),
            Column(N_("Responsible Area"), ["area"], width=1.2),
            Column(N_("Designated Person"), ["person"]),
            Column(N_("Progress & Notes"), ["status", "progress"], width=1.6),
            Column(N_("Overdue"), ["overdue"], width=0.7),
        ],
    )


OVERDUE_INTRO = N_(
    "An action is overdue when its due date is before the date the plan was last "
    "updated and it is not done."
)


def status_fields(*lists: str) -> list:
    """Lead officer, the date the plan was last updated and the overdue count: the last lines of
    the opening section of both BP plans (App 5 and App 6)."""
    return [
        Text("lead", N_("Lead officer"), example_value="Siân Hughes"),
        Date("updated_on", N_("Plan last updated on"), past=True, example_value="2026-03-02"),
        Computed(
            "overdue_count",
            N_("Actions overdue"),
            compute=mark_overdue(*lists),
            show=show_overdue,
        ),
    ]
