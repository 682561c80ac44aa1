"""The commands that need no database start without Flask or SQLAlchemy (a cold ``dogfen render``
took 0.7 s, most of it importing the web app), and ``dogfen --help`` still lists every command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from web.cli import LAZY_COMMANDS, main

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("flask", "flask_sqlalchemy", "sqlalchemy", "flask_babel", "flask_migrate", "alembic")

# Run one command in a new interpreter, then print which of the heavy packages it loaded.
PROBE = f"""
import json, sys
from web.cli import main
try:
    main(sys.argv[1:], prog_name="dogfen")
except SystemExit as exc:
    assert not exc.code, exc.code
heavy = sorted(m for m in sys.modules if m.split(".")[0] in {HEAVY!r})
print(json.dumps(heavy), file=sys.stderr)
"""


def _probe(*args: str) -> tuple[str, list[str]]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    return result.stdout, json.loads(result.stderr.strip().splitlines()[-1])


def test_render_loads_neither_flask_nor_sqlalchemy(tmp_path):
    data, out = tmp_path / "data.json", tmp_path / "out.pdf"
    example, _ = _probe("example", "family-home-closure")
    data.write_text(example, encoding="utf-8")
    stdout, heavy = _probe(
        "render", "family-home-closure", "--data", str(data), "--lang", "both",
        "--format", "pdf", "--out", str(out),
    )  # fmt: skip
    assert heavy == []
    assert stdout == f"{out}\t{out.stat().st_size} bytes\n"
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Closure of the care home" in text and "Cau’r cartref gofal" in text


@pytest.mark.parametrize(
    "args",
    [("forms",), ("letters",), ("schema", "cm-action-plan"), ("example", "family-home-closure")],
)
def test_listing_and_schema_commands_load_no_web_app(args):
    stdout, heavy = _probe(*args)
    assert stdout.strip()
    assert heavy == []


def test_help_lists_every_command():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0, result.output
    listed = {
        line.split()[0] for line in result.output.split("Commands:")[1].splitlines() if line.strip()
    }
    assert listed == {
        "backup", "create-user", "deadlines", "example", "figures", "files", "forms",
        "import-pdf", "letters", "merge", "remind", "render", "restore", "run", "schema",
        "serve", "set-password", "setup", "worker",
    }  # fmt: skip


@pytest.mark.parametrize("name", sorted(LAZY_COMMANDS))
def test_each_lazy_command_is_the_one_it_is_named_for(name):
    command = LAZY_COMMANDS[name]()
    assert command.name == name
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert f" {name} [OPTIONS]" in result.output.splitlines()[0]
