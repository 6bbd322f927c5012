"""What a statement says for the first time in its series, ranked for an analyst. Pure.

Built on phrases.new_in_series: the units of new language (whole names, noun chunks, rare
words) with the score of compare.novelty, the one ranking that compare's marks use too.
Phrases that the previous statement lacks but an earlier one has are "returns" (names and
phrases of two words or more), with the statement that last had them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from stmtdiff.compare.novelty import STANCE_VERBS, RarityOf, UnitKind, folded_words, general_rarity
from stmtdiff.compare.phrases import (
    KeysOf,
    NewPhrase,
    PhraseSpan,
    SpansOf,
    new_in_series,
    phrase_keys,
    statement_phrases,
)
from stmtdiff.model import Segmented, Statement

__all__ = ["COMMITMENT_VERBS", "Novel", "NovelPhrase", "novel"]

COMMITMENT_VERBS = STANCE_VERBS
"""Verbs of commitment and concern: a phrase with one ranks higher."""


@dataclass(frozen=True)
class NovelPhrase:
    """A phrase of a statement that no earlier statement has, or that returns after an absence."""

    span: PhraseSpan
    """The phrase's first occurrence (offsets into the statement's text)."""
    clause: int
    """The index of the clause holding it (its first occurrence)."""
    occurrences: int
    """How many times the statement has it (same key)."""
    score: float
    """How much an analyst should care: rarer words, names, commitment verbs score higher."""
    last_seen: str | None
    """None when it is new to the series, else the latest earlier statement that has it."""
    kind: UnitKind = "phrase"
    """What it is: name, acronym, number (with a unit), chunk, phrase, word or date."""


@dataclass(frozen=True)
class Novel:
    """The new and returning phrases of one statement."""

    statement: Statement
    """The statement."""
    against: Statement | None
    """The statement before it (returning phrases are those it lacks)."""
    checked: tuple[Statement, ...]
    """The earlier statements searched."""
    first_in_series: tuple[NovelPhrase, ...]
    """Phrases no earlier statement has, best first."""
    returns: tuple[NovelPhrase, ...]
    """Phrases the previous statement lacks but an earlier one has, best first."""


def novel(target: Segmented, earlier: Sequence[Segmented], *,
          keys_of: KeysOf = phrase_keys, spans_of: SpansOf = statement_phrases,
          rarity_of: RarityOf = general_rarity) -> Novel:
    """The target's language new to the series (and phrases back after an absence), ranked.

    earlier: the statements of the series before the target, oldest first. keys_of, spans_of,
    rarity_of: as phrases.new_in_series takes them (caches may stand in).
    """
    against = earlier[-1] if earlier else None
    found = new_in_series(target, earlier, against=against, keys_of=keys_of, spans_of=spans_of,
                          rarity_of=rarity_of)
    folded = folded_words(target.text)
    ranked = sorted((_ranked(target, folded, p) for p in found),
                    key=lambda n: (-n.score, -n.occurrences, n.span.start))
    return Novel(target.statement, None if against is None else against.statement,
                 tuple(s.statement for s in earlier),
                 tuple(n for n in ranked if n.last_seen is None),
                 tuple(n for n in ranked if n.last_seen is not None))


def _ranked(seg: Segmented, folded: str, found: NewPhrase) -> NovelPhrase:
    """found with its clause and how often the statement (folded: its folded_words) has it."""
    span = found.span
    clause = next((c for c in seg.clauses if c.start <= span.start < c.end), seg.clauses[-1])
    occurrences = folded.count(f" {span.surface} ") or 1
    return NovelPhrase(span, clause.index, occurrences, found.score, found.last_seen,
                       found.kind)
