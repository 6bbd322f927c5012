"""Clause alignment between two segmented statements. Pure: works on Clause tokens and offsets.

1. Similarity: IDF-weighted Dice overlap of the clauses' token norms (lowercase lemmas); the
   IDF is taken over the clauses of both statements, so words every clause has weigh little.
   Clauses whose text is equal once typography is folded and whitespace collapsed score 1.
2. Candidates: an inverted index of each clause's rarest tokens gives, for every clause of A,
   the clauses of B worth scoring (at most ``candidates`` of them): no all-pairs scoring.
3. Order: blocks (1:1 pairs, and 1:2 / 2:1 splits and merges) scoring above ``min_similarity``
   are chained into the best monotone alignment, maximising sum((similarity - min_similarity)
   * size): a clause left unpaired costs nothing, a weak pair costs more than a gap. The chain
   is found by sparse dynamic programming over the blocks (a Fenwick tree of prefix maxima),
   O(blocks log n), so long statements do not blow up quadratically.
4. Moves: clauses left over on both sides that are at least ``move_similarity`` alike are
   paired as moves (greedily, best first), edited or not.
5. Labels: unchanged, modified, moved, split, merged, and what is left: added, removed.
   Every clause of A and of B is in exactly one pair.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from stmtdiff.model import Segmented
from stmtdiff.segment.normalize import plain

__all__ = ["LABELS", "AlignOptions", "Alignment", "Label", "Pair", "align", "plain"]

Label = Literal["unchanged", "modified", "moved", "added", "removed", "split", "merged"]
LABELS: tuple[Label, ...] = ("unchanged", "modified", "moved", "split", "merged", "added",
                             "removed")


@dataclass(frozen=True)
class AlignOptions:
    """Thresholds of the alignment; vary them with dataclasses.replace."""

    min_similarity: float = 0.35
    """Pairs less alike than this are never aligned in order (the gap cost)."""
    move_similarity: float = 0.6
    """Clauses out of order are paired as a move from this similarity up."""
    candidates: int = 12
    """The most clauses of B scored against one clause of A."""
    rare_tokens: int = 5
    """How many of a clause's rarest tokens index it."""
    split_gain: float = 0.05
    """How much more alike a split or merge must be than its best 1:1 pair."""


@dataclass(frozen=True)
class Pair:
    """Clauses of A matched with clauses of B (either side may be empty)."""

    op: Label
    """What happened to the clauses."""
    a: tuple[int, ...]
    """Indexes of the clauses of A, in order."""
    b: tuple[int, ...]
    """Indexes of the clauses of B, in order."""
    similarity: float | None
    """Weighted token similarity in [0, 1]; None for added and removed clauses."""


@dataclass(frozen=True)
class Alignment:
    """The pairs of an alignment, in reading order of B (removed clauses where they stood)."""

    pairs: tuple[Pair, ...]
    """Every clause of A and of B in exactly one pair."""

    @property
    def counts(self) -> dict[str, int]:
        """How many pairs carry each label (every label present, 0 when unused)."""
        counts: dict[str, int] = dict.fromkeys(LABELS, 0)
        for pair in self.pairs:
            counts[pair.op] += 1
        return counts


@dataclass(frozen=True)
class _Block:
    a: tuple[int, ...]
    b: tuple[int, ...]
    sim: float
    score: float


class _Scorer:
    """Token bags, IDF weights and similarity of clauses and clause runs."""

    def __init__(self, a: Segmented, b: Segmented) -> None:
        self.bags = {"a": [Counter(t.norm for t in c.tokens) for c in a.clauses],
                     "b": [Counter(t.norm for t in c.tokens) for c in b.clauses]}
        self.texts = {"a": [plain(a.clause_text(c)) for c in a.clauses],
                      "b": [plain(b.clause_text(c)) for c in b.clauses]}
        df: Counter[str] = Counter()
        for bag in (*self.bags["a"], *self.bags["b"]):
            df.update(bag.keys())
        total = len(self.bags["a"]) + len(self.bags["b"])
        self.df = df
        self.idf = {t: math.log(1 + total / n) for t, n in df.items()}
        self.rarity = {t: (n, t) for t, n in df.items()}
        self.weights = {side: [{t: self.idf[t] * n for t, n in bag.items()} for bag in bags]
                        for side, bags in self.bags.items()}
        self.masses = {side: [sum(w.values()) for w in weights]  # = mass(bag), term by term
                       for side, weights in self.weights.items()}
        self._runs: dict[tuple[str, tuple[int, ...]], dict[str, float]] = {}

    def sim(self, ia: Sequence[int], ib: Sequence[int]) -> float:
        """Similarity of the runs of clauses ia (of A) and ib (of B)."""
        if len(ia) == 1 and len(ib) == 1:
            return self.sim1(ia[0], ib[0])
        if " ".join(self.texts["a"][i] for i in ia) == " ".join(self.texts["b"][j] for j in ib):
            return 1.0
        total = sum(self.masses["a"][i] for i in ia) + sum(self.masses["b"][j] for j in ib)
        if total == 0:
            return 0.0
        return _dice(self.run_weights("a", ia), self.run_weights("b", ib), total)

    def sim1(self, i: int, j: int) -> float:
        """sim((i,), (j,)), the common case."""
        if self.texts["a"][i] == self.texts["b"][j]:
            return 1.0
        total = self.masses["a"][i] + self.masses["b"][j]
        if total == 0:
            return 0.0
        return _dice(self.weights["a"][i], self.weights["b"][j], total)

    def run_weights(self, side: str, run: Sequence[int]) -> dict[str, float]:
        """The IDF-weighted token bag of a run of clauses on one side (computed once per run)."""
        if len(run) == 1:
            return self.weights[side][run[0]]
        key = (side, tuple(run))
        weights = self._runs.get(key)
        if weights is None:
            bag = _sum([self.bags[side][i] for i in run])
            weights = self._runs[key] = {t: self.idf[t] * n for t, n in bag.items()}
        return weights

    def covered(self, part: int, side: str, whole: Sequence[int]) -> float:
        """How much of clause part (on side) the other side's clauses whole contain."""
        other = self.run_weights("b" if side == "a" else "a", whole)
        mass = self.masses[side][part]
        return 0.0 if mass == 0 else sum([w if w <= (o := other.get(t, 0.0)) else o
                                          for t, w in self.weights[side][part].items()]) / mass

    def index_terms(self, bag: Counter[str], k: int, cap: float) -> set[str]:
        """The clause's k rarest tokens, and every token at most cap clauses have."""
        rarest = sorted(bag, key=self.rarity.__getitem__)[:k]
        df = self.df
        return set(rarest) | {t for t in bag if df[t] <= cap}


