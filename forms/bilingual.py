"""Translatable free text: prose that is printed in a document is held in both languages.

A Welsh copy must not print English sentences (Welsh Language Standards), so a field whose words
appear in a document keeps a pair ``{"cy": "…", "en": "…"}``. A draft may hold one language; a
copy in a language needs that language's text (``missing_languages``). Values stored before
this kind existed are single strings: they count as English, and the page asks for the Welsh.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .fields import Checklist, Computed, FieldError, Group, LongText, Text
from .i18n import N_

PARTS = ("cy", "en")  # Welsh first, as the page and the documents show them
LEGACY_LANG = "en"  # a single stored string was typed before the pair: read it as English
NEEDS = {"en": ("en",), "cy": ("cy",), "both": ("cy", "en"), "unknown": ("cy", "en")}
MISSING = {
    "cy": N_("Enter the Welsh text for “%(label)s”"),
    "en": N_("Enter the English text for “%(label)s”"),
}
TOO_LONG = {
    "cy": N_("The Welsh text for “%(label)s” must be %(max)s characters or fewer"),
    "en": N_("The English text for “%(label)s” must be %(max)s characters or fewer"),
}


def as_pair(raw: Any) -> dict:
    """Any stored or posted value as a dict of language -> raw text (a string is English)."""
    if isinstance(raw, dict):
        return {k: raw.get(k) for k in PARTS if raw.get(k) not in (None, "")}
    if raw in (None, "") or isinstance(raw, list):
        return {}
    return {LEGACY_LANG: raw}


class Bilingual:
    """Mixin for Text/LongText: parse, check, describe and show the pair."""

    translatable = True
    example_cy: str = ""

    def parse(self, raw, today):
        out = {}
        for code, text in as_pair(raw).items():
            text = self.text(text)  # type: ignore[attr-defined]
            if len(text) > self.max_length:  # type: ignore[attr-defined]
                raise FieldError(TOO_LONG[code], max=self.max_length, part=code)  # type: ignore[attr-defined]
            if text:
                out[code] = text
        return out or None

    def fits(self, raw):
        if isinstance(raw, list):
            return False
        return all(Text.fits(self, v) for v in as_pair(raw).values())  # type: ignore[arg-type]

    def schema(self):
        text = {"type": "string", "maxLength": self.max_length}  # type: ignore[attr-defined]
        return {
            "type": "object",
            "properties": {"cy": dict(text, title="Cymraeg"), "en": dict(text, title="English")},
            "additionalProperties": False,
        }

    def example(self):
        return {"cy": self.example_cy, "en": self.example_value}  # type: ignore[attr-defined]

    def display(self, value, t) -> str:
        """The text in the translator's language only: never the other language instead."""
        return as_pair(value).get(t.lang) or ""


@dataclass
class BilingualText(Bilingual, Text):
    """A short prose answer in Welsh and English (a venue, opening hours, a salutation)."""

    example_cy: str = ""
    kind = "bitext"


@dataclass
class BilingualLongText(Bilingual, LongText):
    """A paragraph in Welsh and English (a reason, a summary, a concern)."""

    example_cy: str = ""
    kind = "bilongtext"


def is_translatable(f) -> bool:
    return getattr(f, "translatable", False) and not isinstance(f, Computed)


def _walk(defn, values: dict):
    """(path, field, value) for every translatable answer given."""
    for m in defn.members():
        value = values.get(m.name)
        if isinstance(m, Group | Checklist):
            for i, row in enumerate(value if isinstance(value, list) else []):
                for f in m.fields:
                    if is_translatable(f) and isinstance(row, dict):
                        yield f"{m.name}[{i}].{f.name}", f, row.get(f.name)
        elif is_translatable(m):
            yield m.name, m, value


def missing_languages(defn, values: dict, lang: str) -> list:
    """Errors for each given translatable answer that lacks a language a ``lang`` copy prints."""
    from .definition import Error

    errors = []
    for path, f, value in _walk(defn, values):
        have = as_pair(value)
        if not have:
            continue  # an empty optional answer prints nothing; a required one is already named
        for code in NEEDS.get(lang, ("cy", "en")):
            if code not in have:
                errors.append(Error(f"{path}.{code}", MISSING[code], {"label": f.label}))
    return errors


def copies_possible(defn, values: dict) -> dict[str, list]:
    """For each copy (en, cy, both), the errors that stop it: an empty list means it can be made."""
    return {lang: missing_languages(defn, values, lang) for lang in ("en", "cy", "both")}


def typed_in(defn, data: dict, names, lang: str) -> dict:
    """``data`` with single strings under ``names`` read as typed in ``lang`` (``both``: a name
    such as "Mrs Jones", the same in each). A merge row is written for one recipient, in that
    recipient's language, so its salutation is not an English answer missing its Welsh."""
    fields = {m.name: m for m in defn.members()}
    out = dict(data)
    for name in names:
        value = out.get(name)
        if is_translatable(fields.get(name)) and isinstance(value, str) and value.strip():
            out[name] = {code: value for code in NEEDS.get(lang, PARTS)}
    return out
