"""``dogfen import-pdf``: read back the data a final PDF carries, so an archived copy can be the
start of a new version even when the case file is gone.

A final PDF holds its record's data JSON as an attachment named ``<form or letter id>.json``
(PDF/A-3 allows it); the data is validated as a draft would be before anything is printed or
stored. A PDF without that attachment, or whose data fails validation, exits 2.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import click

from forms.i18n import Translator


def data_bytes(values: dict) -> bytes:
    """The data as the archive stores it beside the documents (and inside the final PDF)."""
    return json.dumps(values, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")


def _fail(message: str) -> None:
    click.echo(message, err=True)
    sys.exit(2)


def read_attachment(path: str) -> tuple[str, dict]:
    """(document id, data) from the PDF's ``<id>.json`` attachment; exits 2 when there is none."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        attachments = PdfReader(io.BytesIO(Path(path).read_bytes())).attachments
        found = {name: attachments[name] for name in attachments if name.endswith(".json")}
    except (PdfReadError, OSError, ValueError) as exc:
        _fail(f"{path}: not a PDF this can read: {exc}")
    if len(found) != 1:
        _fail(f"{path}: no Dogfen data attached (a final PDF carries <form id>.json)")
    name, contents = next(iter(found.items()))
    try:
        data = json.loads(contents[0].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        _fail(f"{path}: the attached {name} is not valid JSON: {exc}")
    if not isinstance(data, dict):
        _fail(f"{path}: the attached {name} does not hold a form's data")
    return name.removesuffix(".json"), data


@click.command("import-pdf")
@click.argument("pdf_path", type=click.Path(exists=True, dir_okay=False))
@click.option("--case", "case_id", type=int, help="Start a new draft version in this case.")
@click.option("--messages", type=click.Choice(["en", "cy"]), default="en")
def import_pdf(pdf_path, case_id, messages):
    """Print the data a final PDF carries, or with --case start a new draft version from it."""
    from . import _definition

    doc_id, data = read_attachment(pdf_path)
    try:
        defn = _definition(doc_id)
    except click.UsageError:
        _fail(f"{pdf_path}: the attached data is for {doc_id!r}, which this Dogfen does not know")
    values, errors = defn.validate(data, level="final")
    if errors:
        t = Translator(messages)
        for err in errors:
            click.echo(f"{err.path}: {err.text(t)}", err=True)
        _fail(f"{pdf_path}: the attached data is not valid for {doc_id}")
    if case_id is None:
        click.echo(json.dumps(values, indent=2, ensure_ascii=False, sort_keys=True))
        return
    record = _new_draft(case_id, defn, values)
    click.echo(f"record {record.id}\tversion {record.version}\tdraft of {doc_id} in case {case_id}")


def _new_draft(case_id: int, defn, values: dict):
    from contextlib import nullcontext

    from flask import has_app_context
    from sqlalchemy import func, select

    from .. import create_app
    from ..core.audit import log
    from ..core.extensions import db
    from ..core.models import Case, Record

    with nullcontext() if has_app_context() else create_app().app_context():
        if db.session.get(Case, case_id) is None:
            _fail(f"no case {case_id}")
        latest = db.session.scalar(
            select(func.max(Record.version)).where(
                Record.case_id == case_id, Record.doc_id == defn.id
            )
        )
        record = Record(
            case_id=case_id,
            doc_type=getattr(defn, "kind", "form"),
            doc_id=defn.id,
            version=(latest or 0) + 1,
            data=values,
            lang=getattr(defn, "default_lang", "en"),
        )
        db.session.add(record)
        db.session.flush()
        log("create", record=record, detail=f"version {record.version} from an imported PDF")
        db.session.commit()
        db.session.refresh(record)
        db.session.expunge(record)
        return record
