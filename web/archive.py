"""Finalising: validate, freeze the data, render every language and format once, keep the bytes
with their SHA-256 in the case file."""

from __future__ import annotations

import hashlib
import json
import re

from forms.i18n import N_

from .audit import log
from .extensions import db
from .models import Record, StoredFile, now
from .registry import definition

OUTPUT_LANGS = ("en", "cy", "both")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "document"


def filename(record: Record, lang: str, ext: str) -> str:
    """``2026-12-01-bryn-hyfryd-risk-assessment-v1-cy.pdf``: the day (London), the home, the
    document and its version, so a downloaded copy says what it is without its folder."""
    from .timefmt import london_date

    day = london_date(record.finalised_at or now()).isoformat()
    doc = re.sub(r"^(wb|cm|bp|nw)-", "", record.doc_id)  # the policy is in the document
    suffix = f"-{lang}" if lang else ""
    return f"{day}-{slug(record.case.service)}-{doc}-v{record.version}{suffix}.{ext}"


def footer_rows(record: Record) -> list:
    """Facts about this copy (not the form's data) printed at its end."""
    who = record.finalised_by.name if record.finalised_by else ""
    when = record.finalised_at.date() if record.finalised_at else None
    return [
        (N_("Case file"), lambda t: f"{record.case_id}: {record.case.provider}"),
        (N_("Version"), lambda t: str(record.version)),
        (N_("Finalised by"), lambda t: who),
        (N_("Finalised on"), lambda t: t.date(when)),
    ]


def store(record: Record, lang: str, fmt: str, content: bytes, filename: str) -> StoredFile:
    from generator.render import MIME

    mime = "application/json" if fmt == "json" else MIME.get(fmt, "application/octet-stream")
    f = StoredFile(
        record=record,
        lang=lang,
        fmt=fmt,
        filename=filename,
        mime=mime,
        content=content,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )
    db.session.add(f)
    return f


def render_outputs(record: Record, values: dict) -> list[StoredFile]:
    from generator.build import build_document
    from generator.render import render

    defn = definition(record.doc_type, record.doc_id)
    data = json.dumps(values, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")
    files = [
        store(record, "", "json", data, filename(record, "", "json"))
    ]  # the data beside its documents
    for lang in OUTPUT_LANGS:
        kwargs = {"footer_rows": footer_rows(record)} if record.doc_type == "form" else {}
        doc = build_document(defn, values, lang, **kwargs)
        if record.doc_type == "letter":
            from .organisation import logo_bytes

            doc.logo = logo_bytes()
        for fmt in ("docx", "pdf"):
            files.append(store(record, lang, fmt, render(doc, fmt), filename(record, lang, fmt)))
    return files


def finalise(record: Record, raw: dict, user) -> list:
    """Return the errors; with none, the record is final and its files stored."""
    from .organisation import with_letterhead

    defn = definition(record.doc_type, record.doc_id)
    values, errors = defn.validate(with_letterhead(defn, raw), level="final")
    if errors:
        return errors
    record.data = values
    record.status = "final"
    record.finalised_by = user
    record.finalised_at = now()
    record.updated_by = user
    db.session.flush()
    files = render_outputs(record, values)
    db.session.flush()
    log("finalise", record=record, detail=", ".join(f"{f.filename} {f.sha256}" for f in files))
    db.session.commit()
    return []
