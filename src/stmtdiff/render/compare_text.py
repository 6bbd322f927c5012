"""compare as plain text: the lines written when stdout is not a terminal. No rich here.

One logical line per header line, heading and pair, never wrapped (a pipe or a file has no
width; grep and diff see whole clauses). Changes are marked in the text: [-deleted-],
{+inserted+}, ✦ before language first used in the series, and "↺ returns:" under a pair for
language back after an absence. The pieces shared with the terminal writer (a pair's heading,
its marked runs) are built here.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from stmtdiff.compare.worddiff import ChangeOp
from stmtdiff.render.compare_view import (
    MARK_FIRST,
    MARK_RETURNS,
    CompareView,
    LegendItem,
    PairView,
    Piece,
)
from stmtdiff.render.output import printable

__all__ = ["INDENT", "Run", "compare_text", "header_lines", "heading", "legend_line", "marked",
           "one_line", "returns_line", "similarity_label"]

INDENT = "    "
"""Before a pair's text, its returning language and its context line."""
_OPEN: dict[ChangeOp, str] = {"insert": "{+", "delete": "[-"}
_CLOSE: dict[ChangeOp, str] = {"insert": "+}", "delete": "-]"}


@dataclass(frozen=True)
class Run:
    """A stretch of a pair's marked-up text, with what a writer needs to style it."""

    text: str
    """The characters (line breaks of the source made spaces)."""
    op: ChangeOp
    """The change it belongs to."""
    first: bool
    """Whether it lies inside language first used in the series."""
    sign: bool = False
    """Whether it is the ✦ sign itself."""


def marked(pieces: Sequence[Piece], keep: tuple[ChangeOp, ...], *, brackets: bool) -> list[Run]:
    """The pieces of the kinds in keep as runs, ✦ before first-in-series language, and (with
    brackets) insertions and deletions enclosed in {+ +} and [- -]."""
    shown = [p for p in pieces if p.op in keep]
    runs: list[Run] = []
    for k, p in enumerate(shown):
        before = shown[k - 1].op if k else None
        after = shown[k + 1].op if k + 1 < len(shown) else None
        opened = _OPEN.get(p.op, "") if brackets and before != p.op else ""
        closed = _CLOSE.get(p.op, "") if brackets and after != p.op else ""
        if opened:
            runs.append(Run(opened, p.op, p.first))
        if p.starts_first:
            runs.append(Run(MARK_FIRST, p.op, True, sign=True))
        runs.append(Run(p.text.replace("\n", " ") + closed, p.op, p.first))
    return runs


def similarity_label(pair: PairView) -> str:
    """"  0.78" after an edited pair's clauses; "" when unchanged, added or removed."""
    if pair.similarity is None or pair.op == "unchanged":
        return ""
    return f"  {pair.similarity:.2f}"


def heading(pair: PairView) -> tuple[str, str]:
    """The pair's heading in two parts: its sign and label, then its clauses and similarity."""
    return f"{pair.symbol} {pair.op}", f"  {pair.where}{similarity_label(pair)}"


def returns_line(pair: PairView) -> str | None:
    """"↺ returns: phrase (last seen); ..." or None when nothing returns."""
    if not pair.returns:
        return None
    backs = "; ".join(f"{m.text} ({m.last_seen})" for m in pair.returns)
    return f"{MARK_RETURNS} returns: {backs}"


def header_lines(view: CompareView) -> list[str]:
    """Both statements, the counts per label, the history note and the legend."""
    a, b = view.a, view.b
    lines = [f"{a.series}  {a.id} → {b.id}", f"A {a.id}  {a.title}", f"B {b.id}  {b.title}",
             view.summary_line]
    if view.note:
        lines.append(f"note: {view.note}")
    return lines + [legend_line(item) for item in view.legend]


def legend_line(item: LegendItem) -> str:
    """"✦ marks language first used in the series"."""
    return f"{item.symbol} marks {item.meaning}"


def one_line(text: str) -> str:
    """The text with its runs of white space (line breaks too) made single spaces."""
    return " ".join(text.split())


def _pair_lines(pair: PairView) -> Iterator[str]:
    if pair.context is not None:
        yield INDENT + one_line(pair.context.text)
    yield "".join(heading(pair))
    body = marked(pair.pieces, ("equal", "insert", "delete"), brackets=True)
    yield INDENT + "".join(run.text for run in body)
    back = returns_line(pair)
    if back is not None:
        yield INDENT + back


def _lines(view: CompareView) -> Iterator[str]:
    yield from header_lines(view)
    if view.empty is not None:
        yield from ("", view.empty)
    for section in view.sections:
        yield from ("", section.label)
        for pair in section.pairs:
            yield from _pair_lines(pair)


def compare_text(view: CompareView) -> str:
    """The view as plain lines, unwrapped, trailing spaces cut."""
    return printable("".join(line.rstrip() + "\n" for line in _lines(view)))
