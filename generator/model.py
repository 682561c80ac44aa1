"""The document model both renderers walk, so Word and PDF say the same thing by construction.

Text in the model is final, translated text; renderers escape it, never interpret it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Heading:
    text: str
    level: int = 2


@dataclass
class Paragraph:
    text: str  # may hold newlines: each becomes a line break
    style: str = "body"  # body | notice | small | address | signature


@dataclass
class BulletList:
    items: list[str]


@dataclass
class FieldRows:
    """Label / value pairs, shown as a two-column table."""

    rows: list[tuple[str, str]]


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    numbered: bool = False  # first column is an item number: keep it narrow


@dataclass
class Part:
    """One language's complete copy of a document."""

    lang: str  # "en" or "cy"
    title: str
    blocks: list = field(default_factory=list)
    letterhead: list[str] | None = None  # lines of the organisation's address block (letters)
    notice: str | None = None  # printed at the top of the copy (confidentiality)


@dataclass
class Document:
    """One output file: a single part, or Welsh then English for a bilingual document."""

    parts: list[Part]
    lang: str  # "en", "cy" or "both"
    subject: str = ""  # e.g. the provider, for the file's metadata
    logo: bytes | None = None  # letterhead image (PNG/JPEG), already checked
    kind: str = "form"  # "form" or "letter"

    @property
    def title(self) -> str:
        return " / ".join(p.title for p in self.parts)

    @property
    def primary_lang(self) -> str:
        return self.parts[0].lang
