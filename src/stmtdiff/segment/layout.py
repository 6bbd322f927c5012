"""Blocks of a statement text: headings, paragraphs and list items, with their offsets.

Pure text rules, no NLP: headings and list markers are structure, not sentences.

The paragraph model: blank lines separate chunks. Inside a chunk a single line break is
wrapping (a space), unless the next line is marked up as a new block (a list marker, a Markdown
heading) or follows a marked-up heading. A chunk of three or more lines that each end a
sentence (or are short headings), one of them not full, is read one block per line: pasted
text without blank lines.
A line is a heading only when it stands alone (between blank lines or marked-up blocks) or is
marked up as one, is short, and has no closing punctuation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from stmtdiff.model import BlockKind
from stmtdiff.segment.boundaries import ends_with_abbreviation
from stmtdiff.segment.normalize import fold_text

__all__ = ["Block", "blocks"]

_BULLET = re.compile(r"^[ \t]*(?:[-*\u2022\u00b7\u25aa\u25cf\u2013\u2014]"
                     r"|\(?[0-9]{1,3}[.)]|\(?[a-z][.)]|\((?:[ivx]{1,5}|[a-z])\))[ \t]+(?=\S)")
_DASH_BULLET = re.compile(r"^[ \t]*[-\u2013\u2014][ \t]+(?=\S)")
_GLYPH_BULLET = re.compile(r"^[ \t]*[*\u2022\u00b7\u25aa\u25cf][ \t]+(?=\S)")
_HEADING_NUMBER = re.compile(r"^[ \t]*(?:#{1,6}|(?:[IVXLC]{1,6}|[A-Z]|[0-9]{1,2})\.)[ \t]+(?=\S)")
_MD_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+")
_END_PUNCT = re.compile(r"[.!?;:,][\"'\u201d\u2019)\]]*$")
_SENTENCE_END = re.compile(r"[.!?;:][\"'\u201d\u2019)\]]*$")
_FULL_STOP = re.compile(r"[.!?][\"'\u201d\u2019)\]]*$")
_LETTER_BULLET = re.compile(r"^[ \t]*\(?[a-z]{1,4}[.)][ \t]")
_WORD = re.compile(r"\w+")
_MAX_HEADING_WORDS = 14
_LINE_MODE_LINES = 3


@dataclass(frozen=True)
class Block:
    """A heading, paragraph or list item: offsets of its content (markers excluded)."""

    kind: BlockKind
    """What the block is."""
    start: int
    """Offset of its first content character."""
    end: int
    """Offset one past its last content character."""


@dataclass(frozen=True)
class _Line:
    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text.rstrip())


def blocks(text: str) -> list[Block]:
    """The blocks of a text, in order."""
    result: list[Block] = []
    chunks = _chunks(text)
    width = max((len(ln.text.rstrip()) for chunk in chunks for ln in chunk), default=0)
    for chunk in chunks:
        groups = _groups(chunk, width)
        if len(groups) == 1 and _looks_like_heading(" ".join(ln.text.strip() for ln in chunk)):
            # a chunk that reads as a heading once its line breaks are spaces (a wrapped one)
            result.append(_block(groups[0], heading=True))
            continue
        result.extend(_block(group) for group in groups)
    return result


def _chunks(text: str) -> list[list[_Line]]:
    """Runs of non-blank lines."""
    chunks: list[list[_Line]] = [[]]
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            chunks[-1].append(_Line(pos, line))
        elif chunks[-1]:
            chunks.append([])
        pos += len(line) + 1
    return [c for c in chunks if c]


def _groups(chunk: list[_Line], width: int) -> list[list[_Line]]:
    """The lines of a chunk grouped into blocks; width: the text's longest line."""
    # line mode needs a line that is not full: wrapped lines may all happen to end sentences
    line_mode = len(chunk) >= _LINE_MODE_LINES and all(
        _ends_sentence(ln.text) or (_looks_like_heading(ln.text) and not _full(ln, nxt, width)
                                    and not nxt.text.lstrip()[:1].islower())
        for ln, nxt in pairwise(chunk)) and not all(_full(ln, nxt, width)
                                                    for ln, nxt in pairwise(chunk))
    groups: list[list[_Line]] = []
    for k, line in enumerate(chunk):
        if k == 0 or line_mode or _starts_block(chunk[k - 1], line, groups[-1], width) \
                or _inner_heading(chunk, k, width):
            groups.append([line])
        else:
            groups[-1].append(line)
    return groups


