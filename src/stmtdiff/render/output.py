"""Where output goes: a terminal (rich lays it out) or a pipe or file (plain lines)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

__all__ = ["on_terminal", "paged", "printable", "write_output"]

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""C0 controls but tab and line feed, DEL, and the C1 controls: what a text may hold that a
terminal would act on (an escape sequence can set the title, move the cursor or write to the
clipboard)."""
_SURROGATE = "[\ud800-\udfff]"
"""Lone surrogates, which stand for the bytes of a file name that is not UTF-8 and cannot be
written to a UTF-8 stream: compiled by re.sub only for a text that holds one (a class with
the surrogates costs about 2M instructions to compile)."""


def printable(text: str) -> str:
    """The text with every control character but tab and line feed (and every lone surrogate)
    replaced by U+FFFD, as the HTML writer does: titles, texts, paths and terms reach the
    terminal as they are, not as commands to it."""
    text = _CONTROL.sub("\ufffd", text)
    try:
        text.encode("utf-8")  # fails on a lone surrogate, and only then
    except UnicodeEncodeError:
        return re.sub(_SURROGATE, "\ufffd", text)
    return text


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


@contextmanager
def paged(enabled: bool = True) -> Iterator[None]:
    """Standard output through a pager while the block runs, as git does: when stdout is a
    terminal, with $STMTDIFF_PAGER, else $PAGER, else less (LESS=FRX unless set: it quits when
    the output fits the screen, keeps colours and leaves the text on the screen). An empty
    pager or "cat" pages nothing."""
    command = os.environ.get("STMTDIFF_PAGER", os.environ.get("PAGER", "less")).strip()
    if not enabled or command in ("", "cat") or not _stdout_is_terminal():
        yield
        return
    env = {**os.environ, "LESS": os.environ.get("LESS", "FRX"), "LV": os.environ.get("LV", "-c")}
    try:
        pager = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)
    except OSError:  # cannot start a shell: write directly
        yield
        return
    assert pager.stdin is not None
    saved, changed = sys.stdout, _terminal_env()
    sys.stdout = open(pager.stdin.fileno(), "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    try:
        yield
    finally:
        with suppress(BrokenPipeError):
            sys.stdout.flush()
        sys.stdout.close()
        sys.stdout = saved
        with suppress(BrokenPipeError):
            pager.stdin.close()
        pager.wait()
        for name, value in changed.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _stdout_is_terminal() -> bool:
    isatty = getattr(sys.stdout, "isatty", None)
    try:
        return bool(isatty is not None and isatty())
    except ValueError:
        return False


def _terminal_env() -> dict[str, str | None]:
    """Tell the renderers that the pager's pipe is the terminal (colour, width); the values
    replaced, to restore."""
    wanted = {"FORCE_COLOR": "1", "COLUMNS": str(shutil.get_terminal_size().columns)}
    changed: dict[str, str | None] = {}
    for name, value in wanted.items():
        if name not in os.environ:
            changed[name] = None
            os.environ[name] = value
    return changed
