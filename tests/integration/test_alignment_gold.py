"""Alignment accuracy on the hand-labelled gold set (tests/gold/alignment, scored by goldscore).

The bars are the figures the aligner reached when it was tuned (benchmarks/bench_alignment.py
prints them with difflib's and redlines'); the held-out pairs, labelled afterwards, are asserted
apart at what they scored on first sight, and the fomc pairs labelled blind and tuned on since
apart from the first eight. Run with -s to see the figures.
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
    """The eight pairs of the first pass (aukus, G7, asean-us)."""
    files = [p for p in gold_files(held_out=False) if load_gold(p).series != "fomc"]
    assert len(files) == 8
    score = scored(files, corpora, shared_cache)
    assert score.f1 >= 0.69, score.line()
    assert score.precision >= 0.89, score.line()
    assert score.move_recall >= 0.57, score.line()
    assert score.split_merge_f1 >= 0.53, score.line()
    assert score.spurious_moves <= 3, score.line()


def test_held_out_figures(corpora: Path, shared_cache: Path) -> None:
    files = [p for p in gold_files(held_out=True) if load_gold(p).series == "fomc-longer-run-goals"]
    assert len(files) == 2
    score = scored(files, corpora, shared_cache)
    assert score.f1 >= 0.95, score.line()
    assert score.move_recall == 1.0 and score.spurious_moves == 0, score.line()


def test_fomc_set_one_figures(corpora: Path, shared_cache: Path) -> None:
    """Three FOMC pairs labelled blind (by reading the texts only, no stmtdiff output seen)
    and scored once on 2026-12-08 before any tuning on them (P 0.940, R 0.907, F1 0.923,
    moves 5/6, 1 spurious move); tuned on since (issue 9, third pass), so no longer held out:
    the bars are what the aligner reaches on them now."""
    files = [p for p in gold_files(held_out=False) if load_gold(p).series == "fomc"]
    assert len(files) == 3
    score = scored(files, corpora, shared_cache)
    assert score.f1 >= 0.92, score.line()
    assert score.move_recall >= 0.83, score.line()
    assert score.spurious_moves <= 1, score.line()


def test_blind_set_two_figures(corpora: Path, shared_cache: Path) -> None:
    """Two pairs labelled blind on 2026-12-08 (fomc 2015-10-28/2015-12-16, G7 2023-12-06/
    2024-02-24) and held out from the tuning: P 0.878, R 0.652, F1 0.748, moves 6/10, 4
    spurious, both before and after the third pass (issue 9's goal is F1 0.95)."""
    files = [p for p in gold_files(held_out=True)
             if load_gold(p).series != "fomc-longer-run-goals"]
    assert len(files) == 2
    score = scored(files, corpora, shared_cache)
    assert score.f1 >= 0.74, score.line()
    assert score.move_recall >= 0.6 and score.spurious_moves <= 4, score.line()
