"""``dogfen merge``: one letter to every recipient in a spreadsheet, each in their own language.

Everything is checked before anything is written: the case data as for ``dogfen render``, the
recipients file as for the web import, then every recipient's letter. Problems are printed one a
line with their row and column, and the command exits 2 with nothing written.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from forms.i18n import N_, Translator


def _fail(lines: list[str]) -> None:
    for line in lines:
        click.echo(line, err=True)
    sys.exit(2)


def _letter(letter_id: str):
    from forms.letters import get_letter
    from generator.merge import recipient_fields

    try:
        defn = get_letter(letter_id)
        recipient_fields(defn)
    except KeyError:
        raise click.UsageError(f"no letter called {letter_id!r}; see `dogfen letters`") from None
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    return defn


def _case_data(path: str) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        _fail([f"{path}: not valid JSON: {exc}"])
    if not isinstance(data, dict):
        _fail([f"{path}: the case data must be a JSON object"])
    return data


def _recipients(defn, path: str, t: Translator):
    """(rows without errors, the file's errors): a file that cannot be used at all stops here."""
    from generator.merge import load_recipients

    rows, result = load_recipients(defn, Path(path).read_bytes(), Path(path).name)
    for problem in result.warnings:
        click.echo(f"{path}: {problem.describe(t)}", err=True)
    if result.refused:
        _fail([f"{path}: {p.describe(t)}" for p in result.errors])
    if not rows and not result.errors:
        _fail([f"{path}: {t(N_('The file has no recipients'))}"])
    return rows, result.errors


@click.command("merge")
@click.argument("letter_id")
@click.option(
    "--case-data",
    "case_path",
    type=click.Path(exists=True, dir_okay=False),
    required=True,
    help="JSON of the letter's data, as for `dogfen render --data`.",
)
@click.option(
    "--recipients",
    "recipients_path",
    type=click.Path(exists=True, dir_okay=False),
    required=True,
    help=".csv or .xlsx: one row per recipient, with a language column.",
)
@click.option(
    "--out", type=click.Path(file_okay=False), required=True, help="New or empty directory."
)
@click.option("--zip", "zip_path", type=click.Path(dir_okay=False), help="Also write a ZIP.")
@click.option("--workers", type=click.IntRange(1, 64), default=2, show_default=True)
@click.option("--chunk", type=click.IntRange(1, 1000), default=50, show_default=True)
@click.option(
    "--messages", type=click.Choice(["en", "cy"]), default="en", help="Language of error messages."
)
def merge(letter_id, case_path, recipients_path, out, zip_path, workers, chunk, messages):
    """Write LETTER_ID to every recipient: a Word and a PDF file each, in their language, one
    print-ready PDF of all letters and manifest.csv. Bad data exits 2 and writes nothing."""
    from generator.merge import plan_merge, run_merge, zip_outputs

    t = Translator(messages)
    defn = _letter(letter_id)
    out_dir = Path(out)
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        _fail([f"{out}: --out must be a new or empty directory"])
    case = _case_data(case_path)
    rows, bad_rows = _recipients(defn, recipients_path, t)
    recipients, problems = plan_merge(defn, case, rows)
    if bad_rows or problems:
        found = sorted([*bad_rows, *problems], key=lambda p: (p.row is not None, p.row or 0))
        _fail([f"{recipients_path}: {p.describe(t)}" for p in found])
    with click.progressbar(length=len(recipients), label="Letters", file=sys.stderr) as bar:
        shown = 0

        def progress(done: int, total: int) -> None:
            nonlocal shown
            bar.update(done - shown)
            shown = done

        result = run_merge(
            defn, recipients, out_dir, progress=progress, workers=workers, chunk=chunk
        )
    click.echo(
        f"{out_dir}\t{len(result.letters)} letters, {result.combined_pages} pages in "
        f"{result.combined}"
    )
    if zip_path:
        zip_outputs(out_dir, zip_path)
        click.echo(zip_path)
