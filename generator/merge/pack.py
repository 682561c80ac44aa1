"""The merge's manifest (which file is whose, with checksums) and its ZIP download.

The manifest goes through the spreadsheet export, so a recipient's name that starts like a
formula ("=HYPERLINK(...)") is written as harmless text when the file is opened in Excel.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from pathlib import Path

from forms.definition import FormDefinition
from forms.fields import Group, Number, Section, Text
from forms.i18n import N_
from forms.spreadsheet import export_csv

MANIFEST = "manifest.csv"


def manifest_form(form_id: str = "merge-manifest", around_name: tuple = ((), ())) -> FormDefinition:
    """The manifest's columns: position, recipient, language, files, pages, checksums. A caller
    may widen it with columns just before and after the recipient's name (letters to families add
    the resident and the postal address), so both manifests keep one shape."""
    before, after = around_name
    group = Group(
        name="letters",
        label=N_("Letters"),
        max_rows=10**9,
        fields=[
            Number("position", N_("Position")),
            *before,
            Text("name", N_("Recipient")),
            *after,
            Text("lang", N_("Language")),
            Text("docx", N_("Word file")),
            Text("pdf", N_("PDF file")),
            Number("pages", N_("Pages")),
            Text("docx_sha256", N_("Word file SHA-256")),
            Text("pdf_sha256", N_("PDF file SHA-256")),
        ],
    )
    return FormDefinition(
        id=form_id, title=N_("Letters"), source="", sections=[Section(N_("Letters"), [group])]
    )


MANIFEST_FORM = manifest_form()
_GROUP = MANIFEST_FORM.sections[0].members[0]


def manifest_csv(letters, lang: str = "en") -> str:
    """CSV text, one row per letter in list order (``letters`` are LetterFiles)."""
    rows = [{f.name: getattr(letter, f.name) for f in _GROUP.fields} for letter in letters]
    return export_csv(MANIFEST_FORM, "letters", rows, lang=lang)


def zip_outputs(out_dir, zip_path) -> Path:
    """A ZIP of every file of a finished merge, written whole before it appears at ``zip_path``.
    PDF and Word files are already compressed, so they are stored as they are."""
    out_dir, zip_path = Path(out_dir), Path(zip_path)
    fd, tmp = tempfile.mkstemp(prefix=f".{zip_path.name}-", dir=zip_path.parent)
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w") as archive:
            for path in sorted(p for p in out_dir.rglob("*") if p.is_file()):
                compress = path.suffix.lower() in (".csv", ".txt")
                archive.write(
                    path,
                    path.relative_to(out_dir).as_posix(),
                    compress_type=zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED,
                )
        os.replace(tmp, zip_path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return zip_path
