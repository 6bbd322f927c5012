"""fetch, and --fetch on show, through the CLI against a loopback server: exact lines and codes."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from fetch_helpers import leftovers, write_statement
from loopback import Loopback, closed_port
from stmtdiff.schemas import load_schema

PAGE = ("<html><body><nav>Home | Releases</nav><p>Begin Text</p><h3>Shared Goals</h3>"
        "<p>The partners agreed to widen their cooperation on clean energy.</p>"
        "<p>End Text</p><footer>Contact us</footer></body></html>")
TEXT = "Shared Goals\n\nThe partners agreed to widen their cooperation on clean energy.\n"


def test_show_no_fetch_says_which_statement_lacks_text(invoke, server: Loopback,
                                                       tmp_path: Path) -> None:
    write_statement(tmp_path, "2021-03-16", server.url("/s"))
    code, out, err = invoke("show", "2021", "--corpus", str(tmp_path), "--no-fetch")
    assert (code, out) == (2, "")
    assert err == ("error: no text yet for 2021-03-16 (" + tmp_path.name + ") (run: stmtdiff "
                   "fetch 2021-03-16   or: stmtdiff add FILE --id 2021-03-16)\n")
    assert server.hits == []


def test_show_fetches_a_missing_text_first(invoke, server: Loopback, tmp_path: Path) -> None:
    url = server.page(server.url("/s"), PAGE)
    write_statement(tmp_path, "2021-03-16", url)
    code, out, err = invoke("show", "2021", "--corpus", str(tmp_path), "--model", "blank",
                            "--json")
    assert code == 0
    assert err.startswith(f"fetched 2021-03-16 from {url} (html, {len(TEXT)} characters)\n")
    assert (tmp_path / "2021-03-16.txt").read_text(encoding="utf-8") == TEXT
    doc = json.loads(out)
    assert doc["clauses"][-1]["text"] == \
        "The partners agreed to widen their cooperation on clean energy."


def test_show_offline_is_one_line_exit_3_and_writes_nothing(invoke, tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{closed_port()}/statement"
    write_statement(tmp_path, "2021-03-16", url)
    code, out, err = invoke("show", "2021", "--corpus", str(tmp_path), "--model", "blank")
    assert (code, out) == (3, "")
    assert err.count("\n") == 1
    assert err == ("error: no connection: run stmtdiff fetch 2021-03-16 once online, or "
                   "stmtdiff add FILE --id 2021-03-16 (cannot reach 127.0.0.1)\n")
    assert leftovers(tmp_path) == []


def test_show_without_any_source_says_how_to_add(invoke, tmp_path: Path) -> None:
    write_statement(tmp_path, "2021-03-16")
    code, _, err = invoke("show", "2021", "--corpus", str(tmp_path))
    assert code == 2
    assert err == (f"error: no text yet for 2021-03-16 ({tmp_path.name}), and no source to fetch "
                   "it from (run: stmtdiff add FILE --id 2021-03-16)\n")


def test_show_of_a_statement_with_only_japanese_sources_says_so(invoke, tmp_path: Path) -> None:
    write_statement(tmp_path, "2021-03-16", {"url": "http://www.mofa.go.jp/j.html",
                                             "language": "ja"})
    code, _, err = invoke("show", "2021", "--corpus", str(tmp_path))
    assert code == 2
    assert err == (f"error: no text yet for 2021-03-16 ({tmp_path.name}), and no source to fetch "
                   "it from (sources only in ja, none in en) (run: stmtdiff add FILE --id "
                   "2021-03-16)\n")


def test_fetch_all_reports_each_statement_and_exits_3_on_failure(invoke,
        server: Loopback, tmp_path: Path) -> None:
    good = server.page(server.url("/good"), PAGE)
    write_statement(tmp_path, "2020-01-17", server.url("/gone"))
    write_statement(tmp_path, "2021-03-16", good)
    write_statement(tmp_path, "2022-01-07")
    code, out, err = invoke("fetch", "--all", "--corpus", str(tmp_path))
    assert (code, out) == (3, "")
    assert err.splitlines() == [
        f"error: 2020-01-17: {server.url('/gone')}: HTTP 404 Not Found",
        f"fetched 2021-03-16 from {good} (html, {len(TEXT)} characters)",
        "skipped 2022-01-07: no source is listed (add a text with: stmtdiff add FILE --id "
        "2022-01-07)",
        f"fetched 1, failed 1, skipped 1 of 3 statements of {tmp_path.name}",
    ]
    assert leftovers(tmp_path) == ["2021-03-16.provenance.json", "2021-03-16.txt"]


def test_fetch_named_statements_with_json(invoke, server: Loopback, tmp_path: Path) -> None:
    url = server.page(server.url("/s"), PAGE)
    write_statement(tmp_path, "2021-03-16", url)
    code, out, _ = invoke("fetch", "2021", "--json", "--corpus", str(tmp_path))
    assert code == 0
    doc = json.loads(out)
    jsonschema.validate(doc, load_schema("fetch"))
    assert doc["results"][0]["status"] == "fetched" and doc["results"][0]["url"] == url
    code, _, err = invoke("fetch", "2021", "--corpus", str(tmp_path))
    assert code == 0
    assert err == ("2021-03-16 has a text already (add --force to fetch it again)\n"
                   f"nothing to fetch: the statements chosen have texts ({tmp_path.name})\n")
    assert len(server.hits) == 1


def test_fetch_needs_ids_or_all(invoke, tmp_path: Path) -> None:
    write_statement(tmp_path, "2021-03-16")
    code, _, err = invoke("fetch", "--corpus", str(tmp_path))
    assert code == 2
    assert err == "error: name the statements to fetch, or give --all (e.g. stmtdiff fetch " \
        "2017 2021)\n"


def test_fetch_of_a_statement_without_source_is_exit_2(invoke, tmp_path: Path) -> None:
    write_statement(tmp_path, "2021-03-16")
    code, _, err = invoke("fetch", "2021", "--corpus", str(tmp_path))
    assert code == 2
    assert err.splitlines()[0] == ("skipped 2021-03-16: no source is listed (add a text with: "
                                   "stmtdiff add FILE --id 2021-03-16)")


def test_starting_the_cli_imports_no_network_or_extraction_library() -> None:
    import subprocess
    import sys

    code = ("import sys, stmtdiff.cli; print(sorted(m for m in ('httpx', 'trafilatura', 'pypdf', "
            "'lxml', 'stmtdiff.fetch.extract') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == "[]\n"


def test_first_mention_fetch_gets_what_it_can_and_skips_the_rest(invoke,
        server: Loopback, tmp_path: Path) -> None:
    write_statement(tmp_path, "2020-01-17")
    (tmp_path / "2020-01-17.txt").write_text("The partners met in the capital.\n")
    write_statement(tmp_path, "2021-03-16", server.page(server.url("/s"), PAGE))
    write_statement(tmp_path, "2022-01-07")  # no source: skipped with a note
    code, _, err = invoke("first-mention", "clean energy", "--fetch", "--corpus", str(tmp_path),
                          "--model", "blank")
    assert code == 0, err
    assert err.splitlines()[0].startswith("fetched 2021-03-16 from ")
    assert (tmp_path / "2021-03-16.txt").read_text() == TEXT
