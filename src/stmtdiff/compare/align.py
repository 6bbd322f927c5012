"""Clause alignment between two segmented statements. Pure: works on Clause tokens and offsets.

1. Similarity: IDF-weighted Dice overlap of the clauses' token norms (lowercase lemmas, and for
   content words their Snowball stems: "integration" and "integrate" are one) and of
   their pairs of consecutive content words ("price cap"); the IDF is taken over the clauses of
   both statements, so words every clause has weigh little, and stop words and the openings
   that say who speaks and how ("we", "the two leaders", "reaffirm", "welcomed") weigh a fifth
   of a content word: "We reiterate X" and "The leaders reiterated X" are alike by X alone.
   A name spelled out whose initials spell an acronym of either statement reads as that
   acronym: "the International Atomic Energy Agency" and "the IAEA" are one word.
   Clauses whose text is equal once typography is folded and whitespace collapsed score 1.
2. Candidates: an inverted index of each clause's rarest tokens gives, for every clause of A,
   the clauses of B worth scoring (at most ``candidates`` of them), from anywhere in B: no
   all-pairs scoring. Margin rule: a candidate pair is kept only when it is nearly as alike
   (``margin``) as the best partner of each of its clauses, so a clause goes to its best
   partner, not the first acceptable one (East and South China Sea).
3. Order: blocks (1:1 pairs, 1:2 / 2:1 splits and merges, and 2:2 pairs of clauses whose
   boundary moved, labelled modified) scoring above ``min_similarity``
   are chained into the best monotone alignment, maximising sum((similarity - min_similarity)
   * size): a clause left unpaired costs nothing, a weak pair costs more than a gap. The chain
   is found by sparse dynamic programming over the blocks (a Fenwick tree of prefix maxima),
   O(blocks log n), so long statements do not blow up quadratically.
4. Rescue: clauses left over on both sides that are each other's best partner among the
   clauses still unpaired (a leftover whose best partner overall is taken may be the best of
   another leftover) and at least ``rescue_similarity`` alike join the chain where they fit its
   order (reworded in place).
5. Moves: clauses still left over are paired as moves (greedily, best first) when at least
   ``move_similarity`` alike, or ``rescue_move`` when each other's best partner among the
   leftovers and both whole sentences: a fragment sharing a few words with a sentence
   elsewhere is chance, not a move.
6. Groups from anywhere: a clause still left over joins the pair of its best partner (a split
   or merge, the parts need not be adjacent) when that pair holds enough of its words and it
   brings words of the pair's single clause that the pair lacked. A leftover clause of a
   sentence whose other clause is paired joins that pair when the pair's other side holds
   ``mate_cover`` of its words (the rest of a reworded sentence).
7. Labels: unchanged, modified, moved, split, merged, and what is left: added, removed.
   Every clause of A and of B is in exactly one pair.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple

import Stemmer

from stmtdiff.model import Segmented, Token
from stmtdiff.segment.normalize import plain

__all__ = ["LABELS", "AlignOptions", "Alignment", "Label", "Pair", "align", "plain"]

Label = Literal["unchanged", "modified", "moved", "added", "removed", "split", "merged"]
LABELS: tuple[Label, ...] = ("unchanged", "modified", "moved", "split", "merged", "added",
                             "removed")


@dataclass(frozen=True)
class AlignOptions:
    """Thresholds of the alignment; vary them with dataclasses.replace."""

    min_similarity: float = 0.3
    """Pairs less alike than this are never aligned in order (the gap cost)."""
    move_similarity: float = 0.6
    """Clauses out of order are paired as a move from this similarity up."""
    candidates: int = 12
    """The most clauses of B scored against one clause of A."""
    rare_tokens: int = 5
    """How many of a clause's rarest tokens index it."""
    split_gain: float = 0.05
    """How much more alike a split or merge must be than its best 1:1 pair."""
    margin: float = 0.05
    """A pair is considered only when it is at most this much less alike than the best partner
    of each of its clauses."""
    rescue_similarity: float = 0.25
    """Clauses that are each other's best partner are paired from this similarity up."""
    rescue_move: float = 0.25
    """Out of order, clauses that are each other's best partner are a move from this up."""
    sure: float = 0.0
    """How much more alike than either clause's runner-up a rescued pair must be."""
    attach_similarity: float = 0.2
    """A leftover clause joins its best partner's pair (a split or merge) from this similarity
    up, when the pair's clauses hold attach_cover of its words."""
    attach_cover: float = 0.3
    """The part of a leftover clause's weighted words the pair must hold for it to join."""
    attach_gain: float = 0.15
    """How much more of the pair's single clause (its weighted words) the other side must hold
    with the leftover clauses joined than without them."""
    mate_cover: float = 0.1
    """A leftover clause joins the pair of a clause of its sentence when the pair's other side
    holds this part of its weighted words."""


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


