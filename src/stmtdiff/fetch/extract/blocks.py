"""Blocks of extracted text and how they are laid out, plus "Begin Text"/"End Text" framing."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from stmtdiff.model import BlockKind

__all__ = ["TextBlock", "frame", "layout"]

_BEGIN = re.compile(r"^[\[(]?\s*begin\s+text\s*[\])]?\s*[:.]?$", re.IGNORECASE)
_BEGIN_INLINE = re.compile(r"^([\[(]?\s*begin\s+text\s*[\])]?\s*:)\s+(\S.*)$", re.IGNORECASE)
_END = re.compile(r"^[\[(]?\s*end\s+text\s*[\])]?\s*[:.]?$", re.IGNORECASE)


@dataclass(frozen=True)
class TextBlock:
    """A heading, paragraph or list item as extracted, on one line."""

    kind: BlockKind
    """What the block is."""
    text: str
    """Its text, list marker included, without line breaks."""


def frame(blocks: Sequence[TextBlock]) -> list[TextBlock] | None:
    """The blocks between a "Begin Text" line and the "End Text" line after it, or None.

    A block that opens with "Begin Text:" and goes on ("Begin Text: The Ministers ...")
    keeps what follows the marker.
    """
    flat = [part for block in blocks for part in _split_marker(block)]
    begin = next((i for i, b in enumerate(flat) if _BEGIN.match(b.text.strip())), None)
    if begin is None:
        return None
    end = next((i for i in range(begin + 1, len(flat)) if _END.match(flat[i].text.strip())),
               len(flat))
    return flat[begin + 1 : end]


def _split_marker(block: TextBlock) -> tuple[TextBlock, ...]:
    found = _BEGIN_INLINE.match(block.text)
    if found is None:
        return (block,)
    return TextBlock(block.kind, found.group(1)), TextBlock(block.kind, found.group(2))


def layout(blocks: Sequence[TextBlock]) -> str:
    """One block per line; a blank line between blocks except between consecutive list items."""
    out: list[str] = []
    previous: TextBlock | None = None
    for block in blocks:
        if not block.text.strip():
            continue
        if previous is not None:
            out.append("\n" if previous.kind == block.kind == "item" else "\n\n")
        out.append(block.text.strip())
        previous = block
    return "".join(out) + "\n" if out else ""
