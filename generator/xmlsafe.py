"""The last line of defence for text entering a document: every string in the model made
XML-safe (``forms.xmltext``), so a case whose stored data, provider name or user name already
holds a control character or U+FFFE still renders, in Word as in PDF.

Input is cleaned where it arrives (web, CLI, spreadsheet); this catches what was stored before,
and text that never passes a form field (a user's name in the footer, a case's provider).
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass

from forms.xmltext import xml_safe

from .model import Document


def _safe(value):
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, list | tuple):
        return type(value)(_safe(v) for v in value)
    if is_dataclass(value) and not isinstance(value, type):
        for f in fields(value):
            setattr(value, f.name, _safe(getattr(value, f.name)))
    return value


def safe_document(doc: Document) -> Document:
    """``doc`` with every text in its parts and blocks XML-safe (changed in place)."""
    doc.subject = xml_safe(doc.subject)
    for part in doc.parts:
        _safe(part)
    return doc
