"""Parsing in worker processes: the same clauses and the same cache rows as in one process."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stmtdiff.cache.clauses import ClauseCache
from stmtdiff.cli import app
from stmtdiff.corpus.series import load_series
from stmtdiff.segment.pipeline import choose_pipeline
from stmtdiff.workspace import segment_statements

TEXTS = {
    "2020-01-01": "The Ministers met in Tokyo. They discussed trade; they noted the new harbour.",
    "2021-01-01": "Security\n\nThe Ministers welcomed the plan and pledged support for it.",
    "2022-01-01": "- a list item about maritime security;\n- another item about space.",
}


def _rows(folder: Path) -> dict[str, bytes]:
    db = sqlite3.connect(folder / "clauses-v2.sqlite")
    try:
        return dict(db.execute("SELECT key, payload FROM segmentations"))
    finally:
        db.close()


def test_workers_give_what_one_process_gives(make_series, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("stmtdiff.workspace.PARALLEL_CHARS", 0)  # small texts too
    statements = load_series(make_series(TEXTS)).statements
    choice = choose_pipeline("blank")
    results, calls = {}, []
    for jobs in (1, 2):
        store = ClauseCache(tmp_path / f"cache-{jobs}")
        results[jobs] = segment_statements(statements, cache=store, choice=choice, jobs=jobs,
                                           progress=lambda done, total: calls.append(
                                               (done, total)))
        store.close()
    assert results[1] == results[2]
    assert [len(s.clauses) for s in results[2]] == [2, 1, 2]
    assert _rows(tmp_path / "cache-1") == _rows(tmp_path / "cache-2")
    assert calls == [(0, 3), (1, 3), (2, 3), (3, 3)] * 2  # told of the work before it starts


def test_index_jobs_option(make_series) -> None:
    folder = make_series(TEXTS)
    result = CliRunner().invoke(app, ["--corpus", str(folder), "--model", "blank", "index",
                                      "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert result.stderr == "indexed 3 statements of demo: 5 clauses\n"
    bad = CliRunner().invoke(app, ["--corpus", str(folder), "index", "--jobs", "0"])
    assert bad.exit_code == 2