LIGHT = 0.2
"""The weight of stop words and of speaker and reporting words, relative to content words."""
_BOILERPLATE = re.compile(
    r"(?:reaffirm|reiterat|welcom|note[ds]?$|noting|commit|stress|underlin|underscor|emphasi[sz]"
    r"|recogni[sz]|acknowledg|express|remain|continu|recall|highlight|affirm|renew|leader"
    r"|minister|two$|today$|also$|we$|our$|us$)")
"""Openings that say who speaks and how (any tense), not what: "the two leaders reiterated"."""


class _Block(NamedTuple):
    """A run of clauses of A matched with a run of B (a named tuple: dataclass creation costs
    a warm compare more than the blocks it would make)."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    sim: float
    score: float


PAIR = 0.5
"""The weight of two content words in a row ("price cap"), relative to a content word."""


_STEMMER = Stemmer.Stemmer("english")


def _light(t: Token) -> bool:
    """Whether a token is a stop word or a speaker or reporting word."""
    return t.stop or _BOILERPLATE.match(t.norm) is not None


def _keys(tokens: Sequence[Token]) -> list[tuple[str, bool]]:
    """What each token is compared by, and whether it is light: a content word by the
    Snowball stem of its lemma ("integration" and "integrate", "heroic" and "heroically" are
    one), a stop word or a speaker or reporting word (light) by its lemma."""
    return [(t.norm, True) if _light(t) else (str(_STEMMER.stemWord(t.norm)), False)
            for t in tokens]


_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,6}s?\b")
"""A word in capitals that may be an acronym ("IAEA", "SSNs")."""
_NAME = r"[A-Z][a-z][\w'\u2019-]*"
_NAME_RUN = re.compile(rf"{_NAME}(?:,?\s+(?:(?:of|and|for|the|on|in|&)\s+)*{_NAME})+")
"""Capitalised words with spaces, commas, "of", "and", "the"... between: a name spelled out."""
_NAME_WORD = re.compile(_NAME)


def _acronyms(seg: Segmented) -> frozenset[str]:
    """The words in capitals of a statement, plural "s" dropped: what a name's initials may
    spell."""
    return frozenset(word.rstrip("s") for word in _ACRONYM.findall(seg.text))


def _spelled_out(text: str, acronyms: frozenset[str]) -> list[tuple[int, int, str]]:
    """Runs of capitalised words whose initials spell an acronym of either statement, as
    (start, end, acronym) offsets: "International Atomic Energy Agency" is "IAEA", "Australia,
    the United Kingdom, and the United States" "AUKUS"."""
    spans = []
    prefixes = {word[:n] for word in acronyms for n in range(1, len(word))}
    for run in _NAME_RUN.finditer(text):
        words = [(m.start(), m.end()) for m in _NAME_WORD.finditer(text, run.start(), run.end())]
        i = 0
        while i < len(words):
            found, initials = -1, ""
            for j in range(i, len(words)):
                initials += text[words[j][0]]
                if initials in acronyms:
                    found = j
                elif initials not in prefixes:
                    break
            if found < 0:
                i += 1
                continue
            spans.append((words[i][0], words[found][1], initials[:found - i + 1]))
            i = found + 1
    return spans


def _fold_names(seg: Segmented, keys: list[list[tuple[str, bool]]],
                acronyms: frozenset[str]) -> list[list[tuple[str, bool]]]:
    """The clauses' keys (_keys), with a name spelled out read as its acronym: "the
    International Atomic Energy Agency" and "the IAEA" are one word (and "International Atomic
    Energy Agency (IAEA)" one word, not two)."""
    spans = _spelled_out(seg.text, acronyms) if acronyms else []
    if not spans:
        return keys
    starts = [start for start, _, _ in spans]
    folded = list(keys)
    for k, clause in enumerate(seg.clauses):
        first = bisect.bisect_left(starts, clause.start)
        inside = spans[first:bisect.bisect_left(starts, clause.end)]
        if inside:
            folded[k] = _fold_clause(seg.text, clause.tokens, keys[k], inside)
    return folded


