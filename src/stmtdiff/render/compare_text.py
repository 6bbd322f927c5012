"""compare's terminal view as blocks of styled text, and as the plain lines rich prints for them.

view_blocks() lays the view out: the header, section titles, a line of context, each pair's
heading, its words marked up, and the language that returns. compare_terminal turns the blocks
into rich renderables. Where the output has no colour system (not a terminal), rich would print
them as plain lines wrapped at the console width; compare_text() writes those same lines itself,
cut as rich's word wrap cuts them (rich/_wrap.py, Text.wrap, Padding), so that a warm compare
into a pipe or a file does not take longer importing rich than comparing. It gives up (None)
on characters whose width only rich knows, and a test holds it to rich's output.
"""

from __future__ import annotations

import bisect
import os
import re
import sys
from collections.abc import Iterator, Sequence
from itertools import pairwise
from typing import Literal

from stmtdiff.compare.comparison import Comparison, PairDiff
from stmtdiff.compare.phrases import display_runs
from stmtdiff.render.compare import history_note, visible

__all__ = ["MARK_FIRST", "Block", "Run", "compare_text", "header_blocks", "heading_runs",
           "marked", "pieces", "plain_width", "section_of", "view_blocks", "wrap"]

MARK_FIRST = "✦"
_OP_STYLE = {"unchanged": "dim", "modified": "yellow", "moved": "cyan", "added": "green",
             "removed": "red", "split": "blue", "merged": "blue"}
_OP_MARK = {"unchanged": "=", "modified": "~", "moved": ">", "added": "+", "removed": "-",
            "split": "<", "merged": ">"}
_STYLE = {"equal": "", "insert": "green", "delete": "red strike"}
_FIRST_STYLE = "bold magenta"

Run = tuple[str, str | None]
"""A piece of text and its rich style (None: unstyled)."""
Layout = Literal["wrap", "title", "indent", "clip", "row"]
Block = tuple[Layout, tuple[Run, ...], str, PairDiff | None]
"""(layout, runs, style of the whole line, pair): "wrap" and "title" (a section title) are
wrapped at the width, "indent" is wrapped 4 columns in, "clip" is one line cut with an
ellipsis, "row" is a pair shown side by side (runs empty)."""
Piece = tuple[str, str, bool, bool]
"""(text, change op, inside a first-in-series phrase, starts one)."""

_WORD = re.compile(r"\s*\S+\s*")  # a word and the spaces after it, as rich/_wrap.py has it
_UNSAFE = re.compile("[^\x20-\x7e\xa0-\xac\xae-\u024f\u2010-\u2027\u2030-\u205e\u20a0-\u20c0"
                     "\u2190-\u21ff\u2726]")
"""Characters outside the ranges one cell wide for rich (tested), with no control characters,
tabs or line breaks."""
_MIN_WIDTH = 20


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


def pieces(cmp: Comparison, pd: PairDiff) -> list[Piece]:
    """The pair's changes cut where first-in-series phrases begin and end."""
    spans = _first_spans(cmp, pd)
    cuts = sorted({x for span in spans for x in span})
    found: list[Piece] = []
    pos = 0
    for change in pd.changes:
        if change.op == "delete":
            found.append((change.text, "delete", False, False))
            continue
        end = pos + len(change.text)
        points = [pos, *cuts[bisect.bisect_right(cuts, pos):bisect.bisect_left(cuts, end)], end]
        for lo, hi in pairwise(points):
            inside = any(s <= lo and hi <= e for s, e in spans)
            starts = any(s == lo for s, _ in spans)
            found.append((change.text[lo - pos:hi - pos], change.op, inside, starts))
        pos = end
    return [p for p in found if p[0]]


def marked(found: Sequence[Piece], plain: bool, keep: tuple[str, ...]) -> list[Run]:
    """Pieces of the kinds in keep as runs, with inline markers when plain."""
    runs: list[Run] = []
    shown = [p for p in found if p[1] in keep]
    for k, (text, op, first, starts_first) in enumerate(shown):
        before = shown[k - 1][1] if k else None
        after = shown[k + 1][1] if k + 1 < len(shown) else None
        opened = {"insert": "{+", "delete": "[-"}.get(op, "") if plain and before != op else ""
        closed = {"insert": "+}", "delete": "-]"}.get(op, "") if plain and after != op else ""
        style = f"{_STYLE[op]} {_FIRST_STYLE}".strip() if first else _STYLE[op]
        runs.append((opened, style or None))
        if starts_first:
            runs.append((MARK_FIRST, _FIRST_STYLE))
        runs.append((text.replace("\n", " ") + closed, style or None))
    return runs


def heading_runs(pd: PairDiff) -> tuple[Run, ...]:
    """The pair's label, its clauses and (when edited) its similarity."""
    p = pd.pair
    where = " → ".join(x for x in (",".join(f"A{i}" for i in p.a),
                                   ",".join(f"B{j}" for j in p.b)) if x)
    sim = "" if p.similarity is None or p.op == "unchanged" else f"  {p.similarity:.2f}"
    return (f"{_OP_MARK[p.op]} {p.op}", _OP_STYLE[p.op]), (f"  {where}{sim}", None)


def _returns(cmp: Comparison, pd: PairDiff) -> str | None:
    backs = [f"{cmp.b.text[n.span.start:n.span.end]} ({n.last_seen})"
             for n in pd.new if not n.first_in_series]
    return "↺ returns: " + "; ".join(backs) if backs else None


