"""Attribution (compare --attribute): which earlier statement first carried a clause's wording.

A clause of B is attributed to the earliest statement (of those given, oldest first) that
shares a run of at least MIN_RUN of its content words with it, in the same order and side by
side once function words (words.STOP_WORDS) are left out; words are those of the term
index (runs of word characters of the typography-folded text), compared in lower case. The
attribution gives the longest such run in that statement: where it stands there and in B, and
its length. A clause sharing no such run with any statement is new in B.

The statements' runs of MIN_RUN words are indexed once (a dict of word tuples), so each clause
looks up its own runs instead of being compared with every clause of every statement.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from stmtdiff.model import Segmented, Statement
from stmtdiff.segment.normalize import fold
from stmtdiff.words import STOP_WORDS, WORD

__all__ = ["MIN_RUN", "Attribution", "Shared", "attribute", "content_words"]

MIN_RUN = 6
"""Content words in sequence a statement must share with a clause to be its source."""

Word = tuple[str, int, int]
"""A content word: lower-case folded text, start, end (offsets into its statement's text)."""


@dataclass(frozen=True)
class Shared:
    """The longest run of content words a clause of B shares with its source."""

    start: int
    """Offset of the run's first word in the source statement's text."""
    end: int
    """Offset one past its last word there."""
    b_start: int
    """Offset of the run's first word in B's text."""
    b_end: int
    """Offset one past its last word in B's text."""
    words: int
    """Its content words."""


@dataclass(frozen=True)
class Attribution:
    """Which statement first carried the wording of a changed clause of B."""

    clause: int
    """The index of the clause of B."""
    statement: Statement
    """The earliest statement sharing a run of MIN_RUN content words with it, else B itself."""
    source_clause: int | None
    """The clause of that statement holding the run's first word (None when new in B, or when
    the word stands outside every clause, as in a heading)."""
    shared: Shared | None
    """The longest run shared with that statement (None when new in B)."""
    clause_words: int
    """The content words of the clause of B."""

    @property
    def new(self) -> bool:
        """Whether no statement shares a run of MIN_RUN content words with the clause."""
        return self.shared is None


def content_words(text: str) -> list[Word]:
    """The content words of a text, in order (the term index's words without STOP_WORDS)."""
    found = ((m.group().lower(), m.start(), m.end()) for m in WORD.finditer(fold(text)))
    return [w for w in found if w[0] not in STOP_WORDS]


def _words(text: str) -> list[str]:
    """The words of content_words(text) alone (no offsets: quicker)."""
    return [w for w in (m.lower() for m in WORD.findall(fold(text))) if w not in STOP_WORDS]


def attribute(b: Segmented, clauses: Sequence[int], between: Sequence[Segmented], *,
              min_run: int = MIN_RUN) -> tuple[Attribution, ...]:
    """For each given clause of b, the earliest statement of between (oldest first) sharing
    a run of at least min_run content words with it, with the longest such run there."""
    texts = [_words(seg.text) for seg in between]
    grams: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    for s, words in enumerate(texts):
        for p in range(len(words) - min_run + 1):
            grams.setdefault(tuple(words[p:p + min_run]), []).append((s, p))
    b_words = content_words(b.text)
    b_starts = [start for _, start, _ in b_words]
    result = []
    for index in clauses:
        clause = b.clauses[index]
        lo = bisect.bisect_left(b_starts, clause.start)
        hi = bisect.bisect_left(b_starts, clause.end)
        mine = b_words[lo:hi]
        best = _longest_runs([w for w, _, _ in mine], texts, grams, min_run)
        if not best:
            result.append(Attribution(index, b.statement, None, None, len(mine)))
            continue
        s = min(best)
        length, i, p = best[s]
        seg = between[s]
        where = content_words(seg.text)
        shared = Shared(where[p][1], where[p + length - 1][2], mine[i][1],
                        mine[i + length - 1][2], length)
        result.append(Attribution(index, seg.statement, _clause_at(seg, shared.start), shared,
                                  len(mine)))
    return tuple(result)


def _longest_runs(words: Sequence[str], texts: Sequence[Sequence[str]],
                  grams: dict[tuple[str, ...], list[tuple[int, int]]], min_run: int,
                  ) -> dict[int, tuple[int, int, int]]:
    """Per statement sharing a run of at least min_run words with words: (length, start in
    words, start in the statement) of its longest, the first of equal ones."""
    best: dict[int, tuple[int, int, int]] = {}
    for i in range(len(words) - min_run + 1):
        for s, p in grams.get(tuple(words[i:i + min_run]), ()):
            other = texts[s]
            if i and p and words[i - 1] == other[p - 1]:
                continue  # inside a run found from its start
            length = min_run
            while (i + length < len(words) and p + length < len(other)
                   and words[i + length] == other[p + length]):
                length += 1
            if s not in best or length > best[s][0]:
                best[s] = (length, i, p)
    return best


def _clause_at(seg: Segmented, offset: int) -> int | None:
    """The index of the clause of seg holding the offset, or None."""
    starts = [c.start for c in seg.clauses]
    i = bisect.bisect_right(starts, offset) - 1
    return i if i >= 0 and offset < seg.clauses[i].end else None
