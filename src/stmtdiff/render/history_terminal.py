"""Terminal rendering of first-mention, timeline and aliases (rich)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from stmtdiff.corpus.aliases import AliasGroup
from stmtdiff.history.attribution import Attribution
from stmtdiff.history.search import Context, FirstMention, Timeline
from stmtdiff.model import Segmented
from stmtdiff.render.history_text import BAR_WIDTH, bar, first_mention_counts, marked_pieces

if TYPE_CHECKING:
    from stmtdiff.history.novel import Novel, NovelPhrase

__all__ = ["BAR_WIDTH", "aliases_table", "attribution_view", "bar", "context_text",
           "first_mention_counts", "first_mention_view", "novel_view", "timeline_table"]


def context_text(ctx: Context, *, mark: bool = False) -> Text:
    """A clause with its matches highlighted (and wrapped in «» when mark is true)."""
    return Text.assemble(*[((f"\u00ab{text}\u00bb" if mark else text, "bold reverse")
                            if match else text) for text, match in marked_pieces(ctx)])


def first_mention_view(result: FirstMention, series: str, labels: Sequence[str], *,
                       mark: bool = False) -> RenderableType:
    """The first mention of the terms and the clause holding it."""
    query = " | ".join(labels)
    first = result.first
    if first is None:
        return Text(f"no statement of {series} mentions {query}")
    st = first.statement
    ctx = first.contexts[0]
    where = f"clause {ctx.index}" if ctx.index is not None else "outside the clauses"
    return Group(
        Text.assemble("first mention of ", (query, "bold"), f" in {series}: ", (st.id, "bold"),
                      f"  {st.title}"),
        Text.assemble(f"  {where}: ", context_text(ctx, mark=mark)),
    )


def timeline_table(tl: Timeline, *, width: int = 100) -> Table:
    """One row per statement; per term its count and a bar scaled to that term's maximum, the
    bars as wide as fits in width columns."""
    id_width = max((len(st.id) for st, _ in tl.rows), default=9)
    room = (width - id_width) // max(1, len(tl.labels)) - 2  # 2: padding between columns
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("statement", no_wrap=True, min_width=id_width)
    for label in tl.labels:
        table.add_column(label, no_wrap=True, min_width=min(len(label), room))
    most = [max((counts[i] for _, counts in tl.rows), default=0) for i in range(len(tl.labels))]
    digits = [len(str(m)) for m in most]
    for st, counts in tl.rows:
        cells = [f"{n:>{digits[i]}} {bar(n, most[i], max(1, room - digits[i] - 1))}".rstrip()
                 for i, n in enumerate(counts)]
        table.add_row(st.id, *cells)
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


def novel_view(result: Novel, seg: Segmented, *, limit: int) -> RenderableType:
    """The statement's new phrases, best first, then those back after an absence."""
    st = result.statement
    parts: list[RenderableType] = [
        Text.assemble((f"{st.series} {st.id}", "bold"), f"  {st.title}"),
        Text(f"{len(result.first_in_series)} phrases new to the series (checked against "
             f"{len(result.checked)} earlier statements)", style="dim"),
    ]
    if result.first_in_series:
        parts.append(_phrases_table(result.first_in_series, seg, limit, returns=False))
    if result.returns and result.against is not None:
        parts += [Text(""), Text(f"{len(result.returns)} phrases back after an absence "
                                 f"(missing from {result.against.id})", style="dim"),
                  _phrases_table(result.returns, seg, limit, returns=True)]
    return Group(*parts)


def _phrases_table(items: Sequence[NovelPhrase], seg: Segmented, limit: int, *,
                   returns: bool) -> Table:
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("phrase", ratio=3)
    table.add_column("kind", no_wrap=True)
    table.add_column("times", justify="right", no_wrap=True)
    table.add_column("clause", justify="right", no_wrap=True)
    if returns:
        table.add_column("last seen", no_wrap=True)
    for p in items[:limit] if limit else items:
        row = [f"{p.score:.2f}", seg.text[p.span.start:p.span.end], p.span.kind,
               str(p.occurrences), str(p.clause)]
        table.add_row(*row, *([p.last_seen or ""] if returns else []))
    return table


def attribution_view(items: Sequence[Attribution], b: Segmented) -> RenderableType:
    """Per changed clause of B, the statement that first carried its wording."""
    title = Text(f"Where the changed clauses of {b.statement.id} first appeared", style="bold")
    if not items:
        return Group(title, Text("no added or modified clauses", style="dim"))
    firsts = ["new here" if a.statement.id == b.statement.id else
              f"{a.statement.id} #{a.source_clause}" for a in items]
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("clause", justify="right", no_wrap=True)
    table.add_column("first in", no_wrap=True, min_width=max(map(len, firsts)))
    table.add_column("similarity", justify="right", no_wrap=True)
    table.add_column("text", ratio=1, overflow="ellipsis", no_wrap=True)
    for a, first in zip(items, firsts, strict=True):
        table.add_row(str(a.clause), first, f"{a.similarity:.2f}",
                      b.clause_text(b.clauses[a.clause]))
    return Group(title, table)
