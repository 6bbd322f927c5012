"""stmtdiff compare on a terminal (rich): header, changes by section, inline or side by side.

Without colour (not a terminal, NO_COLOR) the marks are in the text: [-deleted-], {+inserted+};
with colour they are red strike-through and green. Language first said in the series is
preceded by ✦ (and bold magenta in colour); returning language is listed under its pair with ↺.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from ..comparison import Comparison, PairDiff
from ..model import Segmented
from ..phrases import display_runs
from .compare import history_note, visible

if TYPE_CHECKING:
    from rich.table import Table

__all__ = ["MARK_FIRST", "compare_view"]

MARK_FIRST = "✦"
_OP_STYLE = {"unchanged": "dim", "modified": "yellow", "moved": "cyan", "added": "green",
             "removed": "red", "split": "blue", "merged": "blue"}
_OP_MARK = {"unchanged": "=", "modified": "~", "moved": ">", "added": "+", "removed": "-",
            "split": "<", "merged": ">"}
_STYLE = {"equal": "", "insert": "green", "delete": "red strike"}
_FIRST_STYLE = "bold magenta"


@dataclass(frozen=True)
class _Piece:
    text: str
    op: str
    first: bool = False
    starts_first: bool = False


def _first_spans(cmp: Comparison, pd: PairDiff) -> list[tuple[int, int]]:
    """First-in-series spans as offsets into the pair's B clauses joined by one space."""
    b = cmp.b
    bases, pos = [], 0
    for j in pd.pair.b:
        bases.append((b.clauses[j].start, b.clauses[j].end, pos))
        pos += b.clauses[j].end - b.clauses[j].start + 1
    runs = display_runs(b.text, [n.span for n in pd.new if n.first_in_series])
    spans = []
    for lo, hi in runs:
        for start, end, base in bases:
            if start <= lo and hi <= end:
                spans.append((lo - start + base, hi - start + base))
    return spans


def _pieces(cmp: Comparison, pd: PairDiff) -> list[_Piece]:
    """The pair's changes cut where first-in-series phrases begin and end."""
    spans = _first_spans(cmp, pd)
    cuts = sorted({x for span in spans for x in span})
    pieces: list[_Piece] = []
    pos = 0
    for change in pd.changes:
        if change.op == "delete":
            pieces.append(_Piece(change.text, "delete"))
            continue
        end = pos + len(change.text)
        points = [pos, *cuts[bisect.bisect_right(cuts, pos):bisect.bisect_left(cuts, end)], end]
        for lo, hi in pairwise(points):
            inside = any(s <= lo and hi <= e for s, e in spans)
            starts = any(s == lo for s, _ in spans)
            pieces.append(_Piece(change.text[lo - pos:hi - pos], change.op, inside, starts))
        pos = end
    return [p for p in pieces if p.text]


def _assemble(pieces: Sequence[_Piece], plain: bool, keep: tuple[str, ...]) -> Text:
    """Pieces of the kinds in keep as one Text, with inline markers when plain."""
    text = Text()
    shown = [p for p in pieces if p.op in keep]
    for k, p in enumerate(shown):
        before = shown[k - 1].op if k else None
        after = shown[k + 1].op if k + 1 < len(shown) else None
        opened = {"insert": "{+", "delete": "[-"}.get(p.op, "") if plain and before != p.op else ""
        closed = {"insert": "+}", "delete": "-]"}.get(p.op, "") if plain and after != p.op else ""
        style = f"{_STYLE[p.op]} {_FIRST_STYLE}".strip() if p.first else _STYLE[p.op]
        text.append(opened, style=style or None)
        if p.starts_first:
            text.append(MARK_FIRST, style=_FIRST_STYLE)
        text.append(p.text.replace("\n", " ") + closed, style=style or None)
    return text


def _returns(cmp: Comparison, pd: PairDiff) -> Text | None:
    backs = [f"{cmp.b.text[n.span.start:n.span.end]} ({n.last_seen})"
             for n in pd.new if not n.first_in_series]
    if not backs:
        return None
    return Text("↺ returns: " + "; ".join(backs), style="dim")


