"""Turn a spreadsheet cell into what the web form would have received for the same answer.

The field's own ``parse`` then cleans it, so a spreadsheet and the web page obey the same rules.
Here only spreadsheet habits are undone: Excel dates and numbers, option labels in either
language for stored values, Y/N for yes/no, and the ``'`` our export puts before formula-like text.
"""

from __future__ import annotations

import datetime as dt
import re

from ..fields import Choice, Date, Field, MultiChoice, YesNo
from ..i18n import Translator
from ..xmltext import xml_safe
from .headers import key, variants

FORMULA_START = ("=", "+", "-", "@")
ISO_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")
YES = {"y", "yes", "true", "1", "ie", "oes", "do", "ydy", "ydw", "ydi", "iawn"}
NO = {"n", "no", "false", "0", "na", "nacoes", "naddo", "nacydy", "nacydw", "nacydi"}


def plain(cell) -> object:
    """A cell as text, or as a date for a date; formulas are text and are never evaluated."""
    if cell is None:
        return None
    text = getattr(cell, "text", None)  # openpyxl ArrayFormula / DataTableFormula: the formula
    if isinstance(text, str):
        return xml_safe(text)
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"  # as Excel shows it; a yes/no field reads it
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() else repr(cell)
    if isinstance(cell, str):
        cell = xml_safe(cell)  # Excel's _x000B_ line breaks and stray controls
        if cell[:1] == "'" and cell[1:2] in FORMULA_START:
            return cell[1:]  # neutralised by export_csv: give back the text as typed
        return cell
    return str(cell)


def options_index(f: Choice, langs=("en", "cy")) -> dict[str, object]:
    """Answer key -> stored value: the stored value itself, then its label in each language."""
    index: dict[str, object] = {}
    for value, _ in f.options:
        index.setdefault(key(value), value)
    for lang in langs:
        t = Translator(lang)
        for value, label in f.options:
            for k in variants(t(label)):
                index.setdefault(k, value)
    for text, value in getattr(f, "aliases", {}).items():
        index.setdefault(key(text), value)
    if isinstance(f, YesNo):
        for word in YES:
            index.setdefault(word, "yes")
        for word in NO:
            index.setdefault(word, "no")
    index.pop("", None)
    return index


def _option(text: str, index: dict):
    for k in variants(text):
        if k in index:
            return index[k]
    number = re.match(r"^\s*(\d+)\s*[–—-]", text)  # a rating shown as "3 – Likely"
    if number and key(number.group(1)) in index:
        return index[key(number.group(1))]
    return text  # left for the field to refuse with its own message


def raw_value(f: Field, cell, options: dict | None):
    """The value to give ``f.parse`` for this cell."""
    value = plain(cell)
    if isinstance(value, dt.date) and not isinstance(f, Date):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip():
        return value
    if isinstance(f, Date):
        found = ISO_DATETIME.match(value.strip())
        return found.group(1) if found else value
    if isinstance(f, MultiChoice):
        items = [i for i in re.split(r"[;\n]", value) if i.strip()]
        return [_option(i, options) for i in items]
    if isinstance(f, Choice):
        return _option(value, options)
    return value
