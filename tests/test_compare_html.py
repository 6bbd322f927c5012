"""compare --format html without a browser: options, files, escaping (the browser tests are in
tests/browser/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stmtdiff.cli import app
from stmtdiff.render.compare_html import esc

runner = CliRunner()

OLD = """Joint Statement

The partners met in the capital and reviewed their common agenda for the coming year.
They reaffirmed their commitment to open markets and fair trade.
"""
NEW = """Joint Statement

The partners met in the capital and reviewed their common agenda for the coming year.
They reaffirmed their strong commitment to open markets <script>alert(1)</script> and trade.
"""


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def folder(make_series) -> Path:
    return make_series({"2020-01-01": OLD, "2021-01-01": NEW})


def test_html_to_standard_output(folder: Path) -> None:
    code, out, err = invoke("compare", "2020", "2021", "--corpus", str(folder), "--format",
                            "html")
    assert code == 0, err
    assert out.startswith("<!DOCTYPE html>\n") and out.endswith("</html>\n")
    assert "<script>alert(1)</script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert out.count("<script>") == 1  # the report's own


@pytest.mark.parametrize(("name", "start"), [("report.html", "<!DOCTYPE html>"),
                                             ("changes.md", "# demo: 2020-01-01"),
                                             ("changes.txt", "demo  2020-01-01")])
def test_the_output_file_format_follows_its_suffix(folder: Path, tmp_path: Path, name: str,
                                                   start: str) -> None:
    target = tmp_path / name
    code, out, err = invoke("compare", "2020", "2021", "--corpus", str(folder), "-o",
                            str(target))
    assert (code, out) == (0, ""), err
    assert target.read_text(encoding="utf-8").startswith(start)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_json_to_a_file(folder: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.html"  # --json wins over the suffix
    code, _, err = invoke("compare", "2020", "2021", "--corpus", str(folder), "--json", "-o",
                          str(target))
    assert code == 0, err
    assert json.loads(target.read_text())["schema"] == "stmtdiff.compare/1"


def test_an_unwritable_output_is_one_line(folder: Path, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "report.html"
    code, _, err = invoke("compare", "2020", "2021", "--corpus", str(folder), "-o", str(target))
    assert code == 2
    assert err.startswith(f"error: {target}: cannot write: ")
    assert err.count("\n") == 1


@pytest.mark.parametrize(("args", "message"), [
    (("--side-by-side", "--format", "markdown"),
     "error: --side-by-side does not apply to --format markdown (drop one of them; the HTML "
     "report has both views)\n"),
    (("--json", "--format", "markdown"),
     "error: --json and --format markdown contradict each other (give one of them)\n"),
    (("--json", "--side-by-side"),
     "error: --side-by-side does not apply to --json (drop one of them; the HTML report has "
     "both views)\n"),
])
def test_conflicting_options_are_refused_in_one_line(folder: Path, args: tuple[str, ...],
                                                     message: str) -> None:
    code, out, err = invoke("compare", "2020", "2021", "--corpus", str(folder), *args)
    assert (code, out, err) == (2, "", message)


def test_esc_leaves_no_markup_and_no_control_character() -> None:
    assert esc('</del><script>"x" & \'y\'') == \
        "&lt;/del&gt;&lt;script&gt;&quot;x&quot; &amp; &#x27;y&#x27;"
    assert esc("a\x07b\x85c\u202ed") == "a\ufffdb\ufffdc\u202ed"
