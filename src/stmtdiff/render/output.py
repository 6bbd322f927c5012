"""Where output goes: a terminal (rich lays it out) or a pipe or file (plain lines)."""

from __future__ import annotations

import os
import sys

__all__ = ["on_terminal"]


def on_terminal() -> bool:
    """Whether stdout is a terminal, or FORCE_COLOR asks for terminal output anyway."""
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(sys.stdout, "isatty", None)
    try:
        return bool(isatty is not None and isatty())
    except ValueError:  # a closed stream
        return False
