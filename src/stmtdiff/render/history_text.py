"""Plain-text rendering of first-mention: the lines written when stdout is not a terminal.

No rich here: importing it takes longer than a warm first-mention takes to answer, and text
for a pipe or a file is neither styled nor wrapped (a clause keeps its own lines, for grep).
"""

from __future__ import annotations

from collections.abc import Sequence

from stmtdiff.history.search import Context, FirstMention

__all__ = ["BAR_WIDTH", "bar", "first_mention_counts", "first_mention_text", "marked_pieces"]

BAR_WIDTH = 20
"""Width of the longest bar."""


def bar(count: int, most: int, width: int = BAR_WIDTH) -> str:
    """A bar of block characters, count out of most, at least one block for a non-zero count."""
    if count <= 0 or most <= 0:
        return ""
    return "\u2588" * max(1, round(width * count / most))


def marked_pieces(ctx: Context) -> list[tuple[str, bool]]:
    """A clause cut into pieces of text, each with whether it is a match."""
    pieces: list[tuple[str, bool]] = []
    pos = ctx.start
    for start, end in ctx.matches:
        start, end = max(start, pos), min(end, ctx.end)
        if start >= end:
            continue
        pieces += [(ctx.text[pos - ctx.start:start - ctx.start], False),
                   (ctx.text[start - ctx.start:end - ctx.start], True)]
        pos = end
    pieces.append((ctx.text[pos - ctx.start:], False))
    return pieces


def first_mention_text(result: FirstMention, series: str, labels: Sequence[str]) -> str:
    """The first mention of the terms and the clause holding it, matches in «»."""
    query = " | ".join(labels)
    first = result.first
    if first is None:
        return f"no statement of {series} mentions {query}\n"
    st = first.statement
    ctx = first.contexts[0]
    where = f"clause {ctx.index}" if ctx.index is not None else "outside the clauses"
    clause = "".join(f"\u00ab{text}\u00bb" if match else text
                     for text, match in marked_pieces(ctx))
    return f"first mention of {query} in {series}: {st.id}  {st.title}\n  {where}: {clause}\n"


def first_mention_counts(result: FirstMention) -> str:
    """Every statement's count with a bar, then the stretches without the terms, as plain lines
    (plain text: a series may have thousands of statements)."""
    if result.first is None:
        return ""
    most = max(m.count for m in result.mentions)
    width = max(len(m.statement.id) for m in result.mentions)
    lines = ["", f"{'statement':<{width}}  count"]
    bars = {count: bar(count, most) for count in {m.count for m in result.mentions}}
    lines += [f"{m.statement.id:<{width}}  {m.count:>5}  {bars[m.count]}" if m.count else
              f"{m.statement.id:<{width}}      0" for m in result.mentions]
    lines += [f"absent {a.id}" + ("" if a is b else f" .. {b.id}") for a, b in result.stretches]
    return "\n".join(lines) + "\n"
