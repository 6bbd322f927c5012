"""fetch and add against the hostile endpoints of the loopback server (issue 11): every read
has a size and a wall-clock bound, and nothing wrong is stored with exit 0."""

from __future__ import annotations

import tracemalloc
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fetch_helpers import QUICK, leftovers, statement, write_statement
from loopback import STATEMENT_TEXT, Loopback, hostile
from pdf_fixture import EXPECTED as PDF_EXPECTED
from pdf_fixture import statement_pdf
from stmtdiff.cli import app
from stmtdiff.errors import NetworkError, StmtdiffError
from stmtdiff.fetch.client import FetchConfig, Fetcher, fetch_statement

runner = CliRunner()
STRICT = replace(QUICK, timeout=2.0, deadline=1.0, retries=0)
"""A second to download a whole document, though each read comes well within the timeout."""


@pytest.fixture
def urls(server: Loopback) -> dict[str, str]:
    return hostile(server)


def download_error(url: str, config: FetchConfig = STRICT) -> StmtdiffError:
    with Fetcher(config) as fetcher, pytest.raises(StmtdiffError) as caught:
        fetcher.download(url)
    return caught.value


@pytest.mark.parametrize("name", ["drip-headers", "drip-body"])
def test_a_dripping_server_is_cut_off_at_the_deadline(urls: dict[str, str], name: str) -> None:
    error = download_error(urls[name])
    assert isinstance(error, NetworkError)
    assert error.message == f"{urls[name]}: download took over 1 s"


def test_the_deadline_covers_retries_too(urls: dict[str, str]) -> None:
    error = download_error(urls["drip-headers"], replace(STRICT, retries=3))
    assert error.message == f"{urls['drip-headers']}: download took over 1 s"


