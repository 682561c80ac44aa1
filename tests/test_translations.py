"""Welsh is complete, current and spelt right: every msgid in the code is translated, nothing is
fuzzy, one plural rule, and the Bangor dictionary knows at least 97 % of the words."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "web/translations/cy/LC_MESSAGES/messages.po"
CY_SPELL = ROOT.parent / "shared/tools/cy-spell"
PLURAL = "nplurals=4; plural=(n==1) ? 0 : (n==2) ? 1 : (n != 8 && n != 11) ? 2 : 3;"


def load(path: Path):
    with path.open("rb") as fh:
        return read_po(fh, locale="cy")


def test_no_untranslated_or_fuzzy_welsh():
    catalog = load(CATALOG)
    untranslated = [
        m.id
        for m in catalog
        if m.id
        and (not m.string or not all(m.string if isinstance(m.string, tuple) else [m.string]))
    ]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not untranslated, untranslated[:10]
    assert not fuzzy, fuzzy[:10]


def test_one_plural_rule():
    text = CATALOG.read_text(encoding="utf-8")
    assert f'"Plural-Forms: {PLURAL}\\n"' in text
    for frag in (ROOT / "web/translations/fragments").glob("*.po"):
        assert "Plural-Forms" not in frag.read_text(encoding="utf-8") or PLURAL in frag.read_text(
            encoding="utf-8"
        ), frag


def test_catalog_holds_every_msgid_in_the_code(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "N_",
            "-k",
            "NP_:1c,2",
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "--no-location",
            "-o",
            str(pot),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    extracted = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in load(pot) if m.id}
    catalog = {
        (m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in load(CATALOG) if m.id
    }
    missing = extracted - catalog
    assert not missing, f"run scripts/translations.sh update: {sorted(missing)[:10]}"


def test_welsh_placeholders_match():
    import re

    for m in load(CATALOG):
        if not m.id or isinstance(m.id, tuple) or not m.string:
            continue  # untranslated entries are the other test's business
        want = sorted(re.findall(r"%\(\w+\)[sd]", m.id))
        assert sorted(re.findall(r"%\(\w+\)[sd]", m.string)) == want, m.id


def spell_checker():
    if shutil.which("hunspell") and CY_SPELL.exists():
        try:
            import cymraeg_mcp  # noqa: F401  (ships the cy_GB dictionary)

            return [sys.executable, str(CY_SPELL)]
        except ImportError:
            pass
    if os.environ.get("CI") == "true":
        pytest.fail("hunspell and the cy_GB dictionary are needed in CI")
    pytest.skip("no hunspell or Welsh dictionary here")


def test_welsh_catalog_spelling():
    result = subprocess.run(
        [*spell_checker(), "--min", "0.97", str(CATALOG)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_welsh_documents_spelling(tmp_path):
    """Every form and letter rendered in Welsh from an example with Welsh free text."""
    from forms import all_forms
    from forms.fields import LongText, Text
    from generator.build import build_document
    from generator.render import render_docx
    from web.core.registry import all_letters

    checker = spell_checker()
    files = []
    for defn in [*all_forms().values(), *all_letters().values()]:
        values = defn.example()
        for m in defn.members():  # typed text is the writer's: make it Welsh too
            if getattr(m, "translatable", False):
                continue  # the example's own Welsh (issue 9)
            if isinstance(m, Text | LongText) and m.name in values and not m.name.endswith("_en"):
                values[m.name] = "Cartref gofal"
        path = tmp_path / f"{defn.id}.docx"
        path.write_bytes(render_docx(build_document(defn, values, "cy")))
        files.append(str(path))
    result = subprocess.run([*checker, "--min", "0.97", *files], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
