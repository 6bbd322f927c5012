"""The compare report as data: one view built once from a Comparison, walked by every writer.

The writers (compare_text: plain lines, compare_terminal: rich, compare_markdown, compare_json)
only format what is here; labels ("A0 → B0", section titles, the summary line, the history
note) are built here and nowhere else. Offsets into the statement texts are kept so that a
writer can link or highlight (an HTML report) without going back to the domain objects.
The classes compare by identity (eq=False): nothing compares views, and their __eq__ and
__hash__ cost about 1 ms of a warm compare's start.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
from typing import Literal

from stmtdiff.compare.align import LABELS, Label
from stmtdiff.compare.comparison import Comparison
from stmtdiff.compare.novelty import UnitKind
from stmtdiff.compare.phrases import NewPhrase
from stmtdiff.compare.worddiff import Change, ChangeOp
from stmtdiff.model import Segmented, Statement

__all__ = ["MARK_FIRST", "MARK_RETURNS", "MIN_SCORE", "NO_SECTION", "OP_SYMBOL", "TOP_NEW",
           "ClauseView",
           "CompareView",
           "Count", "LegendItem", "Mark", "PairView", "Piece", "SectionView", "Span",
           "StatementView", "build_compare_view", "history_note"]

MARK_FIRST = "✦"
"""Marks language first used in the series."""
MARK_RETURNS = "↺"
"""Marks language back after an absence."""
NO_SECTION = "(before the first heading)"
"""The title shown for clauses before the first heading."""
OP_SYMBOL: dict[str, str] = {"unchanged": "=", "modified": "~", "moved": ">", "added": "+",
                             "removed": "-", "split": "<", "merged": ">"}
"""A one-character sign per label, shown before it."""


@dataclass(frozen=True, eq=False)
class StatementView:
    """One of the two statements compared."""

    id: str
    """Its id (the meeting date)."""
    date: str
    """ISO date."""
    title: str
    """The document's title."""
    series: str
    """The series' name."""
    text: str
    """Its whole text; every offset of the view points into it."""


@dataclass(frozen=True, eq=False)
class Count:
    """How many pairs carry a label."""

    label: Label
    """The label."""
    n: int
    """The number of pairs (0 when unused)."""


@dataclass(frozen=True, eq=False)
class ClauseView:
    """A clause of A or B as shown in a pair."""

    side: Literal["A", "B"]
    """The statement it belongs to."""
    index: int
    """Its position among that statement's clauses, from 0."""
    start: int
    """Offset of its first character in that statement's text."""
    end: int
    """Offset one past its last character."""
    text: str
    """Its text."""
    section: str | None
    """The heading it stands under (None before the first heading)."""

    @property
    def label(self) -> str:
        """"A3" or "B4"."""
        return f"{self.side}{self.index}"


@dataclass(frozen=True, eq=False)
class Piece:
    """A piece of a pair's word-level changes, cut where first-in-series language begins and
    ends."""

    text: str
    """The words (may hold line breaks of the source)."""
    op: ChangeOp
    """equal, insert (in B only) or delete (in A only)."""
    first: bool
    """Whether it lies inside language first used in the series."""
    starts_first: bool
    """Whether such language begins with it (where the ✦ goes)."""


@dataclass(frozen=True, eq=False)
class Mark:
    """A phrase of B new to the series, or back after an absence."""

    start: int
    """Offset of its first content word in B's text."""
    end: int
    """Offset one past its last content word."""
    text: str
    """B's text between the offsets."""
    key: str
    """Its normalised form (content-word lemmas)."""
    kind: UnitKind
    """name, acronym, number (with a unit), chunk, phrase, word or date."""
    last_seen: str | None
    """None when first in series; else the id of the latest earlier statement holding it."""
    score: float
    """How much an analyst should care (compare.novelty's ranking, as novel ranks)."""
    shown: bool = True
    """Whether the report marks it: first-in-series language among the best top_new of B
    (all with top_new=None); returning language always."""

    @property
    def first_in_series(self) -> bool:
        """Whether no earlier statement of the series has it."""
        return self.last_seen is None


@dataclass(frozen=True, eq=False)
class Span:
    """A stretch of B's text shown as one piece of first-in-series language."""

    start: int
    """Offset in B's text."""
    end: int
    """Offset one past its end."""
    text: str
    """B's text between the offsets."""


