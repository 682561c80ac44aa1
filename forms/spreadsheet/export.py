"""Write a group's rows as CSV that Excel opens safely and that ``import_rows`` reads back.

Text starting with = + - @ (or a tab or carriage return) would run as a formula in Excel, so it is
written with a leading ``'`` (OWASP "CSV injection"); the importer removes that mark again.
"""

from __future__ import annotations

import csv
import io

from ..bilingual import PARTS, as_pair, is_translatable
from ..fields import Choice, Computed, Group
from ..i18n import Translator
from .cells import FORMULA_START
from .headers import part_name

DANGEROUS_START = (*FORMULA_START, "\t", "\r")


def neutralise(text: str) -> str:
    return "'" + text if text.startswith(DANGEROUS_START) else text


def _heading(label, lang: str) -> str:
    if lang == "both":  # Welsh first (Welsh Language Standards)
        return f"{Translator('cy')(label)} / {Translator('en')(label)}"
    return Translator(lang)(label)


def _columns(fields, lang: str) -> list[tuple]:
    """(field, part, heading): an answer typed in both languages has a column for each half,
    Welsh first, as ``import_rows`` reads them back."""
    out = []
    for f in fields:
        if not is_translatable(f):
            out.append((f, None, _heading(f.label, lang)))
            continue
        for code in PARTS:
            if lang == "both":
                heading = " / ".join(
                    f"{Translator(lg)(f.label)} ({part_name(code, lg)})" for lg in ("cy", "en")
                )
            else:
                heading = f"{Translator(lang)(f.label)} ({part_name(code, lang)})"
            out.append((f, code, heading))
    return out


def _cell(f, value, t) -> str:
    if value is None or value == [] or value == "":
        return ""
    if isinstance(f, (Choice, Computed)):
        return f.display(value, t)
    return str(value)


def export_csv(defn, group_name: str, rows: list[dict], lang: str = "en", bom: bool = True) -> str:
    """CSV text of ``rows`` of the group, headings and answers in ``lang`` (en, cy, or both:
    bilingual headings, Welsh answers). ``bom`` starts it with a byte-order mark so Excel reads
    it as UTF-8 (ŵ, ŷ); encode the result as UTF-8."""
    group = next((m for m in defn.members() if m.name == group_name), None)
    if not isinstance(group, Group):
        raise ValueError(f"{defn.id} has no repeating group {group_name!r}")
    t = Translator("cy" if lang == "both" else lang)
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    columns = _columns(group.fields, lang)
    writer.writerow([heading for _, _, heading in columns])
    for row in rows:
        writer.writerow(
            [
                neutralise(
                    _cell(f, as_pair(row.get(f.name)).get(part), t)
                    if part
                    else _cell(f, row.get(f.name), t)
                )
                for f, part, _ in columns
            ]
        )
    return ("\ufeff" if bom else "") + out.getvalue()
