"""fetch against a real HTTP server on 127.0.0.1: publisher pages, a PDF, and faults."""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from fetch_helpers import QUICK, leftovers, statement, write_statement
from loopback import Loopback, closed_port, respond, serve
from pdf_fixture import EXPECTED as PDF_EXPECTED
from pdf_fixture import statement_pdf
from publisher_pages import EXPECTED, PUBLISHERS, mofa_go_jp
from stmtdiff.corpus.write import write_text
from stmtdiff.errors import InputError
from stmtdiff.fetch.client import FetchConfig, Fetcher, FetchResult, fetch_statement
from stmtdiff.schemas import load_schema


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Loopback]:
    """The loopback server, also set as the HTTP proxy so publisher host names reach it."""
    with serve() as srv:
        for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "HTTPS_PROXY"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("HTTP_PROXY", srv.proxy)
        yield srv


def fetch_one(folder: Path, *sources: str, sid: str = "2021-03-16",
              config: FetchConfig = QUICK) -> FetchResult:
    write_statement(folder, sid, *sources)
    with Fetcher(config) as fetcher:
        return fetch_statement(statement(folder, sid), fetcher)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("url", sorted(PUBLISHERS))
def test_a_publisher_page_is_fetched_word_for_word_with_provenance(
        server: Loopback, tmp_path: Path, url: str) -> None:
    page = PUBLISHERS[url][0]().encode("utf-8")
    server.page(url, page)
    result = fetch_one(tmp_path, url)
    assert result.ok and result.failures == ()
    text_path = tmp_path / "2021-03-16.txt"
    assert result.statement.text_path == text_path
    assert text_path.read_text(encoding="utf-8") == EXPECTED
    record = json.loads((tmp_path / "2021-03-16.provenance.json").read_text(encoding="utf-8"))
    assert record["url"] == url and record["final_url"] == url
    assert record["raw_sha256"] == sha256(page) and record["raw_bytes"] == len(page)
    assert record["text_sha256"] == sha256(EXPECTED.encode("utf-8"))
    assert record["extractor"] == f"html:{PUBLISHERS[url][1]}"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", record["retrieved_at"])
    assert server.hits_for(url)[0].user_agent.startswith("stmtdiff/")
    jsonschema.validate(record, load_schema("provenance"))


def test_a_pdf_source_is_fetched_and_its_lines_joined(server: Loopback, tmp_path: Path) -> None:
    url = server.page("http://www.mofa.go.jp/files/000000001.pdf", statement_pdf(),
                      "application/pdf")
    result = fetch_one(tmp_path, url)
    assert result.ok
    assert (tmp_path / "2021-03-16.txt").read_text(encoding="utf-8") == PDF_EXPECTED
    record = json.loads((tmp_path / "2021-03-16.provenance.json").read_text())
    assert record["extractor"] == "pdf" and record["content_type"] == "application/pdf"
    assert "undid hyphenation at 1 line ends" in record["extraction_steps"]


def test_a_pdf_with_words_run_together_is_reported(server: Loopback, tmp_path: Path) -> None:
    url = server.page("http://www.mod.go.jp/j/files/x.pdf", statement_pdf(run_together=True),
                      "application/pdf")
    result = fetch_one(tmp_path, url)
    assert result.ok and result.extracted is not None
    assert "run together" in result.extracted.warnings[0]
    record = json.loads((tmp_path / "2021-03-16.provenance.json").read_text())
    assert record["warnings"] == list(result.extracted.warnings)


def test_a_shift_jis_page_is_fetched_and_decoded(server: Loopback, tmp_path: Path) -> None:
    url = "http://www.mofa.go.jp/region/n-america/us/security/scc/joint0705.html"
    crumbs = "<p class='breadcrumbs'>\u65e5\u7c73\u5354\u8b70</p>"
    page = mofa_go_jp("Shift_JIS").replace("<h1>", crumbs + "<h1>")
    server.page(url, page.encode("shift_jis"), "text/html; charset=Shift_JIS")
    assert fetch_one(tmp_path, url).ok
    assert (tmp_path / "2021-03-16.txt").read_text(encoding="utf-8") == EXPECTED


def test_a_latin1_page_is_fetched_and_decoded(server: Loopback, tmp_path: Path) -> None:
    body = "<p>Begin Text</p><p>The Communiqu\u00e9 was issued.</p><p>End Text</p>"
    url = server.page("http://dosfan.lib.uic.edu/ERC/briefing/960918.html",
                      f"<html><body>{body}</body></html>".encode("latin-1"),
                      "text/html; charset=iso-8859-1")
    assert fetch_one(tmp_path, url).ok
    assert (tmp_path / "2021-03-16.txt").read_text(encoding="utf-8") == \
        "The Communiqu\u00e9 was issued.\n"


def test_a_404_source_is_skipped_for_the_next_one(server: Loopback, tmp_path: Path) -> None:
    good = server.page(server.url("/good"), PUBLISHERS[next(iter(sorted(PUBLISHERS)))][0]())
    result = fetch_one(tmp_path, server.url("/missing"), good)
    assert result.ok and result.source is not None and result.source.url == good
    assert result.failures == (f"{server.url('/missing')}: HTTP 404 Not Found",)