def _fold_clause(text: str, tokens: Sequence[Token], keys: list[tuple[str, bool]],
                 spans: Sequence[tuple[int, int, str]]) -> list[tuple[str, bool]]:
    """keys with the tokens of each span replaced by the span's acronym (nothing when the
    acronym follows the name: "Words (ACR)")."""
    out: list[tuple[str, bool]] = []
    at = 0
    for start, end, acronym in spans:
        while at < len(tokens) and tokens[at].start < start:
            out.append(keys[at])
            at += 1
        while at < len(tokens) and tokens[at].start < end:
            at += 1
        if not re.match(rf"\W*{acronym}s?\b", text[end:end + len(acronym) + 4]):
            out.append((str(_STEMMER.stemWord(acronym.lower())), False))
    return out + keys[at:]


def _bag(keys: Sequence[tuple[str, bool]]) -> Counter[str]:
    """A clause's token keys, and each two content words that follow each other (stop words,
    speaker and reporting words skipped between them)."""
    bag = Counter([key for key, _ in keys])
    content = [key for key, light in keys if not light]
    bag.update(f"{x} {y}" for x, y in itertools.pairwise(content))
    return bag


class _Scorer:
    """Token bags, IDF weights and similarity of clauses and clause runs."""

    def __init__(self, a: Segmented, b: Segmented) -> None:
        acronyms = _acronyms(a) | _acronyms(b)
        keys = {"a": _fold_names(a, [_keys(c.tokens) for c in a.clauses], acronyms),
                "b": _fold_names(b, [_keys(c.tokens) for c in b.clauses], acronyms)}
        self.bags = {side: [_bag(k) for k in per_clause] for side, per_clause in keys.items()}
        self.texts = {"a": [plain(a.clause_text(c)) for c in a.clauses],
                      "b": [plain(b.clause_text(c)) for c in b.clauses]}
        df: Counter[str] = Counter()
        for bag in (*self.bags["a"], *self.bags["b"]):
            df.update(bag.keys())
        total = len(self.bags["a"]) + len(self.bags["b"])
        self.df = df
        self.idf = {t: math.log(1 + total / n) for t, n in df.items()}
        self.rarity = {t: (n, t) for t, n in df.items()}
        light = {key for per_clause in keys.values() for k in per_clause
                 for key, is_light in k if is_light}
        self.idf = {t: w * (LIGHT if t in light else PAIR if " " in t else 1.0)
                    for t, w in self.idf.items()}
        self.weights = {side: [{t: self.idf[t] * n for t, n in bag.items()} for bag in bags]
                        for side, bags in self.bags.items()}
        self.masses = {side: [sum(w.values()) for w in weights]  # = mass(bag), term by term
                       for side, weights in self.weights.items()}
        self._runs: dict[tuple[str, tuple[int, ...]], dict[str, float]] = {}
        self.whole = {side: _whole_sentences(seg) for side, seg in (("a", a), ("b", b))}

    def sim(self, ia: Sequence[int], ib: Sequence[int]) -> float:
        """Similarity of the runs of clauses ia (of A) and ib (of B)."""
        if len(ia) == 1 and len(ib) == 1:
            return self.sim1(ia[0], ib[0])
        if " ".join(self.texts["a"][i] for i in ia) == " ".join(self.texts["b"][j] for j in ib):
            return 1.0
        mass_a = sum(self.masses["a"][i] for i in ia)
        mass_b = sum(self.masses["b"][j] for j in ib)
        return _dice(_shared(self.run_weights("a", ia), self.run_weights("b", ib)),
                      mass_a, mass_b)

    def sim1(self, i: int, j: int) -> float:
        """sim((i,), (j,)), the common case."""
        if self.texts["a"][i] == self.texts["b"][j]:
            return 1.0
        return _dice(_shared(self.weights["a"][i], self.weights["b"][j]),
                      self.masses["a"][i], self.masses["b"][j])

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


