"""Plain-text rendering of first-mention and timeline: the lines written when stdout is not a
terminal.

No rich here: importing it takes longer than a warm first-mention takes to answer, and text
for a pipe or a file is neither styled nor wrapped (a clause keeps its own lines, for grep).
"""

from __future__ import annotations

from stmtdiff.render.history_view import ContextView, FirstMentionView, TimelineView
from stmtdiff.render.output import printable

__all__ = ["BAR_WIDTH", "bar", "first_mention_counts", "first_mention_text", "marked_context",
           "timeline_text"]

BAR_WIDTH = 20
"""Width of the longest bar."""


def bar(count: float, most: float, width: int = BAR_WIDTH) -> str:
    """A bar of block characters, count out of most, at least one block for a non-zero count."""
    if count <= 0 or most <= 0:
        return ""
    return "\u2588" * max(1, round(width * count / most))


def marked_context(ctx: ContextView) -> str:
    """The clause with its matches in «»."""
    return "".join(f"\u00ab{p.text}\u00bb" if p.match else p.text for p in ctx.pieces)


def first_mention_text(view: FirstMentionView) -> str:
    """The first mention of the terms and the clause holding it, matches in «»."""
    first = view.first
    if first is None:
        return printable(f"no statement of {view.series} mentions {view.query_label}\n")
    return printable(f"first mention of {view.query_label} in {view.series}: {first.statement}"
                     f"  {first.title}\n  {first.context.where}: "
                     f"{marked_context(first.context)}\n")


def first_mention_counts(view: FirstMentionView) -> str:
    """Every statement's count with a bar, then the stretches without the terms, as plain lines
    (plain text: a series may have thousands of statements)."""
    if view.first is None:
        return ""
    width = max(len(m.statement) for m in view.mentions)
    lines = ["", f"{'statement':<{width}}  count"]
    # the rest of a line for each count shown: a few distinct counts in thousands of lines
    tails = {count: f"  {count:>5}  {bar(count, view.most)}" if count else "      0"
             for count in {m.count for m in view.mentions}}
    lines += [m.statement.ljust(width) + tails[m.count] for m in view.mentions]
    lines += [f"absent {s.first}" + ("" if s.first == s.last else f" .. {s.last}")
              for s in view.stretches]
    return printable("\n".join(lines) + "\n")


def timeline_text(view: TimelineView, bar_width: int = BAR_WIDTH) -> str:
    """One line per statement: its id, then per term its count and a bar scaled to that term's
    largest count; columns padded with spaces, never wrapped."""
    id_width = max([len("statement"), *(len(r.statement) for r in view.rows)])
    digits = [len(view.cell(m)) for m in view.top]
    widths = [max(len(label), d + 1 + bar_width) for label, d in zip(view.terms, digits,
                                                                        strict=True)]
    values = list(map(view.values, view.rows))
    # each column's cell for each value it shows: a few distinct counts in thousands of rows
    cells = [{n: f"{view.cell(n):>{digits[i]}} {bar(n, most, bar_width)}".ljust(widths[i])
              for n in {v[i] for v in values}} for i, most in enumerate(view.top)]
    lines = ["  ".join([f"{'statement':<{id_width}}",
                        *(f"{label:<{w}}" for label, w in zip(view.terms, widths, strict=True))])]
    ids = [r.statement.ljust(id_width) for r in view.rows]
    if len(cells) == 1:  # one term: one lookup a line
        lines += [f"{sid}  {cells[0][v[0]]}" for sid, v in zip(ids, values, strict=True)]
    else:
        lines += ["  ".join([sid, *map(dict.__getitem__, cells, v)])
                  for sid, v in zip(ids, values, strict=True)]
    return printable("\n".join([line.rstrip() for line in lines]) + "\n")
