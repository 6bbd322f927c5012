"""HTML: decode by the declared charset, find the statement body, lay it out as blocks."""

from __future__ import annotations

import codecs
import re
from typing import Any

import lxml.html  # type: ignore[import-untyped]

from stmtdiff.fetch.extract import Document, Extracted
from stmtdiff.fetch.extract.blocks import TextBlock, frame, layout
from stmtdiff.fetch.extract.sites import rule_for
from stmtdiff.model import BlockKind

__all__ = ["decode_html", "extract_html", "html_blocks", "refresh_target"]

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCKS = {"p", "div", "section", "article", "main", "blockquote", "center", "table", "tr", "td",
           "th", "ul", "ol", "dl", "dd", "dt", "pre", "address", "figure", "figcaption", "hr",
           "body", "caption", "tbody", "thead"}
_DROP = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
         "iframe", "svg", "button", "select", "object", "img", "h1")  # h1: the page title
_CHROME = {"share", "sharing", "sharedaddy", "social", "sns", "breadcrumb", "breadcrumbs",
           "related", "sidebar", "menu", "pagination", "pagetop", "print", "tags", "addthis",
           "skip", "sr", "visually", "screen"}
"""Class or id segments (split at - and _) that mark site chrome inside a page's body."""
_DATELINE = re.compile(r"^(?:[A-Z][\w .,'-]{0,40}[,\u2014-]\s*)?(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|"
                       r"Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? [0-9]{1,2}, [0-9]{4}|[0-9]{1,2} "
                       r"[A-Z][a-z]+ [0-9]{4}|[0-9]{4}[/.-][0-9]{1,2}[/.-][0-9]{1,2})$")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_REFRESH = re.compile(r"""\s*[0-9.]+\s*[;,]\s*(?:url\s*=\s*)?(['"]?)([^'"]+)\1\s*""", re.I)
_STUB_WORDS = 60
"""A page with a meta refresh and fewer words than this is a stub pointing elsewhere."""
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_WORDLIKE = re.compile(r"\w")
# WHATWG: browsers decode these labels with a superset encoding, and so do we.
_SUPERSETS = {"shift_jis": "cp932", "iso8859-1": "cp1252", "ascii": "cp1252",
              "gb2312": "gb18030", "gbk": "gb18030", "x-sjis": "cp932", "windows-31j": "cp932",
              "ms_kanji": "cp932", "csshiftjis": "cp932"}


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().strip("'\"").lower()
    if label in _SUPERSETS:
        return _SUPERSETS[label]
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return _SUPERSETS.get(name, name) if _is_text_encoding(name) else None


def _is_text_encoding(name: str) -> bool:
    """False for codecs that do not turn bytes into text (base64, rot13, zlib...)."""
    try:
        b"\x00".decode(name)  # checked before decoding: LookupError for those
    except LookupError:
        return False
    except UnicodeDecodeError:
        pass
    return True


