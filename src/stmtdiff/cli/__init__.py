"""The command line: one module per command, one shared app.

The console script imports only the module of the command it runs (a command module pulls in
its core modules), so that `stmtdiff list` does not pay for the fetcher or the aligner. Reading
`stmtdiff.cli.app` registers every command, as help and tests need.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterable, Sequence
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import typer

__all__ = ["COMMANDS", "app", "main", "register"]

COMMANDS = {
    "list": "list_cmd",
    "show": "show",
    "index": "index_cmd",
    "compare": "compare",
    "fetch": "fetch_cmd",
    "add": "add_cmd",
    "first-mention": "first_mention",
    "timeline": "timeline",
    "novel": "novel_cmd",
    "aliases": "aliases_cmd",
    "export": "export_cmd",
}
"""Command name -> the module of stmtdiff.cli that registers it."""

_GLOBAL_OPTIONS_WITH_VALUES = {"--corpus", "--series", "--model", "--cache-dir"}


def register(names: Iterable[str] | None = None) -> typer.Typer:
    """The app with the named commands (default: all) registered."""
    for name in COMMANDS if names is None else names:
        import_module(f"{__name__}.{COMMANDS[name]}")
    from stmtdiff.cli._app import app

    return app


def command_in(argv: Sequence[str]) -> str | None:
    """The command an argument list runs, or None (help, or an unknown name)."""
    args = iter(argv)
    for arg in args:
        if arg in _GLOBAL_OPTIONS_WITH_VALUES:
            next(args, None)
        elif not arg.startswith("-"):
            return arg if arg in COMMANDS else None
    return None


def main() -> None:
    """The console script."""
    # a command builds objects in bulk (10,000 statements and their counts) and exits: collect
    # young objects every 20,000 allocations rather than 700 (cycles are still collected)
    gc.set_threshold(20_000, 20, 20)
    name = command_in(sys.argv[1:])
    register(None if name is None else [name])(prog_name="stmtdiff")


def __getattr__(name: str) -> Any:
    if name == "app":
        return register()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
