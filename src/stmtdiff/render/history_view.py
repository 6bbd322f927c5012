"""The history reports as data: first-mention, timeline and novel, each built once from the
domain results and walked by the text, terminal (rich) and JSON writers.

Offsets into the statement texts are kept (matches, phrases), so that a writer can link or
highlight without going back to the domain objects.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from stmtdiff.history.search import Context, FirstMention, Mode, Timeline
from stmtdiff.model import Entry, Segmented, Statement, from_rows

if TYPE_CHECKING:  # novel's ranking and the phrase kinds are not needed to import views
    from stmtdiff.compare.novelty import UnitKind
    from stmtdiff.history.novel import Novel, NovelPhrase

__all__ = ["ContextView", "FirstMentionView", "FirstView", "Match", "MentionRow", "NovelView",
           "RankedPhrase", "Stretch", "TextPiece", "TimelineRow", "TimelineView",
           "build_first_mention_view", "build_novel_view", "build_timeline_view", "per_words"]


@dataclass(frozen=True)
class Match:
    """Where a term matched."""

    start: int
    """Offset in the statement text."""
    end: int
    """Offset one past its end."""


@dataclass(frozen=True)
class TextPiece:
    """A piece of a clause, matched or not."""

    text: str
    """Its characters."""
    match: bool
    """Whether a term matched it."""


@dataclass(frozen=True)
class ContextView:
    """A clause holding matches (or the line of words outside every clause)."""

    index: int | None
    """The clause's index, or None for a line outside the clauses."""
    start: int
    """Offset of its first character in the statement text."""
    end: int
    """Offset one past its last character."""
    text: str
    """Its text."""
    matches: tuple[Match, ...]
    """The matches in it, in text order."""

    @property
    def where(self) -> str:
        """"clause 3" or "outside the clauses"."""
        return f"clause {self.index}" if self.index is not None else "outside the clauses"

    @property
    def pieces(self) -> tuple[TextPiece, ...]:
        """Its text cut at the matches."""
        pieces: list[TextPiece] = []
        pos = self.start
        for m in self.matches:
            start, end = max(m.start, pos), min(m.end, self.end)
            if start >= end:
                continue
            pieces += [TextPiece(self.text[pos - self.start:start - self.start], False),
                       TextPiece(self.text[start - self.start:end - self.start], True)]
            pos = end
        pieces.append(TextPiece(self.text[pos - self.start:], False))
        return tuple(pieces)


@dataclass(frozen=True)
class MentionRow:
    """One statement searched: how often it uses the terms, and where."""

    statement: str
    """Its id."""
    date: str
    """Its date."""
    count: int
    """Its matches."""
    contexts: tuple[ContextView, ...]
    """The clauses holding them (empty when not asked for)."""


@dataclass(frozen=True)
class FirstView:
    """The earliest statement using a term."""

    statement: str
    """Its id."""
    date: str
    """Its date."""
    title: str
    """Its title."""
    context: ContextView
    """The first clause holding a match."""


@dataclass(frozen=True)
class Stretch:
    """Consecutive statements without the terms, after the first mention."""

    first: str
    """The id of the first of them."""
    last: str
    """The id of the last (the same when the stretch is one statement)."""


@dataclass(frozen=True)
class FirstMentionView:
    """first-mention: the earliest use of the terms and every statement's count."""

    series: str
    """The series searched."""
    labels: tuple[str, ...]
    """The query as asked: terms and alias names."""
    query_label: str
    """The labels joined by " | "."""
    query: tuple[str, ...]
    """Every term searched (alias groups expanded)."""
    aliases: tuple[str, ...]
    """The alias groups asked for."""
    mode: Mode
    """How terms match."""
    first: FirstView | None
    """The earliest statement using a term, or None when none does."""
    mentions: tuple[MentionRow, ...]
    """Every statement searched, oldest first."""
    most: int
    """The largest count (0 when nothing matched)."""
    absent: tuple[str, ...]
    """Ids of the statements after the first mention without the terms."""
    stretches: tuple[Stretch, ...]
    """Runs of such statements."""
    skipped: tuple[str, ...]
    """Ids of the statements without a text."""


def _context(ctx: Context) -> ContextView:
    return ContextView(ctx.index, ctx.start, ctx.end, ctx.text,
                       tuple(Match(a, b) for a, b in ctx.matches))


def build_first_mention_view(result: FirstMention, *, series: str, labels: Sequence[str],
                             query: Sequence[str], aliases: Sequence[str], mode: Mode,
                             skipped: Sequence[Entry]) -> FirstMentionView:
    """The view of a first-mention result."""
    first = result.first
    mentions = from_rows(MentionRow, ((m.statement.id, m.statement.date, m.count,
                                       tuple(_context(c) for c in m.contexts) if m.contexts
                                       else ()) for m in result.mentions))
    return FirstMentionView(
        series=series, labels=tuple(labels), query_label=" | ".join(labels), query=tuple(query),
        aliases=tuple(aliases), mode=mode,
        first=None if first is None else FirstView(
            first.statement.id, first.statement.date, first.statement.title,
            _context(first.contexts[0])),
        mentions=mentions, most=max((m.count for m in mentions), default=0),
        absent=tuple(st.id for st in result.absent),
        stretches=tuple(Stretch(a.id, b.id) for a, b in result.stretches),
        skipped=tuple(st.id for st in skipped))