def _whole_sentences(seg: Segmented) -> list[bool]:
    """Whether each clause is a sentence (or list item) on its own."""
    per = Counter(c.sentence for c in seg.clauses)
    return [per[c.sentence] == 1 for c in seg.clauses]


def _shared(w_a: dict[str, float], w_b: dict[str, float]) -> float:
    """The weight two IDF-weighted bags share: idf * min(n, m) is min(idf * n, idf * m)."""
    if len(w_b) < len(w_a):
        w_a, w_b = w_b, w_a
    return sum([w if w <= w_b[t] else w_b[t] for t, w in w_a.items() if t in w_b])


def _dice(shared: float, mass_a: float, mass_b: float) -> float:
    """Dice: 2 * shared / total, short of 1 (which only equal texts score)."""
    if mass_a <= 0 or mass_b <= 0:
        return 0.0
    return min(0.999, 2 * shared / (mass_a + mass_b))


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
            kept: dict[tuple[int, int], float]) -> list[_Block]:
    """Scored 1:1 blocks (of the kept pairs), 1:2 and 2:1 blocks above the similarity floor."""
    n_a, n_b = len(sc.bags["a"]), len(sc.bags["b"])
    blocks = []
    for (i, j), s in kept.items():
        if s > opts.min_similarity:
            blocks.append(_Block((i,), (j,), s, s - opts.min_similarity + (0.01 if s == 1 else 0)))
    seen: set[tuple[tuple[int, ...], tuple[int, ...]]] = set()
    floor = opts.min_similarity / 2
    for (i, j), s in sims.items():
        if s == 1.0 or s < floor:
            continue
        for ia, ib in (((i,), (j, j + 1)), ((i,), (j - 1, j)),
                       ((i, i + 1), (j,)), ((i - 1, i), (j,)),
                       ((i, i + 1), (j, j + 1)), ((i - 1, i), (j - 1, j))):
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
    """A split or merge block (1:2, 2:1), or two clauses whose boundary moved (2:2), when it
    is clearly better than any of its 1:1 pairs and each of its parts lies mostly in the
    other side's clauses."""
    s = sc.sim(ia, ib)
    best_single = max((sims.get((x, y), 0.0) for x in ia for y in ib), default=0.0)
    if s <= opts.min_similarity or s < best_single + opts.split_gain:
        return None
    if len(ib) > 1 and any(sc.covered(p, "b", ia) < 0.5 for p in ib):
        return None
    if len(ia) > 1 and any(sc.covered(p, "a", ib) < 0.5 for p in ia):
        return None
    size = (len(ia) + len(ib)) / 2
    return _Block(ia, ib, s, (s - opts.min_similarity) * size + (0.01 if s == 1 else 0))


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


def _label(sc: _Scorer, blk: _Block) -> Pair:
    if blk.sim == 1.0:
        op: Label = "unchanged"
    elif len(blk.a) > 1 and len(blk.b) > 1:
        op = "modified"  # two clauses whose boundary moved
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
    best = _best_partners(sims)
    kept = {k: s for k, s in sims.items() if _within_margin(k, s, best, opts.margin)}
    chain = _chain(_blocks(sc, opts, sims, kept), len(b.clauses))
    free_a = set(range(len(a.clauses))) - {i for blk in chain for i in blk.a}
    free_b = set(range(len(b.clauses))) - {j for blk in chain for j in blk.b}
    chain = _rescue(sims, chain, free_a, free_b, opts)
    pairs = [_label(sc, blk) for blk in chain] + _moves(sc, sims, free_a, free_b, opts)
    pairs = _attach(sc, sims, pairs, free_a, free_b, opts)
    pairs = _mates(sc, a, b, pairs, free_a, free_b, opts)
    pairs += [Pair("removed", (i,), (), None) for i in sorted(free_a)]
    pairs += [Pair("added", (), (j,), None) for j in sorted(free_b)]
    return Alignment(tuple(_reading_order(pairs, chain)))


Best = tuple[dict[int, float], dict[int, float], dict[int, float], dict[int, float]]


