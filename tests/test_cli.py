"""The `dogfen` command as staff and scripts use it."""

from __future__ import annotations

import io
import json

import jsonschema
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from forms import all_forms
from forms.fields import LongText, Text
from web.cli import main

FORMS = sorted(all_forms())


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_console_script_is_installed():
    import subprocess
    import sys
    from pathlib import Path

    script = Path(sys.executable).with_name("dogfen")
    result = subprocess.run([str(script), "forms"], capture_output=True, text=True, check=True)
    assert "cm-action-plan\tAction plan" in result.stdout


def test_forms_lists_ids_and_titles_tab_separated():
    result = run("forms")
    assert result.exit_code == 0
    lines = dict(line.split("\t") for line in result.output.strip().splitlines())
    assert lines["cm-action-plan"] == "Action plan"
    assert set(FORMS) <= set(lines)


@pytest.mark.parametrize("form_id", FORMS)
def test_example_is_valid_against_its_schema(form_id):
    schema = json.loads(run("schema", form_id).output)
    example = json.loads(run("example", form_id).output)
    jsonschema.Draft202012Validator(schema).validate(example)
    defn = all_forms()[form_id]
    assert defn.validate(example)[1] == []
    for m in defn.members():
        if isinstance(m, Text | LongText):
            prop = schema["properties"][m.name]
            if getattr(m, "translatable", False):  # a Welsh/English pair
                prop = prop["properties"]["cy"]
            assert prop["type"] == "string" and "enum" not in prop and "format" not in prop


def test_render_writes_a_pdf(tmp_path):
    data = tmp_path / "plan.json"
    data.write_text(run("example", "cm-action-plan").output, encoding="utf-8")
    out = tmp_path / "plan.pdf"
    result = run(
        "render",
        "cm-action-plan",
        "--data",
        str(data),
        "--lang",
        "cy",
        "--format",
        "pdf",
        "--out",
        str(out),
    )
    assert result.exit_code == 0, result.output
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(out.read_bytes())).pages)
    assert "Cynllun gweithredu" in text


@pytest.mark.parametrize(
    "messages, expected",
    [
        ("en", "Enter “Name of setting or service”"),
        ("cy", "Rhowch"),
    ],
)
def test_render_refuses_invalid_data_with_one_line_per_error(tmp_path, messages, expected):
    example = json.loads(run("example", "cm-action-plan").output)
    del example["setting"]
    example["actions"][0]["likelihood"] = 9
    example["started_on"] = "31/02/2026"
    data = tmp_path / "bad.json"
    data.write_text(json.dumps(example), encoding="utf-8")
    out = tmp_path / "bad.docx"
    result = CliRunner().invoke(
        main,
        [
            "render",
            "cm-action-plan",
            "--data",
            str(data),
            "--format",
            "docx",
            "--out",
            str(out),
            "--messages",
            messages,
        ],
    )
    assert result.exit_code == 2
    assert not out.exists()
    lines = result.output.strip().splitlines()
    paths = [line.split(":")[0] for line in lines]
    assert paths == ["setting", "started_on", "actions[0].likelihood"] or sorted(paths) == sorted(
        ["setting", "started_on", "actions[0].likelihood"]
    )
    assert any(expected in line for line in lines)


def test_render_refuses_broken_json(tmp_path):
    data = tmp_path / "broken.json"
    data.write_text("{not json", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["render", "cm-action-plan", "--data", str(data), "--out", str(tmp_path / "x.pdf")]
    )
    assert result.exit_code == 2
    assert not (tmp_path / "x.pdf").exists()
