"""Plain text and Markdown."""

from __future__ import annotations

import re

from stmtdiff.corpus.textfile import optional_front_matter
from stmtdiff.fetch.extract import Document, Extracted, ExtractionError
from stmtdiff.fetch.extract.blocks import TextBlock, layout
from stmtdiff.model import BlockKind

__all__ = ["decode_text", "extract_markdown", "extract_plain"]

_MD_HEADING = re.compile(r"^#{1,6}[ \t]+(.*?)[ \t#]*$")
_SETEXT = re.compile(r"^(?:=+|-+)[ \t]*$")
_MD_BULLET = re.compile(r"^[ \t]*[-*+][ \t]+")
_MD_NUMBER = re.compile(r"^[ \t]*[0-9]{1,3}[.)][ \t]+")
_INLINE = (
    (re.compile(r"<!--.*?-->", re.S), ""),
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"(\*\*|__)(\S(?:.*?\S)?)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(\S(?:.*?\S)?)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<!\w)_(\S(?:.*?\S)?)_(?!\w)"), r"\1"),
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!])"), r"\1"),
)


def decode_text(doc: Document) -> str:
    """The document's bytes as text: UTF-8 (with or without BOM), else its declared charset."""
    if b"\x00" in doc.data:
        raise ExtractionError(f"{doc.location}: binary file, not text",
                              "give a text, Markdown, HTML or PDF file")
    for enc in ("utf-8-sig", doc.charset):
        if not enc:
            continue
        try:
            return doc.data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
    raise ExtractionError(f"{doc.location}: not UTF-8 text",
                          "convert it, e.g. iconv -f latin1 -t utf-8")


def extract_plain(doc: Document) -> Extracted:
    """A plain text as it is: its lines are kept (normalisation tidies spaces and blank lines);
    front matter, if any, is read and taken off."""
    meta, text = optional_front_matter(doc.location, decode_text(doc))
    steps = ("front matter read",) if meta else ()
    return Extracted(text, "text", steps, front_matter=meta)


def extract_markdown(doc: Document) -> Extracted:
    """Markdown without its markup: headings, list items and paragraphs one per line."""
    meta, text = optional_front_matter(doc.location, decode_text(doc))
    blocks: list[TextBlock] = []
    current: list[str] = []
    for line in text.split("\n"):
        stripped = line.strip().lstrip(">").strip()
        if _SETEXT.match(stripped) and len(current) == 1:
            blocks.append(TextBlock("heading", current.pop()))
            continue
        if not stripped or _MD_HEADING.match(stripped) or _MD_BULLET.match(stripped) or \
                _MD_NUMBER.match(stripped):
            _flush(blocks, current)
        heading = _MD_HEADING.match(stripped)
        if heading:
            blocks.append(TextBlock("heading", _inline(heading.group(1))))
        elif stripped:
            current.append(_MD_BULLET.sub("- ", stripped, count=1))
    _flush(blocks, current)
    steps = ("front matter read", "Markdown markup removed") if meta else (
        "Markdown markup removed",)
    return Extracted(layout(blocks), "markdown", steps, front_matter=meta)


def _flush(blocks: list[TextBlock], current: list[str]) -> None:
    if current:
        text = _inline(" ".join(current))
        listed = _MD_BULLET.match(text) or _MD_NUMBER.match(text)
        kind: BlockKind = "item" if listed else "paragraph"
        blocks.append(TextBlock(kind, text))
        current.clear()


def _inline(text: str) -> str:
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return text
