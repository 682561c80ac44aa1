"""Audit details in the reader's language.

The log stores a short machine detail beside each event ("add:actions", "draft: cm-action-plan",
"cy"), which must not change once written. Here the known shapes become words in English or
Welsh; anything else (a file name, an email, a checksum) is data and is shown as stored.
"""

from __future__ import annotations

import re

from flask_babel import gettext as _

from forms.i18n import Translator

from .i18n import page_translator

ROW_ACTION = re.compile(r"^(add|remove):([a-z_]+)(?::(\d{1,4}))?$")  # row numbers are small
PAGE = re.compile(r"^(draft|final): ([a-z0-9-]+)$")
VERSION = re.compile(r"^version (\d+) from record (\d+)$")
MERGE_STARTED = re.compile(r"^started job (\d+): ([a-z0-9-]+), (\d+) letters$")
MERGE_CANCEL = re.compile(r"^cancel asked for job (\d+)$")
FAMILY_LETTERS = re.compile(r"^letters to families: ([a-z0-9-]+)$")
MERGE_PREVIEW = re.compile(r"^([a-z0-9-]+) letter (\d+) \((en|cy|both)\)$")
LANGS = {"en", "cy", "both"}


def _definition(doc_id: str):
    from .registry import all_forms, all_letters

    return all_forms().get(doc_id) or all_letters().get(doc_id)


def _label(defn, name: str, t: Translator) -> str:
    try:
        return t(defn.member(name).label)
    except StopIteration:
        return name


def _fixed(detail: str) -> str | None:
    words = {
        "before finalise": _("Saved before finalising"),
        "answers over their limits were not saved": _("Answers over their limits were not saved"),
        "case file": _("Case file"),
        "residents list": _("Residents list"),
        "letters to families": _("Letters to families"),
        "demo data": _("Demonstration data"),
    }
    return words.get(detail)


def audit_detail(event) -> str:
    """The event's detail as words in the page language, where it has a known shape."""
    from .templating import LANG_LABELS

    detail = event.detail or ""
    t = page_translator()
    fixed = _fixed(detail)
    if fixed:
        return fixed
    if event.action == "preview" and detail in LANGS:
        return str(LANG_LABELS[detail])
    page = PAGE.match(detail)
    if page and _definition(page.group(2)):
        title = t(_definition(page.group(2)).title)
        return (
            _("Draft: %(title)s", title=title)
            if page.group(1) == "draft"
            else _("Final copy: %(title)s", title=title)
        )
    if event.action == "create" and _definition(detail):
        return t(_definition(detail).title)
    row = ROW_ACTION.match(detail)
    if row and event.record_id:
        return _row_words(event, row, t) or detail
    return _case_words(detail, t) or detail


def _title(doc_id: str, t: Translator) -> str:
    defn = _definition(doc_id)
    return t(defn.title) if defn else doc_id


def _case_words(detail: str, t: Translator) -> str | None:
    """Details of versions and mail merges, as the case page lists them."""
    from .templating import LANG_LABELS

    if m := VERSION.match(detail):
        return _("Version %(num)s, copied from record %(record)s", num=m[1], record=m[2])
    if m := MERGE_STARTED.match(detail):
        title = _title(m[2], t)
        return _(
            "Mail merge %(job)s started: %(title)s (letters: %(count)s)",
            job=m[1],
            title=title,
            count=m[3],
        )
    if m := MERGE_CANCEL.match(detail):
        return _("Asked to cancel mail merge %(job)s", job=m[1])
    if m := FAMILY_LETTERS.match(detail):
        return _("Letters to families: %(title)s", title=_title(m[1], t))
    if m := MERGE_PREVIEW.match(detail):
        language = str(LANG_LABELS[m[3]])
        return _(
            "%(title)s, letter %(num)s (%(language)s)",
            title=_title(m[1], t),
            num=m[2],
            language=language,
        )
    return None


def _row_words(event, row, t) -> str | None:
    from .extensions import db
    from .models import Record

    record = db.session.get(Record, event.record_id)
    defn = _definition(record.doc_id) if record else None
    if defn is None:
        return None
    label = _label(defn, row.group(2), t)
    if row.group(1) == "add":
        return _("Added a row to “%(label)s”", label=label)
    return _("Removed row %(num)s from “%(label)s”", num=int(row.group(3) or 0) + 1, label=label)
