"""Where output goes: a terminal (rich lays it out) or a pipe or file (plain lines)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = ["on_terminal", "write_output"]


def on_terminal() -> bool:
    """Whether stdout is a terminal, or FORCE_COLOR asks for terminal output anyway."""
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(sys.stdout, "isatty", None)
    try:
        return bool(isatty is not None and isatty())
    except ValueError:  # a closed stream
        return False


def write_output(text: str, output: Path | None) -> None:
    """The text to the file (whole or not at all), or to standard output (None or "-")."""
    if output is None or str(output) == "-":
        sys.stdout.write(text)
        return
    from stmtdiff.corpus.write import write_file

    write_file(output, text.encode("utf-8"))
