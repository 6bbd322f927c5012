"""compare(): what changed between two segmented statements, and what language is new. Pure.

The alignment (align.py) pairs the clauses, worddiff.py gives the word-level changes of each
pair, and phrases.py finds the language in B that the series had never used ("first in
series") or that A lacks but an earlier statement had ("returns"), attached to the pair whose
B clauses hold it.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from stmtdiff.compare.align import Alignment, AlignOptions, Pair, align
from stmtdiff.compare.novelty import RarityOf, general_rarity
from stmtdiff.compare.phrases import (
    KeysOf,
    NewPhrase,
    SpansOf,
    new_in_series,
    phrase_keys,
    statement_phrases,
)
from stmtdiff.compare.worddiff import Change, word_diff
from stmtdiff.errors import InputError
from stmtdiff.model import Segmented, Statement

__all__ = [
    "Comparison",
    "PairDiff",
    "check_comparable",
    "check_pair",
    "compare",
    "earlier_than",
]


@dataclass(frozen=True)
class PairDiff:
    """One aligned pair with its word-level changes and the new language in its B clauses."""

    pair: Pair
    """The clauses paired and what happened to them."""
    changes: tuple[Change, ...]
    """Word-level changes from A's clauses to B's (all equal, insert or delete when one side is
    empty or the texts are the same)."""
    new: tuple[NewPhrase, ...]
    """Phrases of B's clauses new to the series or back after an absence, in text order."""


@dataclass(frozen=True)
class Comparison:
    """Statement a compared with statement b."""

    a: Segmented
    """The older (or first given) statement."""
    b: Segmented
    """The statement compared with it; new language is looked for in it."""
    alignment: Alignment
    """The clause alignment."""
    pairs: tuple[PairDiff, ...]
    """The pairs with their changes, in the alignment's order."""
    history: tuple[str, ...]
    """Ids of the earlier statements of the series that "first in series" was checked against."""
    history_total: int
    """How many statements of the series come before b (some may have had no text)."""

    @property
    def summary(self) -> dict[str, int]:
        """Pairs per label."""
        return self.alignment.counts

    @property
    def changed(self) -> bool:
        """Whether any pair is other than unchanged."""
        return any(p.pair.op != "unchanged" for p in self.pairs)


def earlier_than(target: Segmented, series: Sequence[Segmented]) -> list[Segmented]:
    """The statements of the series dated before the target, oldest first."""
    key = target.statement.sort_key
    found = [s for s in series if s.statement.sort_key < key]
    return sorted(found, key=lambda s: s.statement.sort_key)


def check_pair(a: Statement, b: Statement, *, names: tuple[str, str] | None = None) -> None:
    """InputError for statements of two series or the same statement twice; names are how
    the caller named them (default: their ids)."""
    if a.series != b.series:
        raise InputError(f"{a.id} is in series {a.series} and {b.id} in {b.series}",
                         "compare two statements of one series")
    if a.id == b.id:
        first, second = names or (a.id, b.id)
        raise InputError(f"{first} and {second} are the same statement ({a.series} {a.id})",
                         "give two different statements, e.g. stmtdiff compare previous latest")


def check_comparable(a: Segmented, b: Segmented) -> None:
    """InputError for statements of two series, the same statement twice, or a statement of
    fewer than two clauses."""
    check_pair(a.statement, b.statement)
    for seg in (a, b):
        if len(seg.clauses) < 2:
            what = "no clauses" if not seg.clauses else "only one clause"
            raise InputError(f"{seg.statement.series} {seg.statement.id} has {what}: "
                             "nothing to align", "check its text with stmtdiff show "
                             f"{seg.statement.id}")


def compare(a: Segmented, b: Segmented, history: Sequence[Segmented] = (), *,
            options: AlignOptions | None = None, history_total: int | None = None,
            keys_of: KeysOf = phrase_keys, spans_of: SpansOf = statement_phrases,
            rarity_of: RarityOf = general_rarity) -> Comparison:
    """Compare a with b; history holds earlier statements of the series (others are ignored).

    keys_of gives the phrase keys of history statements (phrases.phrase_keys, or a cache),
    spans_of the phrases of b (phrases.statement_phrases, or a cache), rarity_of the
    general-English frequency of b's words (novelty.general_rarity, or a cache).
    """
    check_comparable(a, b)
    alignment = align(a, b, options)
    earlier = earlier_than(b, history)
    found = new_in_series(b, earlier, against=a, keys_of=keys_of, spans_of=spans_of,
                          rarity_of=rarity_of)
    starts = [p.span.start for p in found]
    pairs = tuple(PairDiff(p, _changes(a, b, p), _inside(b, p, found, starts))
                  for p in alignment.pairs)
    return Comparison(a, b, alignment, pairs, tuple(s.statement.id for s in earlier),
                      len(earlier) if history_total is None else history_total)


def _joined(seg: Segmented, indexes: Sequence[int]) -> str:
    return " ".join(seg.clause_text(seg.clauses[i]) for i in indexes)


def _changes(a: Segmented, b: Segmented, pair: Pair) -> tuple[Change, ...]:
    old, new = _joined(a, pair.a), _joined(b, pair.b)
    if not pair.a:
        return (Change("insert", new),)
    if not pair.b:
        return (Change("delete", old),)
    if pair.op == "unchanged":
        return (Change("equal", new),)
    return word_diff(old, new)


def _inside(b: Segmented, pair: Pair, found: Sequence[NewPhrase], starts: Sequence[int],
            ) -> tuple[NewPhrase, ...]:
    """The phrases that lie inside the pair's B clauses (found in text order, starts their
    start offsets: built once per comparison, so each pair costs its own clauses only)."""
    result: list[NewPhrase] = []
    for clause in (b.clauses[j] for j in pair.b):
        lo, hi = bisect.bisect_left(starts, clause.start), bisect.bisect_left(starts, clause.end)
        result.extend(p for p in found[lo:hi] if p.span.end <= clause.end)
    return tuple(result)
