"""compare rendering at a fixed width: plain text marks, colour styles, side by side, Markdown."""

from __future__ import annotations

import io
import re

from rich.console import Console

from fakeseg import fake_segmented
from stmtdiff.compare.comparison import compare
from stmtdiff.render.compare import compare_doc, compare_markdown
from stmtdiff.render.compare_terminal import compare_view

EARLY = fake_segmented("2019-01-01", "# Trade\nThe partners will promote open markets. "
                                     "They met in the capital.")
OLD = fake_segmented("2020-01-01", "# Trade\nThe partners will promote open markets. "
                                   "They will review tariffs on steel next year.\n"
                                   "# Security\nThe partners condemned the missile launches. "
                                   "They will meet again in the autumn.")
NEW = fake_segmented("2021-01-01", "# Trade\nThe partners will promote open and fair markets. "
                                   "They will review tariffs on steel next year.\n"
                                   "# Security\nThe partners condemned the missile launches. "
                                   "They launched a maritime dialogue with coastal states.")


def render(width: int = 80, colour: bool = False, **kwargs: object) -> str:
    out = io.StringIO()
    console = Console(file=out, width=width, force_terminal=colour,
                      color_system="standard" if colour else None, highlight=False)
    cmp = compare(OLD, NEW, [EARLY, OLD])
    console.print(compare_view(cmp, console, **kwargs))  # type: ignore[arg-type]
    return out.getvalue()


def test_plain_text_at_80_columns() -> None:
    lines = [line.rstrip() for line in render().splitlines()]
    assert lines == [
        "demo  2020-01-01 → 2021-01-01",
        "A 2020-01-01  Statement of 2020-01-01",
        "B 2021-01-01  Statement of 2021-01-01",
        "2 unchanged, 1 modified, 1 added, 1 removed",
        "✦ marks language first used in the series",
        "",
        "Trade",
        "~ modified  A0 → B0  0.78",
        "    The partners will promote open {+and ✦fair +}markets.",
        "",
        "Security",
        "    The partners condemned the missile launches.",
        "- removed  A3",
        "    [-They will meet again in the autumn.-]",
        "+ added  B3",
        "    {+They ✦launched a maritime dialogue with coastal states.+}",
    ]
    assert all(len(line) <= 80 for line in lines)


def test_colour_uses_styles_not_brackets() -> None:
    out = render(colour=True)
    assert "{+" not in out and "[-" not in out
    assert "\x1b[" in out
    assert "✦" in out


def test_all_and_side_by_side_fit_80_columns() -> None:
    out = render(everything=True, side_by_side=True)
    assert "= unchanged" in out
    assert all(len(line) <= 80 for line in out.splitlines())
    assert "A 2020-01-01" in out and "B 2021-01-01" in out


def test_only_filters_pairs_but_not_the_summary() -> None:
    cmp = compare(OLD, NEW, [EARLY, OLD])
    doc = compare_doc(cmp, only=("added",))
    assert [p["op"] for p in doc["pairs"]] == ["added"]
    assert doc["summary"]["unchanged"] == 2
    lines = [line.rstrip() for line in render(only=("removed",)).splitlines()]
    assert "- removed  A3" in lines and "+ added  B3" not in lines


def test_markdown() -> None:
    md = compare_markdown(compare(OLD, NEW, [EARLY, OLD]))
    assert md.splitlines()[0] == "# demo: 2020-01-01 → 2021-01-01"
    assert "- *modified* A0 → B0: The partners will promote open **and fair** markets.  " in md
    assert "- *removed* A3: ~~They will meet again in the autumn.~~" in md
    assert "  ✦ first in series: *launched a maritime dialogue with coastal states*" in md


def test_no_color_on_a_terminal_keeps_the_text_marks() -> None:
    out = io.StringIO()
    console = Console(file=out, width=80, force_terminal=True, no_color=True, highlight=False)
    console.print(compare_view(compare(OLD, NEW, [EARLY, OLD]), console))
    text = re.sub(r"\x1b\[[0-9;]*m", "", out.getvalue())  # bold may stay, colours go
    assert "{+and ✦fair +}" in text
    assert "[-They will meet again in the autumn.-]" in text


def rich_plain(cmp: object, width: int, **kwargs: object) -> str:
    """What the CLI printed through rich without a colour system: lines with trailing spaces cut."""
    out = io.StringIO()
    console = Console(file=out, width=width, color_system=None, highlight=False, soft_wrap=False)
    console.print(compare_view(cmp, console, **kwargs))  # type: ignore[arg-type]
    return "".join(line.rstrip() + "\n" for line in out.getvalue().splitlines())


LONG_OLD = fake_segmented("2020-01-01", "# A heading long enough to be wrapped on a narrow "
                                        "console, with more words after it\n"
                                        "The partners will promote open markets across the "
                                        "region and beyond. They will review tariffs on steel "
                                        "and aluminium next year, and report to the leaders. "
                                        "Averyveryveryverylongwordthatcannotfitonanylineatall "
                                        "ends here. They met.")
LONG_NEW = fake_segmented("2021-01-01", "# A heading long enough to be wrapped on a narrow "
                                        "console, with more words after it\n"
                                        "The partners will promote open and “fair” markets "
                                        "across the region — and beyond. They will review "
                                        "tariffs on steel and copper next year, and report to "
                                        "the leaders. "
                                        "Averyveryveryverylongwordthatcannotfitonanylineatall "
                                        "ends here now. They met again in the autumn.")


def test_plain_text_without_rich_is_what_rich_prints() -> None:
    from stmtdiff.render.compare_text import compare_text

    for old, new, history in ((OLD, NEW, [EARLY, OLD]), (LONG_OLD, LONG_NEW, [LONG_OLD])):
        cmp = compare(old, new, history)
        for width in (20, 23, 30, 41, 57, 80, 120):
            for kwargs in ({}, {"everything": True}, {"only": ("added", "modified")}):
                assert compare_text(cmp, width, **kwargs) == rich_plain(cmp, width, **kwargs), \
                    (width, kwargs)


def test_plain_text_leaves_unmeasured_characters_to_rich() -> None:
    from stmtdiff.render.compare_text import _UNSAFE, compare_text

    wide = fake_segmented("2021-01-01", NEW.text.replace("fair", "公平"))
    assert compare_text(compare(OLD, wide, [EARLY, OLD]), 80) is None
    assert compare_text(compare(OLD, NEW, [EARLY, OLD]), 19) is None
    from rich.cells import cell_len

    safe = [chr(c) for c in range(0x20, 0x2800) if _UNSAFE.match(chr(c)) is None]
    assert len(safe) > 700 and all(cell_len(ch) == 1 for ch in safe)
