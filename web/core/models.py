"""Database tables: users, the organisation profile, case files, their records, stored files,
background jobs and the audit log."""

from __future__ import annotations

import datetime as dt

from flask_login import UserMixin
from sqlalchemy import JSON, ForeignKey, LargeBinary, String, Text, event
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from .extensions import db

ROLES = ("viewer", "editor", "admin")
PROCESSES = ("provider-performance", "escalating-concerns", "closure")


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class User(UserMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20), default="editor")
    job_title: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=now)
    # Part of every session's id: bumping it (sign-out, new password, deactivation) ends them all.
    session_version: Mapped[int] = mapped_column(default=0, server_default="0")
    language: Mapped[str] = mapped_column(String(4), server_default="en")  # of reminder emails

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)
        self.end_sessions()

    def end_sessions(self) -> None:
        self.session_version = (self.session_version or 0) + 1

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version or 0}"

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @property
    def is_active(self) -> bool:  # Flask-Login refuses sign-in to inactive users
        return self.active

    def can(self, role: str) -> bool:
        return ROLES.index(self.role) >= ROLES.index(role)


class SignInFailure(db.Model):
    """A failed sign-in, kept for the lock window: shared by every web process."""

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(default=now, index=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)


class Organisation(db.Model):
    """The deployment's own authority: letterhead, sign-off and the nation for bank holidays."""

    id: Mapped[int] = mapped_column(primary_key=True)
    name_en: Mapped[str] = mapped_column(String(200), default="")
    name_cy: Mapped[str] = mapped_column(String(200), default="")
    address_en: Mapped[str] = mapped_column(Text, default="")
    address_cy: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    nation: Mapped[str] = mapped_column(String(10), default="wales")
    signatory_name: Mapped[str] = mapped_column(String(200), default="")
    signatory_role_en: Mapped[str] = mapped_column(String(200), default="")
    signatory_role_cy: Mapped[str] = mapped_column(String(200), default="")
    logo: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    # printed on every form; empty: DOGFEN_PROTECTIVE_MARKING or OFFICIAL-SENSITIVE
    marking_en: Mapped[str] = mapped_column(String(100), default="")
    marking_cy: Mapped[str] = mapped_column(String(100), default="")
    updated_at: Mapped[dt.datetime] = mapped_column(default=now, onupdate=now)


class Case(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    provider: Mapped[str] = mapped_column(String(300))
    service: Mapped[str] = mapped_column(String(300))
    provider_address: Mapped[str] = mapped_column(Text, default="")
    process: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20), default="open")
    # The source policy it follows (forms.process.POLICIES) and where it is in it.
    # Server defaults only, so an insert that does not name them works on an older schema too.
    policy: Mapped[str] = mapped_column(String(20), server_default="NW")
    stage: Mapped[str] = mapped_column(String(20), server_default="monitoring")
    # For the strategic figures (NW 2.22): embargoes by type of service, vacant beds affected.
    service_type: Mapped[str] = mapped_column(String(30), server_default="")
    beds: Mapped[int | None]
    vacancies: Mapped[int | None]
    # Contacts: provider letters go to the responsible individual, else the manager (prefill.py).
    responsible_individual: Mapped[str] = mapped_column(String(300), server_default="")
    manager: Mapped[str] = mapped_column(String(300), server_default="")
    commissioning_lead: Mapped[str] = mapped_column(String(300), server_default="")
    opened_on: Mapped[dt.date]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=now)
    records: Mapped[list[Record]] = relationship(back_populates="case", order_by="Record.id")
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    members: Mapped[list[CaseMember]] = relationship(
        back_populates="case", order_by="CaseMember.added_at", cascade="all, delete-orphan"
    )
    stage_changes: Mapped[list[CaseStageChange]] = relationship(
        back_populates="case", order_by="CaseStageChange.id"
    )
    key_dates: Mapped[list[CaseKeyDate]] = relationship(
        back_populates="case", order_by="(CaseKeyDate.on, CaseKeyDate.id)"
    )


class CaseStageChange(db.Model):
    """A case moving from one stage to the next: who, when, why, and the decision record."""

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id"), index=True)
    from_stage: Mapped[str] = mapped_column(String(20))
    to_stage: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")
    record_id: Mapped[int | None] = mapped_column(ForeignKey("record.id"))
    by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    at: Mapped[dt.datetime] = mapped_column(default=now)
    case: Mapped[Case] = relationship(back_populates="stage_changes")
    record: Mapped[Record | None] = relationship()
    by: Mapped[User | None] = relationship()


class CaseKeyDate(db.Model):
    """A date in the process (a PECG meeting, an embargo placed): deadlines count from these."""

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    on: Mapped[dt.date]
    note: Mapped[str] = mapped_column(Text, default="")
    record_id: Mapped[int | None] = mapped_column(ForeignKey("record.id"))  # the form that set it
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=now)
    updated_at: Mapped[dt.datetime] = mapped_column(default=now, onupdate=now)
    case: Mapped[Case] = relationship(back_populates="key_dates")
    record: Mapped[Record | None] = relationship()


