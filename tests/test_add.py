"""stmtdiff add: files, standard input and URLs; metadata created; no overwrite without --force."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import jsonschema
import pytest

from fetch_helpers import leftovers, write_statement
from loopback import Loopback
from pdf_fixture import EXPECTED as PDF_EXPECTED
from pdf_fixture import statement_pdf
from publisher_pages import EXPECTED, PUBLISHERS
from stmtdiff.corpus.series import load_series
from stmtdiff.schemas import load_schema

TEXT = "Joint Statement\n\nThe partners met and agreed on a common agenda.\n"


@pytest.fixture
def series(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus" / "demo"
    write_statement(folder, "2021-03-16")
    return folder


def test_a_text_file_is_added_to_an_existing_statement(invoke, series: Path,
                                                       tmp_path: Path) -> None:
    source = tmp_path / "statement.txt"
    source.write_text(TEXT.replace("\n", "\r\n"), encoding="utf-8")
    code, out, err = invoke("add", str(source), "--id", "2021-03-16", "--corpus", str(series))
    assert (code, out) == (0, "")
    target = series / "2021-03-16.txt"
    assert err == f"added 2021-03-16 to demo: {target} (text, {len(TEXT)} characters)\n"
    assert target.read_text(encoding="utf-8") == TEXT
    record = json.loads((series / "2021-03-16.provenance.json").read_text())
    assert record["url"] == source.resolve().as_uri() and record["extractor"] == "text"
    assert record["normalisation"] == ["line endings to LF"]


def test_an_existing_text_is_kept_unless_forced(invoke, series: Path, tmp_path: Path) -> None:
    (series / "2021-03-16.txt").write_text("Old text.\n")
    source = tmp_path / "new.txt"
    source.write_text(TEXT)
    code, _, err = invoke("add", str(source), "--id", "2021", "--corpus", str(series))
    assert code == 2  # "2021" is not a full id
    code, _, err = invoke("add", str(source), "--id", "2021-03-16", "--corpus", str(series))
    assert code == 2
    assert err == (f"error: demo 2021-03-16 has a text already ({series / '2021-03-16.txt'}) "
                   "(add --force to replace it)\n")
    assert (series / "2021-03-16.txt").read_text() == "Old text.\n"
    code, _, _ = invoke("add", str(source), "--id", "2021-03-16", "--force", "--corpus",
                        str(series))
    assert code == 0 and (series / "2021-03-16.txt").read_text() == TEXT


def test_markdown_from_stdin_creates_the_metadata(invoke, series: Path) -> None:
    md = "---\ntitle: ignored\n---\n## Joint Statement\n\nThe partners **met** and agreed\non a " \
         "common agenda.\n"
    code, _, err = invoke("add", "-", "--id", "2022-01-07", "--format", "markdown",
                          "--title", "Joint Statement of the Partners", "--corpus", str(series),
                          stdin=md)
    assert code == 0, err
    assert (series / "2022-01-07.txt").read_text() == TEXT
    meta = tomllib.loads((series / "2022-01-07.toml").read_text())
    assert meta == {"id": "2022-01-07", "date": "2022-01-07",
                    "title": "Joint Statement of the Partners"}
    added = next(s for s in load_series(series).statements if s.id == "2022-01-07")
    assert added.has_text and added.title == "Joint Statement of the Partners"
    record = json.loads((series / "2022-01-07.provenance.json").read_text())
    assert record["url"] == "stdin" and record["extractor"] == "markdown"
    jsonschema.validate(record, load_schema("provenance"))


def test_a_url_is_added_with_its_source_recorded(invoke, series: Path, server: Loopback) -> None:
    page, _ = PUBLISHERS[sorted(PUBLISHERS)[0]]
    url = server.page(server.url("/statement.html"), page())
    code, _, err = invoke("add", url, "--id", "2023-01-11", "--corpus", str(series))
    assert code == 0, err
    assert (series / "2023-01-11.txt").read_text() == EXPECTED
    meta = tomllib.loads((series / "2023-01-11.toml").read_text())
    assert meta["title"] == "I. Overview"  # the text's first line when no --title is given
    assert meta["sources"] == [{"url": url, "format": "html"}]


def test_a_failing_url_writes_nothing_and_exits_3(invoke, series: Path, server: Loopback) -> None:
    url = server.url("/missing")
    code, _, err = invoke("add", url, "--id", "2023-01-11", "--corpus", str(series))
    assert code == 3
    assert err == f"error: {url}: HTTP 404 Not Found\n"
    assert leftovers(series) == ["series.toml"] or leftovers(series) == []
    assert not (series / "2023-01-11.toml").exists()


def test_a_pdf_file_is_added_and_run_together_words_reported(invoke, series: Path,
                                                              tmp_path: Path) -> None:
    good, bad = tmp_path / "good.pdf", tmp_path / "bad.pdf"
    good.write_bytes(statement_pdf())
    bad.write_bytes(statement_pdf(run_together=True))
    code, out, _ = invoke("add", str(good), "--id", "2021-03-16", "--corpus", str(series),
                          "--json")
    assert code == 0
    doc = json.loads(out)
    jsonschema.validate(doc, load_schema("add"))
    assert doc["extractor"] == "pdf" and doc["created_metadata"] is False
    assert (series / "2021-03-16.txt").read_text() == PDF_EXPECTED
    code, _, err = invoke("add", str(bad), "--id", "2024-07-28", "--title", "T", "--corpus",
                          str(series))
    assert code == 0
    assert err.startswith("warning: 2024-07-28: words look run together by PDF extraction (")


def test_a_missing_file_is_a_one_line_error(invoke, series: Path) -> None:
    code, _, err = invoke("add", "nowhere.txt", "--id", "2021-03-16", "--corpus", str(series))
    assert code == 2
    assert err == ("error: nowhere.txt: no such file (give a file, an http(s) URL, or - for "
                   "standard input)\n")


def test_an_invalid_id_is_refused(invoke, series: Path) -> None:
    code, _, err = invoke("add", "-", "--id", "2021-02-30", "--corpus", str(series), stdin="x")
    assert code == 2
    assert err.startswith("error: invalid id '2021-02-30': 2021-02-30 is not a date")


def test_series_names_a_new_series_folder(invoke, tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    write_statement(root / "demo", "2021-03-16")
    code, _, err = invoke("add", "-", "--id", "2021-09-15", "--series", "partners", "--title",
                          "Leaders' Statement", "--corpus", str(root), stdin=TEXT)
    assert code == 0, err
    assert [s.id for s in load_series(root / "partners").statements] == ["2021-09-15"]


def test_binary_input_is_refused(invoke, series: Path) -> None:
    code, _, err = invoke("add", "-", "--id", "2021-03-16", "--format", "text", "--corpus",
                          str(series), stdin="a\x00b")
    assert code == 2 and err == "error: stdin: binary file, not text (give a text, Markdown, " \
        "HTML or PDF file)\n"
    assert leftovers(series) == []


def test_an_explicit_format_wins_and_a_typo_is_caught(invoke, series: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("# Joint Statement\n\nThe partners **met** and agreed on a common agenda.\n")
    code, _, err = invoke("add", str(notes), "--id", "2021-03-16", "--format", "htm",
                          "--corpus", str(series))
    assert code == 2 and err == "error: no extractor for format 'htm' (did you mean 'html'?)\n"
    code, _, _ = invoke("add", str(notes), "--id", "2021-03-16", "--format", "markdown",
                        "--corpus", str(series))
    assert code == 0 and (series / "2021-03-16.txt").read_text() == TEXT


FRONT = """---
id: 2024-07-28
date: 2024-07-28
title: "Joint Statement: a test"
source: "https://example.org/statements/2024-07-28.pdf"
---

