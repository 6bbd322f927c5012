"""Alignment accuracy on the hand-labelled gold set (tests/gold/alignment), with difflib, redlines.

Every gold file labels the clause correspondences of two consecutive statements of a series in
../shared/corpora by character spans (see tests/goldscore.py). Three aligners are scored on the
same pairs with the same scorer, each on its own units:

- stmtdiff: compare.align.align on the clauses of the segmented statements;
- difflib: sentences (a regular-expression split at . ! ? and line ends), aligned by
  difflib.ndiff: equal lines are pairs, and so is a "-" line with its "+" line when ndiff marks
  them as a pair of similar lines ("?" hints); the rest counts as removed or added;
- redlines: its word-level opcodes (Redlines(a, b).opcodes); a sentence of A is paired with the
  sentence of B that holds most of its equal words when they are at least half of its words, and
  sentences of A paired with the same sentence of B form one merged pair (it finds no moves).

Figures: pair precision, recall and F1 over labelled clauses, move recall, spurious moves and
split/merge F1, per series and overall ("all": every pair tuned on; "first-8": the eight
pairs of the first pass, without the fomc pairs labelled blind later); files whose JSON has
"held_out": true are reported apart.
Usage: python benchmarks/bench_alignment.py [--cache DIR] [--details] [--only stmtdiff]
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

from stmtdiff.cache.clauses import ClauseCache
from stmtdiff.compare.align import align
from stmtdiff.corpus.series import load_series
from stmtdiff.model import Segmented
from stmtdiff.segment.pipeline import choose_pipeline
from stmtdiff.workspace import segment_statements

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from goldscore import GOLD, Gold, Score, check_anchors, is_held_out, load_gold, score_pairs

REPO = Path(__file__).resolve().parents[1]
CORPORA = Path(os.environ.get("STMTDIFF_SHARED", REPO.parent / "shared")) / "corpora"
Span = tuple[int, int]
Corr = tuple[tuple[int, ...], tuple[int, ...], str]
_SENT = re.compile(r"[^\n]+?(?:[.!?][\"'\u201d\u2019)]*(?=\s|$)|$)")
_WORD = re.compile(r"\w+")


def sentence_units(text: str) -> list[Span]:
    """Sentences (and lines without a full stop) as spans, leading blanks left out."""
    units = []
    for m in _SENT.finditer(text):
        s = m.start() + len(m.group()) - len(m.group().lstrip())
        if text[s:m.end()].strip():
            units.append((s, m.end()))
    return units


def difflib_pairs(a: str, b: str, ua: Sequence[Span], ub: Sequence[Span]) -> list[Corr]:
    """ndiff over the sentences: equal lines, and "-"/"+" lines paired by their "?" hints."""
    lines = list(difflib.ndiff([a[s:e] for s, e in ua], [b[s:e] for s, e in ub]))
    pairs: list[Corr] = []
    i = j = 0
    pending: int | None = None  # an A line that ndiff gave a "?" hint, waiting for its "+"
    for k, line in enumerate(lines):
        tag = line[:2]
        if tag == "  ":
            pairs.append(((i,), (j,), "unchanged"))
            i, j, pending = i + 1, j + 1, None
        elif tag == "- ":
            hinted = k + 1 < len(lines) and lines[k + 1][:2] in ("? ", "+ ")
            pending = i if hinted else None
            i += 1
        elif tag == "+ ":
            if pending is not None:
                pairs.append(((pending,), (j,), "modified"))
            pending = None
            j += 1
    return pairs


def redlines_pairs(a: str, b: str, ua: Sequence[Span], ub: Sequence[Span]) -> list[Corr]:
    """Sentences paired through redlines' equal words (see the module docstring)."""
    from redlines import Redlines
    from redlines.processor import concatenate_paragraphs_and_add_chr_182, tokenize_text

    ops = Redlines(a, b).opcodes
    # the token lists its default (whole-document) processor diffs, which the opcodes index
    source = tokenize_text(concatenate_paragraphs_and_add_chr_182(a))
    test = tokenize_text(concatenate_paragraphs_and_add_chr_182(b))
    pos_a, pos_b = _token_offsets(a, source), _token_offsets(b, test)
    unit_a, unit_b = _unit_of(ua), _unit_of(ub)
    votes: dict[int, Counter[int]] = defaultdict(Counter)
    words_a: Counter[int] = Counter()
    for off in pos_a:
        if off is not None and unit_a(off) is not None:
            words_a[unit_a(off)] += 1  # type: ignore[index]
    for tag, i1, i2, j1, _ in ops:
        if tag != "equal":
            continue
        for k in range(i2 - i1):
            oa, ob = pos_a[i1 + k], pos_b[j1 + k]
            if oa is None or ob is None:
                continue
            x, y = unit_a(oa), unit_b(ob)
            if x is not None and y is not None:
                votes[x][y] += 1
    groups: dict[int, list[int]] = defaultdict(list)
    for x, counter in votes.items():
        y, n = counter.most_common(1)[0]
        if 2 * n >= words_a[x]:
            groups[y].append(x)
    return [(tuple(sorted(xs)), (y,), "merged" if len(xs) > 1 else "modified")
            for y, xs in sorted(groups.items())]


