"""Where a sentence may end: pure text rules, no NLP.

The trained pipeline's sentence splitter now and then ends a sentence after an abbreviation
("... a partner of the U.S." | "Clean Water Shot."), inside a parenthesis or in the middle of a
name. These predicates let the segmenter veto such boundaries; layout uses the same
abbreviation rule to tell a line that ends a sentence from one that ends "U.S.".
"""

from __future__ import annotations

import re

__all__ = ["ends_never_final", "ends_with_abbreviation", "ends_with_stop", "open_parentheses"]

_CLOSERS = r"[\"'\u201d\u2019)\]]*"
_ABBREVIATION = re.compile(r"(?:\b[A-Za-z]|\b(?:[A-Za-z]\.)+[A-Za-z]|\b(?:Jr|Sr|Dr|Mr|Mrs|Ms|No|Nos"
                           r"|St|Gen|Gov|Sen|Rep|Lt|Col|Prof|Inc|Ltd|Co|Corp|vs|etc|approx))\.$")
"""An initial ("J."), a dotted abbreviation ("U.S.", "a.m.", "e.g.") or a listed one ("Jr.")."""
_NEVER_FINAL = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|No|Nos|Gen|Gov|Sen|Rep|Lt|Col|vs|cf)"
                          r"|\be\.g|\bi\.e)\.$")
"""Abbreviations that are always followed by what they stand before: titles, "No.", "e.g."."""
_STOP = re.compile(r"[.!?;:]" + _CLOSERS + r"$")


def ends_with_abbreviation(text: str) -> bool:
    """Whether the text ends with an abbreviation's full stop (not necessarily a sentence's)."""
    return bool(_ABBREVIATION.search(text.rstrip()))


def ends_never_final(text: str) -> bool:
    """Whether the text ends with an abbreviation that cannot end a sentence ("Dr.", "e.g.")."""
    return bool(_NEVER_FINAL.search(text.rstrip()))


def ends_with_stop(text: str) -> bool:
    """Whether the text ends with punctuation that may end a sentence (. ! ? ; :), closing
    quotes and brackets after it allowed."""
    return bool(_STOP.search(text.rstrip()))


def open_parentheses(text: str) -> bool:
    """Whether a parenthesis or bracket opened in the text is still open at its end."""
    return text.count("(") > text.count(")") or text.count("[") > text.count("]")
