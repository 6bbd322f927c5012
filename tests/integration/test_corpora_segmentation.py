"""Every file of ../shared/corpora segmented: offsets, no empty clause, the fragment rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stmtdiff.cache.clauses import ClauseCache
from stmtdiff.cli import app
from stmtdiff.corpus.series import load_series, read_text, series_dirs
from stmtdiff.model import Segmented
from stmtdiff.segment.parse import MIN_WORDS, count_words
from stmtdiff.segment.pipeline import choose_pipeline
from stmtdiff.workspace import segment_statements

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def all_segmented(corpora: Path, shared_cache: Path) -> dict[str, list[Segmented]]:
    cache = ClauseCache(shared_cache)
    try:
        return {d.name: segment_statements(load_series(d).statements, cache=cache,
                                           choice=choose_pipeline(None))
                for d in series_dirs(corpora)}
    finally:
        cache.close()


def test_every_series_is_read(all_segmented: dict[str, list[Segmented]], corpora: Path) -> None:
    manifest = json.loads((corpora / "manifest.json").read_text())
    assert sum(len(v) for v in all_segmented.values()) == len(manifest)


def test_offsets_cover_the_text_in_order(all_segmented: dict[str, list[Segmented]]) -> None:
    for docs in all_segmented.values():
        for seg in docs:
            assert seg.text == read_text(seg.statement)
            previous_end = 0
            for i, clause in enumerate(seg.clauses):
                assert clause.index == i
                assert previous_end <= clause.start < clause.end <= len(seg.text)
                text = seg.clause_text(clause)
                assert text == text.strip() and text
                assert all(clause.start <= t.start < t.end <= clause.end for t in clause.tokens)
                previous_end = clause.end


def test_no_clause_is_empty_and_fragments_merge(all_segmented: dict[str, list[Segmented]]) -> None:
    for docs in all_segmented.values():
        for seg in docs:
            by_block: dict[int, int] = {}
            for clause in seg.clauses:
                by_block[clause.block] = by_block.get(clause.block, 0) + 1
            for clause in seg.clauses:
                words = count_words(seg.clause_text(clause))
                assert words >= 1
                if words < MIN_WORDS:  # only a block too short to split may be short
                    assert by_block[clause.block] == 1, seg.clause_text(clause)


def test_show_latest_on_fomc(corpora: Path, shared_cache: Path) -> None:
    result = CliRunner().invoke(app, ["--corpus", str(corpora / "fomc"), "show", "latest",
                                      "--json", "--cache-dir", str(shared_cache)])
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["statement"]["id"] == "2025-07-30"
    assert len(doc["clauses"]) > 10
