"""Benchmark of extraction on the real statements of ../shared/corpora, and of a whole fetch.

Every statement body is built at run time (nothing is copied into the repo) into
- an HTML page in the 2017-2025 state.gov layout (site chrome, "Begin Text"/"End Text"),
- a PDF made with fpdf2 (wrapped lines, page breaks, page numbers; typography the core fonts
  cannot show is mapped to ASCII first, in the expected text too),
and extracted again. Reported: the share of statements that come back line for line, and the
time per statement. Then `stmtdiff fetch --all` runs as its own process against a loopback
server holding the pages of one series, one host per statement (the client waits a second
between requests to the same host). Usage: python benchmarks/bench_extract.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from html import escape
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPORA = Path(os.environ.get("STMTDIFF_SHARED", REPO.parent / "shared")) / "corpora"
sys.path.insert(0, str(REPO / "tests"))

_ASCII = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                        "\u2013": "-", "\u2014": "--", "\u00a0": " ", "\u2026": "...",
                        "\u2022": "-"})


def bodies() -> dict[Path, str]:
    """Each corpus file's body."""
    from stmtdiff.corpus.textfile import clean_body, read_text_file, split_front_matter

    return {p: clean_body(split_front_matter(p, read_text_file(p))[1])
            for p in sorted(CORPORA.glob("*/*.md"))}


def lines(text: str) -> list[str]:
    """Non-blank lines with white space collapsed."""
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def page(body: str) -> bytes:
    """The body in a state.gov-style page."""
    paragraphs = "".join(f"<p>{escape(line)}</p>\n" for line in body.split("\n") if line.strip())
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>t</title></head><body>"
            f"<header><nav class='menu'><a href='/'>Home</a></nav></header><main>"
            f"<div class='entry-content'><p>Intro.</p><p>Begin Text:</p>\n{paragraphs}"
            f"<p>End Text</p><div class='share-tools'>Share</div></div></main>"
            f"<footer>Footer</footer></body></html>").encode()


def pdf(body: str) -> bytes:
    """The body as a PDF, one paragraph per multi_cell, a gap between paragraphs."""
    from fpdf import FPDF

    doc = FPDF()
    doc.add_page()
    doc.set_font("Helvetica", size=11)
    for line in body.split("\n"):
        if line.strip():
            doc.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
            doc.ln(4)
    return bytes(doc.output())


def ascii_body(body: str) -> str:
    """The body in the characters fpdf2's core fonts have."""
    return body.translate(_ASCII).encode("latin-1", "replace").decode("latin-1")


def measure(name: str, texts: dict[Path, str], make: Callable[[str], bytes], fmt: str,
            url: str) -> None:
    from stmtdiff.fetch.extract import Document, extract

    same, spent, misses = 0, 0.0, []
    for path, body in texts.items():
        data = make(body)
        started = time.perf_counter()
        text = extract(Document(data, url, "application/pdf" if fmt == "pdf" else "text/html"),
                       fmt).text
        spent += time.perf_counter() - started
        if lines(text) == lines(body):
            same += 1
        else:
            misses.append(path.relative_to(CORPORA))
    print(f"{name}: {same}/{len(texts)} statements line for line, "
          f"{spent / len(texts) * 1000:.1f} ms per statement"
          + (f"; differ: {', '.join(map(str, misses[:5]))}" if misses else ""))


def whole_fetch(texts: dict[Path, str]) -> None:
    from loopback import serve

    series = [p for p in texts if p.parent.name == "g7-leaders-statements"]
    with serve() as server, tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "g7"
        folder.mkdir()
        for n, path in enumerate(series):
            url = server.page(f"http://host{n}.example.org/{path.stem}.html", page(texts[path]))
            (folder / f"{path.stem}.toml").write_text(
                f'id = "{path.stem}"\ndate = "{path.stem[:10]}"\ntitle = "t"\n\n'
                f'[[sources]]\nurl = "{url}"\n', encoding="utf-8")
        env = {**os.environ, "HTTP_PROXY": server.proxy, "NO_PROXY": ""}
        started = time.perf_counter()
        subprocess.run([str(Path(sys.executable).parent / "stmtdiff"), "fetch", "--all",
                        "--corpus", str(folder)], env=env, check=True, capture_output=True)
        took = time.perf_counter() - started
        fetched = len(list(folder.glob("*.txt")))
    print(f"stmtdiff fetch --all, {len(series)} G7 statements from a loopback server: "
          f"{fetched} fetched in {took:.2f} s (process start included)")


def main() -> None:
    if not CORPORA.is_dir():
        print(f"bench_extract: skipped, {CORPORA} is not present")
        return
    texts = bodies()
    measure("HTML (state.gov layout)", texts, page, "html", "https://2021-2025.state.gov/x/")
    plain = {p: ascii_body(b) for p, b in texts.items()}
    measure("PDF (fpdf2)", plain, pdf, "pdf", "https://www.mofa.go.jp/files/x.pdf")
    whole_fetch(texts)


if __name__ == "__main__":
    main()
