"""The organisation's logo (issue 7): verified in full, size-capped, re-encoded without EXIF,
removable; a bad stored logo never stops a letter from being finalised.

Every image is built here with Pillow.
"""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from docx import Document as open_docx
from PIL import Image
from sqlalchemy import select

from web.core.extensions import db
from web.core.logo import LogoError, clean_logo, safe_logo
from web.core.models import AuditEvent, Organisation
from web.core.registry import all_letters

from .conftest import sign_in
from .helpers import form_post
from .test_letters_web import set_up_organisation

BASE = {"name_en": "Council", "name_cy": "Cyngor", "nation": "wales"}
SECRET = "Secret Photographer at Home"


def image_bytes(size=(120, 60), mode="RGB", fmt="PNG", **save) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, color=0 if mode in ("1", "L") else (200, 30, 30)).save(out, fmt, **save)
    return out.getvalue()


def jpeg_with_exif() -> bytes:
    exif = Image.Exif()
    exif[0x013B] = SECRET  # Artist
    exif[0x0112] = 6  # Orientation: rotated; the stored logo must come out the right way up
    return image_bytes((200, 100), fmt="JPEG", exif=exif.tobytes())


def png_zip_polyglot() -> bytes:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("payload.txt", "not an image")
    return image_bytes() + archive.getvalue()


BOMB = image_bytes((12_000, 12_000), mode="1")  # a few KB; 144 megapixels when decoded
HOSTILE = {
    "huge": (BOMB, "too large", "rhy fawr"),
    "wide": (image_bytes((4_500, 10), mode="L"), "too large", "rhy fawr"),
    "truncated": (image_bytes((300, 300))[:200], "could not be read", "Nid oedd modd darllen"),
    "polyglot": (png_zip_polyglot(), "could not be read", "Nid oedd modd darllen"),
    "trailing": (image_bytes() + b"<script>x</script>", "could not be read", "Nid oedd modd"),
    "gif": (image_bytes(fmt="GIF"), "PNG or JPEG", "PNG neu JPEG"),
}


def test_the_bomb_is_small_but_refused_from_its_header():
    assert len(BOMB) < 40_000
    with pytest.raises(LogoError, match="too large"):
        clean_logo(BOMB)


def test_a_jpeg_is_stored_as_a_small_png_without_exif():
    data = jpeg_with_exif()
    assert SECRET.encode() in data
    clean = clean_logo(data)
    image = Image.open(io.BytesIO(clean))
    assert image.format == "PNG" and not image.getexif() and not image.info.get("exif")
    assert image.size == (100, 200)  # turned the way the EXIF said, then the EXIF dropped
    assert SECRET.encode() not in clean and b"Exif" not in clean


def test_a_big_logo_is_scaled_to_letterhead_size():
    image = Image.open(io.BytesIO(clean_logo(image_bytes((2_000, 1_000)))))
    assert image.size == (600, 300)


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_logos_are_refused_in_both_languages_and_nothing_saved(app, kind):
    data, english, welsh = HOSTILE[kind]
    admin = sign_in(app.test_client(), "admin")
    good = clean_logo(image_bytes())
    with app.app_context():
        db.session.merge(Organisation(id=1, logo=good))
        db.session.commit()

    def post():
        return admin.post(
            "/admin/organisation",
            data={**BASE, "logo": (io.BytesIO(data), "logo.png")},
            content_type="multipart/form-data",
        )

    r = post()
    assert r.status_code == 400 and english in r.text
    admin.get("/language/cy")
    r = post()
    assert r.status_code == 400 and welsh in r.text and '<html lang="cy"' in r.text
    with app.app_context():
        assert db.session.get(Organisation, 1).logo == good  # unchanged