def _full(line: _Line, following: _Line, width: int) -> bool:
    """Whether the line is full: the next line's first word would not have fitted after it
    within the text's width, so the break may be wrapping."""
    first_word = following.text.split(maxsplit=1)[0] if following.text.strip() else ""
    return len(line.text.rstrip()) + 1 + len(first_word) > width


def _inner_heading(chunk: list[_Line], k: int, width: int) -> bool:
    """Whether line k of a chunk is a heading without blank lines around it: in title case,
    after a line that ends a sentence, not full, and followed by a line in upper case."""
    line = chunk[k]
    following = chunk[k + 1] if k + 1 < len(chunk) else None
    return _ends_sentence(chunk[k - 1].text) and _looks_like_heading(line.text, titled=True) \
        and (following is None or (following.text.lstrip()[:1].isupper()
                                    and not _full(line, following, width)))


def _starts_block(previous: _Line, line: _Line, group: list[_Line], width: int) -> bool:
    """Whether a line after another in the same chunk starts a new block."""
    if _MD_HEADING.match(line.text) or _MD_HEADING.match(previous.text):
        return True
    if _marked_heading(line.text, titled=True):
        return True
    if len(group) == 1 and _looks_like_heading(previous.text, titled=True) \
            and line.text.lstrip()[:1].isupper() and not _full(previous, line, width):
        return True
    if not _BULLET.match(line.text):
        return False
    if _GLYPH_BULLET.match(line.text):
        return True
    # a dash, number or letter at the start of a wrapped line: a marker only after a list item
    # (a dash after an item of another kind, as a spaced dash wrapped to the line start in
    # "1. ... options\n- working with ...": only after a line that ends a sentence), a short
    # heading or a line that ends a sentence (a letter marker: not after a colon, as in "to:
    # i) dismantle")
    if _BULLET.match(group[0].text) and not (_DASH_BULLET.match(line.text)
                                             and not _DASH_BULLET.match(group[0].text)):
        return True
    if len(group) == 1 and _looks_like_heading(previous.text) \
            and not _full(previous, line, width):
        return True
    ends = _FULL_STOP if _LETTER_BULLET.match(line.text) else _SENTENCE_END
    return bool(ends.search(previous.text.rstrip()))


def _block(group: list[_Line], *, heading: bool = False) -> Block:
    first, last = group[0], group[-1]
    end = last.end
    if len(group) == 1 or heading:
        md = _MD_HEADING.match(first.text)
        if md:
            return Block("heading", first.start + md.end(), end)
        if heading or _looks_like_heading(first.text):
            return Block("heading", first.start + len(first.text) - len(first.text.lstrip()),
                         end)
    bullet = _BULLET.match(first.text)
    if bullet:
        return Block("item", first.start + bullet.end(), end)
    return Block("paragraph", first.start + len(first.text) - len(first.text.lstrip()), end)


def _ends_sentence(line: str) -> bool:
    """Whether a line ends with a full stop (not an abbreviation's or an initial's) or ! or ?."""
    stripped = line.rstrip()
    return bool(_FULL_STOP.search(stripped)) and not ends_with_abbreviation(stripped)


def _marked_heading(line: str, *, titled: bool = False) -> bool:
    """A numbered heading ("II. Alliance Responses", "3. Trade"); titled: in title case too,
    as a heading followed by its text without a blank line must be."""
    return bool(_HEADING_NUMBER.match(line)) and _looks_like_heading(line, titled=titled)


def _looks_like_heading(line: str, *, titled: bool = False) -> bool:
    stripped = fold_text(line).text.strip()
    words = _WORD.findall(stripped)
    if not words or len(words) > _MAX_HEADING_WORDS or _END_PUNCT.search(stripped):
        return False
    if re.search(r"[.!?;] ", _HEADING_NUMBER.sub("", stripped, count=1)):
        return False
    numbered = _HEADING_NUMBER.match(stripped)
    body = stripped[numbered.end():] if numbered else stripped
    if not body[:1].isupper():
        return False
    if numbered and not titled:
        return True
    capitals = sum(1 for w in words if w[:1].isupper() or not w.isalpha())
    return capitals >= max(1, len(words) * 0.6) and len(words) <= 10