@dataclass(frozen=True, eq=False)
class PairView:
    """One aligned pair: its clauses, changes and marks."""

    rank: int
    """Its position among all pairs of the comparison, from 0 (stable under filtering)."""
    op: Label
    """What happened: unchanged, modified, moved, split (one A, several B), merged (several A,
    one B), added or removed. A moved pair's A clauses say where it came from."""
    symbol: str
    """The label's sign (OP_SYMBOL)."""
    a: tuple[ClauseView, ...]
    """The clauses of A, in order (none when added)."""
    b: tuple[ClauseView, ...]
    """The clauses of B, in order (none when removed)."""
    similarity: float | None
    """Weighted token similarity in [0, 1]; None when added or removed."""
    section: str | None
    """The heading it is shown under (its first B clause's, else its first A clause's)."""
    where: str
    """Its clauses as "A0 → B0" ("A3" when removed, "B4" when added)."""
    changes: tuple[Change, ...]
    """Word-level changes from A's clauses (joined by one space) to B's."""
    marks: tuple[Mark, ...]
    """Phrases of its B clauses new to the series or back after an absence, in text order."""
    firsts: tuple[Span, ...]
    """Its first-in-series phrases joined into runs for display."""
    returns: tuple[Mark, ...]
    """Its phrases back after an absence (marks with last_seen)."""
    context: ClauseView | None
    """The unchanged B clause just before it, shown as context (default view only)."""

    @cached_property
    def pieces(self) -> tuple[Piece, ...]:
        """The changes cut where first-in-series language begins and ends, empty pieces
        dropped (worked out when a writer first asks: JSON does not)."""
        return _pieces(self.changes, _first_offsets(self.b, self.firsts))


@dataclass(frozen=True, eq=False)
class SectionView:
    """Consecutive pairs shown under one heading."""

    title: str | None
    """The heading of B (or A) they stand under; None before the first heading."""
    pairs: tuple[PairView, ...]
    """Its pairs, in the alignment's order."""

    @property
    def label(self) -> str:
        """The title, or NO_SECTION."""
        return self.title or NO_SECTION


@dataclass(frozen=True, eq=False)
class LegendItem:
    """What a sign in the report means."""

    symbol: str
    """The sign."""
    meaning: str
    """What it marks."""


@dataclass(frozen=True, eq=False)
class CompareView:
    """The compare report: header, summary, the pairs shown by section, and the legend."""

    a: StatementView
    """The older (or first given) statement."""
    b: StatementView
    """The statement compared with it; marks point into its text."""
    pipeline: str
    """The segmentation pipeline, as name-version."""
    summary: tuple[Count, ...]
    """Pairs per label, every label (all pairs, whatever is shown)."""
    summary_line: str
    """The summary as words: "2 unchanged, 1 modified" (labels with pairs only)."""
    checked: tuple[str, ...]
    """Ids of the earlier statements that "first in series" was checked against."""
    earlier: int
    """How many statements of the series come before B (some may have no text)."""
    note: str | None
    """A note when some earlier statements had no text to check against."""
    sections: tuple[SectionView, ...]
    """The pairs shown, grouped by consecutive section."""
    empty: str | None
    """What to say when no pair is shown; None when some are."""
    legend: tuple[LegendItem, ...]
    """The signs used (none when no sign is shown)."""

    @property
    def pairs(self) -> Iterator[PairView]:
        """The pairs shown, in order."""
        for section in self.sections:
            yield from section.pairs


def history_note(cmp: Comparison) -> str | None:
    """A note when some earlier statements had no text to check new language against."""
    if len(cmp.history) == cmp.history_total:
        return None
    return (f"history covers {len(cmp.history)} of {cmp.history_total} earlier statements "
            "(the others have no text yet): \"first in series\" is relative to those")


def _statement(seg: Segmented) -> StatementView:
    st: Statement = seg.statement
    return StatementView(st.id, st.date, st.title, st.series, seg.text)


def _clause(seg: Segmented, side: Literal["A", "B"], index: int) -> ClauseView:
    c = seg.clauses[index]
    return ClauseView(side, c.index, c.start, c.end, seg.text[c.start:c.end], c.section)


def _mark(b: Segmented, phrase: NewPhrase, best: frozenset[int] | None) -> Mark:
    s = phrase.span
    shown = best is None or not phrase.first_in_series or id(phrase) in best
    return Mark(s.start, s.end, b.text[s.start:s.end], s.key, phrase.kind, phrase.last_seen,
                phrase.score, shown)


def _best(cmp: Comparison, top_new: int | None) -> frozenset[int] | None:
    """id() of B's top_new first-in-series phrases by score, of MIN_SCORE or more (None:
    all)."""
    if top_new is None:
        return None
    firsts = [n for pd in cmp.pairs for n in pd.new if n.first_in_series
              and n.score >= MIN_SCORE]
    firsts.sort(key=lambda n: (-n.score, n.span.start))
    return frozenset(id(n) for n in firsts[:top_new])


def _first_runs(b: Segmented, marks: Sequence[Mark]) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in marks if m.first_in_series and m.shown]


def _first_offsets(clauses: Sequence[ClauseView], firsts: Sequence[Span],
                   ) -> list[tuple[int, int]]:
    """First-in-series runs as offsets into the clauses joined by one space."""
    bases, pos = [], 0
    for c in clauses:
        bases.append((c.start, c.end, pos))
        pos += c.end - c.start + 1
    return [(f.start - start + base, f.end - start + base)
            for f in firsts for start, end, base in bases if start <= f.start and f.end <= end]