def test_saving_without_a_new_file_keeps_the_logo_and_it_can_be_removed(app):
    admin = sign_in(app.test_client(), "admin")
    r = admin.post(
        "/admin/organisation",
        data={**BASE, "logo": (io.BytesIO(image_bytes()), "logo.png")},
        content_type="multipart/form-data",
    )
    assert r.status_code == 302
    page = admin.get("/admin/organisation").text
    assert "Remove the logo" in page
    r = admin.post(
        "/admin/organisation",
        data={**BASE, "logo": (io.BytesIO(b""), "")},
        content_type="multipart/form-data",
    )
    assert r.status_code == 302
    with app.app_context():
        assert db.session.get(Organisation, 1).logo
    r = admin.post("/admin/organisation", data={**BASE, "remove_logo": "y"})
    assert r.status_code == 302
    with app.app_context():
        assert db.session.get(Organisation, 1).logo is None
        audit = select(AuditEvent.user_id).where(AuditEvent.action == "remove-logo")
        assert db.session.scalar(audit) is not None
    assert "Remove the logo" not in admin.get("/admin/organisation").text


def test_only_an_admin_can_remove_the_logo(app, client):
    with app.app_context():
        db.session.merge(Organisation(id=1, logo=clean_logo(image_bytes())))
        db.session.commit()
    r = client.post("/admin/organisation", data={**BASE, "remove_logo": "y"})
    assert r.status_code == 403
    with app.app_context():
        assert db.session.get(Organisation, 1).logo


def finalised_docx(client, case_id) -> bytes:
    r = client.post(
        f"/cases/{case_id}/records",
        data={"doc_type": "letter", "doc_id": "provider-process-started"},
    )
    edit = r.location
    defn = all_letters()["provider-process-started"]
    data = form_post(defn, defn.example())
    data.update(org_name_en="Example County Council", org_name_cy="Cyngor Sir Enghraifft")
    r = client.post(edit, data={**data, "action": "finalise"})
    assert r.status_code == 302, re.findall(r"govuk-error-message[^>]*>(.*?)</p>", r.text, re.S)
    view = client.get(r.location).text
    url = re.search(r'href="(/records/\d+/files/\d+)">DOCX<span', view).group(1)
    return client.get(url).data


def pictures(docx: bytes) -> list[bytes]:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return [z.read(n) for n in z.namelist() if n.startswith("word/media/")]


def test_a_valid_logo_is_in_the_finalised_letter_without_exif(app, client, case_id):
    set_up_organisation(app)
    admin = sign_in(app.test_client(), "admin")
    r = admin.post(
        "/admin/organisation",
        data={**BASE, "logo": (io.BytesIO(jpeg_with_exif()), "logo.jpg")},
        content_type="multipart/form-data",
    )
    assert r.status_code == 302
    docx = finalised_docx(client, case_id)
    assert open_docx(io.BytesIO(docx)).inline_shapes
    [picture] = pictures(docx)
    assert Image.open(io.BytesIO(picture)).format == "PNG"
    assert SECRET.encode() not in docx and SECRET.encode() not in picture


@pytest.mark.parametrize("stored", [image_bytes((300, 300))[:200], BOMB, b"\x89PNG\r\n\x1a\nxx"])
def test_a_bad_stored_logo_is_left_out_and_the_letter_still_finalises(
    app, client, case_id, stored, caplog
):
    set_up_organisation(app)
    safe_logo.cache_clear()
    with app.app_context():
        db.session.get(Organisation, 1).logo = stored
        db.session.commit()
    docx = finalised_docx(client, case_id)
    assert pictures(docx) == []
    assert "left out of a letter" in caplog.text


def test_a_word_letter_with_an_unreadable_image_still_renders(caplog):
    from generator.docx import render_docx
    from generator.letters import build_letter

    defn = all_letters()["provider-process-started"]
    doc = build_letter(defn, defn.example(), "en", logo=b"\x89PNG\r\n\x1a\nbroken")
    docx = render_docx(doc)
    assert pictures(docx) == [] and "left out" in caplog.text
