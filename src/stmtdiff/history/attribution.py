"""Attribution (compare --attribute): which earlier statement first carried a clause's wording."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from stmtdiff.cache.terms import WORD
from stmtdiff.model import Clause, Segmented, Statement
from stmtdiff.segment.normalize import fold

if TYPE_CHECKING:
    import difflib

__all__ = ["WORDING_SIMILARITY", "Attribution", "attribute"]

WORDING_SIMILARITY = 0.9
"""How alike (word-sequence ratio) a clause must be to carry the same wording."""


@dataclass(frozen=True)
class Attribution:
    """Which statement first carried the wording of a changed clause of B."""

    clause: int
    """The index of the clause of B."""
    statement: Statement
    """The earliest statement between A and B with that wording, else B itself."""
    source_clause: int
    """The index of the clause carrying it there."""
    similarity: float
    """Word-sequence similarity of the two clauses (1.0 for the same words)."""


def attribute(b: Segmented, clauses: Sequence[int], between: Sequence[Segmented], *,
              threshold: float = WORDING_SIMILARITY) -> tuple[Attribution, ...]:
    """For each given clause of b, the earliest statement of between (oldest first) that has a
    clause with the same wording (the same words in the same order, up to typography, or a
    word-sequence similarity of at least threshold); b itself where none has."""
    import difflib

    candidates = [(seg, [_clause_words(seg, c) for c in seg.clauses]) for seg in between]
    result = []
    for index in clauses:
        words = _clause_words(b, b.clauses[index])
        matcher = difflib.SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(words)
        found = Attribution(index, b.statement, index, 1.0)
        for seg, texts in candidates:
            best = _best_match(matcher, texts, threshold)
            if best is not None:
                found = Attribution(index, seg.statement, best[0], round(best[1], 3))
                break
        result.append(found)
    return tuple(result)


def _clause_words(seg: Segmented, clause: Clause) -> list[str]:
    return [m.group().lower() for m in WORD.finditer(fold(seg.clause_text(clause)))]


def _best_match(matcher: difflib.SequenceMatcher[str], texts: Sequence[list[str]],
                threshold: float) -> tuple[int, float] | None:
    best: tuple[int, float] | None = None
    for i, words in enumerate(texts):
        matcher.set_seq1(words)
        if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
            continue
        ratio = matcher.ratio()
        if ratio >= threshold and (best is None or ratio > best[1]):
            best = (i, ratio)
    return best
