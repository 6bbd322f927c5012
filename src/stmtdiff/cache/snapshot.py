"""Series metadata kept in the cache, so warm commands over large series skip parsing it.

Loading a series parses every metadata file (10,000 TOML files take about 1.5 s); the history
commands answer from the term index in a fraction of that. The snapshot is keyed by the folder
as given and the working directory (the statements hold the paths as given), and is used only
while the folder's listing (every file's name, size, modification and inode change times and
inode) is unchanged, so a new, removed or edited file, a fetched text included, reloads the
series (a same-size edit that kept the modification time too: no tool sets the change time).

A snapshot is data only: JSON rows of strings, booleans and lists, each checked as it is read
(a file name must name a file of the listing). A snapshot that does not decode is treated as
damaged: the series is loaded from its files and the snapshot written again, with a note.

Beside the rows it keeps the columns the history commands list (ids, dates, titles, and
whether each statement has a text): `SnapshotLoader.catalog` reads those alone, so a warm
timeline over 10,000 statements makes no Statement and no path (a third of its time); the
whole series is decoded only when asked for (`Catalog.full`).
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import sqlite3
from array import array
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from pathlib import Path
from stat import S_ISREG
from typing import Any, NamedTuple

from stmtdiff import __version__
from stmtdiff.cache.store import DECODING_ERRORS, Damaged, Note, Stat, connect, is_damage, set_aside
from stmtdiff.corpus.series import Rejected, Series, load_series
from stmtdiff.errors import InputError
from stmtdiff.model import Entry, Listed, Participant, Source, Statement, from_rows

__all__ = ["SNAPSHOT_VERSION", "Catalog", "SnapshotLoader"]

SNAPSHOT_VERSION = 4
"""Bumped when what a snapshot holds changes."""
_STAMP = f"{SNAPSHOT_VERSION}:{__version__}:{','.join(f.name for f in fields(Statement))}"

Stats = dict[str, Stat]
"""(mtime_ns, size, ctime_ns, inode) by file path."""


@dataclass(frozen=True)
class Catalog:
    """A series as the history commands list it, the whole series on demand."""

    name: str
    """The folder's name, which names the series."""
    path: Path
    """The folder."""
    statements: tuple[Entry, ...]
    """Its statements, oldest first: Listed ones from a snapshot, else the Statements."""
    has_text: tuple[bool, ...]
    """Whether each statement has a text."""
    rejected: tuple[Rejected, ...]
    """The statement files that could not be read (a series loaded from its files)."""
    full: Callable[[], Series]
    """The whole series, of the same listing (decoded from the snapshot when asked)."""


def _catalog(series: Series) -> Catalog:
    return Catalog(series.name, series.path, series.statements,
                   tuple(st.text_path is not None for st in series.statements),
                   series.rejected, lambda: series)


