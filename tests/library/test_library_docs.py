"""The library's docs match the code: commands, options, sort keys, tables, environment."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer.main

from ficlens.cli import app
from ficlens.library import DB_ENV, SORTS
from ficlens.library.tables import Base

DOCS = Path(__file__).parents[2] / "docs"


def library_commands() -> dict[str, Any]:
    group: Any = typer.main.get_command(app)
    return dict(group.commands["library"].commands)


def test_every_library_command_and_option_is_in_the_cli_docs() -> None:
    cli_doc = (DOCS / "cli.md").read_text(encoding="utf-8")
    commands = library_commands()
    assert set(commands) == {"import", "list", "search"}
    for name, command in commands.items():
        section = cli_doc.split(f"## `ficlens library {name}`\n", 1)
        assert len(section) == 2, f"ficlens library {name} has no section in docs/cli.md"
        body = section[1].split("\n## ", 1)[0]
        for param in command.params:
            for option in getattr(param, "opts", []):
                if option.startswith("--"):
                    assert f"`{option}`" in body, f"{name} {option} missing from docs/cli.md"


def test_sort_keys_and_the_environment_variable_are_in_help_and_docs() -> None:
    help_of = {p.name: p.help or "" for p in library_commands()["list"].params}
    library_doc = (DOCS / "library.md").read_text(encoding="utf-8")
    for key in SORTS:
        assert key in (help_of["sort"] or ""), key
        assert f"`{key}`" in library_doc, key
    assert f"${DB_ENV}" in (help_of["db"] or "")
    assert f"`{DB_ENV}`" in library_doc


def test_every_table_is_in_the_library_docs() -> None:
    library_doc = (DOCS / "library.md").read_text(encoding="utf-8")
    for table in [*Base.metadata.tables, "works_fts"]:
        assert f"| `{table}` |" in library_doc, table