def _dice(w_a: dict[str, float], w_b: dict[str, float], total: float) -> float:
    """2 * shared weight / total, on IDF-weighted bags: idf * min(n, m) is min(idf * n,
    idf * m), so the figures are those of the token counts, summed in the same order."""
    if len(w_b) < len(w_a):
        w_a, w_b = w_b, w_a
    shared = sum([w if w <= w_b[t] else w_b[t] for t, w in w_a.items() if t in w_b])
    return min(0.999, 2 * shared / total)


def _sum(bags: Sequence[Counter[str]]) -> Counter[str]:
    total: Counter[str] = Counter()
    for bag in bags:
        total.update(bag)
    return total


def _candidates(sc: _Scorer, opts: AlignOptions) -> dict[int, list[int]]:
    """For each clause of A, the clauses of B that share its rare tokens or its exact text.

    A token is rare when at most max(4, sqrt(clauses)) clauses have it; a clause is also
    indexed under its few rarest tokens, so that no clause is left without entries.
    """
    cap = max(4.0, math.sqrt(len(sc.bags["a"]) + len(sc.bags["b"])))
    index: dict[str, list[int]] = defaultdict(list)
    for j, bag in enumerate(sc.bags["b"]):
        for tok in sc.index_terms(bag, opts.rare_tokens, cap):
            index[tok].append(j)
    exact: dict[str, list[int]] = defaultdict(list)
    for j, text in enumerate(sc.texts["b"]):
        exact[text].append(j)
    found: dict[int, list[int]] = {}
    for i, bag in enumerate(sc.bags["a"]):
        votes: defaultdict[int, float] = defaultdict(float)
        for tok in sc.index_terms(bag, opts.rare_tokens, cap):
            for j in index.get(tok, ()):
                votes[j] += sc.idf[tok]
        best = sorted(votes, key=lambda j: (-votes[j], j))[:opts.candidates]
        found[i] = sorted(set(best) | set(exact.get(sc.texts["a"][i], [])))
    return found


def _blocks(sc: _Scorer, opts: AlignOptions, sims: dict[tuple[int, int], float],
            ) -> list[_Block]:
    """Scored 1:1, 1:2 and 2:1 blocks above the similarity floor."""
    n_a, n_b = len(sc.bags["a"]), len(sc.bags["b"])
    blocks = []
    for (i, j), s in sims.items():
        if s > opts.min_similarity:
            blocks.append(_Block((i,), (j,), s, s - opts.min_similarity + (0.01 if s == 1 else 0)))
    seen: set[tuple[tuple[int, ...], tuple[int, ...]]] = set()
    floor = opts.min_similarity / 2
    for (i, j), s in sims.items():
        if s == 1.0 or s < floor:
            continue
        for ia, ib in (((i,), (j, j + 1)), ((i,), (j - 1, j)),
                       ((i, i + 1), (j,)), ((i - 1, i), (j,))):
            # runs ascend: their first clauses are the least, their last the greatest
            if ia[0] < 0 or ib[0] < 0 or ia[-1] >= n_a or ib[-1] >= n_b:
                continue
            if (ia[-1], ib[-1]) not in sims or (ia[0], ib[0]) not in sims:
                continue  # both parts must share rare words with the other side
            if (ia, ib) in seen:
                continue
            seen.add((ia, ib))
            block = _multi(sc, ia, ib, sims, opts)
            if block is not None:
                blocks.append(block)
    return blocks


