"""Form definition + cleaned values + language -> document model.

Everything language-specific (labels, answers, dates) is decided here through the Translator,
so the two renderers only lay text out.
"""

from __future__ import annotations

from forms.bilingual import missing_languages
from forms.definition import FormDefinition
from forms.fields import Checklist, Field, Group, Rating, Section
from forms.i18n import N_, Translator

from .furniture import furniture, watermark
from .model import Document, FieldRows, Heading, Landscape, Paragraph, Part, Table
from .paper import checklist_grid, fixed_blocks, grid_table
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


def _rows(fields: list[Field], values: dict, t: Translator, helped=True) -> list[tuple[str, str]]:
    label = _label if helped else (lambda f, t: t(f.label))
    return [(label(f, t), f.display(values.get(f.name), t)) for f in fields]


def _label(f: Field, t: Translator) -> str:
    """A field's label, with its help under it: the paper's guidance prints with the question."""
    return f"{t(f.label)}\n{t(f.help)}" if f.help else t(f.label)


def _help(member, t: Translator, paper) -> list:
    """A group's or checklist's help, and its fields' help once (not on every row); a rating's
    help is left to the scale printed in full when the form declares its paper."""
    lines = [t(member.help)] if member.help else []
    for f in member.fields:
        if f.help and not (paper and isinstance(f, Rating)):
            lines.append(f"{t(f.label)}: {t(f.help)}")
    return [Paragraph("\n".join(lines), style="small")] if lines else []


def _group_blocks(g: Group, rows: list[dict], t: Translator, paper=None, values=None, defn=None):
    if not rows:
        return [Paragraph(t(N_("None recorded.")))]
    if paper and g.name in paper.grids:
        return [grid_table(paper.grids[g.name], g, rows, t, values, defn)]
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
        blocks.append(FieldRows(_rows(g.fields, row, t, helped=False)))
    return blocks


def _checklist_blocks(
    c: Checklist, rows: list[dict], t: Translator, paper=None, values=None, defn=None
) -> list:
    if paper and c.name in paper.grids:
        return [checklist_grid(paper.grids[c.name], c, rows, t, values, defn)]
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


def _section_blocks(section: Section, values: dict, t: Translator, defn=None) -> list:
    paper = getattr(defn, "paper", None)
    blocks: list = [Heading(t(section.title))]
    fixed = next((paper.sections[m.name] for m in section.members if paper and m.name in
                  paper.sections), None)  # fmt: skip
    if fixed is not None:
        blocks.extend(fixed_blocks(fixed, values, defn, t, level=3))
    elif section.intro:
        blocks.append(Paragraph(t(section.intro)))
    plain: list[Field] = []

    def flush():
        if plain:
            blocks.append(FieldRows(_rows(plain, values, t)))
            plain.clear()

    for m in section.members:
        if isinstance(m, Group):
            flush()
            blocks.extend(_help(m, t, paper))
            blocks.extend(_group_blocks(m, values.get(m.name, []), t, paper, values, defn))
        elif isinstance(m, Checklist):
            flush()
            blocks.extend(_help(m, t, paper))
            blocks.extend(_checklist_blocks(m, values.get(m.name, []), t, paper, values, defn))
        else:
            plain.append(m)
    flush()
    if paper and any(m.name in paper.grids and paper.grids[m.name].landscape
                     for m in section.members):  # fmt: skip
        return [Landscape(blocks)]
    return blocks


def build_part(defn: FormDefinition, values: dict, lang: str, footer_rows=None, **copy) -> Part:
    t = Translator(lang)
    part = Part(lang=lang, title=t(defn.title), notice=t(defn.notice) if defn.notice else None)
    paper = getattr(defn, "paper", None)
    if paper:
        part.blocks.extend(fixed_blocks(paper.opening, values, defn, t))
    for section in defn.sections:
        part.blocks.extend(_section_blocks(section, values, t, defn))
    if paper:
        part.blocks.extend(fixed_blocks(paper.closing, values, defn, t))
    part.furniture = furniture(defn, t, footer_rows, **copy)
    return part


def build_form(
    defn: FormDefinition, values: dict, lang: str, footer_rows=None, draft=False, **copy
) -> Document:
    """The document for a form. ``footer_rows`` are (msgid, fn(t) -> text) pairs about the record
    (version, who finalised it, when) printed as the copy's compact record facts; ``draft``
    marks every page; ``copy`` holds ``organisation`` ({lang: name}), ``marking`` and
    ``version``. A copy is never made with another language's text standing in for a missing
    one."""
    missing = missing_languages(defn, values, lang)
    if missing:
        raise MissingTextError(missing)
    parts = [build_part(defn, values, code, footer_rows, draft=draft, **copy)
             for code in parts_for(lang)]  # fmt: skip
    subject = values.get("provider") or values.get("care_home") or values.get("home") or ""
    doc = Document(parts=parts, lang=lang, subject=str(subject), kind="form")
    doc.watermark = watermark(lang) if draft else None
    return safe_document(doc)


def build_document(defn, values: dict, lang: str, **kwargs) -> Document:
    """Any definition (form or letter) to its document model."""
    if getattr(defn, "kind", "form") == "letter":
        from .letters import build_letter

        draft = kwargs.pop("draft", False)
        for key in ("organisation", "version", "marking"):  # a form's furniture
            kwargs.pop(key, None)
        doc = build_letter(defn, values, lang, **kwargs)
        doc.watermark = watermark(lang) if draft else None
        return doc
    return build_form(defn, values, lang, **kwargs)
