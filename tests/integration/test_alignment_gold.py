"""Alignment accuracy on the hand-labelled gold set (tests/gold/alignment, scored by goldscore).

The bars are the figures the aligner reached when it was tuned (benchmarks/bench_alignment.py
prints them with difflib's and redlines'); the held-out pairs, labelled afterwards, are asserted
apart at what they scored on first sight. Run with -s to see the figures.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from goldscore import Score, check_anchors, gold_files, load_gold, score_alignment
from stmtdiff.cache.clauses import ClauseCache
from stmtdiff.compare.align import align
from stmtdiff.corpus.series import load_series
from stmtdiff.segment.pipeline import choose_pipeline
from stmtdiff.workspace import segment_statements

pytestmark = pytest.mark.integration


def scored(files: list[Path], corpora: Path, shared_cache: Path) -> Score:
    score = Score()
    cache = ClauseCache(shared_cache)
    try:
        for path in files:
            gold = load_gold(path)
            docs = {st.id: st for st in load_series(corpora / gold.series).statements}
            a, b = segment_statements([docs[gold.a], docs[gold.b]], cache=cache,
                                      choice=choose_pipeline(None))
            assert check_anchors(gold, a.text, b.text) == [], gold.name
            score_alignment(gold, a, b, align(a, b), score)
    finally:
        cache.close()
    print(f"\n{len(files)} pairs: {score.line()}")
    return score


def test_gold_set_figures(corpora: Path, shared_cache: Path) -> None:
    files = gold_files(held_out=False)
    assert len(files) >= 8
    score = scored(files, corpora, shared_cache)
    assert score.f1 >= 0.665, score.line()
    assert score.precision >= 0.82, score.line()
    assert score.move_recall >= 0.52, score.line()
    assert score.split_merge_f1 >= 0.55, score.line()
    assert score.spurious_moves <= 5, score.line()


def test_held_out_figures(corpora: Path, shared_cache: Path) -> None:
    files = gold_files(held_out=True)
    assert [load_gold(p).series for p in files] == ["fomc-longer-run-goals"] * 2
    score = scored(files, corpora, shared_cache)
    assert score.f1 >= 0.95, score.line()
    assert score.move_recall == 1.0 and score.spurious_moves == 0, score.line()
