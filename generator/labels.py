"""Address labels for a run of letters: A4 sheets of 3 x 7 labels, one per letter, in the order
the letters are printed, so each envelope matches the letter on top of the pile.

A tiny Typst document of its own: the names and addresses go in as JSON through
``sys.inputs`` and the fixed template shows them as text, so nothing typed is ever markup.
"""

from __future__ import annotations

import json
from pathlib import Path

import typst

TEMPLATE = Path(__file__).with_name("templates") / "labels.typ"
FONTS = ["/usr/share/fonts/truetype/dejavu"]
PER_SHEET = 21


def address_lines(name: str, address: str) -> list[str]:
    """The recipient's name, then each non-blank line of their postal address."""
    lines = [name.strip()] if name and name.strip() else []
    return lines + [line.strip() for line in (address or "").splitlines() if line.strip()]


def labels_pdf(addresses: list[tuple[str, str]], title: str = "Labels", lang: str = "en") -> bytes:
    """PDF bytes: one label per (name, postal address), in order."""
    data = {
        "title": title,
        "lang": lang,
        "labels": [{"lines": address_lines(name, addr)} for name, addr in addresses],
    }
    return typst.compile(
        TEMPLATE.read_bytes(),
        root=str(TEMPLATE.parent),
        font_paths=FONTS,
        ignore_system_fonts=True,
        sys_inputs={"labels": json.dumps(data, ensure_ascii=False)},
    )
