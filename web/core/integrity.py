"""A stored file is sent only if its bytes still have the SHA-256 taken when it was made.

The checksum shown on the record page is a promise about the download: if the bytes in the
database were changed behind the app's back (a restore gone wrong, a hand-edited row, a disk
fault), sending them would pass off altered documents under the old checksum. So a mismatch is
refused, and written to the audit log for someone to investigate.
"""

from __future__ import annotations

import hashlib

from flask import render_template
from flask_babel import lazy_gettext as _l

from ..ops.files import file_bytes
from .audit import log
from .extensions import db
from .models import StoredFile

# 500, not 409: nothing the reader did or could do differently caused this, and retrying will not
# help. It is a fault in the service's own data, and monitoring should count it as one.
STATUS = 500


def intact(stored: StoredFile) -> bool:
    content = file_bytes(stored)
    return len(content) == stored.size and hashlib.sha256(content).hexdigest() == stored.sha256


def refusal(stored: StoredFile):
    """``None`` if the file may be sent; otherwise the audited error page to return instead."""
    if intact(stored):
        return None
    actual = hashlib.sha256(file_bytes(stored)).hexdigest()
    log(
        "integrity-failure",
        record=stored.record,
        file=stored,
        detail=f"{stored.filename}: expected {stored.sha256}, found {actual}"[:500],
    )
    db.session.commit()
    page = render_template(
        "error.html",
        title=_l("This file failed its integrity check"),
        body=_l(
            "The stored copy no longer matches the checksum recorded when it was made, so it "
            "has not been sent. The failure has been recorded. Tell your administrator."
        ),
    )
    return page, STATUS, {"Cache-Control": "no-store"}
