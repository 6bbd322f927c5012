"""The HTML report of compare, opened in headless Chromium: its DOM against the JSON of the same
comparison, its links, its views and filters, the keys, no script error and no request, the
hostile statement kept as text; screenshots at desktop and mobile size and in print."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from typer.testing import CliRunner

from browser.checks import assert_changes_match, assert_links_resolve
from browser.hostile import HOSTILE_TITLE, HOSTILE_URL, SHA, write_series
from stmtdiff.cli import app

if TYPE_CHECKING:
    from browser.conftest import Watched

pytestmark = pytest.mark.browser

@dataclass(frozen=True)
class Report:
    """The report file and the JSON of the same comparison."""

    path: Path
    doc: dict[str, Any]


def _run(env: dict[str, str], *args: str) -> str:
    result = CliRunner().invoke(app, list(args), env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    base = tmp_path_factory.mktemp("report")
    folder = write_series(base / "corpus")
    env = {"STMTDIFF_CACHE_DIR": str(base / "cache"), "STMTDIFF_DATA_DIR": str(base / "data")}
    path = base / "report.html"
    assert _run(env, "compare", "2020", "2021", "--corpus", str(folder), "-o", str(path)) == ""
    doc = json.loads(_run(env, "compare", "2020", "2021", "--corpus", str(folder), "--json"))
    return Report(path, doc)


def test_the_fixture_has_every_kind_of_change(report: Report) -> None:
    ops = {p["op"] for p in report.doc["pairs"]}
    assert {"moved", "split", "modified", "added", "unchanged"} <= ops


def test_every_change_is_one_del_or_ins_with_the_same_text(report: Report,
                                                            watched: Watched) -> None:
    page = watched.open(report.path)
    assert_changes_match(page, report.doc)
    total = sum(1 for p in report.doc["pairs"] for c in p["changes"]
                if c["op"] != "equal" and c["text"])
    assert page.locator("main .inline del, main .inline ins").count() == total


def test_every_pair_is_present_once_in_order(report: Report, watched: Watched) -> None:
    page = watched.open(report.path)
    ids = page.eval_on_selector_all("main article.pair", "els => els.map(e => e.id)")
    assert ids == [f"pair-{k}" for k in range(len(report.doc["pairs"]))]
    ops = page.eval_on_selector_all("main article.pair", "els => els.map(e => e.dataset.op)")
    assert ops == [p["op"] for p in report.doc["pairs"]]
    changed = [f"#pair-{k}" for k, p in enumerate(report.doc["pairs"]) if p["op"] != "unchanged"]
    hrefs = page.eval_on_selector_all("#changes a", "els => els.map(e => e.getAttribute('href'))")
    assert hrefs == changed


def test_every_link_resolves_and_moves_link_both_ways(report: Report, watched: Watched) -> None:
    page = watched.open(report.path)
    assert_links_resolve(page)
    moved = next(k for k, p in enumerate(report.doc["pairs"]) if p["op"] == "moved")
    origin = report.doc["pairs"][moved]["a"][0]["index"]
    assert page.get_attribute(f"#pair-{moved} a.from", "href") == f"#from-A{origin}"
    assert page.get_attribute(f"#from-A{origin} a", "href") == f"#pair-{moved}"
    page.click(f"#pair-{moved} a.from")
    assert page.evaluate("location.hash") == f"#from-A{origin}"


def test_split_is_shown_as_such(report: Report, watched: Watched) -> None:
    page = watched.open(report.path)
    k = next(k for k, p in enumerate(report.doc["pairs"]) if p["op"] == "split")
    a = report.doc["pairs"][k]["a"][0]["index"]
    b = [c["index"] for c in report.doc["pairs"][k]["b"]]
    assert page.inner_text(f"#pair-{k} .where") == f"A{a} split into B{b[0]} + B{b[1]}"


def test_no_script_error_no_request_and_the_hostile_text_stays_text(
        report: Report, watched: Watched) -> None:
    page = watched.open(report.path)
    page.keyboard.press("j")
    page.check("input[value='side']")
    assert watched.console_errors == [] and watched.page_errors == []
    assert watched.requests == []
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.scripts.length") == 1
    assert page.locator("b, main script").count() == 0
    head = page.inner_text("section.statement[aria-label='Statement B']")
    assert HOSTILE_TITLE in head and SHA in head and HOSTILE_URL in head
    assert page.get_attribute("section.statement[aria-label='Statement B'] a", "href") == \
        HOSTILE_URL
    assert "</del><script>window.__pwned = 2</script>" in page.inner_text("main")
    assert "\u202egnirps\u202c and \ufffd bell" in page.inner_text("main")
    assert page.title() == "demo: 2020-01-01 → 2021-01-01"


def test_the_report_is_self_contained(report: Report, watched: Watched) -> None:
    html = report.path.read_text(encoding="utf-8")
    assert not re.search(r"\ssrc\s*=|<link|<iframe|<object|<embed|@import|url\(", html)
    page = watched.open(report.path)
    outside = page.eval_on_selector_all(
        "a[href]:not([href^='#'])", "els => els.map(e => e.closest('.statement') !== null)")
    assert outside == [True]  # only the source link of B (A has none here)


def test_without_scripts_the_inline_view_reads(report: Report, browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(report.path.as_uri())
    assert page.is_hidden("#toolbar")
    assert page.locator(".inline").first.is_visible()
    assert page.locator(".sbs").first.is_hidden()
    assert page.locator("main article.pair:visible").count() == len(report.doc["pairs"])
    context.close()


def test_the_view_toggle_and_the_filters(report: Report, watched: Watched) -> None:
    page = watched.open(report.path)
    assert page.is_visible("#toolbar")
    page.check("input[value='side']")
    assert page.locator(".sbs").first.is_visible() and page.locator(".inline").first.is_hidden()
    page.check("input[value='inline']")
    assert page.locator(".inline").first.is_visible()
    page.uncheck("input[data-filter][value='modified']")
    modified = sum(p["op"] == "modified" for p in report.doc["pairs"])
    assert page.locator("main article.op-modified:visible").count() == 0
    assert page.locator("main article.pair:visible").count() == len(report.doc["pairs"]) - modified
    assert page.locator("#changes li.op-modified:visible").count() == 0


def test_keys_walk_the_changes(report: Report, watched: Watched) -> None:
    page = watched.open(report.path)
    changed = [f"pair-{k}" for k, p in enumerate(report.doc["pairs"]) if p["op"] != "unchanged"]
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.id") == changed[0]
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.id") == changed[1]
    page.keyboard.press("k")
    assert page.evaluate("document.activeElement.id") == changed[0]
    page.keyboard.press("s")
    assert page.evaluate("document.body.classList.contains('view-side')")


def test_deletions_and_insertions_differ_by_line_style_not_colour_alone(
        report: Report, watched: Watched) -> None:
    page = watched.open(report.path)
    style = "e => getComputedStyle(e).textDecorationLine"
    assert page.eval_on_selector("main del", style) == "line-through"
    assert page.eval_on_selector("main ins", style) == "underline"
    page.emulate_media(media="print")
    assert page.eval_on_selector("main del", style) == "line-through"
    assert page.eval_on_selector("main del", "e => getComputedStyle(e).color") == "rgb(0, 0, 0)"
    assert page.is_hidden("#toolbar") and page.is_hidden("#changes")


def test_dark_mode_follows_the_system(report: Report, watched: Watched) -> None:
    page = watched.open(report.path)
    light = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
    page.emulate_media(color_scheme="dark")
    dark = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
    assert light == "rgb(255, 255, 255)" and dark != light


def test_desktop_screenshot(report: Report, watched: Watched, shots: Path) -> None:
    page = watched.open(report.path)
    page.screenshot(path=str(shots / "desktop.png"))
    assert (shots / "desktop.png").stat().st_size > 10_000
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280


@pytest.mark.viewport(390, 844)
def test_mobile_screenshot_has_no_sideways_scroll(report: Report, watched: Watched,
                                                  shots: Path) -> None:
    page = watched.open(report.path)
    page.screenshot(path=str(shots / "mobile.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.check("input[value='side']")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_print_renders(report: Report, watched: Watched, shots: Path) -> None:
    page = watched.open(report.path)
    page.emulate_media(media="print")
    page.screenshot(path=str(shots / "print.png"), full_page=True)
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF-") and len(pdf) > 5_000
    (shots / "report.pdf").write_bytes(pdf)
