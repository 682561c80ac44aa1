"""Letter definition + values + language -> document model, through one Jinja template per language.

Templates are project files rendered in a sandbox with autoescape; the values are data, never
template source. The template's small HTML subset (h2, p, br, ul/li, dl/dt/dd) is parsed back into
model blocks, so Word and PDF are laid out by the same renderers as the forms.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from forms.bilingual import is_translatable, missing_languages
from forms.fields import Group
from forms.i18n import Translator

from .model import BulletList, Closing, Document, FieldRows, Heading, Paragraph, Part
from .xmlsafe import safe_document

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "letter_templates"
LANG_PARTS = {"en": ("en",), "cy": ("cy",), "both": ("cy", "en")}  # Welsh is read first
STYLES = {"body", "notice", "small", "address", "signature", "dateline", "closing"}
# Titles a name may start with; "Ms Ann Pryce" is greeted as "Ms Pryce".
TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "rev", "revd", "sir", "dame"}
# Each printed value is wrapped in these private-use marks, so the parser keeps a value's own
# spaces and newlines while it tidies the template's layout whitespace.
OPEN, CLOSE = "\ue000", "\ue001"
VALUE = re.compile(f"{OPEN}(.*?){CLOSE}", re.S)


class LetterError(ValueError):
    """The values cannot make a final letter; ``errors`` are forms.definition.Error."""

    def __init__(self, errors):
        self.errors = errors
        t = Translator("en")
        super().__init__("; ".join(e.text(t) for e in errors))


def _finalize(value):
    if isinstance(value, Markup):  # a macro's or include's output: already marked
        return value
    text = "" if value is None else str(value)
    # escape() has made the value safe; the marks are plain private-use characters
    return Markup(OPEN) + escape(text.replace(OPEN, "").replace(CLOSE, "")) + Markup(CLOSE)  # noqa: S704


@cache
def environment(lang: str) -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        loader=FileSystemLoader(str(TEMPLATES_DIR / lang)),
        autoescape=True,
        undefined=StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    t = Translator(lang)
    env.filters["date"] = lambda iso: t.date(dt.date.fromisoformat(iso)) if iso else ""
    return env


def _assemble(pieces: list[tuple[str, str]]) -> str:
    """Join template text (whitespace collapsed and trimmed at line ends), values and breaks."""
    out = []
    for i, (kind, text) in enumerate(pieces):
        if kind == "br":
            out.append("\n")
        elif kind == "v":
            out.append(text)
        else:
            text = re.sub(r"\s+", " ", text)
            if i == 0 or pieces[i - 1][0] == "br":
                text = text.lstrip()
            if i == len(pieces) - 1 or pieces[i + 1][0] == "br":
                text = text.rstrip()
            out.append(text)
    return "".join(out)


class _Parser(HTMLParser):
    """Reads the template's HTML subset into model blocks; anything else is a template bug."""

    BLOCKS = {"h2", "p", "li", "dt", "dd"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list = []
        self.pieces: list[tuple[str, str]] | None = None
        self.style = "body"
        self.items: list[str] | None = None  # open <ul>
        self.rows: list[list[str]] | None = None  # open <dl>

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            if self.pieces is None:
                raise ValueError("<br> outside a paragraph")
            self.pieces.append(("br", ""))
        elif tag in self.BLOCKS:
            if self.pieces is not None:
                raise ValueError(f"<{tag}> inside another block")
            self.pieces = []
            self.style = dict(attrs).get("class") or "body"
            if self.style not in STYLES:
                raise ValueError(f"unknown paragraph class {self.style!r}")
        elif tag == "ul" and self.items is None:
            self.items = []
        elif tag == "dl" and self.rows is None:
            self.rows = []
        else:
            raise ValueError(f"<{tag}> is not allowed in a letter template here")

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            text, self.pieces = _assemble(self.pieces or []), None
            if tag == "h2":
                self.blocks.append(Heading(text, level=2))
            elif tag == "p" and text:
                self.blocks.append(Paragraph(text, self.style))
            elif tag == "li" and text and self.items is not None:
                self.items.append(text)
            elif tag == "dt" and self.rows is not None:
                self.rows.append([text, ""])
            elif tag == "dd" and self.rows:
                self.rows[-1][1] = text
        elif tag == "ul":
            if self.items:
                self.blocks.append(BulletList(self.items))
            self.items = None
        elif tag == "dl":
            if self.rows:
                self.blocks.append(FieldRows([tuple(r) for r in self.rows]))
            self.rows = None

    def handle_data(self, data):
        if self.pieces is None:
            if VALUE.sub("", data).strip():
                raise ValueError(f"text outside a block: {data.strip()[:40]!r}")
            return
        pos = 0
        for m in VALUE.finditer(data):
            self.pieces.append(("t", data[pos : m.start()]))
            self.pieces.append(("v", m.group(1)))
            pos = m.end()
        self.pieces.append(("t", data[pos:]))


def html_blocks(html: str) -> list:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.blocks


def _inline(html: str) -> str:
    """Text of a short template block (a title) with values kept as given."""
    return " ".join(b.text for b in html_blocks(f"<p>{html}</p>")).strip()


def _in_lang(fields, row: dict, t) -> dict:
    out = dict(row)
    for f in fields:
        if is_translatable(f):
            out[f.name] = f.display(row.get(f.name), t) or None
    return out


def greeting(raw: dict) -> str | None:
    """The words after "Dear": the salutation given for the recipient, else the title and surname
    of the recipient's name ("Ms Ann Pryce, Manager" -> "Ms Pryce"); None when no titled name is
    known (only an organisation or a role), and the template writes "Sir or Madam"."""
    given = raw.get("salutation")
    if given and str(given).strip():
        return str(given).strip()
    name = str(raw.get("recipient_name") or "").split(",")[0].split()
    if len(name) >= 2 and name[0].rstrip(".").lower() in TITLES:
        return f"{name[0]} {name[-1]}"
    return None


def context(defn, values: dict, lang: str) -> dict:
    """What a template sees: ``v`` raw values (every declared field, None when empty) and ``f``
    the same values as text in the letter's language (dates formatted, choices translated).
    A translatable answer is given to the template in the letter's language only."""
    t = Translator(lang)
    raw, shown = {}, {}
    for m in defn.members():
        value = values.get(m.name)
        if isinstance(m, Group):
            raw[m.name] = [_in_lang(m.fields, r, t) for r in value or []]
            shown[m.name] = [
                {f.name: f.display(r.get(f.name), t) for f in m.fields} for r in raw[m.name]
            ]
        else:
            raw[m.name] = (m.display(value, t) or None) if is_translatable(m) else value
            shown[m.name] = m.display(value, t) if value is not None else ""
    ctx = {"v": raw, "f": shown, "lang": lang, "recipient": defn.recipient}
    return ctx | {"greeting": greeting(raw)}


def _frame(blocks: list) -> tuple[list, dict]:
    """Take the letter's frame out of the body: the address (first ``address`` paragraph), the
    ``dateline`` paragraphs and the ``closing`` + ``signature`` pair, which the renderers place."""
    rest, found = [], {"recipient_address": None, "date_lines": [], "closing": None}
    for b in blocks:
        style = b.style if isinstance(b, Paragraph) else None
        if style == "address" and found["recipient_address"] is None:
            found["recipient_address"] = [line for line in b.text.split("\n") if line.strip()]
        elif style == "dateline":
            found["date_lines"].append(b.text)
        elif style == "closing":
            found["closing"] = Closing(b.text, [])
        elif style == "signature" and found["closing"] is not None:
            found["closing"].signatory = b.text.split("\n")
        else:
            rest.append(b)
    return rest, found


def build_part(defn, values: dict, lang: str) -> Part:
    env = environment(lang)
    ctx = context(defn, values, lang)
    template = env.get_template(defn.template)
    body = template.render(ctx)
    block_ctx = template.new_context(ctx)
    title = _inline("".join(template.blocks["title"](block_ctx)))
    notice = None
    if "notice" in template.blocks:
        notice = _inline("".join(template.blocks["notice"](template.new_context(ctx)))) or None
    letterhead = env.get_template("_letterhead.html").render(ctx)
    lines = "\n".join(b.text for b in html_blocks(letterhead)).split("\n")
    blocks, frame = _frame(html_blocks(body))
    return Part(lang=lang, title=title, blocks=blocks, letterhead=lines, notice=notice, **frame)


def build_letter(defn, values: dict, lang: str, logo: bytes | None = None, today=None) -> Document:
    """Validate ``values`` as final and build the letter: Welsh part first when ``lang`` is both.
    A translatable answer without the text in a language the letter prints stops the letter."""
    if lang not in LANG_PARTS:
        raise ValueError(f"language must be one of {', '.join(LANG_PARTS)}")
    clean, errors = defn.validate(values, level="final", today=today)
    errors = errors or missing_languages(defn, clean, lang)
    if errors:
        raise LetterError(errors)
    parts = [build_part(defn, clean, part_lang) for part_lang in LANG_PARTS[lang]]
    subject = " – ".join(clean[n] for n in ("service", "provider") if clean.get(n))
    doc = Document(parts=parts, lang=lang, subject=subject, logo=logo, kind="letter")
    return safe_document(doc)
