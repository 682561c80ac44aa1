"""Finalising: validate, freeze the data, render every language and format once, keep the bytes
with their SHA-256 in the case file.

One finalise wins: a short transaction claims the draft (draft -> finalising), the documents are
made with no transaction open, so other users' saves and sign-ins never wait on a render, and a
second short transaction stores them and marks the record final, only if the claim still holds.
A claim left by a crash expires after ``FINALISE_CLAIM_SECONDS`` and the record is a draft again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import re
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import and_, or_, update

from forms.i18n import N_

from ..core.audit import log
from ..core.extensions import db
from ..core.models import Record, StoredFile, now
from ..core.registry import definition
from ..ops.files import keep
from ..ops.metrics import timed_finalise
from ..process.key_dates import copy_from_record

OUTPUT_LANGS = ("en", "cy", "both")
logger = logging.getLogger(__name__)


class FinaliseRefused(RuntimeError):
    """The record is already final, or another finalise holds it."""


class RenderFailed(RuntimeError):
    """The documents could not be made; the record is a draft again, with its answers."""


@dataclass(frozen=True)
class Frozen:
    """What the documents print about the record, read before rendering so that rendering needs
    no database (and holds no transaction)."""

    case_id: int
    provider: str
    doc_type: str
    doc_id: str
    version: int
    finalised_by: str
    finalised_at: dt.datetime
    logo: bytes | None
    service: str = ""  # the home: document file names start with it
    copy: dict | None = None  # organisation name and marking, printed on every form


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "document"


def filename(record: Frozen, lang: str, ext: str) -> str:
    """``2026-12-01-bryn-hyfryd-risk-assessment-v1-cy.pdf``: the day (London), the home, the
    document and its version, so a downloaded copy says what it is without its folder."""
    from ..core.timefmt import london_date

    day = london_date(record.finalised_at).isoformat()
    doc = re.sub(r"^(wb|cm|bp|nw)-", "", record.doc_id)  # the policy is in the document
    suffix = f"-{lang}" if lang else ""
    return f"{day}-{slug(record.service)}-{doc}-v{record.version}{suffix}.{ext}"


def footer_rows(record: Frozen) -> list:
    """Facts about this copy (not the form's data) printed at its end; the version is in the
    copy's heading, and no internal id is shown."""
    when = record.finalised_at.date()
    return [
        (N_("Case file"), lambda t: record.provider),
        (N_("Finalised by"), lambda t: record.finalised_by),
        (N_("Finalised on"), lambda t: t.date(when)),
    ]


def store(record: Record, lang: str, fmt: str, content: bytes, filename: str) -> StoredFile:
    from generator.render import MIME

    mime = "application/json" if fmt == "json" else MIME.get(fmt, "application/octet-stream")
    sha256 = hashlib.sha256(content).hexdigest()
    f = StoredFile(
        record=record,
        lang=lang,
        fmt=fmt,
        filename=filename,
        mime=mime,
        content=keep(content, sha256),  # empty when DOGFEN_FILES holds the bytes
        size=len(content),
        sha256=sha256,
    )
    db.session.add(f)
    return f


def copies_made(defn, values: dict) -> list[str]:
    """The copies a record can have: only the languages its translatable answers are given in."""
    from forms.bilingual import missing_languages

    return [lang for lang in OUTPUT_LANGS if not missing_languages(defn, values, lang)]


def render_outputs(record: Frozen, values: dict) -> list[tuple[str, str, bytes, str]]:
    """(lang, fmt, bytes, filename) of the data and every document; touches no database."""
    from generator.build import build_document
    from generator.render import render

    defn = definition(record.doc_type, record.doc_id)
    data = json.dumps(values, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")
    files = [("", "json", data, filename(record, "", "json"))]  # the data beside its documents
    for lang in copies_made(defn, values):
        kwargs = {"footer_rows": footer_rows(record)} if record.doc_type == "form" else {}
        copy = {**(record.copy or {}), "version": record.version}
        doc = build_document(defn, values, lang, **kwargs, **copy)
        doc.logo = record.logo
        doc.attachment = (f"{record.doc_id}.json", data)  # the archived PDF carries its data
        for fmt in ("docx", "pdf"):
            files.append((lang, fmt, render(doc, fmt), filename(record, lang, fmt)))
    return files


def _claim_expiry() -> dt.datetime:
    return now() - dt.timedelta(seconds=int(current_app.config["FINALISE_CLAIM_SECONDS"]))


def release_stale_claim(record: Record) -> bool:
    """A claim older than the limit was left by a crash: make the record a draft again."""
    if record.status != "finalising" or record.updated_at >= _claim_expiry():
        return False
    done = db.session.execute(
        update(Record)
        .where(Record.id == record.id, Record.status == "finalising")
        .where(Record.updated_at == record.updated_at)
        .values(status="draft", finalised_by_id=None, finalised_at=None, updated_at=now())
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    return bool(done)


def _claim(record: Record, values: dict, user) -> tuple[dt.datetime, Frozen]:
    """Draft -> finalising in one short transaction; the claim's time is its token."""
    from ..core.organisation import form_copy, form_logo, logo_bytes

    logo = logo_bytes() if record.doc_type == "letter" else form_logo()
    moment = now()
    claimed = db.session.execute(
        update(Record)
        .where(Record.id == record.id)
        .where(
            or_(
                Record.status == "draft",
                and_(Record.status == "finalising", Record.updated_at < _claim_expiry()),
            )
        )
        .values(
            status="finalising",
            data=values,
            finalised_by_id=user.id,
            finalised_at=moment,
            updated_by_id=user.id,
            updated_at=moment,
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    if not claimed:
        db.session.rollback()
        raise FinaliseRefused(f"record {record.id} is final or being finalised")
    log("save", record=record, detail="before finalise")  # the claim saves the answers too
    frozen = Frozen(
        record.case_id,
        record.case.provider,
        record.doc_type,
        record.doc_id,
        record.version,
        user.name,
        moment,
        logo,
        record.case.service,
        form_copy(),
    )
    db.session.commit()
    return moment, frozen


def _release(record_id: int, claim: dt.datetime) -> None:
    db.session.rollback()
    db.session.execute(
        update(Record)
        .where(Record.id == record_id, Record.status == "finalising", Record.updated_at == claim)
        .values(status="draft", finalised_by_id=None, finalised_at=None, updated_at=now())
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


@timed_finalise
def finalise(record: Record, raw: dict, user) -> list:
    """Return the errors; with none, the record is final and its files stored. Raises
    ``FinaliseRefused`` when another finalise got there first, ``RenderFailed`` when the
    documents could not be made (the record is then a draft again)."""
    from ..core.organisation import with_letterhead

    defn = definition(record.doc_type, record.doc_id)
    values, errors = defn.validate(with_letterhead(defn, raw), level="final")
    if not errors and not copies_made(defn, values):
        from forms.bilingual import missing_languages

        errors = missing_languages(defn, values, record.lang or "both")
    if errors:
        return errors
    record_id = record.id
    claim, frozen = _claim(record, values, user)
    try:
        outputs = render_outputs(frozen, values)  # no transaction is open here
    except Exception as exc:
        logger.exception("record %s: the documents could not be made", record_id)
        _release(record_id, claim)
        raise RenderFailed(str(exc)) from exc
    won = db.session.execute(
        update(Record)
        .where(Record.id == record_id, Record.status == "finalising", Record.updated_at == claim)
        .values(status="final")
        .execution_options(synchronize_session=False)
    ).rowcount
    if not won:  # the claim expired and someone else took it: their documents, not ours
        db.session.rollback()
        raise FinaliseRefused(f"record {record_id}: the claim expired")
    record = db.session.get(Record, record_id, populate_existing=True)
    files = [store(record, *output) for output in outputs]
    copy_from_record(record, values, user)  # dates the form records go on the case (issue 13)
    db.session.flush()
    log("finalise", record=record, detail=", ".join(f"{f.filename} {f.sha256}" for f in files))
    db.session.commit()
    return []