def test_fetch_all_is_not_kept_alive_by_a_dripping_server(
        urls: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("stmtdiff.fetch.client.DEFAULT_CONFIG", STRICT)
    write_statement(tmp_path, "2021-03-16", urls["drip-headers"])
    result = runner.invoke(app, ["fetch", "--all", "--corpus", str(tmp_path)])
    assert result.exit_code == 3
    assert f"error: 2021-03-16: {urls['drip-headers']}: download took over 1 s" in result.stderr
    assert leftovers(tmp_path) == []


def test_stacked_gzip_is_refused_while_decoding(urls: dict[str, str]) -> None:
    tracemalloc.start()
    try:
        error = download_error(urls["gzip-gzip"], replace(STRICT, deadline=30.0))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert error.message == \
        f"{urls['gzip-gzip']}: refused a over 20 MB download (the limit is 20 MB)"
    assert peak < 80_000_000  # 300 MB decoded would be the bomb going off


def test_a_small_stacked_gzip_page_is_decoded(server: Loopback, tmp_path: Path) -> None:
    from loopback import respond, stacked_gzip

    url = server.route(server.url("/small"), lambda h: respond(
        h, 200, stacked_gzip(2_000_000, layers=3), headers={"Content-Encoding": "gzip,gzip, gzip"}))
    write_statement(tmp_path, "2021-03-16", url)
    with Fetcher(STRICT) as fetcher:
        result = fetch_statement(statement(tmp_path, "2021-03-16"), fetcher)
    assert result.ok, result.failures
    assert (tmp_path / "2021-03-16.txt").read_text() == "Padded.\n"


def test_an_unknown_content_encoding_is_refused(server: Loopback) -> None:
    from loopback import respond

    url = server.route(server.url("/br"), lambda h: respond(
        h, 200, b"\x1b\x00", headers={"Content-Encoding": "br"}))
    error = download_error(url)
    assert isinstance(error, NetworkError)
    assert error.message == f"{url}: unsupported content encoding 'br'"


@pytest.mark.parametrize(("name", "message"), [
    ("short-body", "body shorter than its Content-Length (29 of 5000 bytes)"),
    ("binary-as-html", "binary content served as text/html"),
    ("no-location", "HTTP 302 Found without a Location to go to"),
    ("refresh-loop", "more than 5 redirects"),
])
def test_a_wrong_answer_fails_and_stores_nothing(urls: dict[str, str], tmp_path: Path,
                                                 name: str, message: str) -> None:
    write_statement(tmp_path, "2021-03-16", urls[name])
    with Fetcher(STRICT) as fetcher:
        result = fetch_statement(statement(tmp_path, "2021-03-16"), fetcher)
    assert not result.ok
    assert result.failures == (f"{urls[name]}: {message}",)
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("name", ["short-body", "binary-as-html", "no-location"])
def test_add_of_a_wrong_answer_exits_3(urls: dict[str, str], tmp_path: Path, name: str) -> None:
    folder = tmp_path / "corpus" / "demo"
    write_statement(folder, "2021-03-16")
    result = runner.invoke(app, ["add", urls[name], "--id", "2021-03-17", "--corpus",
                                 str(folder)])
    assert result.exit_code == 3, result.output
    assert result.stderr.startswith(f"error: {urls[name]}: ")
    assert leftovers(folder) == []
    assert not (folder / "2021-03-17.toml").exists()


def test_a_meta_refresh_stub_is_followed(urls: dict[str, str], tmp_path: Path) -> None:
    write_statement(tmp_path, "2021-03-16", urls["meta-refresh"])
    with Fetcher(STRICT) as fetcher:
        result = fetch_statement(statement(tmp_path, "2021-03-16"), fetcher)
    assert result.ok, result.failures
    assert (tmp_path / "2021-03-16.txt").read_text() == STATEMENT_TEXT
    import json

    record = json.loads((tmp_path / "2021-03-16.provenance.json").read_text())
    assert record["url"] == urls["meta-refresh"] and record["final_url"] == urls["refreshed"]


def test_pdf_bytes_labelled_html_are_read_as_pdf(server: Loopback, tmp_path: Path) -> None:
    url = server.page(server.url("/statement"), statement_pdf(), "text/html; charset=utf-8")
    write_statement(tmp_path, "2021-03-16", url)
    with Fetcher(STRICT) as fetcher:
        result = fetch_statement(statement(tmp_path, "2021-03-16"), fetcher)
    assert result.ok and result.extracted is not None and result.extracted.extractor == "pdf"
    assert (tmp_path / "2021-03-16.txt").read_text() == PDF_EXPECTED


@pytest.mark.parametrize("name", ["charset-base64", "charset-rot13", "text-rot13"])
def test_a_charset_that_is_not_a_text_encoding_is_ignored(urls: dict[str, str], tmp_path: Path,
                                                          name: str) -> None:
    write_statement(tmp_path, "2021-03-16", urls[name])
    with Fetcher(STRICT) as fetcher:
        result = fetch_statement(statement(tmp_path, "2021-03-16"), fetcher)
    assert result.ok, result.failures
    assert (tmp_path / "2021-03-16.txt").read_text() == STATEMENT_TEXT


def test_fetch_all_reports_an_oversized_text_and_goes_on(
        server: Loopback, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("stmtdiff.corpus.write.MAX_TEXT_BYTES", 1_000)
    big = server.page(server.url("/big"), "A sentence of the statement.\n" * 100, "text/plain")
    good = server.page(server.url("/good"), STATEMENT_TEXT, "text/plain")
    write_statement(tmp_path, "2020-01-17", big)
    write_statement(tmp_path, "2021-03-16", good)
    result = runner.invoke(app, ["fetch", "--all", "--corpus", str(tmp_path)])
    assert result.exit_code == 3
    assert result.stderr.splitlines() == [
        f"error: 2020-01-17: {tmp_path / '2020-01-17.txt'}: refused to write a text of 2900 "
        "bytes (the limit is 1000)",
        f"fetched 2021-03-16 from {good} (text, {len(STATEMENT_TEXT)} characters)",
        f"fetched 1, failed 1 of 2 statements of {tmp_path.name}",
    ]
    assert leftovers(tmp_path) == ["2021-03-16.provenance.json", "2021-03-16.txt"]
