"""Series metadata kept in the cache, so warm commands over large series skip parsing it.

Loading a series parses every metadata file (10,000 TOML files take about 1.5 s); the history
commands answer from the term index in a fraction of that. The snapshot is keyed by the folder
as given and the working directory (the statements hold the paths as given), and is used only
while the folder's listing (every file's name, size, modification and inode change times and
inode) is unchanged, so a new, removed or edited file, a fetched text included, reloads the
series (a same-size edit that kept the modification time too: no tool sets the change time).
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sqlite3
from array import array
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from stat import S_ISREG

from stmtdiff import __version__
from stmtdiff.cache.terms import Stat
from stmtdiff.corpus.series import Series, load_series
from stmtdiff.model import Statement, from_rows

__all__ = ["SNAPSHOT_VERSION", "SnapshotLoader"]

SNAPSHOT_VERSION = 2
"""Bumped when what a snapshot holds changes."""
_STAMP = f"{SNAPSHOT_VERSION}:{__version__}:{','.join(f.name for f in fields(Statement))}"

Stats = dict[str, Stat]
"""(mtime_ns, size, ctime_ns, inode) by file path."""


class SnapshotLoader:
    """A series loader for corpus.open_series that keeps snapshots in a cache folder.

    After a load, ``stats`` holds the Stat of every file of the series folder, so
    callers need not stat the texts again, and ``listing`` names the folder (as given, from the
    working directory) and digests its listing: while it is the same, so is every file's name,
    size, times and inode.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.listing = ""
        self._found = _Listing([], array("q"), array("q"), array("q"), array("Q"))
        self._path = Path()

    @property
    def stats(self) -> Stats:
        """The Stat by path of every file of the folder at the last load."""
        base = f"{self._path}{os.sep}"
        found = self._found
        return {base + name: (mtime, size, ctime, inode) for name, mtime, size, ctime, inode in zip(
            found.names, found.mtimes, found.sizes, found.ctimes, found.inodes, strict=True)}

    def __call__(self, path: Path) -> Series:
        """The series in path, from its snapshot when the folder has not changed since."""
        self._path, self._found = path, _listing(path)
        stamp = self._found.stamp()
        key = f"{os.getcwd()}\0{path}"
        self.listing = f"{key}\0{stamp}"
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


@dataclass(frozen=True)
class _Listing:
    """The regular files of a folder (following links), sorted by name."""

    names: list[str]
    mtimes: array[int]
    sizes: array[int]
    ctimes: array[int]
    inodes: array[int]

    def stamp(self) -> str:
        """A digest of the names, times, sizes and inodes (and of what a snapshot holds)."""
        digest = hashlib.sha256(f"{_STAMP}\0{len(self.names)}\0".encode())
        digest.update("\0".join(self.names).encode("utf-8", "surrogateescape"))
        digest.update(self.mtimes.tobytes())
        digest.update(self.sizes.tobytes())
        digest.update(self.ctimes.tobytes())
        digest.update(self.inodes.tobytes())
        return digest.hexdigest()


def _listing(path: Path) -> _Listing:
    """Each file stat relative to the open folder: one stat per file is most of a warm
    command's disk work."""
    found = _Listing([], array("q"), array("q"), array("q"), array("Q"))
    if os.stat not in os.supports_dir_fd or os.listdir not in os.supports_fd:
        with os.scandir(path) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.is_file():
                    st = entry.stat()
                    found.names.append(entry.name)
                    found.mtimes.append(st.st_mtime_ns)
                    found.sizes.append(st.st_size)
                    found.ctimes.append(st.st_ctime_ns)
                    found.inodes.append(st.st_ino)
        return found
    folder = os.open(path, os.O_RDONLY)
    names, mtimes, sizes = found.names, found.mtimes, found.sizes  # the loop runs 20,000 times
    ctimes, inodes = found.ctimes, found.inodes
    try:
        for name in sorted(os.listdir(folder)):
            try:
                st = os.stat(name, dir_fd=folder)
            except (FileNotFoundError, NotADirectoryError):
                continue  # a broken link, or a file removed meanwhile
            if S_ISREG(st.st_mode):
                names.append(name)
                mtimes.append(st.st_mtime_ns)
                sizes.append(st.st_size)
                ctimes.append(st.st_ctime_ns)
                inodes.append(st.st_ino)
    finally:
        os.close(folder)
    return found


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
    # 10,000 statements make 50,000 objects without cycles: a third of the time would go to
    # collections that walk them and free nothing
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _build(path, payload)
    finally:
        if enabled:
            gc.enable()


def _build(path: Path, payload: bytes) -> Series:
    name, title, rows = pickle.loads(payload)
    child = _child_of(path)
    for row in rows:
        row[_META] = child(row[_META])
        if row[_TEXT] is not None:
            row[_TEXT] = child(row[_TEXT])
    # the rows hold every field of a Statement made by its __init__
    return Series(name=name, path=path, title=title, statements=from_rows(Statement, rows))


def _child_of(folder: Path) -> Callable[[str], Path]:
    """folder / name for a plain file name, without parsing the name again where pathlib can
    (its parsing is most of the cost of 20,000 paths)."""
    fast = getattr(folder, "_make_child_relpath", None)
    return fast if callable(fast) else folder.__truediv__
