"""Opening the cache databases, and what happens to a damaged one.

A cache is disposable: a file that SQLite finds damaged (not a database, malformed pages, a
truncated file), or one of another format (its user_version), or one whose stored data cannot
be decoded, is moved aside (renamed with its -wal and -shm files, never deleted: another
process may still be writing to it) and a new one is made, with one note saying so. Every
connection waits up to BUSY_SECONDS for another process's write transaction.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

from stmtdiff.errors import InputError

__all__ = ["BUSY_SECONDS", "DECODING_ERRORS", "Damaged", "Stat", "connect", "file_stat",
           "is_damage", "set_aside"]

Stat = tuple[int, int, int, int]
"""(mtime_ns, size, ctime_ns, inode) of a file: while it is the same, so is the file."""


def file_stat(st: os.stat_result) -> Stat:
    """The Stat of a stat result."""
    return st.st_mtime_ns, st.st_size, st.st_ctime_ns, st.st_ino

BUSY_SECONDS = 60.0
"""How long a connection waits for another process's write transaction before giving up."""
_CORRUPT, _NOTADB = 11, 26
DECODING_ERRORS = (zlib.error, ValueError, TypeError, KeyError, IndexError, UnicodeError)
"""What decoding a damaged stored value raises (json's errors are ValueErrors)."""

Note = Callable[[str], None]


class Damaged(Exception):
    """A cache file, or a value stored in it, is not what this version stored."""


def is_damage(exc: BaseException) -> bool:
    """Whether an sqlite3 error says the file is damaged or not a database at all."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in (_CORRUPT, _NOTADB)
    return isinstance(exc, sqlite3.DatabaseError) and any(
        words in str(exc) for words in ("malformed", "not a database"))


def connect(path: Path, schema: Sequence[str], version: int, *, what: str,
            note: Note) -> sqlite3.Connection:
    """The database at path (made if missing) with the schema, in WAL mode.

    A damaged file, or one stamped with another format version, is set aside and a new one
    made (said in one note). InputError when the folder cannot hold it.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        inode = _inode(path)
        try:
            return _open(path, schema, version)
        except sqlite3.DatabaseError as exc:
            if not is_damage(exc):
                raise
            set_aside(path, what, str(exc), note, inode=inode)
        except Damaged as exc:
            set_aside(path, what, str(exc), note, inode=inode)
        return _open(path, schema, version)
    except (OSError, sqlite3.Error, Damaged) as exc:
        raise InputError(f"{path.parent}: cannot open the {what}: {exc}",
                         "give a writable folder with --cache-dir") from exc


def _open(path: Path, schema: Sequence[str], version: int) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=BUSY_SECONDS)
    try:
        found = db.execute("PRAGMA user_version").fetchone()[0]
        if found not in (0, version):
            raise Damaged(f"format {found}, not {version}")
        if found == 0:  # new, or made before formats were stamped
            db.execute("PRAGMA journal_mode=WAL")
            with db:
                db.execute("BEGIN IMMEDIATE")
                for statement in schema:
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {int(version)}")
    except BaseException:
        db.close()
        raise
    return db


def _inode(path: Path) -> int | None:
    try:
        return path.stat().st_ino
    except FileNotFoundError:
        return None


def set_aside(path: Path, what: str, reason: str, note: Note, *,
              inode: int | None = None) -> None:
    """Move a damaged database (and its -wal and -shm files) aside, and say so; when inode
    is given and path is another file now, another process has done it already."""
    if inode is not None and _inode(path) != inode:
        return
    aside = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}")
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.replace(f"{path}{suffix}", f"{aside}{suffix}")
    note(f"note: the {what} was damaged ({reason}): moved to {aside.name}, rebuilding it")
