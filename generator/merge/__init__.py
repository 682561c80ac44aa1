"""Bulk mail-merge of a letter to a list of recipients, each in their own language.

``plan_merge`` checks every recipient's data before anything is rendered; ``run_merge`` writes a
Word and a PDF file per recipient, one print-ready PDF of all letters and a manifest;
``zip_outputs`` packs them for download. The parts are this package's modules.
"""

from __future__ import annotations

from .load import load_recipients, recipients_form
from .pack import MANIFEST, manifest_csv, zip_outputs
from .plan import MergeProblem, Recipient, plan_merge, recipient_fields, rows_from_residents
from .run import COMBINED, LetterFiles, MergeCancelled, MergeResult, run_merge, slug

__all__ = [
    "COMBINED",
    "MANIFEST",
    "LetterFiles",
    "MergeCancelled",
    "MergeProblem",
    "MergeResult",
    "Recipient",
    "load_recipients",
    "manifest_csv",
    "plan_merge",
    "recipient_fields",
    "recipients_form",
    "rows_from_residents",
    "run_merge",
    "slug",
    "zip_outputs",
]
