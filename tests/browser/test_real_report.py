"""The HTML report of a real comparison (aukus, the last two statements of ../shared/corpora):
the DOM against the JSON, links, no request, no script error, and the first screen as the
screenshot of docs/report.png."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from typer.testing import CliRunner

from browser.checks import assert_changes_match, assert_links_resolve
from stmtdiff.cli import app

if TYPE_CHECKING:
    from browser.conftest import Watched

pytestmark = [pytest.mark.browser, pytest.mark.integration]


def _run(*args: str, env: dict[str, str]) -> str:
    result = CliRunner().invoke(app, list(args), env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("series", ["aukus", "g7-leaders-statements"])
def test_a_real_report(series: str, corpora: Path, shared_cache: Path, tmp_path: Path,
                       watched: Watched, shots: Path) -> None:
    env = {"STMTDIFF_CACHE_DIR": str(shared_cache)}
    folder = str(corpora / series)
    path = tmp_path / "report.html"
    _run("compare", "previous", "latest", "--corpus", folder, "-o", str(path), env=env)
    doc = json.loads(_run("compare", "previous", "latest", "--corpus", folder, "--json",
                          env=env))
    page = watched.open(path)
    assert_changes_match(page, doc)
    assert_links_resolve(page)
    page.keyboard.press("j")
    page.check("input[value='side']")
    assert watched.console_errors == [] and watched.page_errors == []
    assert watched.requests == []
    page.check("input[value='inline']")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(shots / f"real-{series}.png"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
