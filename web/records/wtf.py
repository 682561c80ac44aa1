"""A WTForms class built from a form definition, and the conversions between its data and the
JSON a record stores.

WTForms here parses the request, carries CSRF and gives each input its name and id; the rules
and messages are the definition's own (``FormDefinition.validate``), shared with the CLI and
spreadsheet import, so every field is a plain string/choice field without WTForms validators.
"""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import Form as BaseForm
from wtforms import (
    FormField,
    HiddenField,
    RadioField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.widgets import CheckboxInput, ListWidget

from forms.bilingual import PARTS, as_pair, is_translatable
from forms.fields import (
    Checklist,
    Choice,
    Computed,
    Date,
    DateList,
    Field,
    Group,
    LongText,
    MultiChoice,
    Number,
)
from forms.limits import within_limits

from .dateinput import DateListField
from .wtf_fields import SAFE, DatePartsField, PairField, RowList, pair_form


def _wtf_field(f: Field):
    if is_translatable(f):
        return PairField(pair_form(isinstance(f, LongText)), label=str(f.label))
    if isinstance(f, MultiChoice):
        return SelectMultipleField(
            str(f.label),
            choices=[(str(k), str(k)) for k, _ in f.options],
            widget=ListWidget(prefix_label=False),
            option_widget=CheckboxInput(),
            validate_choice=False,
            filters=SAFE,
        )
    if isinstance(f, Choice):
        return RadioField(
            str(f.label),
            choices=[(str(k), str(k)) for k, _ in f.options],
            validate_choice=False,
            filters=SAFE,
        )
    if isinstance(f, DateList):
        return DateListField(str(f.label))
    if isinstance(f, Date):
        return DatePartsField(str(f.label), filters=SAFE)
    if isinstance(f, LongText):
        return TextAreaField(str(f.label), filters=SAFE)
    if isinstance(f, Number):
        return StringField(str(f.label), render_kw={"inputmode": "numeric"}, filters=SAFE)
    return StringField(str(f.label), filters=SAFE)


def _row_form(fields: list[Field], with_key: bool = False) -> type[BaseForm]:
    attrs = {f.name: _wtf_field(f) for f in fields if not isinstance(f, Computed)}
    if with_key:
        attrs["key"] = HiddenField(filters=SAFE)
    return type("RowForm", (BaseForm,), attrs)


_CLASSES: dict[tuple[str, str], type[FlaskForm]] = {}


def form_class(defn) -> type[FlaskForm]:
    """One class per definition, made on first use (definitions are fixed while running)."""
    key = (getattr(defn, "kind", "form"), defn.id)
    if key not in _CLASSES:
        _CLASSES[key] = _build_class(defn)
    return _CLASSES[key]


RESERVED = set(dir(FlaskForm)) | {"csrf_token", "action"}


def _build_class(defn) -> type[FlaskForm]:
    names = {m.name for m in defn.members()}
    names |= {f.name for m in defn.members() for f in getattr(m, "fields", [])}
    clash = names & RESERVED
    if clash:
        raise ValueError(f"{defn.id}: field names {sorted(clash)} are reserved by WTForms")
    attrs = {}
    for m in defn.members():
        if isinstance(m, Group):
            attrs[m.name] = RowList(FormField(_row_form(m.fields)), limit=m.max_rows)
        elif isinstance(m, Checklist):
            row = FormField(_row_form(m.fields, with_key=True))
            attrs[m.name] = RowList(row, limit=len(m.items))
        elif not isinstance(m, Computed):
            attrs[m.name] = _wtf_field(m)
    return type(f"Form_{defn.id.replace('-', '_')}", (FlaskForm,), attrs)


def _as_form_value(value):
    if value is None:
        return ""
    if isinstance(value, list):
        return [str(v) for v in value]
    return str(value)


def _field_value(f, value):
    if is_translatable(f):  # a single stored string shows as the English, asking for the Welsh
        pair = as_pair(value)
        return {code: _as_form_value(pair.get(code)) for code in PARTS}
    return _as_form_value(value)


def _row_to_form(fields, row: dict) -> dict:
    return {f.name: _field_value(f, row.get(f.name)) for f in fields if not isinstance(f, Computed)}


def to_form_data(defn, raw: dict) -> dict:
    """Stored data -> the strings WTForms shows (checklists get one row per fixed item)."""
    data = {}
    for m in defn.members():
        value = raw.get(m.name)
        if isinstance(m, Group):
            rows = value[: m.max_rows] if isinstance(value, list) else []  # stored before limits
            data[m.name] = [_row_to_form(m.fields, r) for r in rows if isinstance(r, dict)]
        elif isinstance(m, Checklist):
            by_key = {r.get("key"): r for r in (value or []) if isinstance(r, dict)}
            data[m.name] = [
                {
                    "key": item.key,
                    **_row_to_form(m.fields, {**item.defaults, **by_key.get(item.key, {})}),
                }
                for item in m.items
            ]
        elif not isinstance(m, Computed):
            data[m.name] = _field_value(m, value)
    return data


def _clean(value):
    if isinstance(value, str):
        return value.replace("\r\n", "\n")
    if isinstance(value, dict):  # a translatable answer's pair
        return {k: _clean(v) for k, v in value.items() if k in PARTS and v is not None}
    return value


def from_form(defn, form: FlaskForm) -> dict:
    """Submitted form -> raw data as typed (kept as a draft even when not yet valid)."""
    raw = {}
    for m in defn.members():
        if isinstance(m, Computed):
            continue
        value = form[m.name].data
        if isinstance(m, Group | Checklist):
            raw[m.name] = [{k: _clean(v) for k, v in row.items()} for row in value]
        else:
            raw[m.name] = _clean(value)
    return raw


def read_form(defn, form: FlaskForm, previous: dict | None) -> tuple[dict, dict, list]:
    """(as typed, what to save, limit errors): the draft keeps its last saved value wherever an
    answer is over its limit, and every other answer is saved."""
    raw = from_form(defn, form)
    overflow = {
        m.name for m in defn.members() if getattr(form._fields.get(m.name), "overflow", False)
    }
    saved, errors = within_limits(defn, raw, previous, overflow)
    return raw, saved, errors


def make_form(defn, raw: dict | None = None, formdata=None) -> FlaskForm:
    cls = form_class(defn)
    if formdata is not None:
        return cls(formdata=formdata)
    return cls(formdata=None, data=to_form_data(defn, raw or {}))


def attach_errors(form: FlaskForm, errors: list, t) -> None:
    """Put each definition error beside its input: paths like ``actions[2].impact``."""
    for err in errors:
        field = field_for_path(form, err.path)
        if isinstance(field, FormField):  # a whole pair: the message goes by the Welsh input
            field = field.form[PARTS[0]]
        if field is not None:
            field.errors = [*list(field.errors or []), err.text(t)]


def field_for_path(form, path: str):
    name, _, rest = path.partition("[")
    if "[" not in path and "." in path:
        name, _, rest = path.partition(".")
    if name not in form:
        return None
    field = form[name]
    if not rest:
        return field
    if rest.startswith(PARTS) and isinstance(field, FormField):  # ``reason.cy``
        return field.form[rest[:2]]
    index, _, sub = rest.partition("].")
    try:
        row = field.entries[int(index)].form
        sub, _, part = sub.partition(".")
        return row[sub].form[part] if part else row[sub]
    except (AttributeError, IndexError, KeyError, ValueError):
        return field


def input_id(path: str) -> str:
    """The id WTForms gives the input at ``path``: ``actions[2].impact`` -> ``actions-2-impact``,
    ``reason.cy`` -> ``reason-cy``."""
    return path.replace("[", "-").replace("].", "-").replace("]", "").replace(".", "-")


_ROW_CLASSES: dict[tuple[str, str, str], type[FlaskForm]] = {}


def row_form_class(defn, group: Group) -> type[FlaskForm]:
    """The inputs of one repeating row on its own page (with CSRF), named as the row's fields."""
    key = (getattr(defn, "kind", "form"), defn.id, group.name)
    if key not in _ROW_CLASSES:
        attrs = dict(vars(_row_form(group.fields)))
        attrs = {k: v for k, v in attrs.items() if k in {f.name for f in group.fields}}
        name = f"Row_{defn.id.replace('-', '_')}_{group.name}"
        _ROW_CLASSES[key] = type(name, (FlaskForm,), attrs)
    return _ROW_CLASSES[key]


def make_row_form(defn, group: Group, row: dict | None = None, formdata=None) -> FlaskForm:
    cls = row_form_class(defn, group)
    if formdata is not None:
        return cls(formdata=formdata)
    return cls(formdata=None, data=_row_to_form(group.fields, row or {}))


def row_from_form(group: Group, form: FlaskForm) -> dict:
    """The row as typed (kept as a draft even when not yet valid)."""
    names = [f.name for f in group.fields if not isinstance(f, Computed)]
    return {name: _clean(form[name].data) for name in names}
