"""A form's fixed text (``forms.paper``: intro prose, key principles, numbered steps, notes) for
the web page, from the same declaration the documents print, so page and paper say the same.

Only the text kinds are shown: scales, matrices, grids and completion blocks are the paper's
layout of what the page already asks for field by field. Text is translated here with the
page's translator (the documents' catalogs), so English and Welsh match the PDF word for word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask import Blueprint

from forms.paper import Note, Prose, Steps

from ..core.i18n import page_translator

bp = Blueprint("fixed_text", __name__)

SELF_NUMBERED = re.compile(r"^\w+ \d+\.\s")
LONG = 600  # characters: more than this folds into a details disclosure, not to crowd the fields


@dataclass
class Block:
    kind: str  # "prose", "steps" or "note"
    texts: list[str]
    title: str | None = None

    @property
    def self_numbered(self) -> bool:
        """Steps that carry their own numbers ("Step 1.", "Cam 1.") keep an ordered list but
        no second, visible number from the list style."""
        return self.kind == "steps" and all(SELF_NUMBERED.match(s) for s in self.texts)


@dataclass
class FixedText:
    blocks: list[Block]

    @property
    def long(self) -> bool:
        return sum(len(s) for b in self.blocks for s in b.texts) > LONG


def _blocks(items: list, t) -> list[Block]:
    out = []
    for item in items:
        title = t(item.title) if getattr(item, "title", None) else None
        if isinstance(item, Prose):
            out.append(Block("prose", [t(p) for p in item.paragraphs], title))
        elif isinstance(item, Steps):
            out.append(Block("steps", [t(s) for s in item.items], title))
        elif isinstance(item, Note):
            out.append(Block("note", [t(item.text)]))
    return out


@bp.app_template_global()
def form_fixed_text(defn) -> dict:
    """{"opening": FixedText | None, "sections": {section index: FixedText}} for ``defn``."""
    paper = getattr(defn, "paper", None)
    if paper is None:
        return {"opening": None, "sections": {}}
    t = page_translator()
    opening = _blocks(paper.opening, t)
    sections = {}
    for i, section in enumerate(defn.sections):
        items = next((paper.sections[m.name] for m in section.members if m.name in paper.sections),
                     None)  # fmt: skip
        if items is not None:
            sections[i] = FixedText(_blocks(items, t))
    return {"opening": FixedText(opening) if opening else None, "sections": sections}