def _multi(sc: _Scorer, ia: tuple[int, ...], ib: tuple[int, ...],
           sims: dict[tuple[int, int], float], opts: AlignOptions) -> _Block | None:
    """A split or merge block, when it is clearly better than any of its 1:1 pairs."""
    s = sc.sim(ia, ib)
    best_single = max((sims.get((x, y), 0.0) for x in ia for y in ib), default=0.0)
    if s <= opts.min_similarity or s < best_single + opts.split_gain:
        return None
    side, parts, whole = ("b", ib, ia) if len(ib) > 1 else ("a", ia, ib)
    if any(sc.covered(p, side, whole) < 0.5 for p in parts):
        return None
    return _Block(ia, ib, s, (s - opts.min_similarity) * 1.5 + (0.01 if s == 1 else 0))


def _chain(blocks: list[_Block], n_b: int) -> list[_Block]:
    """The monotone chain of blocks with the greatest total score (sparse DP, Fenwick tree)."""
    by_start = sorted(range(len(blocks)), key=lambda k: blocks[k].a[0])
    by_end = sorted(range(len(blocks)), key=lambda k: blocks[k].a[-1])
    tree = [(0.0, -1)] * (n_b + 1)
    best = [0.0] * len(blocks)
    back = [-1] * len(blocks)
    inserted = 0
    for k in by_start:
        blk = blocks[k]
        while inserted < len(by_end) and blocks[by_end[inserted]].a[-1] < blk.a[0]:
            done = by_end[inserted]
            _tree_set(tree, blocks[done].b[-1] + 1, (best[done], done))
            inserted += 1
        prev_score, prev = _tree_max(tree, blk.b[0])
        best[k], back[k] = blk.score + prev_score, prev
    if not blocks:
        return []
    k = max(range(len(blocks)), key=lambda x: best[x])
    chain = []
    while k >= 0:
        chain.append(blocks[k])
        k = back[k]
    return chain[::-1]


def _tree_set(tree: list[tuple[float, int]], pos: int, value: tuple[float, int]) -> None:
    while pos < len(tree):
        if value[0] > tree[pos][0]:
            tree[pos] = value
        pos += pos & -pos


def _tree_max(tree: list[tuple[float, int]], pos: int) -> tuple[float, int]:
    """The best (score, block) among blocks ending before B clause pos (1-based prefix)."""
    result = (0.0, -1)
    while pos > 0:
        if tree[pos][0] > result[0]:
            result = tree[pos]
        pos -= pos & -pos
    return result


def _moves(sims: dict[tuple[int, int], float], free_a: set[int], free_b: set[int],
           opts: AlignOptions) -> list[Pair]:
    """Leftover clauses paired as moves, most alike first."""
    found = sorted(((s, i, j) for (i, j), s in sims.items()
                    if s >= opts.move_similarity and i in free_a and j in free_b),
                   key=lambda x: (-x[0], x[1], x[2]))
    moves = []
    for s, i, j in found:
        if i in free_a and j in free_b:
            free_a.discard(i)
            free_b.discard(j)
            moves.append(Pair("moved", (i,), (j,), round(s, 4)))
    return moves


def _label(sc: _Scorer, blk: _Block) -> Pair:
    if blk.sim == 1.0:
        op: Label = "unchanged"
    elif len(blk.b) > 1:
        op = "split"
    elif len(blk.a) > 1:
        op = "merged"
    else:
        op = "modified"
    return Pair(op, blk.a, blk.b, round(blk.sim, 4))


def align(a: Segmented, b: Segmented, options: AlignOptions | None = None) -> Alignment:
    """Align the clauses of a with those of b."""
    opts = options or AlignOptions()
    sc = _Scorer(a, b)
    cands = _candidates(sc, opts)
    sims = {(i, j): sc.sim1(i, j) for i, js in cands.items() for j in js}
    chain = _chain(_blocks(sc, opts, sims), len(b.clauses))
    free_a = set(range(len(a.clauses))) - {i for blk in chain for i in blk.a}
    free_b = set(range(len(b.clauses))) - {j for blk in chain for j in blk.b}
    pairs = [_label(sc, blk) for blk in chain] + _moves(sims, free_a, free_b, opts)
    pairs += [Pair("removed", (i,), (), None) for i in sorted(free_a)]
    pairs += [Pair("added", (), (j,), None) for j in sorted(free_b)]
    return Alignment(tuple(_reading_order(pairs, chain)))


def _reading_order(pairs: list[Pair], chain: list[_Block]) -> list[Pair]:
    """Pairs in B's order; a removed clause goes after the B clauses of the block before it."""
    ends_a = [blk.a[-1] for blk in chain]  # the chain is monotone: both sides increase

    def key(pair: Pair) -> tuple[float, int, int]:
        if pair.b:
            return (pair.b[0], 1, pair.a[0] if pair.a else -1)
        k = bisect.bisect_left(ends_a, pair.a[0])
        return ((chain[k - 1].b[-1] if k else -1) + 0.5, 0, pair.a[0])

    return sorted(pairs, key=key)
