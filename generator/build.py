"""Form definition + cleaned values + language -> document model.

Everything language-specific (labels, answers, dates) is decided here through the Translator,
so the two renderers only lay text out.
"""

from __future__ import annotations

from forms.bilingual import missing_languages
from forms.definition import FormDefinition
from forms.fields import Checklist, Field, Group, Section
from forms.i18n import N_, Translator

from .model import Document, FieldRows, Heading, Paragraph, Part, Table
from .xmlsafe import safe_document

LANG_PARTS = {"en": ("en",), "cy": ("cy",), "both": ("cy", "en")}  # Welsh is read first


class MissingTextError(ValueError):
    """A translatable answer lacks the text in a language the copy prints (``errors``)."""

    def __init__(self, errors):
        self.errors = errors
        t = Translator("en")
        super().__init__("; ".join(e.text(t) for e in errors))


def parts_for(lang: str) -> tuple[str, ...]:
    try:
        return LANG_PARTS[lang]
    except KeyError:
        raise ValueError(f"language must be one of {', '.join(LANG_PARTS)}") from None


def _rows(fields: list[Field], values: dict, t: Translator) -> list[tuple[str, str]]:
    return [(t(f.label), f.display(values.get(f.name), t)) for f in fields]


def _group_blocks(g: Group, rows: list[dict], t: Translator) -> list:
    if not rows:
        return [Paragraph(t(N_("None recorded.")))]
    if g.layout == "table":
        return [
            Table(
                headers=[t(f.label) for f in g.fields],
                rows=[[f.display(r.get(f.name), t) for f in g.fields] for r in rows],
            )
        ]
    blocks: list = []
    for i, row in enumerate(rows, start=1):
        blocks.append(Heading(t(g.row_label, num=i), level=3))
        blocks.append(FieldRows(_rows(g.fields, row, t)))
    return blocks


def _checklist_blocks(c: Checklist, rows: list[dict], t: Translator) -> list:
    by_key = {r["key"]: r for r in rows}
    return [
        Table(
            headers=["#", t(c.item_heading), *(t(f.label) for f in c.fields)],
            rows=[
                [
                    str(n),
                    t(item.text),
                    *(f.display(by_key.get(item.key, {}).get(f.name), t) for f in c.fields),
                ]
                for n, item in enumerate(c.items, start=1)
            ],
            numbered=True,
        )
    ]


def _section_blocks(section: Section, values: dict, t: Translator) -> list:
    blocks: list = [Heading(t(section.title))]
    plain: list[Field] = []

    def flush():
        if plain:
            blocks.append(FieldRows(_rows(plain, values, t)))
            plain.clear()

    for m in section.members:
        if isinstance(m, Group):
            flush()
            blocks.extend(_group_blocks(m, values.get(m.name, []), t))
        elif isinstance(m, Checklist):
            flush()
            blocks.extend(_checklist_blocks(m, values.get(m.name, []), t))
        else:
            plain.append(m)
    flush()
    return blocks


def build_part(defn: FormDefinition, values: dict, lang: str, footer_rows=None) -> Part:
    t = Translator(lang)
    part = Part(lang=lang, title=t(defn.title), notice=t(defn.notice) if defn.notice else None)
    for section in defn.sections:
        part.blocks.extend(_section_blocks(section, values, t))
    if footer_rows:
        part.blocks.append(Heading(t(N_("Document details"))))
        part.blocks.append(FieldRows([(t(label), value(t)) for label, value in footer_rows]))
    return part


def build_form(defn: FormDefinition, values: dict, lang: str, footer_rows=None) -> Document:
    """The document for a form. ``footer_rows`` are (msgid, fn(t) -> text) pairs about the record
    (status, who finalised it, when) that belong to the copy, not to the form's data.
    A copy is never made with another language's text standing in for a missing one."""
    missing = missing_languages(defn, values, lang)
    if missing:
        raise MissingTextError(missing)
    parts = [build_part(defn, values, code, footer_rows) for code in parts_for(lang)]
    subject = values.get("provider") or values.get("care_home") or values.get("home") or ""
    return safe_document(Document(parts=parts, lang=lang, subject=str(subject), kind="form"))


def build_document(defn, values: dict, lang: str, **kwargs) -> Document:
    """Any definition (form or letter) to its document model."""
    if getattr(defn, "kind", "form") == "letter":
        from .letters import build_letter

        return build_letter(defn, values, lang, **kwargs)
    return build_form(defn, values, lang, **kwargs)
