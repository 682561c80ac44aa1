"""Issue 9: no English in a Welsh copy.

Every form and letter is rendered to a Welsh PDF from its example (what `dogfen example` prints),
and each text block is checked for English words, leaving out the names and addresses the example
gives (they are the same in both languages). The Welsh PDFs must also pass cy-spell, and the
Welsh strings known to be wrong must be gone from the catalog, the fragments and the templates.
"""

from __future__ import annotations

import io
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from pypdf import PdfReader

from forms import all_forms
from forms.bilingual import is_translatable
from forms.fields import Checklist, Group, Text
from generator.build import build_document
from generator.render import render_pdf
from web.core.registry import all_letters

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "web/translations/cy/LC_MESSAGES/messages.po"
FRAGMENTS = ROOT / "web/translations/fragments"
WELSH_TEMPLATES = ROOT / "letter_templates/cy"

# Common English words that are not also Welsh words ("a", "i", "at", "all", "am", "dim" are).
ENGLISH = {
    "the", "and", "of", "to", "is", "are", "was", "were", "will", "with", "from", "this", "that",
    "for", "has", "have", "been", "by", "on", "we", "you", "your", "our", "it", "not", "be",
    "as", "an", "or", "if", "any", "there", "which", "who", "what", "when", "colleague",
    "colleagues", "dear", "please", "yours", "sincerely", "monday", "friday", "residential",
    "nursing", "council", "county", "city", "date", "meeting", "room", "hall", "care", "home",
}  # fmt: skip

# Welsh that the issue found wrong, and what replaced it (README "Glossary").
KNOWN_BAD = [
    "cam cywiro",  # CAP/DAP: one pair, "cam gweithredu cywirol / datblygiadol"
    "cam datblygu",
    "camau cywiro",
    "camau datblygu",
    "peryglu",  # "compromised" is "amharwyd ar", not "endangered"
    "beryglu",
    "erbyn hynny",  # date labels say what the date is
    "Neu cywirwch",
    "Yn cyfrif o",
    "Dyddiad diweddaru’r rhestr wirio ddiwethaf",
    "Annwyl colleague",
    "Enw’r lleoliad neu’r gwasanaeth",  # "setting" is "safle"; "lleoliad" is a placement
    "Gwasanaeth neu leoliad",
    "gwasanaeth neu’r lleoliad",
    "PECG",  # the group's Welsh name, or "y Grŵp"
    "Gweithio tuag at CAP",
]


def spell_checker() -> list[str]:
    """cy-spell beside the checkout (``/work/shared``), also when run from a worktree."""
    import shutil
    import sys

    for base in (ROOT.parent, ROOT.parent.parent):
        tool = base / "shared/tools/cy-spell"
        if tool.exists() and shutil.which("hunspell"):
            return [sys.executable, str(tool)]
    pytest.skip("no cy-spell or hunspell here")


DEFINITIONS = [*all_forms().values(), *all_letters().values()]
IDS = [d.id for d in DEFINITIONS]


def _names(defn, values: dict) -> list[str]:
    """Lines of every single-language text in the example: names, addresses, phones, emails."""
    found = []
    for m in defn.members():
        value = values.get(m.name)
        rows = value if isinstance(m, Group | Checklist) else [{m.name: value}]
        fields = m.fields if isinstance(m, Group | Checklist) else [m]
        for row in rows or []:
            for f in fields:
                text = row.get(f.name) if isinstance(row, dict) else None
                if isinstance(f, Text) and not is_translatable(f) and isinstance(text, str):
                    found.extend(line for line in text.split("\n") if line.strip())
    return sorted({" ".join(n.split()) for n in found}, key=len, reverse=True)


def _blocks(pdf: bytes) -> list[str]:
    text = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
    return [unicodedata.normalize("NFC", b) for b in text.split("\n") if b.strip()]


def english_words(text: str, names: list[str]) -> list[str]:
    """English words in one block of Welsh, after leaving out the given names."""
    text = " ".join(text.split())
    for name in names:
        text = text.replace(name, " ")
    words = re.findall(r"[A-Za-zÀ-ÿŴŵŶŷ]+", text)
    return [w for w in words if w.casefold() in ENGLISH]


def welsh_pdf(defn) -> tuple[bytes, dict]:
    values = defn.example()
    return render_pdf(build_document(defn, values, "cy")), values


def test_the_check_finds_english():
    """The check itself: the issue's English sentences would fail it."""
    assert english_words("The provider has told us it can no longer run the home", [])
    assert english_words("Annwyl colleague,", [])
    assert not english_words("Mae’r darparwr wedi dweud wrthym na all barhau i redeg y cartref", [])
    assert not english_words("Annwyl Tŷ Gwyn Care Home,", ["Tŷ Gwyn Care Home"])


@pytest.mark.parametrize("doc_id", IDS)
def test_welsh_pdf_has_no_english_sentence(doc_id):
    defn = next(d for d in DEFINITIONS if d.id == doc_id)
    pdf, values = welsh_pdf(defn)
    names, blocks = _names(defn, values), _blocks(pdf)
    if english_words(" ".join(blocks), names):  # a name may wrap: only then look block by block
        found = {b: english_words(b, names) for b in blocks}
        pytest.fail(f"English in the Welsh copy: { {b: w for b, w in found.items() if w} }")


def test_welsh_pdfs_pass_the_spell_check(tmp_path):
    checker = spell_checker()
    files = []
    for defn in DEFINITIONS:
        path = tmp_path / f"{defn.id}-cy.pdf"
        path.write_bytes(welsh_pdf(defn)[0])
        files.append(str(path))
    result = subprocess.run([*checker, "--min", "0.97", *files], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def _welsh_texts():
    """(where, Welsh text) from the catalog, every fragment and every Welsh letter template."""
    for path in [CATALOG, *sorted(FRAGMENTS.glob("*.po"))]:
        with path.open("rb") as fh:
            for m in read_po(fh, locale="cy"):
                strings = m.string if isinstance(m.string, tuple) else (m.string,)
                for s in strings:
                    if m.id and s:
                        yield f"{path.name}: {m.id!r}", s
    for path in sorted(WELSH_TEMPLATES.glob("*.html")):
        text = re.sub(r"\{[{%#].*?[}%#]\}", " ", path.read_text(encoding="utf-8"), flags=re.S)
        yield path.name, text


def test_known_bad_welsh_is_gone():
    found = [(where, bad) for where, text in _welsh_texts() for bad in KNOWN_BAD if bad in text]
    assert not found, found


def test_no_english_words_in_welsh_strings():
    """Welsh strings hold no English words, except where they name an acronym or a code."""
    found = []
    for where, text in _welsh_texts():
        words = english_words(re.sub(r"<[^>]+>|%\(\w+\)s", " ", text), [])
        if words:
            found.append((where, words))
    assert not found, found


def test_one_cap_dap_pair_everywhere():
    pair = ("camau gweithredu cywirol", "camau gweithredu datblygiadol")
    texts = [t for _, t in _welsh_texts()]
    for term in pair:
        assert any(term in t for t in texts), term
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "## Glossary" in readme and all(term in readme for term in pair)


def test_stakeholder_salutation_is_welsh():
    defn = all_letters()["stakeholder-potential-ec"]
    doc = build_document(defn, defn.example(), "cy")
    text = " ".join(getattr(b, "text", "") for b in doc.parts[0].blocks)
    assert "Annwyl gydweithiwr," in text and "colleague" not in text