def test_a_500_is_retried_and_then_succeeds(server: Loopback, tmp_path: Path) -> None:
    answers = iter([500, 200])

    def flaky(h: object) -> None:
        status = next(answers)
        respond(h, status, b"<p>Begin Text</p><p>Recovered text.</p><p>End Text</p>"  # type: ignore[arg-type]
                if status == 200 else b"busy")

    url = server.route(server.url("/flaky"), flaky)
    result = fetch_one(tmp_path, url)
    assert result.ok and len(server.hits_for(url)) == 2
    assert (tmp_path / "2021-03-16.txt").read_text() == "Recovered text.\n"


def test_retries_back_off_with_an_injected_sleep(server: Loopback, tmp_path: Path) -> None:
    url = server.page(server.url("/down"), b"down", status=503)
    sleeps: list[float] = []
    write_statement(tmp_path, "2021-03-16", url)
    config = replace(QUICK, retries=2, backoff=0.5)
    with Fetcher(config, sleep=sleeps.append) as fetcher:
        result = fetch_statement(statement(tmp_path, "2021-03-16"), fetcher)
    assert not result.ok and sleeps == [0.5, 1.0]
    assert result.failures == (f"{url}: HTTP 503 Service Unavailable (after 3 attempts)",)
    assert leftovers(tmp_path) == []


def test_a_timeout_fails_and_writes_nothing(server: Loopback, tmp_path: Path) -> None:
    def slow(h: object) -> None:
        time.sleep(2)

    url = server.route(server.url("/slow"), slow)
    result = fetch_one(tmp_path, url, config=replace(QUICK, timeout=0.3))
    assert not result.ok  # the 0.3 s timeout tripped, not the 2 s answer:
    assert result.failures == (f"{url}: timed out (nothing for 0.3 s) (after 2 attempts)",)
    assert leftovers(tmp_path) == []


def test_a_body_cut_off_mid_transfer_writes_nothing(server: Loopback, tmp_path: Path) -> None:
    def cut(h: object) -> None:
        h.send_response(200)  # type: ignore[attr-defined]
        h.send_header("Content-Type", "text/html")  # type: ignore[attr-defined]
        h.send_header("Content-Length", "5000")  # type: ignore[attr-defined]
        h.end_headers()  # type: ignore[attr-defined]
        h.wfile.write(b"<html><body><p>Begin Text</p><p>The first half")  # type: ignore[attr-defined]
        h.close_connection = True  # type: ignore[attr-defined]

    url = server.route(server.url("/cut"), cut)
    result = fetch_one(tmp_path, url)
    assert not result.ok and "transfer cut off" in result.failures[0]
    assert leftovers(tmp_path) == []


def test_a_redirect_loop_is_given_up(server: Loopback, tmp_path: Path) -> None:
    def to(target: str) -> object:
        return lambda h: respond(h, 302, b"", headers={"Location": server.url(target)})

    server.route(server.url("/a"), to("/b"))  # type: ignore[arg-type]
    server.route(server.url("/b"), to("/a"))  # type: ignore[arg-type]
    result = fetch_one(tmp_path, server.url("/a"))
    assert result.failures == (f"{server.url('/a')}: more than 5 redirects",)
    assert len(server.hits) == 6
    assert leftovers(tmp_path) == []


def test_a_60_mb_body_is_refused_while_streaming(server: Loopback, tmp_path: Path) -> None:
    sent = [0]

    def huge(h: object) -> None:
        h.send_response(200)  # type: ignore[attr-defined]
        h.send_header("Content-Type", "text/html")  # type: ignore[attr-defined]
        h.send_header("Transfer-Encoding", "chunked")  # type: ignore[attr-defined]
        h.end_headers()  # type: ignore[attr-defined]
        chunk = b"<p>" + b"x" * (1_000_000 - 3)
        for _ in range(60):
            h.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))  # type: ignore[attr-defined]
            sent[0] += len(chunk)
        h.wfile.write(b"0\r\n\r\n")  # type: ignore[attr-defined]

    url = server.route(server.url("/huge"), huge)
    result = fetch_one(tmp_path, url)
    assert result.failures == (f"{url}: refused a over 20 MB download (the limit is 20 MB)",)
    assert sent[0] < 60_000_000
    assert leftovers(tmp_path) == []


def test_a_declared_60_mb_body_is_refused_before_reading(server: Loopback,
                                                          tmp_path: Path) -> None:
    def declared(h: object) -> None:
        h.send_response(200)  # type: ignore[attr-defined]
        h.send_header("Content-Type", "application/pdf")  # type: ignore[attr-defined]
        h.send_header("Content-Length", str(60_000_000))  # type: ignore[attr-defined]
        h.end_headers()  # type: ignore[attr-defined]
        h.wfile.write(b"%PDF-1.4\n")  # type: ignore[attr-defined]
        h.close_connection = True  # type: ignore[attr-defined]

    url = server.route(server.url("/declared"), declared)
    result = fetch_one(tmp_path, url)
    assert result.failures == (f"{url}: refused a 60.0 MB download (the limit is 20 MB)",)
    assert leftovers(tmp_path) == []


