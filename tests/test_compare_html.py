"""compare --format html without a browser: options, files, escaping (the browser tests are in
tests/browser/)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from stmtdiff.render.compare_html import esc

OLD = """Joint Statement

The partners met in the capital and reviewed their common agenda for the coming year.
They reaffirmed their commitment to open markets and fair trade.
"""
NEW = """Joint Statement

The partners met in the capital and reviewed their common agenda for the coming year.
They reaffirmed their strong commitment to open markets <script>alert(1)</script> and trade.
"""


@pytest.fixture
def folder(make_series) -> Path:
    return make_series({"2020-01-01": OLD, "2021-01-01": NEW})


def test_html_to_standard_output(invoke, folder: Path) -> None:
    code, out, err = invoke("compare", "2020", "2021", "--corpus", str(folder), "--format",
                            "html")
    assert code == 0, err
    assert out.startswith("<!DOCTYPE html>\n") and out.endswith("</html>\n")
    assert "<script>alert(1)</script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert out.count("<script>") == 1  # the report's own
    ranks = [int(r) for r in re.findall(r'data-rank="(\d+)"', out)]
    n = len(ranks) // 2  # each run once inline, once in the side-by-side view
    assert ranks and sorted(ranks) == sorted(2 * list(range(1, n + 1)))
    assert f'title="first in series, rank 1 of {n}" data-rank="1" data-top' in out


@pytest.mark.parametrize(("name", "start"), [("report.html", "<!DOCTYPE html>"),
                                             ("changes.md", "# demo: 2020-01-01"),
                                             ("changes.txt", "demo  2020-01-01")])
def test_the_output_file_format_follows_its_suffix(invoke, folder: Path, tmp_path: Path, name: str,
                                                   start: str) -> None:
    target = tmp_path / name
    code, out, err = invoke("compare", "2020", "2021", "--corpus", str(folder), "-o",
                            str(target))
    assert (code, out) == (0, ""), err
    assert target.read_text(encoding="utf-8").startswith(start)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_json_to_a_file(invoke, folder: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.html"  # --json wins over the suffix
    code, _, err = invoke("compare", "2020", "2021", "--corpus", str(folder), "--json", "-o",
                          str(target))
    assert code == 0, err
    assert json.loads(target.read_text())["schema"] == "stmtdiff.compare/2"


def test_an_unwritable_output_is_one_line(invoke, folder: Path, tmp_path: Path) -> None:
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
    (("--attribute", "--format", "html"),
     "error: --attribute does not apply to --format html (drop it, or use --json or --format "
     "markdown for attributions)\n"),
    (("--json", "--side-by-side"),
     "error: --side-by-side does not apply to --json (drop one of them; the HTML report has "
     "both views)\n"),
])
def test_conflicting_options_are_refused_in_one_line(invoke, folder: Path, args: tuple[str, ...],
                                                     message: str) -> None:
    code, out, err = invoke("compare", "2020", "2021", "--corpus", str(folder), *args)
    assert (code, out, err) == (2, "", message)


def test_esc_leaves_no_markup_and_no_control_character() -> None:
    assert esc('</del><script>"x" & \'y\'') == \
        "&lt;/del&gt;&lt;script&gt;&quot;x&quot; &amp; &#x27;y&#x27;"
    assert esc("a\x07b\x85c\u202ed") == "a\ufffdb\ufffdc\u202ed"


# ---------------------------------------------------------------------------------------------
# timeline as a page with an SVG chart


def test_timeline_html_chart_per_1000_words(invoke, make_series, tmp_path: Path) -> None:
    import re

    folder = make_series({
        "2019-01-01": "Trade grew. Trade and energy were discussed at length today.",
        "2020-01-01": "Energy matters. They spoke about <energy> & \"trade\" policy again.",
        "2021-01-01": "Nothing of note was said by anyone at this short meeting.",
    })
    target = tmp_path / "t.html"
    code, out, err = invoke("timeline", "trade", "<energy>", "--corpus", str(folder),
                            "--model", "blank", "-o", str(target))
    assert (code, out) == (0, ""), err
    page = target.read_text(encoding="utf-8")
    assert page.count("<polyline") == 2
    assert "<energy>" not in page and "&lt;energy&gt;" in page
    assert "<script" not in page and not re.search(r"\ssrc\s*=|url\(", page)
    # 2019: 2 of 10 words are "trade"
    assert "trade, 2019-01-01: 200.00 per 1,000 words (2 matches)" in page
    assert "<th scope=\"row\">2021-01-01</th><td>11</td><td>0 (0.00)</td>" in page


def test_timeline_formats_contradicting_are_refused(invoke, make_series) -> None:
    folder = make_series({"2019-01-01": "Trade grew today.", "2020-01-01": "Trade fell."})
    code, _, err = invoke("timeline", "trade", "--corpus", str(folder), "--csv", "--html")
    assert (code, err) == (2, "error: --csv and --html contradict each other (give one of "
                              "them)\n")


def test_side_by_side_html_opens_in_that_view(invoke, folder: Path) -> None:
    code, out, err = invoke("compare", "2020", "2021", "--corpus", str(folder), "--format",
                            "html", "--side-by-side")
    assert code == 0, err
    assert '<body class="view-side">' in out and 'value="side" checked' in out
