"""Typography folding: quotes, dashes and spaces that differ only in print.

fold() maps each character to exactly one character, so offsets into the folded text are
offsets into the original: texts are parsed and compared folded, and quoted unfolded.
"""

from __future__ import annotations

__all__ = ["fold"]

_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u02bc\u0060\u00b4"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SPACES = "\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t"

_TABLE = str.maketrans(
    _SINGLE_QUOTES + _DOUBLE_QUOTES + _DASHES + _SPACES,
    "'" * len(_SINGLE_QUOTES) + '"' * len(_DOUBLE_QUOTES) + "-" * len(_DASHES)
    + " " * len(_SPACES),
)


_PAIRS = tuple((chr(k), chr(v)) for k, v in _TABLE.items())
_SHORT = 64
"""Below this length str.translate is quickest; above it, a few str.replace scans (translate
with a table looks every character up, 100 times slower on a whole statement)."""


def fold(text: str) -> str:
    """The text with typographic variants replaced one for one by their plain forms."""
    if text.isascii():
        return text
    if len(text) < _SHORT:
        return text.translate(_TABLE)
    for variant, plain in _PAIRS:
        if variant in text:
            text = text.replace(variant, plain)
    return text
