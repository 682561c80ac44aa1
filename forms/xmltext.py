"""Text that XML can hold, so Word can hold it: the one rule every entry point applies.

XML 1.0 forbids the C0 controls other than tab, newline and carriage return, the non-characters
U+FFFE and U+FFFF, and lone surrogates; lxml refuses to write them ("All strings must be XML
compatible"), and PostgreSQL refuses NUL in text. Excel and Word put ``\\x0b`` (vertical tab)
and ``\\x0c`` (form feed) where a line break was meant, so those become newlines; the rest carry
no meaning in a form and are dropped.
"""

from __future__ import annotations

import re

NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
BREAKS = "\x0b\x0c"


def _replace(match: re.Match) -> str:
    return "\n" if match.group() in BREAKS else ""


def xml_safe(text: str) -> str:
    """``text`` with line-break controls as newlines and other XML-incompatible characters gone."""
    if NOT_XML.search(text) is None:
        return text
    return NOT_XML.sub(_replace, text)


def xml_safe_value(value):
    """``xml_safe`` applied to a string or to each string in a list; other values unchanged."""
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, list | tuple):
        return [xml_safe_value(v) for v in value]
    return value
