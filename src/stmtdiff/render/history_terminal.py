"""Terminal rendering (rich) of first-mention, timeline, novel, aliases and attribution."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from stmtdiff.corpus.aliases import AliasGroup
from stmtdiff.history.attribution import Attribution
from stmtdiff.model import Segmented
from stmtdiff.render.history_text import bar
from stmtdiff.render.history_view import (
    ContextView,
    FirstMentionView,
    NovelView,
    RankedPhrase,
    TimelineView,
)

__all__ = ["aliases_table", "attribution_view", "context_text", "first_mention_view",
           "novel_view", "timeline_table"]


def context_text(ctx: ContextView, *, mark: bool = False) -> Text:
    """A clause with its matches highlighted (and wrapped in «» when mark is true)."""
    return Text.assemble(*[((f"\u00ab{p.text}\u00bb" if mark else p.text, "bold reverse")
                            if p.match else p.text) for p in ctx.pieces])


def first_mention_view(view: FirstMentionView, *, mark: bool = False) -> RenderableType:
    """The first mention of the terms and the clause holding it."""
    first = view.first
    if first is None:
        return Text(f"no statement of {view.series} mentions {view.query_label}")
    return Group(
        Text.assemble("first mention of ", (view.query_label, "bold"), f" in {view.series}: ",
                      (first.statement, "bold"), f"  {first.title}"),
        Text.assemble(f"  {first.context.where}: ", context_text(first.context, mark=mark)),
    )


def timeline_table(view: TimelineView, *, width: int = 100) -> Table:
    """One row per statement; per term its count and a bar scaled to that term's maximum, the
    bars as wide as fits in width columns."""
    id_width = max((len(r.statement) for r in view.rows), default=9)
    room = (width - id_width) // max(1, len(view.terms)) - 2  # 2: padding between columns
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("statement", no_wrap=True, min_width=id_width)
    for label in view.terms:
        table.add_column(label, no_wrap=True, min_width=min(len(label), room))
    top = view.top
    digits = [len(view.cell(m)) for m in top]
    for r in view.rows:
        cells = [f"{view.cell(n):>{digits[i]}} {bar(n, top[i], max(1, room - digits[i] - 1))}"
                 .rstrip() for i, n in enumerate(view.values(r))]
        table.add_row(r.statement, *cells)
    return table


def aliases_table(groups: Sequence[AliasGroup]) -> Table:
    """One row per alias group: its name, its terms and what it is about."""
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("alias", no_wrap=True)
    table.add_column("terms", ratio=2)
    table.add_column("description", ratio=2)
    for group in groups:
        table.add_row(group.name, " | ".join(group.terms), group.description)
    return table


def novel_view(view: NovelView) -> RenderableType:
    """The statement's new phrases, best first, then those back after an absence."""
    parts: list[RenderableType] = [
        Text.assemble((f"{view.series} {view.statement}", "bold"), f"  {view.title}"),
        Text(f"{view.first_total} phrases new to the series (checked against "
             f"{len(view.checked)} earlier statements)", style="dim"),
    ]
    if view.first_in_series:
        parts.append(_phrases_table(view.first_in_series, returns=False))
    if view.returns and view.against is not None:
        parts += [Text(""), Text(f"{view.returns_total} phrases back after an absence "
                                 f"(missing from {view.against})", style="dim"),
                  _phrases_table(view.returns, returns=True)]
    return Group(*parts)


def _phrases_table(items: Sequence[RankedPhrase], *, returns: bool) -> Table:
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("phrase", ratio=3)
    table.add_column("kind", no_wrap=True)
    table.add_column("times", justify="right", no_wrap=True)
    table.add_column("clause", justify="right", no_wrap=True)
    if returns:
        table.add_column("last seen", no_wrap=True)
    for p in items:
        row = [f"{p.score:.2f}", p.text, p.kind, str(p.occurrences), str(p.clause)]
        table.add_row(*row, *([p.last_seen or ""] if returns else []))
    return table


def attribution_view(items: Sequence[Attribution], b: Segmented) -> RenderableType:
    """Per changed clause of B, the statement that first carried its wording: the earliest
    with a run of its content words in common, and that run's length (the run in bold)."""
    title = Text(f"Where the changed clauses of {b.statement.id} first appeared", style="bold")
    if not items:
        return Group(title, Text("no added or modified clauses", style="dim"))
    firsts = [_source(a) for a in items]
    shares = ["-" if a.shared is None else f"{a.shared.words}/{a.clause_words} words"
              for a in items]
    widths = (max(len("clause"), *(len(str(a.clause)) for a in items)),
              max(len("first in"), *map(len, firsts)), max(len("shared"), *map(len, shares)))
    lines = [Text(f"{'clause':>{widths[0]}}  {'first in':<{widths[1]}}  "
                  f"{'shared':>{widths[2]}}  text", style="bold")]
    for a, first, shared in zip(items, firsts, shares, strict=True):
        clause = b.clauses[a.clause]
        text = Text(b.clause_text(clause))
        if a.shared is not None:
            text.stylize("bold", a.shared.b_start - clause.start, a.shared.b_end - clause.start)
        head = f"{a.clause:>{widths[0]}}  {first:<{widths[1]}}  {shared:>{widths[2]}}  "
        line = Text.assemble(head, text, no_wrap=True, overflow="ellipsis")
        lines.append(line)
    return Group(title, *lines)


def _source(a: Attribution) -> str:
    if a.new:
        return "new here"
    where = "heading" if a.source_clause is None else f"#{a.source_clause}"
    return f"{a.statement.id} {where}"
