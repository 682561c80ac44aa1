"""Helpers for tests: flatten example data to form posts and find the text a value must show."""

from __future__ import annotations

from forms.fields import Checklist, Computed, Group, LongText, Text


def form_post(defn, values: dict) -> dict:
    """A definition's data as the browser would post it (WTForms names)."""
    data: dict = {}
    for m in defn.members():
        value = values.get(m.name)
        if isinstance(m, Group | Checklist):
            for i, row in enumerate(value or []):
                for k, v in row.items():
                    if isinstance(v, dict):  # a translatable answer: one input per language
                        data.update({f"{m.name}-{i}-{k}-{c}": t for c, t in v.items()})
                        continue
                    data[f"{m.name}-{i}-{k}"] = [str(x) for x in v] if isinstance(v, list) else v
        elif isinstance(value, dict):
            data.update({f"{m.name}-{c}": t for c, t in value.items()})
        elif not isinstance(m, Computed) and value is not None:
            data[m.name] = [str(x) for x in value] if isinstance(value, list) else value
    return data


def free_text_values(defn, values: dict):
    """(field, value) for every typed text value: each must reach the documents unchanged."""
    for m in defn.members():
        value = values.get(m.name)
        if isinstance(m, Group | Checklist):
            for row in value or []:
                for f in m.fields:
                    if isinstance(f, Text | LongText) and row.get(f.name):
                        yield f, row[f.name]
        elif isinstance(m, Text | LongText) and value:
            yield m, value


def bare(text: str) -> str:
    """Text without any white space: a PDF wraps lines where Word does not."""
    return "".join(text.split())
