"""Series snapshots: reused while the folder is unchanged, reloaded on any change."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from stmtdiff.cache.snapshot import SnapshotLoader
from stmtdiff.corpus.series import load_series


def test_snapshot_equals_a_fresh_load_and_follows_changes(make_series, tmp_path: Path) -> None:
    folder = make_series({"2020-01-01": "First text.", "2021-01-01": None})
    loader = SnapshotLoader(tmp_path / "cache")
    assert loader(folder) == load_series(folder)
    assert loader(folder) == load_series(folder)  # from the snapshot
    assert loader.stats[str(folder / "2020-01-01.txt")][1] == len("First text.\n")
    (folder / "2021-01-01.txt").write_text("Now fetched.\n")
    assert loader(folder).statements[1].text_path == folder / "2021-01-01.txt"
    (folder / "2020-01-01.toml").write_text(
        'id = "2020-01-01"\ndate = "2020-01-01"\ntitle = "A new title that is longer"\n')
    assert loader(folder).statements[0].title == "A new title that is longer"


def test_catalog_lists_the_series_and_follows_changes(make_series, tmp_path: Path) -> None:
    folder = make_series({"2020-01-01": "First text.", "2021-01-01": None})
    loader = SnapshotLoader(tmp_path / "cache")

    def listed() -> list[tuple[str, str, str, bool]]:
        found = loader.catalog(folder)
        assert (found.name, found.path) == (folder.name, folder)
        assert found.full() == load_series(folder)
        return [(st.id, st.date, st.title, has) for st, has in
                zip(found.statements, found.has_text, strict=True)]

    series = load_series(folder)
    expected = [(st.id, st.date, st.title, st.has_text) for st in series.statements]
    assert listed() == expected  # loaded from the files
    assert listed() == expected  # from the snapshot's columns
    assert not isinstance(loader.catalog(folder).statements[0], type(series.statements[0]))
    (folder / "2021-01-01.txt").write_text("Now fetched.\n")
    assert [has for *_, has in listed()] == [True, True]
    meta = folder / "2020-01-01.toml"
    text = meta.read_text()
    with meta.open("r+") as f:  # edited in place: the folder's own times do not change
        f.write(text.replace("Statement of 2020-01-01", "Statement of 2020-01-0X"))
    assert listed()[0][2] == "Statement of 2020-01-0X"


def test_relative_paths_are_kept_per_working_directory(make_series, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    folder = make_series({"2020-01-01": "First text."})
    loader = SnapshotLoader(tmp_path / "cache")
    monkeypatch.chdir(folder.parent)
    first = loader(Path(folder.name))
    monkeypatch.chdir(tmp_path)
    relative = Path(os.path.relpath(folder, tmp_path))
    second = loader(relative)
    assert first.statements[0].text_path == Path(folder.name) / "2020-01-01.txt"
    assert second.statements[0].text_path == relative / "2020-01-01.txt"
    assert second.statements[0].text_path.is_file()


def test_listing_changes_with_any_file(make_series, tmp_path: Path) -> None:
    folder = make_series({"2020-01-01": "First text.", "2021-01-01": "Second text."})
    loader = SnapshotLoader(tmp_path / "cache")
    loader(folder)
    first = loader.listing
    loader(folder)
    assert loader.listing == first
    text = folder / "2021-01-01.txt"
    text.write_text("Second text!\n")  # same size
    st = text.stat()
    os.utime(text, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    loader(folder)
    assert loader.listing != first
    assert str(folder) in loader.listing
