"""Terminal rendering with rich: tables and clause views. Colour follows the terminal."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import groupby
from typing import TYPE_CHECKING

from rich.console import (
    Console,
    ConsoleOptions,
    ConsoleRenderable,
    Group,
    RenderableType,
    RenderHook,
    RenderResult,
)
from rich.segment import Segment
from rich.text import Text

from stmtdiff.model import Segmented, Statement, fetchable_sources
from stmtdiff.render.output import printable

if TYPE_CHECKING:  # rich.table is imported by the functions that draw tables
    from rich.table import Table

__all__ = ["clauses_view", "make_console", "print_trimmed", "statements_table"]


def make_console(width: int | None = None) -> Console:
    """A console on stdout; no colour when stdout is not a terminal or NO_COLOR is set. What it
    prints has its control characters replaced (render.output.printable): the console's own
    escape sequences come from styles, never from text."""
    console = Console(highlight=False, width=width, soft_wrap=False)
    console.push_render_hook(_Printable())
    return console


class _Printable(RenderHook):
    """Renders each renderable with printable() applied to the text of its segments."""

    def process_renderables(self, renderables: list[ConsoleRenderable],
                            ) -> list[ConsoleRenderable]:
        return [_PrintableRenderable(r) for r in renderables]


class _PrintableRenderable:
    def __init__(self, inner: ConsoleRenderable) -> None:
        self.inner = inner

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for segment in console.render(self.inner, options):
            text = segment.text if segment.control else printable(segment.text)
            yield segment if text == segment.text else Segment(text, segment.style)


def print_trimmed(console: Console, renderable: RenderableType) -> None:
    """Print on the console; without a colour system (not a terminal) with the padding rich
    leaves at line ends cut."""
    if console.color_system is not None:
        console.print(renderable)
        return
    with console.capture() as captured:
        console.print(renderable)
    print("".join(line.rstrip() + "\n" for line in captured.get().splitlines()), end="")


def statements_table(statements: Sequence[Statement],
                     counts: Mapping[str, int | None]) -> Table:
    """One row per statement: id, date, title, place, whether a text exists (or "no source"
    when none of its sources carries one to fetch), clause count."""
    from rich.table import Table

    several = len({st.series for st in statements}) > 1
    table = Table(box=None, header_style="bold", pad_edge=False)
    if several:
        table.add_column("series", no_wrap=True)
    table.add_column("id", no_wrap=True)
    table.add_column("title", ratio=3)
    table.add_column("place", ratio=1)
    table.add_column("text", no_wrap=True)
    table.add_column("clauses", justify="right", no_wrap=True)
    for st in statements:
        count = counts.get(f"{st.series}/{st.id}")
        title = st.title + (" (borderline)" if st.borderline else "")
        row = [st.id, title, st.place or _format_label(st.format),
               _text_state(st.has_text, bool(fetchable_sources(st))),
               "" if count is None else str(count)]
        table.add_row(*([st.series] if several else []), *row)
    return table


def _text_state(has_text: bool, fetchable: bool) -> str:
    if has_text:
        return "yes"
    return "-" if fetchable else "no source"


def _format_label(fmt: str) -> str:
    return {"no-meeting": "(no meeting)", "virtual": "(virtual)"}.get(fmt, "")


def clauses_view(seg: Segmented) -> RenderableType:
    """A statement's clauses, numbered, under their section labels."""
    from rich.table import Table

    st = seg.statement
    parts: list[RenderableType] = [
        Text.assemble((f"{st.series} {st.id}", "bold"), f"  {st.title}"),
        Text(f"{len(seg.clauses)} clauses, segmented by {seg.pipeline}", style="dim"),
    ]
    width = len(str(len(seg.clauses)))
    for section, clauses in groupby(seg.clauses, key=lambda c: c.section):
        parts.append(Text(""))
        if section is not None:
            parts.append(Text(section, style="bold underline"))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(justify="right", style="dim", no_wrap=True, min_width=width)
        grid.add_column(overflow="fold")
        for clause in clauses:
            grid.add_row(str(clause.index), seg.clause_text(clause))
        parts.append(grid)
    return Group(*parts)
