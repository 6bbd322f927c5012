"""Extraction on the real statements of ../shared/corpora, built into pages at run time.

Each statement body goes through the Markdown extractor as its file stands, and through the HTML
extractor wrapped in a state.gov-style page with site chrome and "Begin Text"/"End Text"
framing. Both must give back the body line for line (nothing is copied into the repo).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import pytest

from stmtdiff.corpus.textfile import clean_body, read_text_file, split_front_matter
from stmtdiff.fetch.extract import Document, extract

pytestmark = pytest.mark.integration


def _files(corpora: Path) -> list[Path]:
    return sorted(corpora.glob("*/*.md"))


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def _page(body: str) -> bytes:
    paragraphs = "".join(f"<p>{escape(line)}</p>\n" for line in body.split("\n") if line.strip())
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>t</title></head><body>"
            f"<header><nav class='menu'><a href='/'>Home</a></nav></header><main>"
            f"<div class='entry-content'><p>Intro of the release.</p><p>Begin Text:</p>\n"
            f"{paragraphs}<p>End Text</p><div class='share-tools'>Share</div></div></main>"
            f"<footer>Footer</footer></body></html>").encode()


def test_markdown_and_html_extraction_give_back_every_real_body(corpora: Path) -> None:
    files = _files(corpora)
    assert files
    for path in files:
        body = clean_body(split_front_matter(path, read_text_file(path))[1])
        md = extract(Document(path.read_bytes(), str(path)), "markdown").text
        assert _lines(md) == _lines(body), path
        url = "https://2021-2025.state.gov/example/"
        html = extract(Document(_page(body), url, "text/html"), "html")
        assert html.extractor == "html:state.gov"
        assert _lines(html.text) == _lines(body), path
