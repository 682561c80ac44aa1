"""Translatable text for definitions that are translated late, in the language of the output.

Definitions hold English msgids (marked with ``N_`` / ``NP_`` so ``pybabel extract`` finds them);
the web page translates them into the reader's language and the generator into the document's,
from the same gettext catalogs under ``web/translations``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel.support import NullTranslations, Translations

TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "web" / "translations"
LANGUAGES = ("en", "cy")


@dataclass(frozen=True)
class Msg:
    """A msgid with a gettext context, for words whose translation depends on the question."""

    context: str
    text: str

    def __str__(self) -> str:  # English is the msgid itself
        return self.text


def N_(text: str) -> str:
    """Mark a string for extraction; it is translated when it is shown."""
    return text


def NP_(context: str, text: str) -> Msg:
    """Mark a string with a context for extraction (``pgettext``)."""
    return Msg(context, text)


@lru_cache(maxsize=8)
def _catalog(lang: str) -> NullTranslations:
    if lang == "en":
        return NullTranslations()
    return Translations.load(str(TRANSLATIONS_DIR), [lang], domain="messages")


class Translator:
    """Translate msgids, format dates and numbers in one language."""

    def __init__(self, lang: str):
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}")
        self.lang = lang
        self._t = _catalog(lang)

    def __call__(self, text, **params) -> str:
        if text is None:
            return ""
        if isinstance(text, Msg):
            out = self._t.pgettext(text.context, text.text)
        else:
            out = self._t.gettext(str(text))
        return out % params if params else out

    def ngettext(self, singular: str, plural: str, n: int, **params) -> str:
        out = self._t.ngettext(singular, plural, n)
        return out % dict(params, num=n)

    def date(self, value) -> str:
        from babel.dates import format_date

        return format_date(value, "d MMMM y", locale=self.lang) if value else ""


def translator(lang: str) -> Translator:
    return Translator(lang)


def clear_cache() -> None:
    """Forget loaded catalogs (after ``pybabel compile`` in a running process)."""
    _catalog.cache_clear()