def _token_offsets(text: str, tokens: Sequence[str]) -> list[int | None]:
    """Where each redlines token starts in the text (None for its paragraph markers)."""
    found: list[int | None] = []
    pos = 0
    for tok in tokens:
        word = tok.strip()
        at = text.find(word, pos) if word and word != "\u00b6" else -1
        found.append(None if at < 0 else at)
        if at >= 0:
            pos = at + len(word)
    return found


def _unit_of(units: Sequence[Span]) -> Callable[[int], int | None]:
    import bisect

    starts = [s for s, _ in units]

    def find(offset: int) -> int | None:
        k = bisect.bisect_right(starts, offset) - 1
        return k if k >= 0 and offset < units[k][1] else None

    return find


def load_pair(gold: Gold, cache: ClauseCache) -> tuple[Segmented, Segmented]:
    series = load_series(CORPORA / gold.series)
    docs = {st.id: st for st in series.statements}
    a, b = segment_statements([docs[gold.a], docs[gold.b]], cache=cache,
                              choice=choose_pipeline(None))
    bad = check_anchors(gold, a.text, b.text)
    if bad:
        raise SystemExit(f"error: {gold.name}: anchors off: {bad[:3]}")
    return a, b


ALIGNERS = ("stmtdiff", "difflib", "redlines")


def score_all(files: Sequence[Path], cache: ClauseCache, only: Sequence[str],
              ) -> dict[str, dict[str, Score]]:
    """Scores per aligner and per group (series names, 'all', 'held-out')."""
    scores: dict[str, dict[str, Score]] = {name: defaultdict(Score) for name in only}
    for path in files:
        gold = load_gold(path)
        held = is_held_out(path)
        a, b = load_pair(gold, cache)
        ua, ub = sentence_units(a.text), sentence_units(b.text)
        groups = [gold.series, "held-out" if held else "all"]
        if not held and gold.series != "fomc":
            groups.append("first-8")  # the pairs labelled in the first pass of issue 9
        for name in only:
            if name == "stmtdiff":
                units_a = [(c.start, c.end) for c in a.clauses]
                units_b = [(c.start, c.end) for c in b.clauses]
                pairs = [(p.a, p.b, p.op) for p in align(a, b).pairs if p.a and p.b]
            else:
                units_a, units_b = ua, ub
                pairs = (difflib_pairs if name == "difflib" else redlines_pairs)(
                    a.text, b.text, ua, ub)
            for group in groups:
                score_pairs(gold, units_a, units_b, pairs, scores[name][group])
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, help="clause cache folder (default: a temporary one)")
    parser.add_argument("--details", action="store_true", help="list every miss and wrong pair")
    parser.add_argument("--only", action="append", choices=ALIGNERS, help="aligners to score")
    args = parser.parse_args()
    if not CORPORA.is_dir():
        print(f"bench_alignment: skipped, {CORPORA} is absent")
        return
    files = sorted(GOLD.glob("*.json"))
    with tempfile.TemporaryDirectory() as tmp:
        cache = ClauseCache(args.cache or Path(tmp))
        try:
            scores = score_all(files, cache, args.only or ALIGNERS)
        finally:
            cache.close()
    print(f"alignment accuracy on {len(files)} gold pairs (tests/gold/alignment)")
    for name, groups in scores.items():
        order = [*sorted(g for g in groups if g not in ("first-8", "all", "held-out")),
                 "first-8", "all", "held-out"]
        for group in order:
            if group in groups:
                print(f"{name:<9} {group:<22} {groups[group].line()}")
        if args.details:
            for line in groups["all"].details + groups["held-out"].details:
                print("   ", line)


if __name__ == "__main__":
    main()
