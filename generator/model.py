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
class NumberedList:
    """Steps in order (the seed's "Step 1.", "Step 2." keep their own words)."""

    items: list[str]


@dataclass
class Table:
    """A grid: the header row repeats on every page and rows are kept whole across pages.

    ``fills`` shades cells by colour name ("red", "amber", "yellow", "green") at (row, column)
    of ``rows``; a shaded cell always also says its colour in words."""

    headers: list[str]
    rows: list[list[str]]
    numbered: bool = False  # first column is an item number: keep it narrow
    fills: dict[tuple[int, int], str] = field(default_factory=dict)
    widths: list[float] | None = None  # relative column widths; None: fitted to the text

    # A grid of this many columns (the seed's landscape grids: ten in WB App 2) prints a size
    # smaller, as the paper does, so long Welsh headings do not fill a page before its first row.
    SMALL_FROM_COLUMNS = 8

    @property
    def small(self) -> bool:
        return len(self.headers) >= self.SMALL_FROM_COLUMNS


@dataclass
class Matrix:
    """A risk matrix: rows (e.g. likelihood, highest first) by columns (impact), each cell a
    score shaded with its band; ``marked`` cells hold the row numbers chosen on this record."""

    corner: str  # e.g. "Likelihood \\ Impact"
    columns: list[str]
    rows: list[str]
    cells: list[list[str]]
    fills: dict[tuple[int, int], str] = field(default_factory=dict)
    marked: dict[tuple[int, int], str] = field(default_factory=dict)  # cell -> mark text
    caption: str = ""


@dataclass
class Signature:
    """A completion block: label/value rows then a line to sign on."""

    rows: list[tuple[str, str]]
    sign_label: str


@dataclass
class Landscape:
    """Blocks on landscape pages: a Word section break, a flipped page in the PDF."""

    blocks: list


@dataclass
class Furniture:
    """What every copy of a form carries: who issued it, what it is, and how to handle it."""

    organisation: str = ""
    source: str = ""  # e.g. "Western Bay — Appendix 2"
    version: str = ""
    status: str = ""  # "Draft" / "Final", translated
    marking: str = ""  # protective marking, e.g. OFFICIAL-SENSITIVE
    facts: list[tuple[str, str]] = field(default_factory=list)  # case, finalised by, when
    page_label: str = "Page"  # "Page %s of %s" pieces, translated
    of_label: str = "of"
    running_notice: str = ""  # a statement printed on every page (CM App E, G confidentiality)

    @property
    def about(self) -> str:
        """The line under the organisation: source, version and status."""
        return " · ".join(filter(None, (self.source, self.version, self.status)))

    @property
    def facts_line(self) -> str:
        return " · ".join(f"{label}: {value}" for label, value in self.facts)


@dataclass
class Closing:
    """A letter's sign-off ("Yours sincerely,", then room to sign, then who signs): printed as
    one unbreakable piece, so it never falls alone onto a new page."""

    valediction: str
    signatory: list[str]  # name, job title, organisation


@dataclass
class Part:
    """One language's complete copy of a document."""

    lang: str  # "en" or "cy"
    title: str
    blocks: list = field(default_factory=list)
    letterhead: list[str] | None = None  # lines of the organisation's address block (letters)
    notice: str | None = None  # printed at the top of the copy (confidentiality)
    furniture: Furniture | None = None  # forms: organisation, source, marking, page x of y
    # Letters: the lines a DL window envelope shows, the date and reference lines under it, and
    # the sign-off after the body.
    recipient_address: list[str] | None = None
    date_lines: list[str] = field(default_factory=list)
    closing: Closing | None = None


@dataclass
class Document:
    """One output file: a single part, or Welsh then English for a bilingual document."""

    parts: list[Part]
    lang: str  # "en", "cy" or "both"
    subject: str = ""  # e.g. the provider, for the file's metadata
    logo: bytes | None = None  # letterhead image (PNG/JPEG), already checked
    kind: str = "form"  # "form" or "letter"
    watermark: str | None = None  # "DRAFT", "DRAFFT" or both, on every page of a draft copy
    attachment: tuple[str, bytes] | None = None  # (file name, bytes): the record's data JSON

    @property
    def title(self) -> str:
        return " / ".join(p.title for p in self.parts)

    @property
    def primary_lang(self) -> str:
        return self.parts[0].lang
