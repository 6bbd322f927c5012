"""What a statement says for the first time in its series, ranked for an analyst. Pure.

Built on phrases.new_in_series (content-word n-grams, noun chunks, named entities; the minimal
new ones). Each phrase is scored: the mean rarity of its content words across the series
(log((N + 1) / df), N statements, df those with the word), a little for length, a bonus for a
named entity or a noun chunk and for a verb of commitment or concern, a penalty for a bare
number. Phrases that the previous statement lacks but an earlier one has are "returns", with
the statement that last had them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from stmtdiff.compare.phrases import KeysOf, NewPhrase, PhraseSpan, new_in_series, phrase_keys
from stmtdiff.model import Segmented, Statement

__all__ = ["COMMITMENT_VERBS", "Novel", "NovelPhrase", "novel"]

_VERBS = """
acknowledge affirm call commit condemn concern confirm deplore deter ensure express oppose pledge
reaffirm recognize reject resolve seek stress support underscore urge welcome worry
"""
COMMITMENT_VERBS = frozenset(_VERBS.split())
"""Verbs of commitment and concern: a phrase with one ranks higher."""
ENTITY_BONUS, CHUNK_BONUS, VERB_BONUS, NUMBER_PENALTY = 1.5, 0.3, 1.0, 2.0


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
          keys_of: KeysOf = phrase_keys) -> Novel:
    """The target's phrases new to the series (and those back after an absence), ranked.

    earlier: the statements of the series before the target, oldest first. keys_of: the phrase
    keys of a statement (phrases.phrase_keys, or a cache in front of it).
    """
    against = earlier[-1] if earlier else None
    found = new_in_series(target, earlier, against=against, keys_of=keys_of)
    df = _document_frequency([*earlier, target])
    groups: dict[tuple[str, bool], list[NewPhrase]] = {}
    for phrase in found:
        groups.setdefault((phrase.span.key, phrase.last_seen is None), []).append(phrase)
    ranked = sorted((_scored(target, g[0], len(g), df, len(earlier) + 1)
                     for g in groups.values()),
                    key=lambda n: (-n.score, -n.occurrences, n.span.start))
    return Novel(target.statement, None if against is None else against.statement,
                 tuple(s.statement for s in earlier),
                 tuple(n for n in ranked if n.last_seen is None),
                 tuple(n for n in ranked if n.last_seen is not None))


def _document_frequency(segs: Sequence[Segmented]) -> dict[str, int]:
    df: dict[str, int] = {}
    for seg in segs:
        for norm in {t.norm for c in seg.clauses for t in c.tokens}:
            df[norm] = df.get(norm, 0) + 1
    return df


def _scored(seg: Segmented, found: NewPhrase, occurrences: int, df: dict[str, int],
            n_docs: int) -> NovelPhrase:
    span = found.span
    clause = next((c for c in seg.clauses if c.start <= span.start < c.end), seg.clauses[-1])
    tokens = [t for t in clause.tokens if span.start <= t.start < span.end and not t.stop]
    rarity = [math.log((n_docs + 1) / df.get(t.norm, 1)) for t in tokens] or [0.0]
    score = sum(rarity) / len(rarity) + 0.1 * len(tokens)
    score += {"entity": ENTITY_BONUS, "chunk": CHUNK_BONUS}.get(span.kind, 0.0)
    if any(t.norm in COMMITMENT_VERBS for t in tokens):
        score += VERB_BONUS
    if not any(ch.isalpha() for ch in span.key):
        score -= NUMBER_PENALTY
    return NovelPhrase(span, clause.index, occurrences, round(score, 3), found.last_seen)
