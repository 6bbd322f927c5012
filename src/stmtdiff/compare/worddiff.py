"""Word-level differences between two passages: diff-match-patch over word tokens. Pure.

Each distinct word (a run of word characters, a run of spaces, or one other character) is
mapped to one private character, as diff-match-patch's line mode does for lines; the diff runs
over those strings with no time limit (deterministic output), then the semantic cleanup groups
the edits so that they read as phrases. The engine is diff-match-patch's C++ implementation
(fast-diff-match-patch), which gives the same edits as its Python one, as run lengths.
Words are compared typography-folded with whitespace runs collapsed, so curly against straight
quotes, a ligature, a soft hyphen, "--" against a dash or a line break against a space is no
change; the text reported is the new passage's for equal and inserted runs, the old one's for
deletions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import fast_diff_match_patch

from stmtdiff.segment.normalize import fold_text

__all__ = ["Change", "ChangeOp", "changed", "word_diff"]

ChangeOp = Literal["equal", "insert", "delete"]
_WORD = re.compile(r"(?:\w|[\u00ad\u200b-\u200d\u2060\ufeff])+|\s+"
                   r"|[-\u2010-\u2015\u2212]+|[^\w\s]")
"""Words (soft hyphens and zero-width marks inside them), white space runs, dash runs, or
one other character."""
_OPS: dict[str, ChangeOp] = {"=": "equal", "+": "insert", "-": "delete"}
_PRIVATE = 0xE000  # private-use code points stand for words: 6,400 here, then plane 15
_PRIVATE_SIZE = 0x1900
_PLANE_15 = 0xF0000


@dataclass(frozen=True)
class Change:
    """A run of words that is the same in both passages, only in the new, or only in the old."""

    op: ChangeOp
    """"equal", "insert" (only in the new passage) or "delete" (only in the old)."""
    text: str
    """The words as written in the new passage (the old one for a deletion)."""


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _key(word: str) -> str:
    return " " if word.isspace() else fold_text(word, spaces=False).text


def _encode(words: list[str], table: dict[str, str], seen: dict[str, str]) -> str:
    """words as one character each: table maps compared keys to characters, seen maps words
    as written to theirs (so each distinct spelling is folded once)."""
    chars = []
    for word in words:
        char = seen.get(word)
        if char is None:
            key = _key(word)
            char = table.get(key)
            if char is None:
                n = len(table)
                char = table[key] = chr(_PRIVATE + n if n < _PRIVATE_SIZE else _PLANE_15 + n)
            seen[word] = char
        chars.append(char)
    return "".join(chars)


def word_diff(old: str, new: str) -> tuple[Change, ...]:
    """The changes that turn old into new, word by word, semantically cleaned up."""
    old_words, new_words = _words(old), _words(new)
    table: dict[str, str] = {}
    seen: dict[str, str] = {}
    diffs = fast_diff_match_patch.diff(
        _encode(old_words, table, seen), _encode(new_words, table, seen), timelimit=0,
        checklines=False, cleanup="Semantic", counts_only=True)
    changes: list[Change] = []
    i = j = 0
    for op, n in diffs:
        if op == "-":
            words, i = old_words[i:i + n], i + n
        else:
            words, j = new_words[j:j + n], j + n
            if op == "=":
                i += n
        _append(changes, Change(_OPS[op], "".join(words)))
    return tuple(changes)


def _append(changes: list[Change], change: Change) -> None:
    if changes and changes[-1].op == change.op:
        changes[-1] = Change(change.op, changes[-1].text + change.text)
    elif change.text:
        changes.append(change)


def changed(changes: tuple[Change, ...]) -> bool:
    """Whether any change is an insertion or deletion of more than whitespace."""
    return any(c.op != "equal" and c.text.strip() for c in changes)