class TimelineRow(NamedTuple):
    """One statement's counts. A named tuple, not a dataclass: a series of 10,000 statements
    makes 10,000 of them, at less than half the cost."""

    statement: str
    """Its id."""
    date: str
    """Its date."""
    counts: tuple[int, ...]
    """Its count per column."""
    words: int = 0
    """Its words, as the term index cuts them (the denominator of the rates; 0 when not read:
    the plain and terminal tables show counts only)."""
    rates: tuple[float, ...] = ()
    """Its count per column per TimelineView.per words (empty without per)."""


@dataclass(frozen=True)
class TimelineView:
    """timeline: a statement-by-term table of counts."""

    series: str
    """The series searched."""
    terms: tuple[str, ...]
    """The columns: a term, or an alias name."""
    mode: Mode
    """How terms match."""
    rows: tuple[TimelineRow, ...]
    """Every statement searched, oldest first."""
    most: tuple[int, ...]
    """Each column's largest count (bars are scaled to it)."""
    skipped: tuple[str, ...]
    """Ids of the statements without a text."""
    per: int | None = None
    """With --per N: rates are counts per N words, and they are shown instead of counts."""

    def values(self, row: TimelineRow) -> tuple[float, ...]:
        """What is shown per column of a row: its rates with per, else its counts."""
        return row.rates if self.per else row.counts

    def cell(self, value: float) -> str:
        """A shown value as text: a count, or a rate with two decimals."""
        return f"{value:.2f}" if self.per else str(value)

    @property
    def top(self) -> tuple[float, ...]:
        """Each column's largest shown value (bars are scaled to it)."""
        if not self.per:
            return self.most
        return tuple(max((r.rates[i] for r in self.rows), default=0.0)
                     for i in range(len(self.terms)))


def per_words(count: int, words: int, per: int = 1000) -> float:
    """A count per `per` words of a statement of `words` words (0 for an empty statement);
    rounded to 4 decimals, so that every output gives the same figure."""
    return round(per * count / words, 4) if words else 0.0


def build_timeline_view(tl: Timeline, *, series: str, mode: Mode,
                        skipped: Sequence[Entry], words: Mapping[str, int] | None = None,
                        per: int | None = None) -> TimelineView:
    """The view of a timeline; words gives each statement's word count by id (the index's,
    Workspace.word_counts), per the rate's denominator (timeline --per)."""
    sizes = words or {}
    if per:
        rows = tuple(TimelineRow(st.id, st.date, counts, sizes.get(st.id, 0),
                                 tuple(per_words(c, sizes.get(st.id, 0), per) for c in counts))
                     for st, counts in tl.rows)
    else:
        rows = tuple(TimelineRow(st.id, st.date, counts, sizes.get(st.id, 0))
                     for st, counts in tl.rows)
    most = tuple(max((r.counts[i] for r in rows), default=0) for i in range(len(tl.labels)))
    return TimelineView(series, tl.labels, mode, rows, most,
                        tuple(st.id for st in skipped), per)


@dataclass(frozen=True)
class RankedPhrase:
    """A phrase of the statement new to the series or back after an absence, with its rank."""

    start: int
    """Offset of its first content word in the statement text."""
    end: int
    """Offset one past its last content word."""
    text: str
    """The statement's text between the offsets."""
    key: str
    """Its normalised form (content-word lemmas)."""
    kind: UnitKind
    """name, acronym, number (with a unit), chunk, phrase, word or date."""
    clause: int
    """The index of the clause holding its first occurrence."""
    occurrences: int
    """How many times the statement has it."""
    score: float
    """How much an analyst should care (higher first)."""
    last_seen: str | None
    """None when new to the series, else the latest earlier statement that has it."""


@dataclass(frozen=True)
class NovelView:
    """novel: a statement's phrases new to its series, and those back after an absence."""

    series: str
    """The series."""
    statement: str
    """The statement's id."""
    date: str
    """Its date."""
    title: str
    """Its title."""
    against: str | None
    """The id of the statement before it (returning phrases are those it lacks)."""
    checked: tuple[str, ...]
    """Ids of the earlier statements searched."""
    skipped: tuple[str, ...]
    """Ids of the earlier statements without a text."""
    first_in_series: tuple[RankedPhrase, ...]
    """New phrases, best first (at most the limit)."""
    first_total: int
    """How many new phrases there are in all."""
    returns: tuple[RankedPhrase, ...]
    """Returning phrases, best first (at most the limit)."""
    returns_total: int
    """How many returning phrases there are in all."""


def _ranked(seg: Segmented, p: NovelPhrase) -> RankedPhrase:
    s = p.span
    return RankedPhrase(s.start, s.end, seg.text[s.start:s.end], s.key, p.kind, p.clause,
                        p.occurrences, p.score, p.last_seen)


def build_novel_view(result: Novel, seg: Segmented, *, limit: int,
                     skipped: Sequence[Statement]) -> NovelView:
    """The view of a novel result, at most limit phrases of each kind (0: all)."""
    st = result.statement

    def top(items: Sequence[NovelPhrase]) -> tuple[RankedPhrase, ...]:
        return tuple(_ranked(seg, p) for p in (items[:limit] if limit else items))

    return NovelView(
        series=st.series, statement=st.id, date=st.date, title=st.title,
        against=None if result.against is None else result.against.id,
        checked=tuple(s.id for s in result.checked), skipped=tuple(s.id for s in skipped),
        first_in_series=top(result.first_in_series), first_total=len(result.first_in_series),
        returns=top(result.returns), returns_total=len(result.returns))
