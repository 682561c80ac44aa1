"""What an import found: problems located as the user sees the spreadsheet, and the valid rows.

Problems hold msgids and parameters, not text, so the page shows them in the reader's language.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ..i18n import N_

ERROR, WARNING = "error", "warning"


@dataclass
class Limits:
    """Refuse files that are too big before reading them; ``max_rows`` None means the group's."""

    max_bytes: int = 5 * 1024 * 1024
    max_rows: int | None = None
    max_columns: int = 100
    max_unzipped_bytes: int = 50 * 1024 * 1024  # an .xlsx is a zip: guard against zip bombs
    max_ratio: int = 100  # a real sheet compresses 5-30 times; a zip bomb a thousand times
    ratio_floor_bytes: int = 1024 * 1024  # small members may compress as they like
    max_cell_chars: int = 32767  # Excel's own limit; no answer is longer
    header_search_rows: int = 20  # title rows above the headings (as on the paper form) are skipped
    sheet_rows_factor: int = 10  # blank rows allowed between the rows: up to this many times more
    time_limit: float = field(  # seconds for the whole import, then the file is refused
        default_factory=lambda: float(os.environ.get("DOGFEN_IMPORT_TIME_LIMIT") or 20)
    )

    def row_limit(self) -> int:
        """Rows worth reading: enough to find the headings and know there are too many rows."""
        return (self.max_rows or 0) + self.header_search_rows + 1

    def last_sheet_row(self) -> int:
        """The furthest row number read; anything beyond means the sheet is far too long."""
        return self.row_limit() * self.sheet_rows_factor


@dataclass
class Problem:
    """One problem: spreadsheet row (the headings are row 1; None for the whole file), column
    heading as written in the file (None for the whole row or file), msgid and parameters."""

    row: int | None
    column: str | None
    message: str
    params: dict = field(default_factory=dict)
    severity: str = ERROR
    field: str | None = None  # the field's name, when the problem belongs to one
    whole_file: bool = False  # the file cannot be used at all (unreadable, columns missing)
    who: str | None = None  # whose row it is, as the row itself names them ("O'Brien, Dai")

    def text(self, t) -> str:
        params = {k: t(v) if k == "label" else v for k, v in self.params.items()}
        return t(self.message, **params)

    def describe(self, t) -> str:
        """The problem with its place, for a plain-text report (the command line)."""
        if self.row is None:
            return self.text(t)
        if self.column is None:
            return t(N_("Row %(row)s: %(problem)s"), row=self.row, problem=self.text(t))
        return t(
            N_("Row %(row)s, column “%(column)s”: %(problem)s"),
            row=self.row,
            column=self.column,
            problem=self.text(t),
        )


@dataclass
class ImportResult:
    """Valid rows (cleaned exactly as the web form cleans them) and every problem found.

    ``rows[i]`` came from spreadsheet row ``row_numbers[i]``. When ``refused`` is true the file as a
    whole could not be used (unreadable, columns missing, too big) and ``rows`` is empty.
    """

    group: str
    rows: list[dict] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)  # field name -> heading in the file
    total_rows: int = 0  # data rows read (blank rows are not counted)
    encoding: str | None = None  # of a CSV file

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    @property
    def bad_rows(self) -> list[int]:
        """Spreadsheet row numbers with at least one error; they are not in ``rows``."""
        return sorted({p.row for p in self.errors if p.row is not None and not p.whole_file})

    @property
    def refused(self) -> bool:
        return any(p.whole_file for p in self.errors)

    @property
    def ok(self) -> bool:
        """Nothing wrong at all: every row can be imported."""
        return not self.errors

    def add(self, at, message, *, severity=ERROR, field=None, whole_file=False, who=None, **params):
        """Record a problem ``at`` (row, column heading)."""
        row, column = at
        self.problems.append(
            Problem(row, column, message, params, severity, field, whole_file, who)
        )

    def refuse(self, message, at=(None, None), **params) -> None:
        """A problem with the file as a whole: nothing in it is imported."""
        self.add(at, message, whole_file=True, **params)
