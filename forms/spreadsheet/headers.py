"""Match column headings to a group's fields, however the user typed them.

A heading may be the field's name, its English label or its Welsh label (or a form's own alias,
such as the paper form's "DOB"); case, spacing, punctuation and accents do not matter, and a
bracketed note ("Gender (M/F)") or a bilingual "Cymraeg / English" heading is understood.
"""

from __future__ import annotations

import re
import unicodedata

from ..fields import Field
from ..i18n import Translator

BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")


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
        index.setdefault(key(f.name), f.name)
    for name, label in labels:
        index.setdefault(key(label), name)
    for name, label in labels:
        index.setdefault(_bare(label), name)
    for heading, name in aliases.items():
        index.setdefault(key(heading), name)
    index.pop("", None)
    return index


def match(heading, index: dict) -> str | None:
    """The field a heading names, trying it whole first, then its parts."""
    return next((index[k] for k in variants(heading) if k in index), None)
