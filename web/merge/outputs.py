"""What a run of letters to families adds beside the letters: a manifest that says whose each
letter is and where it goes, and the address labels to stick on the envelopes.

Both are written into the run's folder before it is zipped, so the ZIP and the case file hold
the same manifest. The generator's own manifest (files and checksums) is widened, not replaced.
"""

from __future__ import annotations

from pathlib import Path

from forms.fields import Text
from forms.i18n import N_
from forms.spreadsheet import export_csv
from generator.merge.pack import manifest_form

LABELS_SUFFIX = "address-labels.pdf"

_FORM = manifest_form(
    "families-manifest",
    around_name=(
        [Text("resident", N_("Resident’s name"))],
        [Text("address", N_("Postal address"))],
    ),
)


def manifest_rows(recipients, letters) -> list[dict]:
    by_position = {r.position: r for r in recipients}
    rows = []
    for letter in letters:
        values = by_position[letter.position].values if letter.position in by_position else {}
        rows.append(
            {
                "position": letter.position,
                "resident": values.get("resident_name", ""),
                "name": letter.name,
                "address": ", ".join(
                    line.strip()
                    for line in str(values.get("recipient_address") or "").splitlines()
                    if line.strip()
                ),
                "lang": letter.lang,
                "docx": letter.docx,
                "pdf": letter.pdf,
                "pages": letter.pages,
                "docx_sha256": letter.docx_sha256,
                "pdf_sha256": letter.pdf_sha256,
            }
        )
    return rows


def write_extras(recipients, result, out_dir: Path) -> str:
    """Rewrite the manifest with residents and addresses; write the labels. Returns the labels'
    file name inside ``out_dir``."""
    from generator.labels import labels_pdf

    out_dir = Path(out_dir)
    rows = manifest_rows(recipients, result.letters)
    text = export_csv(_FORM, "letters", rows, lang="en")
    (out_dir / result.manifest).write_text(text, encoding="utf-8")
    by_position = {r.position: r for r in recipients}
    addresses = [
        (letter.name, str(by_position[letter.position].values.get("recipient_address") or ""))
        for letter in result.letters
        if letter.position in by_position
    ]
    (out_dir / LABELS_SUFFIX).write_bytes(labels_pdf(addresses, title="Address labels"))
    return LABELS_SUFFIX