def _heading(pd: PairDiff) -> Text:
    p = pd.pair
    where = " → ".join(x for x in (",".join(f"A{i}" for i in p.a),
                                   ",".join(f"B{j}" for j in p.b)) if x)
    sim = "" if p.similarity is None or p.op == "unchanged" else f"  {p.similarity:.2f}"
    return Text.assemble((f"{_OP_MARK[p.op]} {p.op}", _OP_STYLE[p.op]), f"  {where}{sim}")


def _inline(cmp: Comparison, pd: PairDiff, plain: bool) -> RenderableType:
    body = _assemble(_pieces(cmp, pd), plain, ("equal", "insert", "delete"))
    parts: list[RenderableType] = [_heading(pd), Padding(body, (0, 0, 0, 4), expand=False)]
    back = _returns(cmp, pd)
    if back is not None:
        parts.append(Padding(back, (0, 0, 0, 4), expand=False))
    return Group(*parts)


def _side_row(cmp: Comparison, pd: PairDiff, plain: bool) -> tuple[Text, Text]:
    pieces = _pieces(cmp, pd)
    left = _assemble(pieces, plain, ("equal", "delete")) if pd.pair.a else Text("")
    right = _assemble(pieces, plain, ("equal", "insert")) if pd.pair.b else Text("")
    head = _heading(pd)
    return Text.assemble(head, "\n", left), right


def _section_of(cmp: Comparison, pd: PairDiff) -> str | None:
    if pd.pair.b:
        return cmp.b.clauses[pd.pair.b[0]].section
    return cmp.a.clauses[pd.pair.a[0]].section


def _context(seg: Segmented, pd: PairDiff) -> Text:
    clause = seg.clauses[pd.pair.b[0]]
    line = Text("    " + " ".join(seg.clause_text(clause).split()), style="dim")
    line.no_wrap, line.overflow = True, "ellipsis"
    return line


def header(cmp: Comparison) -> RenderableType:
    """Both statements and the counts per label."""
    a, b = cmp.a.statement, cmp.b.statement
    counts = ", ".join(f"{n} {label}" for label, n in cmp.summary.items() if n)
    lines: list[RenderableType] = [
        Text.assemble((f"{a.series}", "bold"), f"  {a.id} → {b.id}"),
        Text.assemble(("A ", "bold"), f"{a.id}  {a.title}"),
        Text.assemble(("B ", "bold"), f"{b.id}  {b.title}"),
        Text(counts or "no clauses"),
    ]
    note = history_note(cmp)
    if note:
        lines.append(Text(f"note: {note}", style="dim"))
    lines.append(Text(f"{MARK_FIRST} marks language first used in the series", style="dim"))
    return Group(*lines)


def compare_view(cmp: Comparison, console: Console, *, everything: bool = False,
                 side_by_side: bool = False, only: Sequence[str] = ()) -> RenderableType:
    """The comparison: header, then the pairs shown grouped by section."""
    plain = console.no_color or console.color_system is None
    shown = visible(cmp, everything=everything, only=only)
    parts: list[RenderableType] = [header(cmp)]
    if not shown:
        parts += [Text(""), Text("no differences" if not only else "nothing to show")]
    context = not everything and not only
    previous = {id(pd): cmp.pairs[k - 1] for k, pd in enumerate(cmp.pairs) if k}
    section: object = object()
    table: Table | None = None
    for pd in shown:
        here = _section_of(cmp, pd)
        if here != section:
            section, table = here, None
            parts += [Text(""), Text(here or "(before the first heading)", style="bold underline")]
        if side_by_side:
            if table is None:
                table = _side_table(cmp)
                parts.append(table)
            table.add_row(*_side_row(cmp, pd, plain))
            continue
        before = previous.get(id(pd))
        if context and before is not None and before.pair.op == "unchanged":
            parts.append(_context(cmp.b, before))
        parts.append(_inline(cmp, pd, plain))
    return Group(*parts)


def _side_table(cmp: Comparison) -> Table:
    from rich import box  # imported here: only --side-by-side draws a table
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, show_lines=False)
    table.add_column(f"A {cmp.a.statement.id}", ratio=1, overflow="fold")
    table.add_column(f"B {cmp.b.statement.id}", ratio=1, overflow="fold")
    return table