def _pieces(changes: Sequence[Change], spans: Sequence[tuple[int, int]]) -> tuple[Piece, ...]:
    """The changes cut where first-in-series runs (sorted, apart) begin and end."""
    if not spans:
        return tuple(Piece(c.text, c.op, False, False) for c in changes if c.text)
    starts = [s for s, _ in spans]
    cuts = sorted({x for span in spans for x in span})
    found: list[Piece] = []
    pos = 0
    for change in changes:
        if change.op == "delete":
            found.append(Piece(change.text, "delete", False, False))
            continue
        end = pos + len(change.text)
        points = [pos, *cuts[bisect.bisect_right(cuts, pos):bisect.bisect_left(cuts, end)], end]
        for lo, hi in pairwise(points):
            k = bisect.bisect_right(starts, lo) - 1  # the last run starting at or before lo
            inside = k >= 0 and hi <= spans[k][1]
            found.append(Piece(change.text[lo - pos:hi - pos], change.op, inside,
                               k >= 0 and starts[k] == lo))
        pos = end
    return tuple(p for p in found if p.text)


def _where(a: Sequence[ClauseView], b: Sequence[ClauseView]) -> str:
    return " → ".join(x for x in (",".join(c.label for c in a), ",".join(c.label for c in b))
                      if x)


def _pair(cmp: Comparison, rank: int, context: ClauseView | None,
          best: frozenset[int] | None) -> PairView:
    pd = cmp.pairs[rank]
    p = pd.pair
    a = tuple(_clause(cmp.a, "A", i) for i in p.a)
    b = tuple(_clause(cmp.b, "B", j) for j in p.b)
    marks = tuple(_mark(cmp.b, n, best) for n in pd.new)
    runs = _first_runs(cmp.b, marks) if marks else []
    return PairView(
        rank=rank, op=p.op, symbol=OP_SYMBOL[p.op], a=a, b=b, similarity=p.similarity,
        section=(b or a)[0].section, where=_where(a, b),
        changes=pd.changes,
        marks=marks,
        firsts=tuple(Span(lo, hi, cmp.b.text[lo:hi]) for lo, hi in runs),
        returns=tuple(m for m in marks if not m.first_in_series), context=context)


def _shown(cmp: Comparison, everything: bool, only: Sequence[str]) -> list[int]:
    """Ranks of the pairs to show: those with the labels in only, else the changes (all with
    everything)."""
    if only:
        return [k for k, p in enumerate(cmp.pairs) if p.pair.op in only]
    return [k for k, p in enumerate(cmp.pairs) if everything or p.pair.op != "unchanged"]


def _context(cmp: Comparison, rank: int) -> ClauseView | None:
    before = cmp.pairs[rank - 1].pair if rank else None
    if before is None or before.op != "unchanged":
        return None
    return _clause(cmp.b, "B", before.b[0])


def _sections(pairs: Sequence[PairView]) -> tuple[SectionView, ...]:
    sections: list[SectionView] = []
    start = 0
    for k in range(1, len(pairs) + 1):
        if k == len(pairs) or pairs[k].section != pairs[start].section:
            sections.append(SectionView(pairs[start].section, tuple(pairs[start:k])))
            start = k
    return tuple(sections)


TOP_NEW = 10
"""How many first-in-series units of B the report marks by default (the best by score)."""
MIN_SCORE = 2.0
"""Below this score a unit is not marked by default even among the best TOP_NEW: common words
in a new combination ("recent weeks"), often all a short statement has that is new."""


def build_compare_view(cmp: Comparison, *, everything: bool = False,
                       only: Sequence[str] = (), top_new: int | None = TOP_NEW,
                       ) -> CompareView:
    """The view of the pairs with the labels in only, else of the changes (of every pair with
    everything); in the default view each change carries the unchanged clause before it.
    top_new: how many of B's first-in-series units to mark, best first (None: all); every
    unit is in the pairs' marks, with shown telling which are marked."""
    with_context = not everything and not only
    best = _best(cmp, top_new)
    pairs = [_pair(cmp, k, _context(cmp, k) if with_context else None, best)
             for k in _shown(cmp, everything, only)]
    counts = cmp.summary
    return CompareView(
        a=_statement(cmp.a), b=_statement(cmp.b), pipeline=cmp.b.pipeline,
        summary=tuple(Count(label, counts[label]) for label in LABELS),
        summary_line=", ".join(f"{n} {label}" for label, n in counts.items() if n)
        or "no clauses",
        checked=cmp.history, earlier=cmp.history_total, note=history_note(cmp),
        sections=_sections(pairs),
        empty=None if pairs else ("nothing to show" if only else "no differences"),
        legend=(LegendItem(MARK_FIRST, "language first used in the series"),)
        if any(p.firsts for p in pairs) else ())
