"""PDF: text by page, wrapped lines joined into paragraphs, hyphenation at line ends undone.

Words that extraction ran together are reported, never split by guesswork.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable

from stmtdiff.fetch.extract import Document, Extracted, ExtractionError
from stmtdiff.fetch.extract.blocks import TextBlock, layout
from stmtdiff.model import BlockKind

__all__ = ["dehyphenate_join", "extract_pdf", "paragraphs", "run_together"]

_PAGE_NUMBER = re.compile(r"^\s*(?:[-\u2013]\s*)?(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?"
                          r"(?:\s*[-\u2013])?\s*$", re.I)
_BULLET = re.compile(r"^\s*(?:[-*\u2022\u00b7\u25aa\u25cf]|\(?[0-9]{1,3}[.)]|\(?[a-z][.)]|"
                     r"\((?:[ivx]{1,5}|[a-z])\))\s+\S")
_SENTENCE_END = re.compile(r"[.!?;:][\"'\u201d\u2019)\]]*$")
_HYPHENATED = re.compile(r"([A-Za-z]+)-$")
_WORD_START = re.compile(r"^([a-z]+)")
_CAMEL = re.compile(r"\b[A-Za-z]*[a-z]{2}[A-Z][A-Za-z]*\b")
_LONG = re.compile(r"\b[A-Za-z]{25,}\b")
_MAC = re.compile(r"^Ma?c[A-Z]")


def extract_pdf(doc: Document) -> Extracted:
    """The text of a PDF: paragraphs one per line, page numbers dropped."""
    pages = _page_texts(doc)
    lines, dropped = _drop_page_numbers(pages)
    steps: list[str] = []
    if dropped:
        steps.append(f"dropped {dropped} page-number lines")
    blocks, joins = paragraphs(lines)
    if joins:
        steps.append(f"undid hyphenation at {joins} line ends")
    text = layout(blocks)
    warnings = run_together(text)
    return Extracted(text, "pdf", tuple(steps), warnings=warnings)


def _page_texts(doc: Document) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(doc.data))
        if reader.is_encrypted:
            reader.decrypt("")
        pages = []
        for page in reader.pages:
            try:
                pages.append(page.extract_text(extraction_mode="layout"))
            except Exception:  # layout mode fails on some fonts; plain mode is the fallback
                pages.append(page.extract_text())
        return pages
    except (PyPdfError, ValueError, KeyError, OSError) as exc:
        raise ExtractionError(f"{doc.location}: not a readable PDF: {exc}",
                              "check that the file is the statement's PDF") from exc


def _drop_page_numbers(pages: Iterable[str]) -> tuple[list[str], int]:
    lines: list[str] = []
    dropped = 0
    for page in pages:
        page_lines = [line.strip() for line in page.split("\n")]
        kept = [line for line in page_lines if not _PAGE_NUMBER.match(line)]
        dropped += len(page_lines) - len(kept)
        while kept and not kept[0]:
            kept.pop(0)
        while kept and not kept[-1]:
            kept.pop()
        lines += [*kept, "\f"]  # a page break: a paragraph may continue across it
    return lines, dropped


def paragraphs(lines: list[str]) -> tuple[list[TextBlock], int]:
    """Blocks from lines: blank lines (or, without any, short lines) end paragraphs.

    A full-width line runs on into the next one, even when the next starts with a dash; across
    a page break, only a sentence end or a heading-short line ends the paragraph.
    """
    has_gaps = any(not line for line in lines)
    width = max((len(line) for line in lines), default=0)
    blocks: list[TextBlock] = []
    current: list[str] = []
    joins = 0
    for i, line in enumerate(lines):
        previous = current[-1] if current else ""
        ends = _SENTENCE_END.search(previous) is not None or len(previous) < 0.85 * width
        if line == "\f":  # a heading, or a sentence end not followed by lower case, ends it
            ended = not _continues(lines, i) and (_SENTENCE_END.search(previous) is not None
                                                  or len(previous) < 0.6 * width)
        else:
            ended = not line or (_BULLET.match(line) is not None and ends)
        if ended:
            joins += _emit(blocks, current, lines)
            current = []
        if line and line != "\f":
            current.append(line)
            if not has_gaps and _SENTENCE_END.search(line) and len(line) < 0.85 * width:
                joins += _emit(blocks, current, lines)
                current = []
    joins += _emit(blocks, current, lines)
    return blocks, joins


def _continues(lines: list[str], i: int) -> bool:
    following = next((line for line in lines[i + 1 :] if line and line != "\f"), "")
    return following[:1].islower()


def _emit(blocks: list[TextBlock], current: list[str], lines: list[str]) -> int:
    if not current:
        return 0
    text, joins = dehyphenate_join(current, "\n".join(lines))
    kind: BlockKind = "item" if _BULLET.match(text) else "paragraph"
    if len(current) == 1 and not _SENTENCE_END.search(text) and len(text.split()) <= 14:
        kind = "heading" if kind == "paragraph" else kind
    blocks.append(TextBlock(kind, text))
    return joins


def dehyphenate_join(lines: list[str], whole: str) -> tuple[str, int]:
    """Lines joined with spaces; a word hyphenated at a line end is rejoined.

    The hyphen is kept when the document spells the word with a hyphen elsewhere
    ("long-term"), and dropped otherwise ("realign-" + "ment").
    """
    text = lines[0]
    joins = 0
    for line in lines[1:]:
        hyphen = _HYPHENATED.search(text)
        start = _WORD_START.match(line)
        if hyphen and start:
            head, tail = hyphen.group(1), start.group(1)
            keep = re.search(rf"\b{re.escape(head)}-{re.escape(tail)}\b", whole) is not None
            text = text[:-1] + ("-" if keep else "") + line
            joins += 0 if keep else 1
        else:
            text = f"{text} {line}"
    return text, joins


def run_together(text: str) -> tuple[str, ...]:
    """A warning when words look run together (lost spaces), with examples; else ()."""
    suspects = [w for w in _CAMEL.findall(text) if not _MAC.match(w)] + _LONG.findall(text)
    if not suspects:
        return ()
    examples = ", ".join(dict.fromkeys(suspects[:5]))
    return (f"words look run together by PDF extraction ({len(suspects)}, e.g. {examples}); "
            "check the text against the PDF",)
