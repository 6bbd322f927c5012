"""Normalisation of extracted text: named steps, each recorded when it changes the text.

Typography (quotes, dashes, no-break spaces) is left as published: the segmenter folds it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

__all__ = ["STEPS", "normalise"]

_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
                            "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"})
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACE_RUN = re.compile(r"[ \t]{2,}")
_BLANK_RUN = re.compile(r"\n{3,}")


def _line_endings(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _ligatures(text: str) -> str:
    return text.translate(_LIGATURES)


def _invisible(text: str) -> str:
    return _INVISIBLE.sub("", text)


def _control(text: str) -> str:
    return _CONTROL.sub("", text)


def _spaces(text: str) -> str:
    lines = (_SPACE_RUN.sub(" ", line.replace("\t", " ")).strip(" ") for line in text.split("\n"))
    return "\n".join(lines)


def _blank_lines(text: str) -> str:
    text = _BLANK_RUN.sub("\n\n", text).lstrip("\n")
    return text.rstrip("\n") + "\n" if text.endswith("\n") else text


def _final_newline(text: str) -> str:
    return text if text.endswith("\n") else text + "\n"


STEPS: tuple[tuple[str, Callable[[str], str]], ...] = (
    ("line endings to LF", _line_endings),
    ("Unicode NFC", _nfc),
    ("ligatures spelled out", _ligatures),
    ("invisible characters removed (soft hyphens, zero-width spaces, BOM)", _invisible),
    ("control characters removed", _control),
    ("runs of spaces and tabs collapsed, lines stripped", _spaces),
    ("blank lines collapsed and trimmed", _blank_lines),
    ("final newline added", _final_newline),
)
"""The normalisation steps, in the order they run."""


def normalise(text: str) -> tuple[str, tuple[str, ...]]:
    """The text normalised, and the names of the steps that changed it."""
    changed: list[str] = []
    for name, step in STEPS:
        result = step(text)
        if result != text:
            changed.append(name)
        text = result
    return text, tuple(changed)