class SnapshotLoader:
    """A series loader for corpus.open_series that keeps snapshots in a cache folder.

    After a load, ``stats`` holds the Stat of every file of the series folder, so
    callers need not stat the texts again, and ``listing`` names the folder (as given, from the
    working directory) and digests its listing: while it is the same, so is every file's name,
    size, times and inode.
    """

    def __init__(self, directory: Path, note: Note = lambda line: None) -> None:
        self.directory = directory
        self.note = note
        self.listing = ""
        self._found = _Listing([], array("q"))
        self._path = Path()

    @property
    def stats(self) -> Stats:
        """The Stat by path of every file of the folder at the last load."""
        base = f"{self._path}{os.sep}"
        found = self._found
        stats = found.stats
        return {base + name: (stats[i], stats[i + 1], stats[i + 2], stats[i + 3])
                for name, i in zip(found.names, range(0, len(stats), 4), strict=True)}

    def __call__(self, path: Path) -> Series:
        """The series in path, from its snapshot when the folder has not changed since."""
        with _no_collection():
            found = self._stored(path, "payload")
            if isinstance(found, Series):
                return found
            return self._decoded(path, self._found, self.listing, found)

    def catalog(self, path: Path) -> Catalog:
        """The series in path as the history commands list it: from the snapshot's columns
        when the folder has not changed since (no Statement made, the rows not even read),
        else from a load."""
        with _no_collection():
            found = self._stored(path, "entries")
            if isinstance(found, Series):
                return _catalog(found)
            listing, stamp = self._found, self.listing
            try:
                return _light(path, found, lambda: self._full(path, listing, stamp))
            except Damaged as exc:
                self._damaged(exc)
                return _catalog(self._reload(path, stamp))

    def _full(self, path: Path, listing: _Listing, stamped: str) -> Series:
        """The series of a snapshot's rows stored under a listing (loaded again from the
        files when they are damaged, or were replaced meanwhile)."""
        key, _, stamp = stamped.rpartition("\0")
        with _no_collection():
            try:
                db = self._open()
            except InputError:
                return load_series(path)
            try:
                row = db.execute("SELECT payload FROM series WHERE key = ? AND stamp = ?",
                                 (key, stamp)).fetchone()
            except sqlite3.Error:  # the snapshot only saves time
                return load_series(path)
            finally:
                db.close()
            if row is None:  # another process stored another listing meanwhile
                return self._reload(path, stamped)
            return self._decoded(path, listing, stamped, row[0])

    def _decoded(self, path: Path, listing: _Listing, stamped: str, payload: object) -> Series:
        try:
            return _decode(path, payload, listing.paths(path))
        except Damaged as exc:
            self._damaged(exc)
            return self._reload(path, stamped)

    def _damaged(self, exc: Damaged) -> None:
        self.note(f"note: a series snapshot of the cache was damaged ({exc}): "
                  "loading the series from its files")

    def _stored(self, path: Path, column: str) -> object:
        """The stored column (entries or payload) of the series while its listing is
        unchanged, else the series loaded from its files (and stored)."""
        self._path, self._found = path, _listing(path)
        stamp = self._found.stamp()
        key = f"{os.getcwd()}\0{path}"
        self.listing = f"{key}\0{stamp}"
        try:
            db = self._open()
        except InputError:
            return load_series(path)  # the snapshot only saves time
        try:
            row = db.execute(f"SELECT stamp, {_COLUMNS[column]} FROM series WHERE key = ?",
                             (key,)).fetchone()
            if row is not None and row[0] == stamp:
                value: object = row[1]
                return value
            return self._store(db, path, key, stamp)
        except sqlite3.Error as exc:  # the snapshot only saves time
            if is_damage(exc):
                db.close()
                set_aside(self._file, _WHAT, str(exc), self.note)
            return load_series(path)
        finally:
            db.close()

    def _reload(self, path: Path, stamped: str) -> Series:
        """The series loaded from its files, its snapshot written again under the listing."""
        try:
            db = self._open()
        except InputError:
            return load_series(path)
        try:
            key, _, stamp = stamped.rpartition("\0")
            return self._store(db, path, key, stamp)
        except sqlite3.Error:  # the snapshot only saves time
            return load_series(path)
        finally:
            db.close()

    @property
    def _file(self) -> Path:
        return self.directory / f"series-v{SNAPSHOT_VERSION}.sqlite"

    def _open(self) -> sqlite3.Connection:
        return connect(self._file, _SCHEMA, SNAPSHOT_VERSION, what=_WHAT, note=self.note)

    def _store(self, db: sqlite3.Connection, path: Path, key: str, stamp: str) -> Series:
        series = load_series(path)
        encoded = _encode(series)
        if encoded is not None:
            with db:
                db.execute("INSERT OR REPLACE INTO series VALUES (?, ?, ?, ?)",
                           (key, stamp, *encoded))
        return series


_WHAT = "series snapshot cache"
_COLUMNS = {"entries": "entries", "payload": "payload"}
"""The stored columns a query may name."""
_SCHEMA = ("CREATE TABLE IF NOT EXISTS series (key TEXT PRIMARY KEY, stamp TEXT NOT NULL, "
           "entries TEXT NOT NULL, payload TEXT NOT NULL)",)


class _Listing(NamedTuple):
    """The regular files of a folder (following links), sorted by name (a named tuple: one per
    run, it need not pay for a dataclass at import)."""

    names: list[str]
    stats: array[int]
    """The Stat of each file, one after the other."""

    def paths(self, path: Path) -> dict[str, Path]:
        """Each name's path in the folder (as Path.iterdir makes them, without parsing the
        name again): made only for a whole series, 20,000 paths take a tenth of a second."""
        names = set(self.names)
        return {child.name: child for child in path.iterdir() if child.name in names}

    def stamp(self) -> str:
        """A digest of the names, times, sizes and inodes (and of what a snapshot holds)."""
        digest = hashlib.sha256(f"{_STAMP}\0{len(self.names)}\0".encode())
        digest.update("\0".join(self.names).encode("utf-8", "surrogateescape"))
        digest.update(self.stats.tobytes())
        return digest.hexdigest()


def _listing(path: Path) -> _Listing:
    """Each file stat relative to the open folder: one stat per file is most of a warm
    command's disk work. Names only: no path is made."""
    found = _Listing([], array("q"))
    names, stats = found.names, found.stats  # the loop runs 20,000 times
    folder = os.open(path, os.O_RDONLY) if os.stat in os.supports_dir_fd else None
    try:
        for name in sorted(os.listdir(path)):
            try:
                st = os.stat(path / name) if folder is None else os.stat(name, dir_fd=folder)
            except (FileNotFoundError, NotADirectoryError):
                continue  # a broken link, or a file removed meanwhile
            if S_ISREG(st.st_mode):
                names.append(name)
                stats.extend((st.st_mtime_ns, st.st_size, st.st_ctime_ns, st.st_ino))
    finally:
        if folder is not None:
            os.close(folder)
    return found


_FIELDS = tuple(f.name for f in fields(Statement))
_META, _TEXT = _FIELDS.index("meta_path"), _FIELDS.index("text_path")
_NESTED = {_FIELDS.index("participants"): Participant, _FIELDS.index("sources"): Source}
_EXTRA = _FIELDS.index("extra")