def section_of(cmp: Comparison, pd: PairDiff) -> str | None:
    """The section the pair is shown under."""
    if pd.pair.b:
        return cmp.b.clauses[pd.pair.b[0]].section
    return cmp.a.clauses[pd.pair.a[0]].section


def header_blocks(cmp: Comparison) -> list[Block]:
    """Both statements and the counts per label."""
    a, b = cmp.a.statement, cmp.b.statement
    counts = ", ".join(f"{n} {label}" for label, n in cmp.summary.items() if n)
    blocks: list[Block] = [
        ("wrap", ((a.series, "bold"), (f"  {a.id} → {b.id}", None)), "", None),
        ("wrap", (("A ", "bold"), (f"{a.id}  {a.title}", None)), "", None),
        ("wrap", (("B ", "bold"), (f"{b.id}  {b.title}", None)), "", None),
        ("wrap", ((counts or "no clauses", None),), "", None),
    ]
    note = history_note(cmp)
    if note:
        blocks.append(("wrap", ((f"note: {note}", None),), "dim", None))
    blocks.append(("wrap", ((f"{MARK_FIRST} marks language first used in the series", None),),
                   "dim", None))
    return blocks


def view_blocks(cmp: Comparison, *, plain: bool, everything: bool = False,
                side_by_side: bool = False, only: Sequence[str] = ()) -> Iterator[Block]:
    """The view: header, then the pairs shown grouped by section (with a line of the unchanged
    clause before a change unless everything or only is given)."""
    yield from header_blocks(cmp)
    shown = visible(cmp, everything=everything, only=only)
    if not shown:
        yield ("wrap", (), "", None)
        yield ("wrap", (("no differences" if not only else "nothing to show", None),), "", None)
    context = not everything and not only
    previous = {id(pd): cmp.pairs[k - 1] for k, pd in enumerate(cmp.pairs) if k}
    section: object = object()
    for pd in shown:
        here = section_of(cmp, pd)
        if here != section:
            section = here
            yield ("wrap", (), "", None)
            yield ("title", ((here or "(before the first heading)", None),), "bold underline",
                   None)
        if side_by_side:
            yield ("row", (), "", pd)
            continue
        before = previous.get(id(pd))
        if context and before is not None and before.pair.op == "unchanged":
            clause = cmp.b.clauses[before.pair.b[0]]
            line = "    " + " ".join(cmp.b.clause_text(clause).split())
            yield ("clip", ((line, None),), "dim", None)
        yield ("wrap", heading_runs(pd), "", None)
        body = marked(pieces(cmp, pd), plain, ("equal", "insert", "delete"))
        yield ("indent", tuple(body), "", None)
        back = _returns(cmp, pd)
        if back is not None:
            yield ("indent", ((back, None),), "dim", None)


def plain_width() -> int | None:
    """The width rich gives a console on stdout without a colour system, or None where rich may
    find one or a width from elsewhere (a terminal, FORCE_COLOR, TTY_COMPATIBLE, COLUMNS)."""
    if sys.platform == "win32" or any(
            name in os.environ for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "COLUMNS",
                                            "JUPYTER_COLUMNS", "JUPYTER_LINES")):
        return None
    isatty = getattr(sys.stdout, "isatty", None)
    try:
        if isatty is None or isatty():
            return None
    except ValueError:  # a closed stream: rich takes it for no terminal, as here
        pass
    for fd in (0, 1, 2):  # as rich's Console.size: the first standard stream on a terminal
        try:
            width = os.get_terminal_size(fd).columns
        except (AttributeError, ValueError, OSError):
            continue
        return width or 80
    return 80


def wrap(text: str, width: int) -> list[str]:
    """A line of one-cell characters cut as rich's Text.wrap cuts it (long words folded)."""
    breaks: list[int] = []
    offset = 0
    match = _WORD.match(text)
    while match is not None:
        start, word = match.start(), match.group(0)
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width:
            chunks = [word[i:i + width] for i in range(0, len(word), width)]
            for k, chunk in enumerate(chunks):
                if start:
                    breaks.append(start)
                if k == len(chunks) - 1:
                    offset = len(chunk)
                else:
                    start += len(chunk)
        elif offset and start:
            breaks.append(start)
            offset = len(word)
        match = _WORD.match(text, match.end())
    return [text[i:j][:width] for i, j in pairwise([0, *breaks, len(text)])]


def compare_text(cmp: Comparison, width: int, *, everything: bool = False,
                 only: Sequence[str] = ()) -> str | None:
    """The view as rich prints it without colour at this width, trailing spaces cut; None when
    a text holds a character this module does not measure (rich must lay it out)."""
    if width < _MIN_WIDTH:
        return None
    lines: list[str] = []
    for layout, runs, _, _ in view_blocks(cmp, plain=True, everything=everything, only=only):
        text = "".join(part for part, _ in runs)
        if _UNSAFE.search(text) is not None:
            return None
        if layout == "clip":
            lines.append(text if len(text) <= width else text[:width - 1] + "…")
        elif layout == "indent":  # Padding(left=4, expand=False): wrapped 4 columns in
            lines += ["    " + line for line in wrap(text, width - 4)]
        else:
            lines += wrap(text, width)
    return "".join(line.rstrip() + "\n" for line in lines)
