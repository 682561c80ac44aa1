"""Builds base.docx, the Word template every document is rendered into (run after changing it).

It holds the page setup, styles, the running header and the page-number footer; the body is a
docxtpl sub-document made from the document model.
"""

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor


def _field(paragraph, instr: str) -> None:
    run = paragraph.add_run()
    for kind, text in (
        ("begin", None),
        (None, instr),
        ("separate", None),
        (None, "1"),
        ("end", None),
    ):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == instr:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = instr
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._r.append(el)


def main() -> None:
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.0))
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name, normal.font.size = "Arial", Pt(10.5)
    normal.paragraph_format.space_after = Pt(6)
    for name, size in (("Title", 18), ("Heading 1", 15), ("Heading 2", 13), ("Heading 3", 11)):
        st = styles[name]
        st.font.name, st.font.size, st.font.bold = "Arial", Pt(size), True
        st.font.color.rgb = RGBColor(0x0B, 0x0C, 0x0C)
    header = section.header.paragraphs[0]
    header.text = "{{ header_text }}"
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run("{{ page_label }} ")  # "Page", "Tudalen", or nothing on a letter
    _field(footer, "PAGE")
    footer.add_run(" {{ of_label }} ")  # "of", "o", or "/"
    _field(footer, "NUMPAGES")
    doc.add_paragraph("{{p body }}")
    _prune_styles(doc)
    doc.save(Path(__file__).with_name("base.docx"))


# Styles the renderer uses, and those Word needs by default; the rest (hundreds in python-docx's
# template) only make every render parse a 350 KB styles.xml twice.
KEEP = {
    "Normal",
    "Default Paragraph Font",
    "Normal Table",
    "No List",
    "Title",
    "Title Char",
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "Heading 1 Char",
    "Heading 2 Char",
    "Heading 3 Char",
    "List Bullet",
    "List Paragraph",
    "Table Grid",
    "Header",
    "Footer",
    "Header Char",
    "Footer Char",
}


def _prune_styles(doc) -> None:
    styles = doc.styles.element
    for latent in styles.findall(qn("w:latentStyles")):
        styles.remove(latent)
    for style in list(styles.findall(qn("w:style"))):
        name = style.find(qn("w:name"))
        if name is None or name.get(qn("w:val")) not in {n.lower() for n in KEEP} | KEEP:
            styles.remove(style)
    for rel in list(doc.part.rels.values()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rel.rId)


if __name__ == "__main__":
    main()
