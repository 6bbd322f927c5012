"""Blocks of a statement text: headings, paragraphs and list items, with their offsets.

Pure text rules, no NLP: headings and list markers are structure, not sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from stmtdiff.model import BlockKind

__all__ = ["Block", "blocks"]

_BULLET = re.compile(r"^[ \t]*(?:[-*\u2022\u00b7\u25aa\u25cf\u2013\u2014]"
                     r"|\(?[0-9]{1,3}[.)]|\(?[a-z][.)]|\((?:[ivx]{1,5}|[a-z])\))[ \t]+(?=\S)")
_HEADING_NUMBER = re.compile(r"^[ \t]*(?:#{1,6}|(?:[IVXLC]{1,6}|[A-Z]|[0-9]{1,2})\.)[ \t]+(?=\S)")
_MD_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+")
_END_PUNCT = re.compile(r"[.!?;:,][\"'\u201d\u2019)\]]*$")
_WORD = re.compile(r"\w+")
_MAX_HEADING_WORDS = 14


@dataclass(frozen=True)
class Block:
    """A heading, paragraph or list item: offsets of its content (markers excluded)."""

    kind: BlockKind
    """What the block is."""
    start: int
    """Offset of its first content character."""
    end: int
    """Offset one past its last content character."""


def blocks(text: str) -> list[Block]:
    """The blocks of a text, in order.

    Every line starts a block, except a line that starts in lower case after a paragraph line
    that ends mid-sentence: that is a wrapped line and extends the paragraph. A line that looks
    like a heading (not a Markdown one) but is followed by such a line is read as a wrapped
    paragraph or list item too.
    """
    result: list[Block] = []
    pos = 0
    previous_open = False  # the previous line was a paragraph line that did not end a sentence
    previous_line = ""
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            previous_open = False
            continue
        block = _classify(line, start)
        continued = block.kind == "paragraph" and line.lstrip()[:1].islower()
        if continued and not previous_open and result and result[-1].kind == "heading" \
                and not _MD_HEADING.match(previous_line):
            result[-1] = _body(previous_line, result[-1].end - len(previous_line.rstrip()))
            previous_open = True  # a wrapped sentence that only looked like a heading
        if previous_open and continued:
            result[-1] = Block(result[-1].kind, result[-1].start, _rstrip_end(text, start, end))
        else:
            result.append(block)
        previous_open = block.kind != "heading" and not _END_PUNCT.search(line.rstrip())
        previous_line = line
    return result


def _body(line: str, start: int) -> Block:
    """A line read as a list item or paragraph, not as a heading."""
    bullet = _BULLET.match(line)
    if bullet:
        return Block("item", start + bullet.end(), start + len(line.rstrip()))
    return Block("paragraph", start + len(line) - len(line.lstrip()), start + len(line.rstrip()))


def _classify(line: str, start: int) -> Block:
    end = start + len(line.rstrip())
    md = _MD_HEADING.match(line)
    if md:
        return Block("heading", start + md.end(), end)
    if _looks_like_heading(line):
        return Block("heading", start + len(line) - len(line.lstrip()), end)
    bullet = _BULLET.match(line)
    if bullet:
        return Block("item", start + bullet.end(), end)
    return Block("paragraph", start + len(line) - len(line.lstrip()), end)


def _looks_like_heading(line: str) -> bool:
    stripped = line.strip()
    words = _WORD.findall(stripped)
    if not words or len(words) > _MAX_HEADING_WORDS or _END_PUNCT.search(stripped):
        return False
    if re.search(r"[.!?;] ", _HEADING_NUMBER.sub("", stripped, count=1)):
        return False
    numbered = _HEADING_NUMBER.match(stripped)
    body = stripped[numbered.end():] if numbered else stripped
    if not body[:1].isupper():
        return False
    if numbered:
        return True
    capitals = sum(1 for w in words if w[:1].isupper() or not w.isalpha())
    return capitals >= max(1, len(words) * 0.6) and len(words) <= 10


def _rstrip_end(text: str, start: int, end: int) -> int:
    return start + len(text[start:end].rstrip())
