"""compare rendering at a fixed width: plain text marks, colour styles, side by side, Markdown."""

from __future__ import annotations

import io
import re
import subprocess
import sys

from rich.console import Console

from fakeseg import fake_segmented
from stmtdiff.compare.comparison import Comparison, compare
from stmtdiff.render.compare_json import compare_doc
from stmtdiff.render.compare_markdown import compare_markdown
from stmtdiff.render.compare_terminal import compare_renderable
from stmtdiff.render.compare_text import compare_text
from stmtdiff.render.compare_view import build_compare_view

EARLY = fake_segmented("2019-01-01", "# Trade\nThe partners will promote open markets. "
                                     "They met in the capital.")
OLD = fake_segmented("2020-01-01", "# Trade\nThe partners will promote open markets. "
                                   "They will review tariffs on steel next year.\n"
                                   "# Security\nThe partners condemned the missile launches. "
                                   "They will meet again in the autumn.")
NEW = fake_segmented("2021-01-01", "# Trade\nThe partners will promote open and equitable markets. "
                                   "They will review tariffs on steel next year.\n"
                                   "# Security\nThe partners condemned the missile launches. "
                                   "They launched a maritime dialogue with littoral states.")


def render(width: int = 80, colour: bool = False, *, everything: bool = False,
           only: tuple[str, ...] = (), side_by_side: bool = False) -> str:
    """The terminal view on a fixed-width console."""
    out = io.StringIO()
    console = Console(file=out, width=width, force_terminal=colour,
                      color_system="standard" if colour else None, highlight=False)
    view = build_compare_view(compare(OLD, NEW, [EARLY, OLD]), everything=everything, only=only)
    console.print(compare_renderable(view, console, side_by_side=side_by_side))
    return out.getvalue()


def plain(cmp: Comparison, **kwargs: object) -> list[str]:
    return compare_text(build_compare_view(cmp, **kwargs)).splitlines()  # type: ignore[arg-type]


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
        "~ modified  A0 → B0  0.73",
        "    The partners will promote open {+and ✦equitable +}markets.",
        "",
        "Security",
        "    The partners condemned the missile launches.",
        "- removed  A3",
        "    [-They will meet again in the autumn.-]",
        "+ added  B3",
        "    {+They launched a ✦maritime dialogue with ✦littoral states.+}",
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
    doc = compare_doc(build_compare_view(cmp, everything=True, only=("added",)))
    assert [p["op"] for p in doc["pairs"]] == ["added"]
    assert doc["summary"]["unchanged"] == 2
    lines = [line.rstrip() for line in render(only=("removed",)).splitlines()]
    assert "- removed  A3" in lines and "+ added  B3" not in lines


def test_markdown() -> None:
    md = compare_markdown(build_compare_view(compare(OLD, NEW, [EARLY, OLD])))
    assert md.splitlines()[0] == "# demo: 2020-01-01 → 2021-01-01"
    assert "- *modified* A0 → B0: The partners will promote open **and equitable** markets.  " in md
    assert "- *removed* A3: ~~They will meet again in the autumn.~~" in md
    assert "  ✦ first in series: *maritime dialogue*, *littoral states*" in md


def test_no_color_on_a_terminal_keeps_the_text_marks() -> None:
    out = io.StringIO()
    console = Console(file=out, width=80, force_terminal=True, no_color=True, highlight=False)
    console.print(compare_renderable(build_compare_view(compare(OLD, NEW, [EARLY, OLD])),
                                     console))
    text = re.sub(r"\x1b\[[0-9;]*m", "", out.getvalue())  # bold may stay, colours go
    assert "{+and ✦equitable +}" in text
    assert "[-They will meet again in the autumn.-]" in text


LONG_OLD = fake_segmented("2020-01-01", "# A heading long enough to be wrapped on a narrow "
                                        "console, with more words after it\n"
                                        "The partners will promote open markets across the "
                                        "region and beyond. They will review tariffs on steel "
                                        "and aluminium next year, and report to the leaders. "
                                        "They met.")
LONG_NEW = fake_segmented("2021-01-01", "# A heading long enough to be wrapped on a narrow "
                                        "console, with more words after it\n"
                                        "The partners will promote open and “equitable” markets "
                                        "across the region — and beyond. They will review "
                                        "tariffs on steel and cobalt next year, and report to "
                                        "the leaders. They met again in the autumn.")


def test_plain_text_is_one_line_per_pair_whatever_its_length() -> None:
    lines = plain(compare(LONG_OLD, LONG_NEW, [LONG_OLD]))
    assert lines[6] == ("A heading long enough to be wrapped on a narrow console, with more "
                        "words after it")
    assert ("    The partners will promote open {+and “✦equitable” +}markets across the region "
            "{+— +}and beyond.") in lines
    assert ("    They will review tariffs on steel and [-aluminium-]{+✦cobalt+} next year, and "
            "report to the leaders.") in lines
    assert max(map(len, lines)) > 80


def test_plain_text_matches_the_terminal_view_without_colour_at_a_wide_width() -> None:
    cmp = compare(OLD, NEW, [EARLY, OLD])
    for kwargs in ({}, {"everything": True}, {"only": ("added", "modified")}):
        terminal = render(200, **kwargs)  # type: ignore[arg-type]
        wide = [line.rstrip() for line in terminal.splitlines()]
        assert plain(cmp, **kwargs) == wide, kwargs


def test_plain_text_takes_any_character() -> None:
    wide = fake_segmented("2021-01-01", NEW.text.replace("equitable", "公平 ﬁnal \u200b"))
    lines = plain(compare(OLD, wide, [EARLY, OLD]))
    assert "    The partners will promote open {+and ✦公平 ﬁnal \u200b +}markets." in lines


def test_plain_text_writer_does_not_import_rich() -> None:
    probe = ("import sys; import stmtdiff.render.compare_text, stmtdiff.render.compare_json, "
             "stmtdiff.render.compare_markdown; print('rich' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "False"


def test_view_labels_and_offsets() -> None:
    cmp = compare(OLD, NEW, [EARLY, OLD])
    view = build_compare_view(cmp)
    assert [s.label for s in view.sections] == ["Trade", "Security"]
    assert [(p.rank, p.op, p.where) for p in view.pairs] == [
        (0, "modified", "A0 → B0"), (3, "removed", "A3"), (4, "added", "B3")]
    _, removed, added = view.pairs
    assert removed.context is not None and removed.context.label == "B2"
    assert added.context is None
    assert [s.text for s in added.firsts] == ["maritime dialogue", "littoral states"]
    for mark in added.marks:
        assert view.b.text[mark.start:mark.end] == mark.text
    for clause in (*added.b, removed.context, *removed.a):
        side = view.a if clause.side == "A" else view.b
        assert side.text[clause.start:clause.end] == clause.text
    assert view.summary_line == "2 unchanged, 1 modified, 1 added, 1 removed"
    assert build_compare_view(cmp, only=("moved",)).empty == "nothing to show"