def _best_partners(sims: dict[tuple[int, int], float]) -> Best:
    """The highest and second highest similarity of each clause of A and of B to the other
    side (the second 0 when there is one candidate)."""
    best_a: dict[int, float] = {}
    best_b: dict[int, float] = {}
    next_a: dict[int, float] = defaultdict(float)
    next_b: dict[int, float] = defaultdict(float)
    for (i, j), s in sims.items():
        for best, nxt, x in ((best_a, next_a, i), (best_b, next_b, j)):
            if s > best.get(x, -1.0):
                if x in best:
                    nxt[x] = best[x]
                best[x] = s
            elif s > nxt[x]:
                nxt[x] = s
    return best_a, best_b, next_a, next_b


def _within_margin(key: tuple[int, int], s: float, best: Best, margin: float) -> bool:
    """Whether (i, j) is nearly as alike as the best partner of i and the best partner of j:
    a clause goes to its best partner, not the first acceptable one."""
    return s >= best[0][key[0]] - margin and s >= best[1][key[1]] - margin


def _mutual(key: tuple[int, int], s: float, best: Best, margin: float = 0.0) -> bool:
    """Whether i and j are each other's best partner, by margin over the runners-up."""
    i, j = key
    return s >= best[0][i] and s >= best[1][j] and s - max(best[2][i], best[3][j]) >= margin


def _rescue(sims: dict[tuple[int, int], float], chain: list[_Block], free_a: set[int],
            free_b: set[int], opts: AlignOptions) -> list[_Block]:
    """Reworded counterparts left out of the chain: clauses each other's best partner among
    the clauses still unpaired, at least rescue_similarity alike, that fit between the chain's
    blocks, join the chain."""
    best = _free_best(sims, free_a, free_b)
    found = sorted(((s, i, j) for (i, j), s in sims.items()
                    if s >= opts.rescue_similarity and i in free_a and j in free_b
                    and _mutual((i, j), s, best, opts.sure)), key=lambda x: (-x[0], x[1], x[2]))
    chain = list(chain)
    starts = [blk.a[0] for blk in chain]
    for s, i, j in found:
        k = bisect.bisect_left(starts, i)
        before = chain[k - 1].b[-1] if k else -1
        after = chain[k].b[0] if k < len(chain) else math.inf
        if before < j < after:
            chain.insert(k, _Block((i,), (j,), s, s))
            starts.insert(k, i)
            free_a.discard(i)
            free_b.discard(j)
    return chain


def _moves(sc: _Scorer, sims: dict[tuple[int, int], float], free_a: set[int],
           free_b: set[int], opts: AlignOptions) -> list[Pair]:
    """Leftover clauses paired as moves, most alike first: from move_similarity up, or from
    rescue_move up when they are each other's best partner among the clauses still unpaired
    and both whole sentences (_movable)."""
    best = _free_best(sims, free_a, free_b)
    found = sorted(((s, i, j) for (i, j), s in sims.items()
                    if i in free_a and j in free_b and (
                        s >= opts.move_similarity
                        or (s >= opts.rescue_move and _mutual((i, j), s, best, opts.sure)
                            and _movable(sc, i, j)))),
                   key=lambda x: (-x[0], x[1], x[2]))
    moves = []
    for s, i, j in found:
        if i in free_a and j in free_b:
            free_a.discard(i)
            free_b.discard(j)
            moves.append(Pair("moved", (i,), (j,), round(s, 4)))
    return moves


def _movable(sc: _Scorer, i: int, j: int) -> bool:
    """Whether a weakly alike pair out of order may be a move: both clauses are whole
    sentences (a fragment sharing a few words with a sentence elsewhere is chance: "and Russia
    can end this war" is no move of "Russia's war of aggression must end")."""
    return sc.whole["a"][i] and sc.whole["b"][j]


def _free_best(sims: dict[tuple[int, int], float], free_a: set[int], free_b: set[int]) -> Best:
    """Best partners among the clauses still unpaired: a leftover whose best partner overall
    is taken may still be the best of a leftover on the other side."""
    return _best_partners({k: s for k, s in sims.items() if k[0] in free_a and k[1] in free_b})