class CaseMember(db.Model):
    """A user on a case's team: only the team (and admins) can see the case and its files.
    The user who opens a case (``Case.created_by_id``, its lead) is always a member."""

    case_id: Mapped[int] = mapped_column(ForeignKey("case.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), primary_key=True, index=True)
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    added_at: Mapped[dt.datetime] = mapped_column(default=now)
    case: Mapped[Case] = relationship(back_populates="members")
    user: Mapped[User] = relationship(foreign_keys=[user_id])


class Record(db.Model):
    """A form or letter in a case file: a draft while being worked on, then final and frozen."""

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id"), index=True)
    doc_type: Mapped[str] = mapped_column(String(10), default="form")  # form | letter | merge
    doc_id: Mapped[str] = mapped_column(String(80))
    version: Mapped[int] = mapped_column(default=1)
    status: Mapped[str] = mapped_column(String(10), default="draft")  # draft | finalising | final
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    lang: Mapped[str] = mapped_column(String(4), default="en")
    based_on_id: Mapped[int | None] = mapped_column(ForeignKey("record.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=now)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    updated_at: Mapped[dt.datetime] = mapped_column(default=now)
    finalised_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    finalised_at: Mapped[dt.datetime | None]
    case: Mapped[Case] = relationship(back_populates="records")
    files: Mapped[list[StoredFile]] = relationship(
        back_populates="record", order_by="StoredFile.id"
    )
    finalised_by: Mapped[User | None] = relationship(foreign_keys=[finalised_by_id])
    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])
    # Every change checks that nobody changed the row since it was read (``WHERE updated_at =``):
    # a save that lost a race, say to a finalise, raises StaleDataError instead of overwriting.
    __mapper_args__ = {"version_id_col": updated_at, "version_id_generator": lambda _: now()}

    @property
    def is_final(self) -> bool:
        return self.status == "final"


class StoredFile(db.Model):
    """A finished output, kept byte for byte with its SHA-256."""

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("record.id"), index=True)
    lang: Mapped[str] = mapped_column(String(4))
    fmt: Mapped[str] = mapped_column(String(10))
    filename: Mapped[str] = mapped_column(String(255))
    mime: Mapped[str] = mapped_column(String(120))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(default=now)
    record: Mapped[Record] = relationship(back_populates="files")


class Job(db.Model):
    """A background job (bulk merge): its state lives here whichever worker runs it."""

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case.id"))
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(20), default="queued")
    total: Mapped[int] = mapped_column(default=0)
    done: Mapped[int] = mapped_column(default=0)
    cancel_requested: Mapped[bool] = mapped_column(default=False)
    error: Mapped[str] = mapped_column(Text, default="")
    record_id: Mapped[int | None] = mapped_column(ForeignKey("record.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=now)
    heartbeat_at: Mapped[dt.datetime | None]  # last sign of life from whoever runs it
    finished_at: Mapped[dt.datetime | None]


class AuditEvent(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(default=now, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    action: Mapped[str] = mapped_column(String(40))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case.id"), index=True)
    record_id: Mapped[int | None] = mapped_column(ForeignKey("record.id"))
    file_id: Mapped[int | None] = mapped_column(ForeignKey("stored_file.id"))
    detail: Mapped[str] = mapped_column(Text, default="")
    user: Mapped[User | None] = relationship()


class AuditLogError(RuntimeError):
    """Raised when code tries to change or delete an audit row: the log is append-only."""


class FinalisedRecordError(RuntimeError):
    """Raised when code tries to change a finalised record or a stored file."""


# The app's own guard; the database refuses the same changes (and deletes) by triggers, see the
# migration integrity_triggers.
@event.listens_for(Record, "before_update")
def _freeze_final(mapper, connection, target: Record) -> None:
    state = db.inspect(target)
    was_final = state.attrs.status.history.deleted == ["final"] or (
        target.status == "final" and not state.attrs.status.history.has_changes()
    )
    if was_final and any(state.attrs[a].history.has_changes() for a in ("data", "status", "lang")):
        raise FinalisedRecordError(f"record {target.id} is final and cannot change")


@event.listens_for(StoredFile, "before_update")
def _freeze_file(mapper, connection, target: StoredFile) -> None:
    raise FinalisedRecordError("stored files never change")


@event.listens_for(AuditEvent, "before_update")
@event.listens_for(AuditEvent, "before_delete")
def _freeze_audit(mapper, connection, target: AuditEvent) -> None:
    raise AuditLogError("audit events are never changed or deleted")


@event.listens_for(Session, "do_orm_execute")
def _no_bulk_audit_changes(state) -> None:
    """Bulk ``update(AuditEvent)`` / ``delete(AuditEvent)`` skip the mapper events above."""
    if (state.is_update or state.is_delete) and any(
        m.class_ is AuditEvent for m in state.all_mappers
    ):
        raise AuditLogError("audit events are never changed or deleted")
