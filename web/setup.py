"""Database setup (Alembic migrations) and the demo data the README's first command relies on."""

from __future__ import annotations

import datetime as dt
import secrets
from pathlib import Path

from flask import current_app
from flask_migrate import upgrade
from sqlalchemy import func, select

from .audit import log
from .extensions import db
from .models import Case, CaseMember, User
from .organisation import current

DEMO_ADMIN = "admin@example.org"


def add_user(email: str, name: str, role: str, password: str) -> User:
    email = email.strip().lower()
    if db.session.scalar(select(User).where(func.lower(User.email) == email)):
        raise ValueError(f"a user with email {email} already exists")
    user = User(email=email, name=name, role=role)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    log("create-user", detail=f"{email} ({role})", user=user)
    db.session.commit()
    return user


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
    if db.session.scalar(select(func.count()).select_from(Case)):
        return
    case = Case(
        provider="O'Brien & Sons <Ltd>",
        service="Tŷ Gwyn Care Home",
        provider_address="1 Heol y Parc\nLlandeilo\nSA19 6AA",
        process="provider-performance",
        opened_on=dt.date.today(),
        created_by_id=user.id,
    )
    case.members.append(CaseMember(user_id=user.id, added_by_id=user.id))
    db.session.add(case)
    db.session.flush()
    log("create-case", case=case, detail="demo data", user=user)


def setup_database(demo: bool = True):
    upgrade()
    yield "database is up to date"
    if not demo:
        return
    _demo_organisation()
    admin = db.session.scalar(select(User).where(User.email == DEMO_ADMIN))
    note = Path(current_app.instance_path) / "first-user.txt"
    if admin is None:
        password = secrets.token_urlsafe(12)
        admin = add_user(DEMO_ADMIN, "Demo Administrator", "admin", password)
        note.write_text(f"{DEMO_ADMIN}\n{password}\n")
        note.chmod(0o600)
    _demo_case(admin)
    db.session.commit()
    email, password = (
        note.read_text().split() if note.exists() else (DEMO_ADMIN, "(see first setup)")
    )
    yield f"sign in at http://127.0.0.1:5000/sign-in as {email} with password {password}"
