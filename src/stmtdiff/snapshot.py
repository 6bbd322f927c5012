"""Series metadata kept in the cache, so warm commands over large series skip parsing it.

Loading a series parses every metadata file (10,000 TOML files take about 1.5 s); the history
commands answer from the term index in a fraction of that. The snapshot is keyed by the folder
as given and the working directory (the statements hold the paths as given), and is used only
while the folder's listing (every file's name, size and modification time) is unchanged, so a
new, removed or edited file, a fetched text included, reloads the series.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
from dataclasses import fields
from pathlib import Path

from . import __version__
from .corpus import Series, load_series
from .model import Statement

__all__ = ["SNAPSHOT_VERSION", "SnapshotLoader"]

SNAPSHOT_VERSION = 1
"""Bumped when what a snapshot holds changes."""
_STAMP = f"{SNAPSHOT_VERSION}:{__version__}:{','.join(f.name for f in fields(Statement))}"

Stats = dict[str, tuple[int, int]]
"""(mtime_ns, size) by file path."""


class SnapshotLoader:
    """A series loader for corpus.open_series that keeps snapshots in a cache folder.

    After a load, ``stats`` holds the (mtime_ns, size) of every file of the series folder, so
    callers need not stat the texts again.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.stats: Stats = {}

    def __call__(self, path: Path) -> Series:
        """The series in path, from its snapshot when the folder has not changed since."""
        stamp, self.stats = _listing(path)
        key = f"{os.getcwd()}\0{path}"
        try:
            db = _open(self.directory)
        except (OSError, sqlite3.Error):
            return load_series(path)
        try:
            row = db.execute("SELECT stamp, payload FROM series WHERE key = ?",
                             (key,)).fetchone()
            if row is not None and row[0] == stamp:
                return _decode(path, row[1])
            series = load_series(path)
            payload = _encode(series)
            if payload is not None:
                with db:
                    db.execute("INSERT OR REPLACE INTO series VALUES (?, ?, ?)",
                               (key, stamp, payload))
            return series
        finally:
            db.close()


def _open(directory: Path) -> sqlite3.Connection:
    directory.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(directory / f"series-v{SNAPSHOT_VERSION}.sqlite")
    db.execute("CREATE TABLE IF NOT EXISTS series (key TEXT PRIMARY KEY, stamp TEXT NOT NULL, "
               "payload BLOB NOT NULL)")
    return db


def _listing(path: Path) -> tuple[str, Stats]:
    with os.scandir(path) as entries:
        found = sorted((e.name, *_stamp(e.stat())) for e in entries if e.is_file())
    stamp = hashlib.sha256(pickle.dumps((_STAMP, found), 4)).hexdigest()
    base = f"{path}{os.sep}"
    return stamp, {base + name: (mtime, size) for name, mtime, size in found}


def _stamp(st: os.stat_result) -> tuple[int, int]:
    return st.st_mtime_ns, st.st_size


_FIELDS = tuple(f.name for f in fields(Statement))
_META, _TEXT = _FIELDS.index("meta_path"), _FIELDS.index("text_path")


def _encode(series: Series) -> bytes | None:
    """The series with paths as file names in its folder (rebuilding Path objects from their
    parts is most of the cost of unpickling them); None when a path lies elsewhere."""
    rows = []
    for st in series.statements:
        paths = [p for p in (st.meta_path, st.text_path) if p is not None]
        if any(p.parent != series.path for p in paths):
            return None
        row = [getattr(st, name) for name in _FIELDS]
        row[_META] = st.meta_path.name
        row[_TEXT] = None if st.text_path is None else st.text_path.name
        rows.append(row)
    return pickle.dumps((series.name, series.title, rows), pickle.HIGHEST_PROTOCOL)


def _decode(path: Path, payload: bytes) -> Series:
    name, title, rows = pickle.loads(payload)
    for row in rows:
        row[_META] = path / row[_META]
        if row[_TEXT] is not None:
            row[_TEXT] = path / row[_TEXT]
    statements = tuple(Statement(*row) for row in rows)
    return Series(name=name, path=path, title=title, statements=statements)
