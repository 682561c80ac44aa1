"""A form's paper declarations (``forms.paper``) -> document model blocks, in one language.

Kept apart from ``build.py`` so the plain label/value path stays short; both renderers then lay
the blocks out, so Word and PDF print the same fixed text, scales, matrices and grids.
"""

from __future__ import annotations

from forms.fields import Field, Group, Rating
from forms.i18n import N_, Translator
from forms.paper import (
    Completion,
    Grid,
    Note,
    Prose,
    RiskMatrix,
    ScaleReference,
    Steps,
    scale_rows,
)

from .model import Heading, Matrix, NumberedList, Paragraph, Signature, Table

COLOURS = ("red", "amber", "yellow", "green")


def fixed_blocks(items: list, values: dict, defn, t: Translator, level: int = 2) -> list:
    out: list = []
    for item in items:
        if isinstance(item, Prose):
            if item.title:
                out.append(Heading(t(item.title), level=level))
            out.extend(Paragraph(t(p)) for p in item.paragraphs)
        elif isinstance(item, Steps):
            if item.title:
                out.append(Heading(t(item.title), level=level))
            out.append(NumberedList([t(s) for s in item.items]))
        elif isinstance(item, Note):
            out.append(Paragraph(t(item.text), style="note"))
        elif isinstance(item, ScaleReference):
            out.extend(scale_blocks(item, t, level))
        elif isinstance(item, RiskMatrix):
            out.extend(matrix_blocks(item, values, defn, t, level))
        elif isinstance(item, Completion):
            out.extend(completion_blocks(item, values, defn, t, level))
        else:
            raise TypeError(f"no paper layout for {type(item).__name__}")
    return out


def scale_blocks(s: ScaleReference, t: Translator, level: int) -> list:
    rows = scale_rows(t(s.full)) if s.full else [(n, t(text)) for n, text in s.rows]
    return [
        Heading(t(s.title), level=level),
        Table(
            headers=[t(s.heading_rating), t(s.heading_description)],
            rows=[[str(n), text] for n, text in rows],
            numbered=True,
        ),
    ]


def matrix_blocks(m: RiskMatrix, values: dict, defn, t: Translator, level: int) -> list:
    rows_desc = sorted(m.row_labels, key=lambda r: -r[0])  # highest first, as the seed prints
    chosen: dict[tuple[int, int], list[int]] = {}
    levels: dict[tuple[int, int], list[str]] = {}
    for n, row in enumerate(values.get(m.group, []), start=1):
        a, b = row.get(m.row_field), row.get(m.column_field)
        if a is None or b is None:
            continue
        chosen.setdefault((int(a), int(b)), []).append(n)
        if m.row_band_field and row.get(m.row_band_field) in COLOURS:
            levels.setdefault((int(a), int(b)), []).append(row[m.row_band_field])
    cells, fills, marked = [], {}, {}
    for r, (a, _) in enumerate(rows_desc):
        line = []
        for c, (b, _) in enumerate(m.column_labels):
            band = m.band(a, b) if m.band else None
            if (a, b) in levels:  # the row's own chosen level (the seed gives no bands)
                band = min(levels[a, b], key=COLOURS.index)
            colour, word = band if isinstance(band, tuple) else (band, COLOUR_WORDS.get(band))
            words = [str(m.score(a, b))] if m.score else []
            if colour:
                fills[r, c] = colour
                words.append(t(word))
            if (a, b) in chosen:
                mark = t(m.mark_label, rows=", ".join(map(str, chosen[a, b])))
                marked[r, c] = mark
                words.append(mark)
            line.append("\n".join(words))
        cells.append(line)
    blocks = [
        Heading(t(m.title), level=level),
        Matrix(
            corner=t(m.corner),
            columns=[_scale_label(b, label, t) for b, label in m.column_labels],
            rows=[_scale_label(a, label, t) for a, label in rows_desc],
            cells=cells,
            fills=fills,
            marked=marked,
        ),
    ]
    if m.legend:
        blocks.append(Paragraph(t(m.legend), style="small"))
    return blocks


def _scale_label(n: int, label: str, t: Translator) -> str:
    return f"{n}. {t(label)}" if label else str(n)


COLOUR_WORDS = {
    "red": N_("Red"),
    "amber": N_("Amber"),
    "yellow": N_("Yellow"),
    "green": N_("Green"),
}


def completion_blocks(c: Completion, values: dict, defn, t: Translator, level: int) -> list:
    rows = []
    for name in c.fields:
        f = defn.member(name)
        rows.append((t(f.label), f.display(values.get(name), t)))
    blocks = [Heading(t(c.title), level=level)] if c.title else []
    sign = t(N_("Signature")) if c.signature else ""
    return [*blocks, Signature(rows=rows, sign_label=sign)]


TICK = "✓"


def _heading(col, values: dict, defn, t: Translator) -> str:
    """The column's heading: the first of its record fields that is answered, else the seed's."""
    for name in col.heading_from:
        if defn is not None and values.get(name) not in (None, "", []):
            return defn.member(name).display(values[name], t)
    return t(col.heading)


def _cell(col, fields: dict[str, Field], row: dict, t: Translator) -> str:
    first = fields[col.fields[0]]
    value = row.get(first.name)
    if col.tick is not None:
        return TICK if col.tick in (value or []) else ""
    if col.number_only and isinstance(first, Rating):
        text = "" if value is None else str(value)
    else:
        text = first.display(value, t)
    extras = [
        f"{t(fields[name].label)}: {fields[name].display(row[name], t)}"
        for name in col.fields[1:]
        if row.get(name) not in (None, "", [])
    ]
    return "\n".join([text, *extras]) if extras else text


def grid_table(
    grid: Grid, group: Group, rows: list[dict], t: Translator, values=None, defn=None
) -> Table:
    """``values`` and ``defn`` (the whole record) name the columns headed from its answers."""
    fields = {f.name: f for f in group.fields}
    cells, fills = [], {}
    for r, row in enumerate(rows):
        line = []
        for c, col in enumerate(grid.columns):
            line.append(_cell(col, fields, row, t))
            colour = col.shade(row.get(col.fields[0])) if col.shade else None
            if colour:
                fills[r, c] = colour
        cells.append(line)
    return Table(
        headers=[_heading(col, values or {}, defn, t) for col in grid.columns],
        rows=cells,
        fills=fills,
        widths=[col.width for col in grid.columns],
    )


def checklist_grid(
    grid: Grid, checklist, rows: list[dict], t: Translator, values=None, defn=None
) -> Table:
    """A fixed checklist printed as the seed's grid: its numbered items, then the grid's columns
    (the BP Appendix 2 domains with their landscape columns and shaded gradings)."""
    by_key = {r.get("key"): r for r in rows}
    rows = [by_key.get(i.key, {}) for i in checklist.items]
    body = grid_table(grid, checklist, rows, t, values, defn)
    fields = {f.name: f for f in checklist.fields}
    under = [fields[name] for name in grid.item_fields]  # printed under each item's text
    heading = "\n".join(t(h) for h in [checklist.item_heading, *(f.label for f in under)])
    body.headers = ["#", heading, *body.headers]
    body.rows = [
        [
            str(n),
            "\n".join(
                [t(item.text), *(f.display(row.get(f.name), t) for f in under if row.get(f.name))]
            ),
            *cells,
        ]
        for n, (item, row, cells) in enumerate(
            zip(checklist.items, rows, body.rows, strict=True), start=1
        )
    ]
    body.fills = {(r, c + 2): colour for (r, c), colour in body.fills.items()}
    body.widths = [0.35, grid.item_width, *body.widths]
    body.numbered = True
    return body