def _encode(series: Series) -> tuple[str, str] | None:
    """The series as JSON: the listed columns, and the rows with paths as file names in its
    folder; None when a path lies elsewhere, or when files were left out (read again each
    time, to name them)."""
    if series.rejected:
        return None
    rows = []
    for st in series.statements:
        paths = [p for p in (st.meta_path, st.text_path) if p is not None]
        if any(p.parent != series.path for p in paths):
            return None
        row: list[Any] = [getattr(st, name) for name in _FIELDS]
        row[_META] = st.meta_path.name
        row[_TEXT] = None if st.text_path is None else st.text_path.name
        for i, cls in _NESTED.items():
            row[i] = [[getattr(item, f.name) for f in fields(cls)] for item in row[i]]
        row[_EXTRA] = [list(pair) for pair in st.extra]
        rows.append(row)
    listed = [[st.id for st in series.statements], [st.date for st in series.statements],
              [st.title for st in series.statements],
              [st.text_path is not None for st in series.statements]]
    # ASCII JSON: a file name that is not UTF-8 (a lone surrogate) survives as an escape
    return (json.dumps(listed, separators=(",", ":")),
            json.dumps([series.name, series.title, rows], separators=(",", ":")))


def _light(path: Path, entries: object, full: Callable[[], Series]) -> Catalog:
    """The catalog of a snapshot's listed columns; Damaged when they are not ones this
    version wrote."""
    try:
        if not isinstance(entries, str):
            raise Damaged("not text")
        ids, dates, titles, texts = columns = json.loads(entries)
        if any(type(c) is not list for c in columns) or len(set(map(len, columns))) != 1:
            raise Damaged("listed columns of the wrong shape")
        if not set(map(type, ids)) | set(map(type, dates)) | set(map(type, titles)) <= {str} \
                or not set(map(type, texts)) <= {bool}:
            raise Damaged("a listed value of the wrong type")
        listed = tuple(map(Listed._make, zip(ids, dates, titles, strict=True)))
        return Catalog(path.name, path, listed, tuple(texts), (), full)
    except DECODING_ERRORS as exc:
        raise Damaged(f"{type(exc).__name__}: {exc}") from None


def _decode(path: Path, payload: object, children: dict[str, Path]) -> Series:
    """The series of a snapshot; Damaged when it is not one this version wrote."""
    try:
        if not isinstance(payload, str):
            raise Damaged("not text")
        name, title, rows = json.loads(payload)
        if type(name) is not str or type(title) is not str or type(rows) is not list:
            raise Damaged("not a series")
        statements = from_rows(Statement, _rows(rows, children))
        return Series(name=name, path=path, title=title, statements=statements)
    except DECODING_ERRORS as exc:
        raise Damaged(f"{type(exc).__name__}: {exc}") from None


@contextmanager
def _no_collection() -> Iterator[None]:
    """10,000 statements make 70,000 objects without cycles (paths included): a third of the
    time would go to collections that walk them and free nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_STRINGS = tuple(i for i, f in enumerate(fields(Statement)) if f.type == "str")
_BOOLS = tuple(i for i, f in enumerate(fields(Statement)) if f.type == "bool")
_TYPES: dict[int, set[type]] = {
    **{i: {bool} for i in _BOOLS}, _TEXT: {str, type(None)}, **{i: {list} for i in _NESTED},
    _EXTRA: {list}}


def _rows(rows: list[Any], children: dict[str, Path]) -> Iterator[tuple[Any, ...]]:
    """Stored rows made the field values of Statements, checked a column at a time (checks
    by map and set run at C speed): Damaged when a value has the wrong type or a file name is
    not one of the listing."""
    if not rows:
        return iter(())
    if set(map(type, rows)) != {list} or set(map(len, rows)) != {len(_FIELDS)}:
        raise Damaged("a row of the wrong shape")
    columns = [list(column) for column in zip(*rows, strict=True)]
    for i in (*_STRINGS, *_BOOLS, _TEXT, *_NESTED, _EXTRA):
        if not set(map(type, columns[i])) <= _TYPES.get(i, {str}):
            raise Damaged(f"{_FIELDS[i]}: a value of the wrong type")
    columns[_META] = list(map(children.__getitem__, columns[_META]))  # KeyError: not listed
    columns[_TEXT] = [None if name is None else children[name] for name in columns[_TEXT]]
    for i, cls in _NESTED.items():
        columns[i] = [tuple(_nested(cls, item) for item in v) if v else () for v in columns[i]]
    columns[_EXTRA] = [tuple(map(_pair, v)) if v else () for v in columns[_EXTRA]]
    return zip(*columns, strict=True)


def _nested(cls: type[Participant] | type[Source], item: list[Any]) -> Participant | Source:
    kinds = [f.type for f in fields(cls)]
    if type(item) is not list or len(item) != len(kinds) or any(
            type(value) is not (bool if kind == "bool" else str)
            for value, kind in zip(item, kinds, strict=True)):
        raise Damaged(f"a {cls.__name__.lower()} of the wrong shape")
    return cls(*item)


def _pair(pair: list[Any]) -> tuple[str, str]:
    if type(pair) is not list or len(pair) != 2 or not all(type(v) is str for v in pair):
        raise Damaged("an extra field of the wrong shape")
    return pair[0], pair[1]
