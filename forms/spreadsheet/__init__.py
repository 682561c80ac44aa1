"""Spreadsheet import and export for any form's repeating group (residents, actions, risks).

``import_rows`` checks a whole .csv or .xlsx file and returns the rows that are valid, cleaned by
the form's own fields, with every problem placed by row and column; ``export_csv`` writes rows
back with headings in the reader's language and formula-like text made harmless.
"""

from .export import export_csv
from .importer import import_rows
from .result import ImportResult, Limits, Problem

__all__ = ["ImportResult", "Limits", "Problem", "export_csv", "import_rows"]
