"""The command line: one module per command, one shared app."""

from __future__ import annotations

from . import (  # noqa: F401  (registers the commands)
    add_cmd,
    aliases_cmd,
    compare,
    fetch_cmd,
    first_mention,
    index_cmd,
    list_cmd,
    novel_cmd,
    show,
    timeline,
)
from ._app import app

__all__ = ["app", "main"]


def main() -> None:
    """The console script."""
    app(prog_name="stmtdiff")