def _attach(sc: _Scorer, sims: dict[tuple[int, int], float], pairs: list[Pair],
            free_a: set[int], free_b: set[int], opts: AlignOptions) -> list[Pair]:
    """Splits and merges from anywhere: a leftover clause whose best partner is paired joins
    that pair when the partner's clauses hold most of its words."""
    owner = {("a", i): k for k, p in enumerate(pairs) for i in p.a}
    owner |= {("b", j): k for k, p in enumerate(pairs) for j in p.b}
    grow: dict[int, tuple[set[int], set[int]]] = {}
    best_of: dict[tuple[str, int], tuple[float, int]] = {}
    for (i, j), s in sims.items():
        if i in free_a and ("b", j) in owner and s > best_of.get(("a", i), (0.0, -1))[0]:
            best_of["a", i] = (s, j)
        if j in free_b and ("a", i) in owner and s > best_of.get(("b", j), (0.0, -1))[0]:
            best_of["b", j] = (s, i)
    for (side, x), (s, y) in sorted(best_of.items()):
        if s < opts.attach_similarity:
            continue
        k = owner["b" if side == "a" else "a", y]
        pair = pairs[k]
        if pair.op == "unchanged" or (len(pair.a) > 1 and len(pair.b) > 1):
            continue
        whole = pair.b if side == "a" else pair.a
        if sc.covered(x, side, whole) < opts.attach_cover:
            continue
        extra = grow.setdefault(k, (set(), set()))
        if side == "a" and len(pair.b) == 1 and not extra[1]:
            extra[0].add(x)
        elif side == "b" and len(pair.a) == 1 and not extra[0]:
            extra[1].add(x)
    for k, (xa, xb) in grow.items():
        if not xa and not xb:
            continue
        pair = pairs[k]
        ia, ib = tuple(sorted({*pair.a, *xa})), tuple(sorted({*pair.b, *xb}))
        side, one, before, after = ("a", ia[0], pair.b, ib) if xb else ("b", ib[0], pair.a, ia)
        if sc.covered(one, side, after) < sc.covered(one, side, before) + opts.attach_gain:
            continue  # the joined clauses must carry words of the pair's single clause
        s = sc.sim(ia, ib)
        if s < (pair.similarity or 0.0):
            continue
        free_a -= xa
        free_b -= xb
        op: Label = "moved" if pair.op == "moved" else "split" if len(ib) > 1 else "merged"
        pairs[k] = Pair(op, ia, ib, round(s, 4))
    return pairs


def _mates(sc: _Scorer, a: Segmented, b: Segmented, pairs: list[Pair], free_a: set[int],
           free_b: set[int], opts: AlignOptions) -> list[Pair]:
    """A leftover clause joins the pair of the clause before or after it in its sentence
    when the pair's other side holds mate_cover of its words (the rest of a reworded
    sentence: "..., and states can make sovereign choices")."""
    for side, seg, free in (("a", a, free_a), ("b", b, free_b)):
        owner = {x: k for k, p in enumerate(pairs) for x in (p.a if side == "a" else p.b)}
        for x in sorted(free):
            for y in (x - 1, x + 1):
                if not 0 <= y < len(seg.clauses) or y not in owner:
                    continue
                if seg.clauses[y].sentence != seg.clauses[x].sentence:
                    continue
                k = owner[y]
                pair = pairs[k]
                mine, other = (pair.a, pair.b) if side == "a" else (pair.b, pair.a)
                if pair.op == "unchanged" or not other or (len(mine) > 1 and len(other) > 1):
                    continue
                if sc.covered(x, side, other) < opts.mate_cover:
                    continue
                grown = tuple(sorted({*mine, x}))
                ia, ib = (grown, pair.b) if side == "a" else (pair.a, grown)
                op: Label = ("moved" if pair.op == "moved" else "split" if len(ib) > 1
                             else "merged")
                pairs[k] = Pair(op, ia, ib, round(sc.sim(ia, ib), 4))
                owner[x] = k
                free.discard(x)
                break
    return pairs


def _reading_order(pairs: list[Pair], chain: list[_Block]) -> list[Pair]:
    """Pairs in B's order; a removed clause goes after the B clauses of the block before it."""
    ends_a = [blk.a[-1] for blk in chain]  # the chain is monotone: both sides increase

    def key(pair: Pair) -> tuple[float, int, int]:
        if pair.b:
            return (pair.b[0], 1, pair.a[0] if pair.a else -1)
        k = bisect.bisect_left(ends_a, pair.a[0])
        return ((chain[k - 1].b[-1] if k else -1) + 0.5, 0, pair.a[0])

    return sorted(pairs, key=key)
