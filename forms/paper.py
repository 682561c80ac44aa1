"""The paper form's face, declared once beside a form's fields: fixed text, scales, matrices,
grids, completion blocks and the source the printed copy names.

Fields say what is recorded; these say how the paper shows it. They hold msgids only (the seed's
own words, marked ``N_``) and are translated when a document is built, so English and Welsh copies
(and the page) print the same text. Kept apart from ``fields.py`` so field kinds stay small.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Prose:
    """Paragraphs of fixed text under an optional heading (intro, key principles)."""

    paragraphs: list[str]
    title: str | None = None


@dataclass
class Steps:
    """Numbered steps, each in the seed's words (its own "Step 1." included)."""

    items: list[str]
    title: str | None = None


@dataclass
class Note:
    """A note the paper sets apart ("Note. The risk matrix is for guidance only ...")."""

    text: str


@dataclass
class ScaleReference:
    """A rating scale's full descriptor table, printed once as a reference.

    ``rows`` are (rating, description msgid) pairs, so a descriptor longer than the field's option
    label (the seed's four sentences) prints whole."""

    title: str
    heading_rating: str
    heading_description: str
    rows: list[tuple[int, str]] = field(default_factory=list)
    full: str | None = None  # or one msgid "1: ...\n2: ..." (a field's help), split once translated


@dataclass
class RiskMatrix:
    """A likelihood x impact style grid; the cells chosen on this record's rows are marked.

    ``band`` gives a cell's colour name from its two ratings (or None when the source has no
    bands), or a (colour, word msgid) pair when the source names its bands otherwise (BP's 5 x 5:
    ("red", "Extreme")); ``band_source`` says where the bands come from, so no colour is
    invented."""

    title: str
    group: str  # the repeating group whose rows are placed on the grid
    row_field: str  # e.g. likelihood: printed highest first, as the seed does
    column_field: str
    row_labels: list[tuple[int, str]]
    column_labels: list[tuple[int, str]]
    corner: str
    band_source: str
    score: Callable[[int, int], int] | None = None
    band: Callable[[int, int], str | tuple[str, str] | None] | None = None
    row_band_field: str | None = None  # a row's own chosen level, shading its marked cell
    mark_label: str = ""  # msgid with %(rows)s, e.g. "Issue %(rows)s"
    legend: str | None = None


@dataclass
class Column:
    """One column of a grid: its heading (the seed's words) and the fields it shows.

    The first field is the cell; further fields are added only when they hold a value, each
    after its label, so empty optional fields (extension dates) are left out of the row."""

    heading: str
    fields: list[str]
    number_only: bool = False  # a rating shows its number; the scale is printed in full once
    shade: Callable[[object], str | None] | None = None  # colour name from the first value
    width: float = 1.0  # share of the page's width, as the seed's grid gives its columns
    # Top-level fields whose first answered value heads the column in place of ``heading``: a
    # column named from the record (the council, its health board), not from the seed's authors.
    heading_from: list[str] = field(default_factory=list)
    tick: str | None = None  # the cell is a tick when this option is among the first field's


@dataclass
class Grid:
    """A repeating group (or a fixed checklist) printed as the seed's grid: one row per entry."""

    columns: list[Column]
    landscape: bool = False
    item_width: float = 1.5  # a checklist's item column (its fixed text), before the columns
    item_fields: list[str] = field(default_factory=list)  # a checklist's fields under its item


@dataclass
class Completion:
    """The "completed by" block: values of the named fields, then a line to sign on."""

    fields: list[str]
    title: str | None = None
    signature: bool = True


@dataclass
class Paper:
    """Everything the printed copy adds to the form's fields."""

    source: str  # e.g. "Western Bay — Appendix 2" (a msgid)
    opening: list = field(default_factory=list)  # fixed text before the first section
    # member name -> fixed text printed under the heading of the section holding that member,
    # in place of the section's short intro (the paper's fuller words)
    sections: dict[str, list] = field(default_factory=dict)
    grids: dict[str, Grid] = field(default_factory=dict)  # group name -> its grid
    closing: list = field(default_factory=list)  # scales, matrices, completion blocks


def scale_rows(full_text: str) -> list[tuple[int, str]]:
    """Rows from a help text written as "1: ...\\n2: ..." (already translated)."""
    rows = []
    for line in full_text.split("\n"):
        number, _, text = line.partition(":")
        if number.strip().isdigit():
            rows.append((int(number), text.strip()))
    return rows


def rating_colour(value) -> str | None:
    """The colour of a computed score ({"score", "colour"}) or of a chosen level ("red")."""
    if isinstance(value, dict):
        return value.get("colour")
    return value if value in ("red", "amber", "yellow", "green") else None
