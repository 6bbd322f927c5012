"""stmtdiff compare on a terminal (rich): header, changes by section, inline or side by side.

Without colour (not a terminal, NO_COLOR) the marks are in the text: [-deleted-], {+inserted+};
with colour they are red strike-through and green. Language first said in the series is
preceded by ✦ (and bold magenta in colour); returning language is listed under its pair with ↺.
The layout and its text come from compare_text.view_blocks, shared with the plain-text output.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from stmtdiff.compare.comparison import Comparison, PairDiff
from stmtdiff.render.compare_text import (
    MARK_FIRST,
    Block,
    Run,
    header_blocks,
    heading_runs,
    marked,
    pieces,
    view_blocks,
)

if TYPE_CHECKING:
    from rich.table import Table

__all__ = ["MARK_FIRST", "compare_view", "header"]


def _text(runs: Sequence[Run], style: str = "") -> Text:
    text = Text(style=style)
    for part, part_style in runs:
        text.append(part, style=part_style)
    return text


def _renderable(block: Block) -> RenderableType:
    layout, runs, style, _ = block
    text = _text(runs, style)
    if layout == "indent":
        return Padding(text, (0, 0, 0, 4), expand=False)
    if layout == "clip":
        text.no_wrap, text.overflow = True, "ellipsis"
    return text


def header(cmp: Comparison) -> RenderableType:
    """Both statements and the counts per label."""
    return Group(*(_renderable(block) for block in header_blocks(cmp)))


def _side_row(cmp: Comparison, pd: PairDiff, plain: bool) -> tuple[Text, Text]:
    found = pieces(cmp, pd)
    left = _text(marked(found, plain, ("equal", "delete"))) if pd.pair.a else Text("")
    right = _text(marked(found, plain, ("equal", "insert"))) if pd.pair.b else Text("")
    return Text.assemble(_text(heading_runs(pd)), "\n", left), right


def compare_view(cmp: Comparison, console: Console, *, everything: bool = False,
                 side_by_side: bool = False, only: Sequence[str] = ()) -> RenderableType:
    """The comparison: header, then the pairs shown grouped by section."""
    plain = console.no_color or console.color_system is None
    parts: list[RenderableType] = []
    table: Table | None = None
    for block in view_blocks(cmp, plain=plain, everything=everything, side_by_side=side_by_side,
                             only=only):
        pd = block[3]
        if pd is not None:  # a row of the section's side-by-side table
            if table is None:
                table = _side_table(cmp)
                parts.append(table)
            table.add_row(*_side_row(cmp, pd, plain))
            continue
        if block[0] == "title":
            table = None
        parts.append(_renderable(block))
    return Group(*parts)


def _side_table(cmp: Comparison) -> Table:
    from rich import box  # imported here: only --side-by-side draws a table
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, show_lines=False)
    table.add_column(f"A {cmp.a.statement.id}", ratio=1, overflow="fold")
    table.add_column(f"B {cmp.b.statement.id}", ratio=1, overflow="fold")
    return table
