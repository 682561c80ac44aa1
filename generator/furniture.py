"""What every printed form carries besides its data: the organisation, the form's title and
source, version, status, protective marking, page x of y, and the record's facts.

The marking is set per deployment (``DOGFEN_PROTECTIVE_MARKING``, "English|Welsh" or one word
for both); the default is the Government Security Classifications' OFFICIAL-SENSITIVE.
"""

from __future__ import annotations

import os

from forms.i18n import N_, Translator

from .model import Furniture

MARKING_ENV = "DOGFEN_PROTECTIVE_MARKING"
DRAFT = N_("DRAFT")


def marking_for(t: Translator, profile: dict | None = None) -> str:
    """The organisation profile's marking in this language, else the deployment's, else the
    default."""
    if profile and profile.get(t.lang, "").strip():
        return profile[t.lang].strip()
    configured = os.environ.get(MARKING_ENV, "").strip()
    if not configured:
        return t(N_("OFFICIAL-SENSITIVE"))
    english, _, welsh = configured.partition("|")
    return (welsh.strip() or english.strip()) if t.lang == "cy" else english.strip()


def watermark(lang: str) -> str:
    """The draft mark: in the copy's language, both words (Welsh first) on a bilingual copy."""
    codes = {"en": ("en",), "cy": ("cy",), "both": ("cy", "en")}[lang]
    return " / ".join(Translator(code)(DRAFT) for code in codes)


def furniture(defn, t: Translator, footer_rows=None, draft=False, organisation=None,
              version=None, marking=None) -> Furniture:  # fmt: skip
    paper = getattr(defn, "paper", None)
    names = organisation or {}
    return Furniture(
        organisation=names.get(t.lang) or names.get("en") or "",
        source=t(paper.source) if paper else "",
        version=t(N_("Version %(num)s"), num=version) if version else "",
        status=t(N_("Draft")) if draft else t(N_("Final")),
        marking=marking_for(t, marking),
        facts=[(t(label), value(t)) for label, value in footer_rows or []],
        page_label=t(N_("Page")),
        of_label=t(N_("of")),
        running_notice=t(defn.notice) if getattr(defn, "notice_every_page", False) else "",
    )
