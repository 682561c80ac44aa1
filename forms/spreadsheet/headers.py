"""Match column headings to a group's fields, however the user typed them.

A heading may be the field's name, its English label or its Welsh label (or a form's own alias,
such as the paper form's "DOB"); case, spacing, punctuation and accents do not matter, and a
bracketed note ("Gender (M/F)") or a bilingual "Cymraeg / English" heading is understood.

An answer typed in both languages has a column for each: "Mobility needs (Welsh)" and
"Mobility needs (English)" (or "(Cymraeg)", "(Saesneg)", ``mobility_needs_cy``), matched to
``mobility_needs@cy`` and ``mobility_needs@en``. A column with the label alone is the English.
"""

from __future__ import annotations

import re
import unicodedata

from ..bilingual import PARTS, is_translatable
from ..fields import Field
from ..i18n import NP_, Translator

BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
# The half of a bilingual answer a column holds, as a heading names it (either language's word).
PART_NAMES = {
    "cy": NP_("spreadsheet column of an answer typed in both languages", "Welsh"),
    "en": NP_("spreadsheet column of an answer typed in both languages", "English"),
}


def part_name(code: str, lang: str) -> str:
    return Translator(lang)(PART_NAMES[code])


def split_part(name: str) -> tuple[str, str | None]:
    """``mobility_needs@cy`` -> (``mobility_needs``, ``cy``); a plain name -> (name, None)."""
    base, _, part = name.partition("@")
    return base, part or None


def key(text) -> str:
    """The comparable core of a heading or an answer: letters and digits, no accents, no case."""
    text = unicodedata.normalize("NFKD", str(text or ""))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return "".join(c for c in text.casefold() if c.isalnum())


def variants(text) -> list[str]:
    """Keys for a heading as written, without its bracketed notes, then for each half of a
    bilingual "Welsh / English" pair."""
    text = str(text or "")
    bare = BRACKETS.sub(" ", text)
    parts = [text, bare, *re.split(r"\s/\s", text), *bare.split("/")]
    keys: list[str] = []
    for part in parts:
        k = key(part)
        if k and k not in keys:
            keys.append(k)
    return keys


def _bare(text: str) -> str:
    return key(BRACKETS.sub(" ", text))


def field_index(fields: list[Field], aliases: dict[str, str], langs=("en", "cy")) -> dict:
    """Heading key -> field name. Earlier sources win: names, labels, bare labels, aliases."""
    labels = [(f.name, Translator(lang)(f.label)) for lang in langs for f in fields]
    index: dict[str, str] = {}
    for f in fields:
        if is_translatable(f):
            _part_keys(f, index)
    for f in fields:
        index.setdefault(key(f.name), f"{f.name}@en" if is_translatable(f) else f.name)
    english = {f.name: f"{f.name}@en" for f in fields if is_translatable(f)}
    for name, label in labels:
        index.setdefault(key(label), english.get(name, name))
    for name, label in labels:
        index.setdefault(_bare(label), english.get(name, name))
    for heading, name in aliases.items():
        index.setdefault(key(heading), name)
    index.pop("", None)
    return index


def _part_keys(f: Field, index: dict) -> None:
    """Headings of each half of an answer typed in both languages, in either language."""
    for code in PARTS:
        target = f"{f.name}@{code}"
        index.setdefault(key(f"{f.name}_{code}"), target)
        for label_lang in ("en", "cy"):
            label = Translator(label_lang)(f.label)
            for word_lang in ("en", "cy"):
                index.setdefault(key(f"{label} {part_name(code, word_lang)}"), target)


def match(heading, index: dict) -> str | None:
    """The field a heading names, trying it whole first, then its parts."""
    return next((index[k] for k in variants(heading) if k in index), None)
