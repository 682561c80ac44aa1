"""The operations commands, added to ``dogfen`` by web/cli.py: serve, backup, restore, files."""

from __future__ import annotations


def ops_commands() -> list:
    from .backup import backup, restore
    from .files_move import files
    from .serve import serve

    return [serve, backup, restore, files]
