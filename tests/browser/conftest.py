"""A headless Chromium for the HTML report tests, driven by playwright.

The browser is the system's (Debian's ``chromium``; ``$STMTDIFF_CHROMIUM`` names another):
playwright's own browser downloads are not used. The tests are skipped, with the reason, where
playwright or a Chromium is missing; ``.ci/run`` installs Chromium so CI runs them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def chromium_path() -> str | None:
    """The Chromium to drive: $STMTDIFF_CHROMIUM, else the first on PATH."""
    named = os.environ.get("STMTDIFF_CHROMIUM")
    if named:
        return named if os.access(named, os.X_OK) else None
    return next((found for name in _CANDIDATES if (found := shutil.which(name))), None)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the session."""
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")
    executable = chromium_path()
    if executable is None:
        pytest.skip("no Chromium found (apt-get install chromium, or set $STMTDIFF_CHROMIUM)")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=executable, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Watched:
    """A page, and what it logged and asked for while the test ran. Every request but the one
    for the report itself is recorded and refused."""

    page: Page
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    allowed: str = ""

    def open(self, path: Path) -> Page:
        """Load the report file; its own request is the only one let through."""
        self.allowed = path.resolve().as_uri()
        self.page.goto(self.allowed)
        return self.page

    def refuse_others(self, route: Any) -> None:
        url = route.request.url
        if url == self.allowed:
            route.continue_()
        else:
            self.requests.append(url)
            route.abort()


@pytest.fixture
def watched(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Watched]:
    """A fresh page (1280x800, or the viewport a test's `viewport` mark gives) whose console
    errors, script errors and requests are recorded."""
    mark = request.node.get_closest_marker("viewport")
    width, height = mark.args if mark else (1280, 800)
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    seen = Watched(page)

    def on_console(msg: Any) -> None:
        if msg.type == "error":
            seen.console_errors.append(msg.text)

    page.on("console", on_console)
    page.on("pageerror", lambda exc: seen.page_errors.append(str(exc)))
    context.route("**/*", seen.refuse_others)
    try:
        yield seen
    finally:
        context.close()


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    """Where screenshots go: $STMTDIFF_SCREENSHOTS (to look at them), else a temporary folder."""
    named = os.environ.get("STMTDIFF_SCREENSHOTS")
    folder = Path(named) if named else tmp_path / "shots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
