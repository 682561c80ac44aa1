"""The residents list's funding and relationship are options in both languages, with "other"
typed in both; its mobility needs are typed in both. Drafts saved as free text are moved over."""

from __future__ import annotations

import io

from docx import Document as open_docx
from sqlalchemy import select, text

from forms.catalogue.bp_residents_list import FORM
from generator.build import build_document
from generator.docx import render_docx
from tests.conftest import open_case, sign_in
from web.core.extensions import db
from web.core.models import Record
from web.residents.key_contacts import relationship


def _words(doc) -> str:
    word = open_docx(io.BytesIO(render_docx(doc)))
    cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in word.paragraphs] + cells)


def test_a_welsh_list_names_funding_and_relationship_in_welsh():
    data = FORM.example()
    row = data["residents"][0]
    row.update(
        funding="other",
        funding_other={"cy": "Ymddiriedolaeth y teulu", "en": "The family’s trust"},
        representative_relationship="daughter",
        mobility_needs={"cy": "Teclyn codi", "en": "Hoist"},
    )
    values, errors = FORM.validate(data, level="final")
    assert errors == []
    welsh = _words(build_document(FORM, values, "cy"))
    assert "Ymddiriedolaeth y teulu" in welsh and "Merch" in welsh and "Teclyn codi" in welsh
    assert "The family’s trust" not in welsh and "Daughter" not in welsh and "Hoist" not in welsh
    english = _words(build_document(FORM, values, "en"))
    assert "The family’s trust" in english and "Daughter" in english and "Hoist" in english


def test_other_needs_its_text():
    data = FORM.example()
    data["residents"][0].update(funding="other")
    data["residents"][0].pop("funding_other", None)
    _, errors = FORM.validate(data, level="final")
    assert [e.path for e in errors] == ["residents[0].funding_other"]


def test_a_key_contacts_sheet_starts_with_the_relationship_in_both_languages():
    assert relationship({"representative_relationship": "son"}) == {"cy": "Mab", "en": "Son"}
    other = {"cy": "Mab yng nghyfraith", "en": "Son-in-law"}
    assert (
        relationship(
            {"representative_relationship": "other", "representative_relationship_other": other}
        )
        == other
    )
    assert relationship({"representative_relationship": "Cousin"}) == {"en": "Cousin"}  # old


def test_migration_moves_free_text_drafts_to_options(app):
    from alembic.script import ScriptDirectory
    from flask_migrate import downgrade, upgrade

    from web import MIGRATIONS

    client = sign_in(app.test_client())
    case_id = open_case(client)
    before = ScriptDirectory(MIGRATIONS).get_revision("residents_options").down_revision
    old_rows = [
        {"surname": "Jones", "funding": "LA", "representative_relationship": "Daughter"},
        {
            "surname": "O'Brien",
            "funding": "Paid by a trust & <co>",
            "representative_relationship": "Son-in-law",
            "mobility_needs": "Hoist\nand two carers",
        },
    ]
    with app.app_context():
        downgrade(revision=before)
        db.session.execute(
            Record.__table__.insert().values(
                case_id=case_id,
                doc_type="form",
                doc_id="bp-residents-list",
                version=1,
                status="draft",
                data={"residents": old_rows},
                lang="en",
            )
        )
        db.session.commit()
        upgrade()
        db.session.expire_all()
        data = (
            db.session.scalars(select(Record).where(Record.doc_id == "bp-residents-list"))
            .one()
            .data
        )
        assert db.session.execute(text("SELECT 1")).scalar() == 1
    first, second = data["residents"]
    assert (
        first["funding"] == "local-authority" and first["representative_relationship"] == "daughter"
    )
    assert second["funding"] == "other"
    assert second["funding_other"] == {"en": "Paid by a trust & <co>"}
    assert second["representative_relationship_other"] == {"en": "Son-in-law"}
    assert second["mobility_needs"] == {"en": "Hoist\nand two carers"}
