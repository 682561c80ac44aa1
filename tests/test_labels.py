"""Address labels: A4 sheets of 3 x 7, one label per letter in order, every character as typed
and nothing typed read as Typst markup."""

from __future__ import annotations

import io

from pypdf import PdfReader

from generator.labels import address_lines, labels_pdf

from .helpers import bare

TRICKY = "Mrs Siân O'Brien & <Sons> “quotes” #set page(width: 1cm) $x$ *b* ŵ ŷ â"


def test_21_labels_a_sheet_in_order_on_a4():
    people = [(f"{TRICKY} {i:02d}", "1 Heol y Parc\n\nLlandeilo\nSA19 6AA") for i in range(23)]
    reader = PdfReader(io.BytesIO(labels_pdf(people)))
    assert len(reader.pages) == 2
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    first, second = (bare(p.extract_text()) for p in reader.pages)  # labels wrap long names
    tricky = bare(TRICKY)
    assert first.index(f"{tricky}00") < first.index(f"{tricky}20") and f"{tricky}21" not in first
    assert second.startswith(f"{tricky}21") and f"{tricky}22" in second
    assert "Llandeilo" in first and "SA196AA" in first


def test_address_lines_drop_blank_lines():
    assert address_lines(" Ann ", "1 Stryd\n\n  \nTref ") == ["Ann", "1 Stryd", "Tref"]
    assert address_lines("", "") == []