def test_a_wrong_content_type_is_refused(server: Loopback, tmp_path: Path) -> None:
    url = server.page(server.url("/logo"), b"\x89PNG\r\n", "image/png")
    result = fetch_one(tmp_path, url)
    assert result.failures == (f"{url}: unexpected content type image/png",)
    assert leftovers(tmp_path) == []


def test_a_page_without_the_statement_fails_that_source(server: Loopback, tmp_path: Path) -> None:
    url = server.page("http://www.state.gov/empty/", "<html><body><nav>Home</nav></body></html>")
    result = fetch_one(tmp_path, url)
    assert not result.ok and "no statement text found" in result.failures[0]
    assert leftovers(tmp_path) == []


def test_sources_without_text_or_in_another_language_are_not_tried(
        server: Loopback, tmp_path: Path) -> None:
    write_statement(tmp_path, "2017-08-17",
                    {"url": server.url("/readout"), "contains_text": False},
                    {"url": server.url("/ja"), "language": "ja"})
    with Fetcher(QUICK) as fetcher:
        result = fetch_statement(statement(tmp_path, "2017-08-17"), fetcher)
    assert result.skipped == "sources only in ja, none in en"
    assert server.hits == []


def test_an_existing_text_is_replaced_only_with_force(server: Loopback, tmp_path: Path) -> None:
    url = server.page(server.url("/s"), "<p>Begin Text</p><p>New text.</p><p>End Text</p>")
    write_statement(tmp_path, "2021-03-16", url)
    (tmp_path / "2021-03-16.txt").write_text("Old text.\n")
    with Fetcher(QUICK) as fetcher:
        kept = fetch_statement(statement(tmp_path, "2021-03-16"), fetcher)
        assert kept.skipped == "has a text already" and server.hits == []
        assert (tmp_path / "2021-03-16.txt").read_text() == "Old text.\n"
        forced = fetch_statement(statement(tmp_path, "2021-03-16"), fetcher, force=True)
    assert forced.ok and (tmp_path / "2021-03-16.txt").read_text() == "New text.\n"


class FakeClock:
    """A clock that moves only when slept on (or when the test moves it)."""

    def __init__(self) -> None:
        self.now = 100.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.now += seconds


def test_at_most_one_request_per_second_per_host(server: Loopback) -> None:
    a = server.page(server.url("/a"), "<p>a</p>")
    b = server.page(server.url("/b"), "<p>b</p>")
    other = server.page(f"http://localhost:{server.port}/c", "<p>c</p>")
    fake = FakeClock()
    with Fetcher(replace(QUICK, min_interval=1.0), clock=fake.clock, sleep=fake.sleep) as f:
        f.download(a)
        fake.now += 0.25
        f.download(b)  # same host 0.25 s later: waits 0.75 s
        f.download(other)  # another host: no wait
        f.download(a)  # same host right after b: waits a full second
    assert fake.sleeps == [0.75, 1.0]


def test_a_redirect_is_a_request_to_its_host_too(server: Loopback) -> None:
    server.route(server.url("/old"), lambda h: respond(h, 301, b"",
                                                       headers={"Location": server.url("/new")}))
    server.page(server.url("/new"), "<p>moved</p>")
    fake = FakeClock()
    with Fetcher(replace(QUICK, min_interval=1.0), clock=fake.clock, sleep=fake.sleep) as f:
        got = f.download(server.url("/old"))
    assert got.final_url == server.url("/new") and fake.sleeps == [1.0]


def test_a_failed_write_leaves_no_text_and_no_temporary_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    meta = write_statement(tmp_path, "2021-03-16")
    real_replace = os.replace

    def failing(src: str, dst: str) -> None:
        if str(dst).endswith(".provenance.json"):
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr("stmtdiff.corpus.write.os.replace", failing)
    with pytest.raises(InputError, match="cannot write: No space left on device"):
        write_text(meta, "A text.\n", {"url": "x"})
    assert leftovers(tmp_path) == []


def test_an_empty_text_is_never_written(tmp_path: Path) -> None:
    meta = write_statement(tmp_path, "2021-03-16")
    with pytest.raises(InputError, match="refused to write"):
        write_text(meta, "  \n", {})
    assert leftovers(tmp_path) == []


def test_a_host_that_cannot_be_reached_is_not_asked_again(tmp_path: Path) -> None:
    base = f"http://127.0.0.1:{closed_port()}"
    write_statement(tmp_path, "2021-03-16", f"{base}/a", f"{base}/b")
    fake = FakeClock()
    with Fetcher(replace(QUICK, min_interval=1.0), clock=fake.clock, sleep=fake.sleep) as f:
        result = fetch_statement(statement(tmp_path, "2021-03-16"), f)
    assert not result.ok and fake.sleeps == []
    assert result.failures[0].startswith(f"{base}/a: cannot connect (")
    assert result.failures[1].startswith(f"{base}/b: cannot connect (")
    assert result.failures[1].endswith("; not tried again)")
    assert leftovers(tmp_path) == []
