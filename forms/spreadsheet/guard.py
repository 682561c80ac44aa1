"""Keep a hostile spreadsheet from costing hours or gigabytes: refuse it before it is unpacked.

An .xlsx is a zip of XML, so a 94 KB upload can hold a 95 MB cell, and a 2 KB sheet can say its one
cell is at row 2,000,000,000. Before openpyxl sees a workbook, ``check_workbook`` reads the zip's
table of contents (each member's declared size and how much it is compressed; ``zipfile`` never
inflates a member past its declared size) and then streams the sheets and shared strings through
expat in small chunks, stopping at the first cell longer than any answer could be, and at the
furthest row an import reads. ``Budget`` gives
the whole import a wall-clock limit, checked as rows are read and checked.
"""

from __future__ import annotations

import time
import zipfile
from xml.parsers import expat

from ..i18n import N_

TOO_BIG_UNZIPPED = N_(
    "The file unpacks to far more than a spreadsheet of its size should, so it was not opened: "
    "save it again from your spreadsheet program and try again"
)
CELL_TOO_LONG = N_(
    "A cell in the file holds more than %(max)s characters, more than any answer can have: "
    "check the file and try again"
)
TOO_SLOW = N_(
    "Checking the file took longer than %(seconds)s seconds, so nothing was imported: split it "
    "into smaller files and try again"
)
DIMENSION_TOO_BIG = N_(
    "The sheet says it goes down to row %(rows)s, far beyond the %(max)s rows a file can have: "
    "delete the rows below the list, save the file and try again"
)
ROWS_TOO_FAR = N_(
    "The sheet has something below row %(row)s, far beyond the %(max)s rows a file can have: "
    "delete the rows below the list, save the file and try again"
)

CHUNK = 64 * 1024
SCANNED = ("xl/sharedStrings.xml", "xl/worksheets/")  # where cell text lives
CELL_TAGS = frozenset({"si", "c", "is"})  # a new cell (or shared string) starts at each


class Refused(Exception):
    """The file as a whole is refused: ``message`` is a msgid, ``params`` its parameters."""

    def __init__(self, message: str, at=(None, None), **params):
        super().__init__(message)
        self.message, self.at, self.params = message, at, params


class _Enough(Exception):
    """A sheet has been scanned as far down as an import reads."""


class Budget:
    """A wall-clock limit for one import; ``check`` refuses the file once it has run out."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.end:
            raise Refused(TOO_SLOW, seconds=f"{self.seconds:g}")


def check_workbook(archive: zipfile.ZipFile, limits, budget: Budget) -> None:
    """Refuse a workbook that would inflate to too much, or holds a cell too long to be real."""
    infos = archive.infolist()
    if sum(i.file_size for i in infos) > limits.max_unzipped_bytes:
        raise Refused(TOO_BIG_UNZIPPED)
    for info in infos:
        squeezed = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.ratio_floor_bytes and squeezed > limits.max_ratio:
            raise Refused(TOO_BIG_UNZIPPED)
    for info in infos:
        if info.filename.startswith(SCANNED) and info.filename.endswith(".xml"):
            _scan(archive, info, limits, budget)


def _scan(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits, budget: Budget):
    """Stream one XML member, counting each cell's characters without keeping them; a sheet
    is read only down to the furthest row an import reads."""
    max_chars, last = limits.max_cell_chars, limits.last_sheet_row()
    length = row = 0
    sized = False  # a sheet without <dimension> is parsed to its end by openpyxl just to size it

    def start(tag, attrs):
        nonlocal length, row, sized
        name = tag.rpartition(":")[2]
        if name in CELL_TAGS:
            length = 0
        elif name == "row":
            number = attrs.get("r", "")
            row = int(number) if number.isdigit() else row + 1
            if row > last and not sized:
                raise Refused(ROWS_TOO_FAR, row=f"{last:,}", max=limits.max_rows)
            if row > last:  # the import reads no further (the first sheet is refused then)
                raise _Enough
        elif name == "dimension":
            sized = True

    def text(data):
        nonlocal length
        length += len(data)
        if length > max_chars:
            raise Refused(CELL_TOO_LONG, max=max_chars)

    def doctype(*_args):  # no workbook needs a DTD; entity tricks live there
        raise expat.ExpatError("DTD")

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = doctype
    with archive.open(info) as stream:
        try:
            while chunk := stream.read(CHUNK):
                parser.Parse(chunk, False)
                budget.check()
            parser.Parse(b"", True)
        except _Enough:
            pass
