"""JSON Schema and a complete example, both read off the definition."""

from __future__ import annotations

from .fields import Checklist, Computed, Field, Group


def _props(fields: list[Field]) -> tuple[dict, list[str]]:
    props, required = {}, []
    for f in fields:
        s = dict(f.schema())
        s["title"] = str(f.label)
        if f.help:
            s["description"] = str(f.help)
        if f.required and not isinstance(f, Computed):
            required.append(f.name)
        props[f.name] = s
    return props, required


def json_schema(defn) -> dict:
    props: dict = {}
    for m in defn.members():
        if isinstance(m, Group):
            row_props, row_req = _props(m.fields)
            props[m.name] = {
                "title": str(m.label),
                "type": "array",
                "minItems": m.min_rows,
                "maxItems": m.max_rows,
                "items": {"type": "object", "properties": row_props, "required": row_req},
            }
        elif isinstance(m, Checklist):
            row_props, _ = _props(m.fields)
            row_props["key"] = {"enum": [i.key for i in m.items]}
            props[m.name] = {
                "title": str(m.label),
                "type": "array",
                "items": {"type": "object", "properties": row_props, "required": ["key"]},
            }
        else:
            props.update(_props([m])[0])
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:dogfen:form:{defn.id}",
        "title": str(defn.title),
        "type": "object",
        "properties": props,
        "required": [m.name for m in defn.members() if getattr(m, "required", True)],
    }


def _example_row(fields: list[Field], n: int) -> dict:
    row = {}
    for f in fields:
        if isinstance(f, Computed):
            continue
        value = f.example()
        if isinstance(value, str) and f.kind in ("text", "longtext") and n:
            value = f"{value} {n + 1}"
        row[f.name] = value
    return row


def example(defn) -> dict:
    """A complete, valid example (run through validation so computed values are filled)."""
    data: dict = {}
    for m in defn.members():
        if isinstance(m, Group):
            data[m.name] = [_example_row(m.fields, i) for i in range(m.example_rows())]
        elif isinstance(m, Checklist):
            data[m.name] = [{"key": i.key, **_example_row(m.fields, 0)} for i in m.items]
        elif not isinstance(m, Computed):
            data[m.name] = m.example()
    hook = getattr(defn, "example_hook", None)
    if hook:
        hook(data)
    values, _ = defn.validate(data, level="draft")
    return values
