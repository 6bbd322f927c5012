"""The term index under edits and concurrent builders (issue 11: High 1, 2; Medium 14)."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

from fakeseg import statement
from stmtdiff.cache import terms
from stmtdiff.cache.terms import TermIndex
from stmtdiff.history.search import parse_term
from stmtdiff.history_workspace import HistoryWorkspace
from stmtdiff.model import Segmented
from stmtdiff.workspace import Workspace

TEXTS = {
    "2020-01-01": "The parties welcomed the harbour agreement.",
    "2021-01-01": "The parties discussed fisheries and the harbour.",
    "2022-01-01": "The parties noted progress on lighthouses.",
}


def first(ws: Workspace, term: str) -> str | None:
    """The id of the first statement using term, searched through the term index."""
    found = ws.searchable()
    try:
        result = ws.first_mention(found, [(term, [parse_term(term)])])
    finally:
        found.index.close()
    return None if result.first is None else result.first.statement.id


def test_an_edit_while_indexing_does_not_poison_the_index(
        make_series, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = make_series(TEXTS)
    target = folder / "2020-01-01.txt"
    original = target.read_text()
    keys = TermIndex.keys

    def keys_then_edit(self: TermIndex, *args: object, **kwargs: object) -> object:
        result = keys(self, *args, **kwargs)  # type: ignore[arg-type]
        target.write_text("The parties praised the new zeppelin service.\n")
        return result

    ws = HistoryWorkspace(corpus=folder, model="blank", cache_dir=tmp_path / "cache")
    monkeypatch.setattr(TermIndex, "keys", keys_then_edit)
    first(ws, "harbour")
    monkeypatch.setattr(TermIndex, "keys", keys)
    target.write_text(original)  # back to the text whose hash was taken
    assert first(ws, "zeppelin") is None
    assert first(ws, "harbour") == "2020-01-01"


def test_a_same_size_edit_with_the_time_kept_is_seen(make_series, tmp_path: Path) -> None:
    folder = make_series(TEXTS)
    ws = HistoryWorkspace(corpus=folder, model="blank", cache_dir=tmp_path / "cache")
    assert first(ws, "harbour") == "2020-01-01"
    edited = tmp_path / "edited.txt"
    edited.write_text("The parties welcomed the airport agreement.\n")  # same size
    target = folder / "2020-01-01.txt"
    assert edited.stat().st_size == target.stat().st_size
    os.utime(edited, ns=(target.stat().st_atime_ns, target.stat().st_mtime_ns))
    shutil.copy2(edited, target)  # cp -p
    assert target.stat().st_mtime_ns == edited.stat().st_mtime_ns
    assert first(ws, "airport") == "2020-01-01"
    assert first(ws, "harbour") == "2021-01-01"


def test_builders_at_once_do_not_collide(tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Another builder stores the same text between this one's look-up and its insert: both
    succeed, and the text is stored once."""
    seg = Segmented(statement("2020-01-01"), "A harbour text.", "blank", (), ())
    cache = tmp_path / "cache"
    errors: list[BaseException] = []

    def other() -> None:
        index = TermIndex(cache)
        try:
            index.add([seg])
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            index.close()

    words = terms.indexed_words
    threads: list[threading.Thread] = []

    def racing(seg: Segmented) -> object:
        if not threads:
            threads.append(threading.Thread(target=other))
            threads[0].start()
            threads[0].join(timeout=2)  # done unless this builder holds the write lock
        return words(seg)

    index = TermIndex(cache)
    monkeypatch.setattr(terms, "indexed_words", racing)
    index.add([seg])
    threads[0].join()
    assert errors == []
    assert index.db.execute("SELECT COUNT(*) FROM docs").fetchone()[0] == 1
    index.close()
