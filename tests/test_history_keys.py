"""compare and novel read the history of a series from the phrase-key cache alone: warm, no
earlier statement's segmentation is decoded; cold, only statements whose keys are missing are
parsed, with a progress bar when more than a few are; the results are the same either way."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import MakeSeries
from stmtdiff.cache import clauses
from stmtdiff.history_workspace import HistoryWorkspace
from stmtdiff.render.compare_json import compare_doc
from stmtdiff.render.compare_view import build_compare_view
from stmtdiff.workspace import FEW, Progress, Workspace

TOPICS = ["tidal energy", "rural broadband", "glacier monitoring", "seed banks",
          "port logistics", "coral restoration", "rail freight", "textile recycling",
          "solar storage", "river dredging"]


def _texts() -> dict[str, str]:
    texts = {}
    for n, topic in enumerate(TOPICS):
        said = " ".join(f"We keep funding {t} projects." for t in TOPICS[: n + 1])
        texts[f"2020-01-{n + 1:02d}"] = (f"The partners met in council {n}. {said} "
                                         f"They asked for a study of {topic} costs.")
    return texts


class Bars:
    """A reporter recording which progress bars were opened and what they were told."""

    def __init__(self) -> None:
        self.opened: list[str] = []
        self.calls: list[tuple[int, int]] = []

    def note(self, line: str) -> None:
        """Ignored."""

    @contextmanager
    def progress(self, label: str) -> Iterator[Progress | None]:
        self.opened.append(label)
        yield lambda done, total: self.calls.append((done, total))

    def fetched(self, result: object) -> None:
        """Ignored."""


@pytest.fixture
def decoded(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the segmentations read back from the clause cache."""
    count: list[int] = []
    real = clauses.ClauseCache.get

    def counting(self: clauses.ClauseCache, key: str) -> object:
        found = real(self, key)
        if found is not None:
            count.append(1)
        return found

    monkeypatch.setattr(clauses.ClauseCache, "get", counting)
    return count


def _compared(ws: Workspace) -> dict[str, object]:
    return compare_doc(build_compare_view(ws.compare("previous", "latest"), everything=True))


def test_warm_compare_decodes_only_the_pair(make_series: MakeSeries, tmp_path: Path,
                                            decoded: list[int]) -> None:
    bars = Bars()
    ws = HistoryWorkspace(corpus=make_series(_texts()), model="blank", cache_dir=tmp_path / "c",
                   reporter=bars)
    cold = _compared(ws)
    assert bars.opened == ["Segmenting"]  # ten statements parsed: more than a few
    assert bars.calls[0] == (0, len(TOPICS)) and bars.calls[-1] == (len(TOPICS), len(TOPICS))
    decoded.clear()
    bars.opened.clear()
    warm = _compared(ws)
    assert warm == cold
    assert len(decoded) == 2  # A and B; the eight earlier statements from their keys alone
    assert bars.opened == []
    assert len(cold["history"]["checked"]) == len(TOPICS) - 1  # type: ignore[index,arg-type]


def test_cold_compare_parses_only_missing_keys(make_series: MakeSeries, tmp_path: Path,
                                               decoded: list[int],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "c"
    ws = HistoryWorkspace(corpus=make_series(_texts()), model="blank", cache_dir=cache)
    cold = _compared(ws)
    db = sqlite3.connect(cache / f"clauses-v{clauses.SCHEMA_VERSION}.sqlite")
    with db:
        db.execute("DELETE FROM segmentations")
        keys = [k for (k,) in db.execute("SELECT key FROM phrase_keys ORDER BY key")]
        db.execute("DELETE FROM phrase_keys WHERE key = ?", (keys[0],))
    db.close()
    parsed: list[int] = []
    real = clauses.encode_segmentation
    monkeypatch.setattr("stmtdiff.workspace.encode_segmentation",
                        lambda c, p: parsed.append(1) or real(c, p))
    bars = Bars()
    again = HistoryWorkspace(corpus=ws.corpus, model="blank", cache_dir=cache, reporter=bars)
    assert _compared(again) == cold
    assert 2 <= len(parsed) <= 3  # A, B and the one whose keys were dropped (if not A or B)
    assert bars.opened == []  # no more than a few: no bar
    assert FEW >= 3


def test_warm_novel_reads_keys(make_series: MakeSeries, tmp_path: Path,
                             decoded: list[int]) -> None:
    ws = HistoryWorkspace(corpus=make_series(_texts()), model="blank", cache_dir=tmp_path / "c")
    cold = ws.novel("latest")
    decoded.clear()
    warm = ws.novel("latest")
    assert warm.result == cold.result
    assert [p.span.key for p in cold.result.first_in_series]
    assert len(decoded) == 1  # the statement looked at; the history from the caches


def test_index_stores_the_history_keys(make_series: MakeSeries, tmp_path: Path,
                                       decoded: list[int]) -> None:
    """After `index`, a compare reads every earlier statement from its keys alone, and novel
    from its keys."""
    ws = HistoryWorkspace(corpus=make_series(_texts()), model="blank", cache_dir=tmp_path / "c")
    ws.index([])
    decoded.clear()
    ws.compare("previous", "latest")
    assert len(decoded) == 2
    decoded.clear()
    ws.novel("latest")
    assert len(decoded) == 1