def decode_html(data: bytes, charset: str | None) -> tuple[str, str]:
    """The page's text and the encoding used: BOM, HTTP charset, <meta charset>, else UTF-8."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8"
    meta = _META_CHARSET.search(data[:4096])
    candidates = [_codec(charset), _codec(meta.group(1).decode("ascii")) if meta else None,
                  "utf-8"]
    if candidates[0] == "cp1252" and candidates[1] not in (None, "cp1252"):
        candidates.pop(0)  # a server's blanket Latin-1 default yields to the page's own charset
    for enc in candidates:
        if enc is None:
            continue
        if enc == "cp1252" and _is_utf8(data):  # declared Western, written as UTF-8
            return data.decode("utf-8"), "utf-8"
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    return data.decode("cp1252", errors="replace"), "cp1252"


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _is_chrome(el: Any) -> bool:
    names = (el.get("class") or "").split() + (el.get("id") or "").split()
    return any(part in _CHROME for name in names for part in re.split(r"[-_]+", name.lower()))


class _Collector:
    """Accumulates inline text into blocks while walking the tree."""

    def __init__(self) -> None:
        self.blocks: list[TextBlock] = []
        self._parts: list[str] = []
        self._kind: BlockKind = "paragraph"
        self._prefix = ""

    def text(self, value: str | None) -> None:
        if value:
            self._parts.append(value)

    def flush(self, next_kind: BlockKind = "paragraph", prefix: str = "") -> None:
        """End the current block; the next one is of next_kind, its text led by prefix."""
        text = _HTML_SPACE.sub(" ", "".join(self._parts)).strip()
        if text:
            self.blocks.append(TextBlock(self._kind, self._prefix + text))
        elif self._prefix and next_kind == "paragraph" and not prefix:
            return  # the item's marker waits for its first block: <li><p>...</p></li>
        self._parts = []
        self._kind = next_kind
        self._prefix = prefix


def _walk(el: Any, out: _Collector, marker: list[int] | None) -> None:
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    if tag == "br":
        out.flush()
    elif tag in _HEADINGS:
        out.flush("heading")
        _children(el, out, marker)
        out.flush()
    elif tag == "li":
        prefix = "- " if marker is None else f"{marker[0]}. "
        if marker is not None:
            marker[0] += 1
        out.flush("item", prefix)
        _children(el, out, None)
        out.flush()
    elif tag in ("ul", "ol"):
        out.flush()
        start = el.get("start", "1")
        _children(el, out, [int(start) if start.isdigit() else 1] if tag == "ol" else None)
        out.flush()
    elif tag in _BLOCKS:
        out.flush()
        _children(el, out, marker)
        out.flush()
    elif tag:
        _children(el, out, marker)
    out.text(el.tail)


def _children(el: Any, out: _Collector, marker: list[int] | None) -> None:
    out.text(el.text if isinstance(el.tag, str) else None)
    for child in el:
        _walk(child, out, marker)


def html_blocks(root: Any) -> list[TextBlock]:
    """The blocks of an element: headings, paragraphs and list items, in document order."""
    out = _Collector()
    _children(root, out, None)
    out.flush()
    return [b for b in out.blocks if _WORDLIKE.search(b.text)]


def _clean_tree(root: Any) -> None:
    for el in list(root.iter(*_DROP)):
        if el.getparent() is not None:
            el.drop_tree()
    for el in [e for e in root.iter() if isinstance(e.tag, str) and _is_chrome(e)]:
        if el.getparent() is not None:
            el.drop_tree()


def extract_html(doc: Document) -> Extracted:
    """The statement body of an HTML page, by publisher rule, framing, or trafilatura."""
    page, encoding = decode_html(doc.data, doc.charset)
    root = lxml.html.document_fromstring(_XML_DECL.sub("", page, count=1) or "<html/>")
    _clean_tree(root)
    rule = rule_for(doc.location)
    container = _container(root, rule.content) if rule else None
    steps = [f"decoded as {encoding}"]
    body = root.find("body")
    blocks = html_blocks(container if container is not None else
                         body if body is not None else root)
    name = f"html:{rule.name}" if rule and container is not None else "html"
    framed = frame(blocks)
    if framed is not None:
        steps.append('kept the text between "Begin Text" and "End Text"')
        blocks = framed
    elif container is None:
        return Extracted(_generic(root, doc.location), "html:trafilatura", tuple(steps))
    while blocks and _DATELINE.match(blocks[0].text):
        steps.append(f"dropped the dateline {blocks.pop(0).text!r}")
    return Extracted(layout(blocks), name, tuple(steps))


def _container(root: Any, paths: tuple[str, ...]) -> Any:
    for path in paths:
        found = root.xpath(path)
        if found:
            return found[0]
    return None


def _generic(root: Any, url: str) -> str:
    import trafilatura

    text = trafilatura.extract(root, url=url, output_format="txt", include_comments=False,
                               include_tables=True, include_links=False, deduplicate=False,
                               favor_recall=True) or ""
    blocks = [TextBlock("item" if line.startswith("- ") else "paragraph", line)
              for line in text.split("\n") if line.strip()]
    return layout(blocks)


def refresh_target(data: bytes, charset: str | None, base: str) -> str | None:
    """The absolute URL a stub page moves to by <meta http-equiv="refresh">, else None.

    Only a page with almost no text counts: a full page that reloads itself is read as it is.
    """
    from urllib.parse import urljoin

    page, _ = decode_html(data, charset)
    try:
        root = lxml.html.document_fromstring(_XML_DECL.sub("", page, count=1) or "<html/>")
    except (ValueError, lxml.etree.ParserError):
        return None
    for meta in root.iter("meta"):
        if (meta.get("http-equiv") or "").strip().lower() != "refresh":
            continue
        found = _REFRESH.fullmatch(meta.get("content") or "")
        body = root.find("body")
        words = len(body.text_content().split()) if body is not None else 0
        if found and words < _STUB_WORDS:
            return str(urljoin(base, found.group(2).strip()))
    return None