# Heading

The partners met and agreed on a common agenda.
"""


def _added(series: Path, sid: str) -> tuple[dict[str, object], str]:
    meta = tomllib.loads((series / f"{sid}.toml").read_text(encoding="utf-8"))
    return meta, (series / f"{sid}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("suffix", [".md", ".txt", ""])
def test_a_file_with_front_matter_gives_id_title_date_and_source(invoke,
        series: Path, tmp_path: Path, suffix: str) -> None:
    source = tmp_path / f"statement{suffix}"
    source.write_text(FRONT, encoding="utf-8")
    code, _, err = invoke("add", str(source), "--corpus", str(series))
    assert code == 0, err
    meta, text = _added(series, "2024-07-28")
    assert meta["title"] == "Joint Statement: a test" and meta["date"] == "2024-07-28"
    assert meta["sources"] == [{"url": "https://example.org/statements/2024-07-28.pdf",
                                "format": "pdf"}]
    assert text == "Heading\n\nThe partners met and agreed on a common agenda.\n"
    assert "---" not in text and "source:" not in text


def test_front_matter_on_standard_input_is_read_not_stored(invoke, series: Path) -> None:
    code, _, err = invoke("add", "-", "--corpus", str(series), stdin=FRONT.replace("\n", "\r\n"))
    assert code == 0, err
    meta, text = _added(series, "2024-07-28")
    assert meta["title"] == "Joint Statement: a test"
    assert text.startswith("Heading\n") and "title:" not in text


def test_options_win_over_front_matter(invoke, series: Path) -> None:
    code, _, err = invoke("add", "-", "--id", "2024-07-29", "--title", "Mine", "--corpus",
                          str(series), stdin=FRONT)
    assert code == 0, err
    meta, _ = _added(series, "2024-07-29")
    assert (meta["id"], meta["title"], meta["date"]) == ("2024-07-29", "Mine", "2024-07-28")


def test_front_matter_without_id_takes_the_date(invoke, series: Path) -> None:
    text = FRONT.replace("id: 2024-07-28\n", "").replace("date: 2024-07-28", "date: 2024-08-01")
    code, _, err = invoke("add", "-", "--corpus", str(series), stdin=text)
    assert code == 0, err
    assert _added(series, "2024-08-01")[0]["title"] == "Joint Statement: a test"


def test_no_id_anywhere_is_refused_with_a_hint(invoke, series: Path) -> None:
    code, _, err = invoke("add", "-", "--corpus", str(series), stdin=TEXT)
    assert code == 2
    assert err == ("error: no id for the statement (give --id YYYY-MM-DD, or an id or date in "
                   "the text's front matter)\n")
    assert leftovers(series) == []


def test_malformed_front_matter_is_an_error(invoke, series: Path) -> None:
    code, _, err = invoke("add", "-", "--id", "2024-07-28", "--corpus", str(series),
                          stdin="---\ntitle: [unclosed\n---\nBody text here.\n")
    assert code == 2 and err.startswith("error: stdin: malformed front matter")
