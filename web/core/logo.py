"""The organisation's logo: a PNG or JPEG checked in full, then re-encoded before it is stored.

A logo goes into every letter, so a bad one costs on every letter: a 17 KB PNG of 12,000 × 12,000
pixels (30 s and 1.3 GB each), a truncated file that makes finalising fail, a photo's EXIF (place,
camera, owner) copied into each Word file. Pillow reads the size from the header and refuses a
huge image before decoding anything, then verifies and decodes the rest; what is stored is a new
PNG at letterhead size with no metadata, so nothing else that was in the upload reaches a letter.
Logos stored before this check are cleaned the same way when a letter uses them; one that cannot
be is left out of the letter (and logged) rather than failing it.
"""

from __future__ import annotations

import io
import logging
import warnings
import zipfile
from functools import lru_cache

from flask_babel import lazy_gettext as _l
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_SIDE = 4000  # pixels, either way
MAX_PIXELS = 4_000_000
STORED_SIZE = (600, 600)  # the letterhead shows it 2 cm high: 600 px is plenty
FORMATS = ["PNG", "JPEG"]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

NOT_IMAGE = _l("The logo must be a PNG or JPEG image")
UNREADABLE = _l(
    "The logo could not be read: the file is damaged or holds more than an image. "
    "Save it again as PNG or JPEG and upload it again"
)
TOO_LARGE = _l(
    "The logo is too large: it can be at most %(side)s × %(side)s pixels (%(megapixels)s "
    "megapixels)",
    side=f"{MAX_SIDE:,}",
    megapixels=MAX_PIXELS // 1_000_000,
)

log = logging.getLogger(__name__)


class LogoError(ValueError):
    """The upload is not a usable logo; ``message`` says why, in the reader's language."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def clean_logo(data: bytes) -> bytes:
    """The logo as a new PNG of at most 600 × 600 pixels without metadata, or LogoError."""
    if zipfile.is_zipfile(io.BytesIO(data)) or _after_png_end(data):
        raise LogoError(UNREADABLE)  # a polyglot: an image with an archive or more behind it
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=FORMATS) as probe:
                _check_size(probe)
                probe.verify()
            with Image.open(io.BytesIO(data), formats=FORMATS) as image:
                _check_size(image)
                image.load()
                return _encode(image)
    except LogoError:
        raise
    except UnidentifiedImageError:
        raise LogoError(NOT_IMAGE) from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise LogoError(TOO_LARGE) from None
    except Exception:  # Pillow raises OSError, SyntaxError, ValueError, EOFError... on bad files
        raise LogoError(UNREADABLE) from None


def _check_size(image: Image.Image) -> None:
    width, height = image.size
    if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
        raise LogoError(TOO_LARGE)


def _after_png_end(data: bytes) -> bool:
    """Whether bytes follow a PNG's last chunk (IEND); a truncated PNG is left to Pillow."""
    if not data.startswith(PNG_SIGNATURE):
        return False
    pos = len(PNG_SIGNATURE)
    while pos + 8 <= len(data):
        length = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        pos += 12 + length  # length, type, data, CRC
        if kind == b"IEND":
            return pos < len(data)
    return False


def _encode(image: Image.Image) -> bytes:
    image = ImageOps.exif_transpose(image)  # keep it the right way up, then drop the EXIF
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        alpha = "A" in image.mode or "transparency" in image.info
        image = image.convert("RGBA" if alpha else "RGB")
    image.thumbnail(STORED_SIZE)
    image.info = {}  # no EXIF, ICC profile, text chunks or comments in what is stored
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


@lru_cache(maxsize=8)
def safe_logo(data: bytes | None) -> bytes | None:
    """The stored logo made safe for a letter, or None (logged) when it cannot be."""
    if not data:
        return None
    try:
        return clean_logo(data)
    except LogoError as exc:
        log.warning("The organisation's logo was left out of a letter: %s", exc)
        return None
