"""timeline --html opened in headless Chromium: the chart is drawn, one line per term and one
point per statement, no request, no script, nothing sideways on a phone."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from typer.testing import CliRunner

from browser.hostile import write_series
from stmtdiff.cli import app

if TYPE_CHECKING:
    from browser.conftest import Watched

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("timeline")
    folder = write_series(base / "corpus")
    env = {"STMTDIFF_CACHE_DIR": str(base / "cache"), "STMTDIFF_DATA_DIR": str(base / "data")}
    path = base / "timeline.html"
    result = CliRunner().invoke(app, ["timeline", "partners", "<script>", "--corpus",
                                      str(folder), "-o", str(path)], env=env)
    assert result.exit_code == 0, result.output
    return path


def test_the_chart_is_drawn(page_file: Path, watched: Watched, shots: Path) -> None:
    page = watched.open(page_file)
    assert page.locator("svg polyline").count() == 2
    assert page.locator("svg g.series").first.locator("circle").count() == 3
    box = page.locator("svg[role='img']").bounding_box()
    assert box is not None and box["width"] > 600 and box["height"] > 200
    assert page.locator("table tbody tr").count() == 3
    assert page.evaluate("document.scripts.length") == 0
    assert watched.console_errors == [] and watched.page_errors == []
    assert watched.requests == []
    page.screenshot(path=str(shots / "timeline.png"), full_page=True)


@pytest.mark.viewport(390, 844)
def test_the_chart_fits_a_phone(page_file: Path, watched: Watched) -> None:
    page = watched.open(page_file)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
