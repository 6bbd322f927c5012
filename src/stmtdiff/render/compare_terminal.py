"""compare on a terminal (rich): the view's header, changes by section, inline or side by side.

With colour, deletions are red strike-through, insertions green and language first said in the
series bold magenta after a ✦; without colour (NO_COLOR, or a console with no colour system)
the marks are in the text as in compare_text: [-deleted-], {+inserted+}. rich wraps the lines
at the console's width.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from stmtdiff.compare.worddiff import ChangeOp
from stmtdiff.render.compare_text import (
    INDENT,
    heading,
    legend_line,
    marked,
    one_line,
    returns_line,
)
from stmtdiff.render.compare_view import CompareView, PairView

if TYPE_CHECKING:
    from rich.table import Table

__all__ = ["compare_renderable"]

_OP_STYLE = {"unchanged": "dim", "modified": "yellow", "moved": "cyan", "added": "green",
             "removed": "red", "split": "blue", "merged": "blue"}
_CHANGE_STYLE: dict[ChangeOp, str] = {"equal": "", "insert": "green", "delete": "red strike"}
_FIRST_STYLE = "bold magenta"


def _body(pair: PairView, keep: tuple[ChangeOp, ...], brackets: bool) -> Text:
    text = Text()
    for run in marked(pair.pieces, keep, brackets=brackets):
        if run.sign:
            text.append(run.text, style=_FIRST_STYLE)
            continue
        style = f"{_CHANGE_STYLE[run.op]} {_FIRST_STYLE}".strip() if run.first else \
            _CHANGE_STYLE[run.op]
        text.append(run.text, style=style or None)
    return text


def _heading(pair: PairView) -> Text:
    label, where = heading(pair)
    return Text.assemble((label, _OP_STYLE[pair.op]), where)


def _indented(text: Text) -> Padding:
    return Padding(text, (0, 0, 0, 4), expand=False)


def _header(view: CompareView) -> list[RenderableType]:
    a, b = view.a, view.b
    parts: list[RenderableType] = [
        Text.assemble((a.series, "bold"), f"  {a.id} → {b.id}"),
        Text.assemble(("A ", "bold"), f"{a.id}  {a.title}"),
        Text.assemble(("B ", "bold"), f"{b.id}  {b.title}"),
        Text(view.summary_line),
    ]
    if view.note:
        parts.append(Text(f"note: {view.note}", style="dim"))
    return parts + [Text(legend_line(item), style="dim") for item in view.legend]


def _pair(pair: PairView, brackets: bool) -> list[RenderableType]:
    parts: list[RenderableType] = []
    if pair.context is not None:
        context = Text(INDENT + one_line(pair.context.text), style="dim",
                       no_wrap=True, overflow="ellipsis")
        parts.append(context)
    parts += [_heading(pair), _indented(_body(pair, ("equal", "insert", "delete"), brackets))]
    back = returns_line(pair)
    if back is not None:
        parts.append(_indented(Text(back, style="dim")))
    return parts


def _side_table(view: CompareView, pairs: Sequence[PairView], brackets: bool) -> Table:
    from rich import box  # imported here: only --side-by-side draws a table
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, show_lines=False)
    table.add_column(f"A {view.a.id}", ratio=1, overflow="fold")
    table.add_column(f"B {view.b.id}", ratio=1, overflow="fold")
    for pair in pairs:
        left = _body(pair, ("equal", "delete"), brackets) if pair.a else Text("")
        right = _body(pair, ("equal", "insert"), brackets) if pair.b else Text("")
        table.add_row(Text.assemble(_heading(pair), "\n", left), right)
    return table


def compare_renderable(view: CompareView, console: Console, *,
                       side_by_side: bool = False) -> RenderableType:
    """The view for this console: header, then the pairs by section (one table per section
    side by side)."""
    brackets = console.no_color or console.color_system is None
    parts = _header(view)
    if view.empty is not None:
        parts += [Text(""), Text(view.empty)]
    for section in view.sections:
        parts += [Text(""), Text(section.label, style="bold underline")]
        if side_by_side:
            parts.append(_side_table(view, section.pairs, brackets))
            continue
        for pair in section.pairs:
            parts += _pair(pair, brackets)
    return Group(*parts)
