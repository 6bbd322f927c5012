"""Typography folding: quotes, dashes, spaces, ligatures and invisible marks that differ only
in print.

fold() maps each character to exactly one character, so offsets into the folded text are
offsets into the original. fold_text() goes further and keeps an offset map: it also expands
compatibility characters (NFKC: the "fi" ligature, full-width letters), drops invisible marks
(soft hyphens, zero-width spaces), reads a run of hyphens ("--") as one dash and, optionally,
a run of white space (line breaks included) as one space. Texts are parsed and compared
folded, and quoted unfolded.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Folded", "fold", "fold_text", "plain"]

_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u02bc\u0060\u00b4"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SPACES = "\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
"""Soft hyphen, zero-width space, non-joiner and joiner, word joiner, byte-order mark."""

_TABLE = str.maketrans(
    _SINGLE_QUOTES + _DOUBLE_QUOTES + _DASHES + _SPACES,
    "'" * len(_SINGLE_QUOTES) + '"' * len(_DOUBLE_QUOTES) + "-" * len(_DASHES)
    + " " * len(_SPACES),
)


_PAIRS = tuple((chr(k), chr(v)) for k, v in _TABLE.items())
_SHORT = 64
"""Below this length str.translate is quickest; above it, a few str.replace scans (translate
with a table looks every character up, 100 times slower on a whole statement)."""
_SPECIAL = re.compile(r"[^\x00-\x7f]|-{2,}|\s{2,}|[\t\n\r\f\v]")


def fold(text: str) -> str:
    """The text with typographic variants replaced one for one by their plain forms."""
    if text.isascii():
        return text
    if len(text) < _SHORT:
        return text.translate(_TABLE)
    for variant, plain_form in _PAIRS:
        if variant in text:
            text = text.replace(variant, plain_form)
    return text


@dataclass(frozen=True)
class Folded:
    """A folded text and where each of its characters comes from in the original."""

    text: str
    """The folded text."""
    origin: tuple[int, ...]
    """origin[i]: offset in the original of folded character i; one more entry, the
    original's length, stands for the end."""

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the folded span [start, end)."""
        if end <= start:
            return self.origin[start], self.origin[start]
        return self.origin[start], self.origin[end - 1] + 1


@lru_cache(maxsize=4096)
def _char(ch: str) -> str:
    """The folded form of one non-ASCII character ("" for an invisible mark)."""
    if ch in _INVISIBLE:
        return ""
    folded = ch.translate(_TABLE)
    if folded != ch:
        return folded
    return unicodedata.normalize("NFKC", ch).translate(_TABLE)


def fold_text(text: str, *, spaces: bool = True) -> Folded:
    """The text folded (see the module notes); spaces=True also reads every run of white space
    as one space."""
    if _SPECIAL.search(text) is None:  # nothing to fold: the text as it is
        return Folded(text, tuple(range(len(text) + 1)))
    out: list[str] = []
    origin: list[int] = []
    pos = 0
    for m in _SPECIAL.finditer(text):
        out.append(text[pos:m.start()])
        origin.extend(range(pos, m.start()))
        _fold_piece(m.group(), m.start(), out, origin, spaces=spaces)
        pos = m.end()
    out.append(text[pos:])
    origin.extend(range(pos, len(text)))
    folded = "".join(out)
    folded, origin = _merge_runs(folded, origin, spaces=spaces)
    origin.append(len(text))
    return Folded(folded, tuple(origin))


def _fold_piece(piece: str, start: int, out: list[str], origin: list[int], *,
                spaces: bool) -> None:
    if piece.isspace() and spaces:
        out.append(" ")
        origin.append(start)
        return
    for k, ch in enumerate(piece):
        folded = ch if ch.isascii() else _char(ch)
        if spaces and folded.isspace():
            folded = " "
        out.append(folded)
        origin.extend([start + k] * len(folded))


def _merge_runs(text: str, origin: list[int], *, spaces: bool) -> tuple[str, list[int]]:
    """Runs of hyphens (and of spaces) made by folding read as one."""
    pattern = r"-{2,}| {2,}" if spaces else r"-{2,}"
    if not re.search(pattern, text):
        return text, origin
    out: list[str] = []
    kept: list[int] = []
    pos = 0
    for m in re.finditer(pattern, text):
        out.append(text[pos:m.start() + 1])
        kept.extend(origin[pos:m.start() + 1])
        pos = m.end()
    out.append(text[pos:])
    kept.extend(origin[pos:])
    return "".join(out), kept


def plain(text: str) -> str:
    """Text as compared for equality: folded, white space runs read as one space, trimmed."""
    return fold_text(text).text.strip()
