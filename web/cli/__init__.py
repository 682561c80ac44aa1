"""The ``dogfen`` command: forms and letters from the command line, users and setup.

Commands that need the app or the database are imported only when they run (or when ``--help``
lists them), and those here import it inside their bodies, so that ``dogfen render`` and the
other commands without a database start without loading Flask or SQLAlchemy."""

from __future__ import annotations

import json
import sys
from functools import partial
from pathlib import Path

import click

from forms import all_forms
from forms.i18n import Translator
from forms.schema import json_schema


def _letters() -> dict:
    from forms.letters import all_letters  # not web.core.registry, which loads Flask-Babel

    return all_letters()


def _definition(doc_id: str):
    table = {**all_forms(), **_letters()}
    if doc_id not in table:
        raise click.UsageError(f"no form or letter called {doc_id!r}; see `dogfen forms`")
    return table[doc_id]


class LazyGroup(click.Group):
    """A group whose other commands are imported when first asked for (click's "lazily loading
    subcommands"): ``lazy`` maps a command's name to a function returning it."""

    def __init__(self, *args, lazy: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy = lazy or {}

    def list_commands(self, ctx) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx, cmd_name: str):
        if cmd_name in self.lazy and cmd_name not in self.commands:
            self.add_command(self.lazy[cmd_name](), cmd_name)
        return super().get_command(ctx, cmd_name)


def _merge():
    from .merge import merge

    return merge


def _import_pdf():
    from .imports import import_pdf

    return import_pdf


def _deadlines():
    from ..process.cli import deadlines

    return deadlines


def _remind():
    from ..process.cli import remind

    return remind


def _figures():
    from ..process.figures_views import figures_command

    return figures_command


def _ops(name: str):
    from ..ops.cli import ops_commands

    return next(command for command in ops_commands() if command.name == name)


LAZY_COMMANDS = {
    "merge": _merge,
    "import-pdf": _import_pdf,
    "deadlines": _deadlines,
    "remind": _remind,
    "figures": _figures,
    **{name: partial(_ops, name) for name in ("serve", "backup", "restore", "files")},
}


@click.group(cls=LazyGroup, lazy=LAZY_COMMANDS)
def main():
    """Dogfen: provider-concern forms and letters in English and Welsh."""


@main.command("forms")
def list_forms():
    """List form ids and their English titles."""
    for form_id, defn in all_forms().items():
        click.echo(f"{form_id}\t{defn.title}")


@main.command("letters")
def list_letters():
    """List letter ids and their English titles."""
    for letter_id, defn in _letters().items():
        click.echo(f"{letter_id}\t{defn.title}")


@main.command()
@click.argument("doc_id")
def schema(doc_id: str):
    """Print a form's or letter's data as JSON Schema."""
    click.echo(json.dumps(json_schema(_definition(doc_id)), indent=2, ensure_ascii=False))


@main.command()
@click.argument("doc_id")
def example(doc_id: str):
    """Print a complete, valid example of a form's or letter's data."""
    click.echo(json.dumps(_definition(doc_id).example(), indent=2, ensure_ascii=False))


@main.command()
@click.argument("doc_id")
@click.option("--data", "data_path", type=click.Path(exists=True, dir_okay=False), required=True)
@click.option("--lang", type=click.Choice(["en", "cy", "both"]), default="en")
@click.option("--format", "fmt", type=click.Choice(["docx", "pdf"]), default="pdf")
@click.option("--out", type=click.Path(dir_okay=False, writable=True), required=True)
@click.option(
    "--messages", type=click.Choice(["en", "cy"]), default="en", help="Language of error messages."
)
@click.option("--draft", is_flag=True, help="Mark every page DRAFT (otherwise a final copy).")
def render(doc_id, data_path, lang, fmt, out, messages, draft):
    """Validate data and write the document; invalid data exits 2 and writes nothing. A final
    PDF carries the data as an attachment, which `dogfen import-pdf` reads back."""
    from forms.bilingual import missing_languages
    from generator.build import build_document
    from generator.render import render as render_doc

    from .imports import data_bytes

    defn = _definition(doc_id)
    try:
        raw = json.loads(Path(data_path).read_text(encoding="utf-8-sig"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        click.echo(f"{data_path}: not valid JSON: {exc}", err=True)
        sys.exit(2)
    values, errors = defn.validate(raw, level="final")
    errors = errors or missing_languages(defn, values, lang)
    if errors:
        t = Translator(messages)
        for err in errors:
            click.echo(f"{err.path}: {err.text(t)}", err=True)
        sys.exit(2)
    doc = build_document(defn, values, lang, draft=draft)
    if not draft:
        doc.attachment = (f"{doc_id}.json", data_bytes(values))
    content = render_doc(doc, fmt)
    Path(out).write_bytes(content)
    click.echo(f"{out}\t{len(content)} bytes")


def _app():
    from .. import create_app

    return create_app()


@main.command("create-user")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", type=click.Choice(["viewer", "editor", "admin"]), default="editor")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
def create_user(email, name, role, password):
    """Add a user who can sign in."""
    from ..admin.setup import add_user

    with _app().app_context():
        try:
            add_user(email, name, role, password)
        except ValueError as exc:
            raise click.UsageError(str(exc)) from exc
    click.echo(f"created {role} {email}")


@main.command("set-password")
@click.option("--email", required=True)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
def set_password(email, password):
    """Give a user a new password (same policy as the web); ends all their sessions."""
    from ..admin.setup import set_password as set_user_password

    with _app().app_context():
        try:
            set_user_password(email, password)
        except ValueError as exc:
            raise click.UsageError(str(exc)) from exc
    click.echo(f"new password set for {email}; their sessions have ended")


@main.command()
@click.option("--demo/--no-demo", default=True, help="Add a demo case file and organisation.")
@click.option("--port", type=int, default=5000, help="The port the sign-in link names.")
def setup(demo: bool, port: int):
    """Create or upgrade the database; with --demo, add demo data and a first admin user."""
    from ..admin.setup import setup_database

    with _app().app_context():
        for line in setup_database(demo=demo, port=port):
            click.echo(line)


@main.command("run")
@click.option("--port", type=int, default=5000)
@click.option("--host", default="127.0.0.1")
def run_dev(port: int, host: str):
    """Try the app on this machine with Flask's development server, quietly: only errors are
    printed (Ctrl+C stops it). For real use, `dogfen serve`."""
    import logging

    from werkzeug.serving import run_simple

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    run_simple(host, port, _app(), threaded=True)


@main.command()
@click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
def worker(burst: bool):
    """Run background jobs (mail merges) from the Redis queue named by REDIS_URL."""
    from ..core.jobs import run_worker

    app = _app()
    if not app.config.get("REDIS_URL"):
        raise click.UsageError("set REDIS_URL: without it, jobs run inside the web app")
    run_worker(app, burst=burst)


def register_flask_commands(app) -> None:
    """Expose the same commands under ``flask --app web``."""
    app.cli.add_command(setup)
    app.cli.add_command(create_user)
    app.cli.add_command(set_password)
    app.cli.add_command(worker)
