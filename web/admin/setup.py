"""Database setup (Alembic migrations) and the demo data the README's first command relies on."""

from __future__ import annotations

import contextlib
import datetime as dt
import secrets
from pathlib import Path

from flask import current_app
from flask_migrate import upgrade
from sqlalchemy import func, select

from ..core.audit import log
from ..core.extensions import db
from ..core.models import Case, CaseMember, Record, User
from ..core.organisation import current
from ..core.passwords import password_problem
from ..process.demo import demo_process
from .demo_home import demo_records

DEMO_ADMIN = "admin@example.org"


def add_user(email: str, name: str, role: str, password: str) -> User:
    """Raises ValueError (English message) for a taken email or a password the policy refuses."""
    email = email.strip().lower()
    if db.session.scalar(select(User).where(func.lower(User.email) == email)):
        raise ValueError(f"a user with email {email} already exists")
    problem = password_problem(password, email)
    if problem:
        raise ValueError(problem)
    user = User(email=email, name=name, role=role)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    log("create-user", detail=f"{email} ({role})", user=user)
    db.session.commit()
    return user


def set_password(email: str, password: str) -> User:
    """A new password from the command line: the policy applies and every session ends."""
    email = email.strip().lower()
    user = db.session.scalar(select(User).where(func.lower(User.email) == email))
    if user is None:
        raise ValueError(f"no user with email {email}")
    problem = password_problem(password, email)
    if problem:
        raise ValueError(problem)
    user.set_password(password)
    log("reset-password", detail=f"{email} (command line)", user=user)
    db.session.commit()
    return user


def _private_instance() -> None:
    """Tighten an instance folder made before Dogfen kept it private (0700; SQLite file 0600)."""
    instance = Path(current_app.instance_path)
    database = db.engine.url.database if db.engine.url.get_backend_name() == "sqlite" else None
    with contextlib.suppress(OSError):  # a folder owned by someone else is theirs to set
        instance.chmod(0o700)
        if database and database != ":memory:" and Path(database).exists():
            Path(database).chmod(0o600)


def _demo_organisation() -> None:
    org = current()
    if org.name_en:
        return
    org.name_en = "Example County Council"
    org.name_cy = "Cyngor Sir Enghraifft"
    org.address_en = "Commissioning Team\nCounty Hall\nExample Street\nEX1 2MP"
    org.address_cy = "Tîm Comisiynu\nNeuadd y Sir\nStryd Enghraifft\nEX1 2MP"
    org.phone = "01234 567890"
    org.email = "commissioning@example.org"
    org.nation = "wales"
    org.signatory_name = "Rhian Davies"
    org.signatory_role_en = "Head of Commissioning"
    org.signatory_role_cy = "Pennaeth Comisiynu"


def _demo_case(user: User) -> None:
    """A home in escalating concerns, as a new user would meet one: a draft risk assessment, an
    action plan, residents and their families (one Welsh-speaking) and a letter started."""
    if db.session.scalar(select(func.count()).select_from(Case)):
        return
    today = dt.date.today()
    case = Case(
        provider="Glan Tywi Care Ltd",
        service="Bryn Hyfryd Care Home",
        provider_address="Bryn Hyfryd\nHeol y Llan\nLlandeilo\nSA19 6BN",
        responsible_individual="Mrs Catrin Morgan",
        manager="Mr Huw Davies",
        commissioning_lead="Rhian Davies",
        process="escalating-concerns",
        policy="NW",
        stage="escalating",
        service_type="care-home",
        beds=28,
        vacancies=3,
        opened_on=today - dt.timedelta(days=7),  # the decision demo_process records
        created_by_id=user.id,
    )
    case.members.append(CaseMember(user_id=user.id, added_by_id=user.id))
    db.session.add(case)
    db.session.flush()
    log("create-case", case=case, detail="demo data", user=user)
    for doc_type, doc_id, data in demo_records(case, today):
        record = Record(
            case=case,
            doc_type=doc_type,
            doc_id=doc_id,
            data=data,
            lang="en",
            created_by_id=user.id,
            updated_by_id=user.id,
        )
        db.session.add(record)
        db.session.flush()
        log("create", record=record, detail=f"demo data: {doc_id}", user=user)
    demo_process(user, case)  # its decision date, and more cases at other stages (issue 13)


def setup_database(demo: bool = True, port: int = 5000):
    upgrade()
    _private_instance()
    yield "database is up to date"
    if not demo:
        return
    _demo_organisation()
    admin = db.session.scalar(select(User).where(User.email == DEMO_ADMIN))
    # Older versions kept the first password here, in clear: it must not outlive them.
    old_note = Path(current_app.instance_path) / "first-user.txt"
    if old_note.exists():
        old_note.unlink()
        yield f"removed {old_note}, which held the first user's password in clear"
    password = None
    if admin is None:
        password = secrets.token_urlsafe(12)
        admin = add_user(DEMO_ADMIN, "Demo Administrator", "admin", password)
    _demo_case(admin)
    db.session.commit()
    link = f"http://127.0.0.1:{port}/sign-in"
    if password:
        yield (
            f"sign in at {link} as {DEMO_ADMIN} with password {password}"
            " (shown only this once: note it now)"
        )
    else:
        yield (
            f"sign in at {link} as {DEMO_ADMIN} (a new password: "
            f"`.venv/bin/dogfen set-password --email {DEMO_ADMIN}`)"
        )
