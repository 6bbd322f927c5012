"""Text extractors: turn a downloaded or local document into a statement's plain text.

An extractor is chosen by the document's format (from its content type, its first bytes or its
file name); the HTML extractor then picks a per-publisher rule by host name. Every extractor
returns blocks one per line -- headings and list items on their own line, paragraphs separated
by a blank line -- which is the layout the segmenter (structure.py) reads.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from stmtdiff.corpus.textfile import has_front_matter
from stmtdiff.errors import InputError
from stmtdiff.fetch.extract.cleanup import normalise

__all__ = [
    "FORMATS",
    "MEDIA_TYPES",
    "UNTYPED",
    "Document",
    "Extracted",
    "ExtractionError",
    "Extractor",
    "extract",
    "get_extractor",
    "sniff_format",
]

FORMATS = ("html", "pdf", "text", "markdown")
"""The formats an extractor exists for."""

MEDIA_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/pdf": "pdf",
    "application/x-pdf": "pdf",
    "text/plain": "text",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
}
"""Media types an extractor reads, and the format each stands for."""
_SUFFIXES = {".html": "html", ".htm": "html", ".xhtml": "html", ".pdf": "pdf", ".txt": "text",
             ".text": "text", ".md": "markdown", ".markdown": "markdown"}
_FRONT_MATTER_BYTES = 16_384
"""How much of a document is read for front matter when sniffing its format."""
UNTYPED = ("", "application/octet-stream", "binary/octet-stream")
"""Media types that say nothing: the format is sniffed from the bytes."""


class ExtractionError(InputError):
    """A document that is not a statement text stmtdiff can read (wrong type, no text, ...)."""


@dataclass(frozen=True)
class Document:
    """Raw bytes of a statement's document and what is known about them."""

    data: bytes
    """The bytes as downloaded or read."""
    location: str
    """The URL or file path they came from."""
    media_type: str = ""
    """The declared media type, lower case, without parameters ("" when unknown)."""
    charset: str | None = None
    """The declared character set, if any."""


@dataclass(frozen=True)
class Extracted:
    """A statement's text and how it was obtained."""

    text: str
    """The text: one block per line, blank lines between paragraphs, a final newline."""
    extractor: str
    """The extractor and rule used, e.g. "html:state.gov" or "pdf"."""
    steps: tuple[str, ...] = ()
    """Extraction steps that changed the text (framing, de-hyphenation, ...)."""
    normalisation: tuple[str, ...] = ()
    """Normalisation steps that changed the text."""
    warnings: tuple[str, ...] = field(default=())
    """Problems a reader should check, e.g. words run together by PDF extraction."""
    front_matter: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    """The YAML front matter of a Markdown or text document (title, date, source...), or {}."""


class Extractor(Protocol):
    """Turns a document of one format into text blocks."""

    def __call__(self, doc: Document, /) -> Extracted:
        """The document's text, not yet normalised."""
        ...


def _registry() -> dict[str, Callable[[Document], Extracted]]:
    from stmtdiff.fetch.extract.html import extract_html
    from stmtdiff.fetch.extract.pdf import extract_pdf
    from stmtdiff.fetch.extract.plain import extract_markdown, extract_plain

    return {"html": extract_html, "pdf": extract_pdf, "text": extract_plain,
            "markdown": extract_markdown}


def get_extractor(name: str) -> Extractor:
    """The extractor for a format; InputError with a suggestion for an unknown name."""
    registry = _registry()
    if name in registry:
        return registry[name]
    close = difflib.get_close_matches(name, registry, n=1)
    hint = f"did you mean {close[0]!r}?" if close else f"formats: {', '.join(FORMATS)}"
    raise InputError(f"no extractor for format {name!r}", hint)


def sniff_format(doc: Document, declared: str | None = None) -> str:
    """The document's format: a PDF by its first bytes whatever it is labelled, else from its
    media type, else its first bytes (front matter makes it Markdown), else its name."""
    head = doc.data[:1024].lstrip()
    if head.startswith(b"%PDF-"):
        return "pdf"
    if doc.media_type in MEDIA_TYPES:
        return MEDIA_TYPES[doc.media_type]
    if doc.media_type not in UNTYPED:
        expected = f" (expected {declared})" if declared else ""
        raise ExtractionError(f"{doc.location}: unexpected content type {doc.media_type}{expected}",
                              "the address does not serve a statement text")
    if head.lower().startswith((b"<!doctype html", b"<html", b"<?xml")):
        return "html"
    if has_front_matter(doc.data[:_FRONT_MATTER_BYTES].decode("utf-8", "replace")):
        return "markdown"
    suffix = "." + doc.location.rsplit("/", 1)[-1].rpartition(".")[2].lower()
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    if declared in FORMATS:
        return declared
    return "text"


def extract(doc: Document, fmt: str) -> Extracted:
    """The document's normalised text; ExtractionError when none is found."""
    raw = get_extractor(fmt)(doc)
    text, steps = normalise(raw.text)
    if not text.strip():
        raise ExtractionError(f"{doc.location}: no statement text found ({raw.extractor})",
                              "check that the address or file holds the statement")
    return replace(raw, text=text, normalisation=steps)
