"""The clause cache: SQLite in the user cache directory.

A segmentation is stored under a key made of the text's sha256, the pipeline's name and
version and the segmenter version, so a changed text, pipeline or segmenter is parsed again.
Reading a cached segmentation never imports spaCy.

The cache is disposable: a damaged file is moved aside and made again (cache.store), and an
entry that does not decode is parsed again and stored over, each said in one note.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import zlib
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import orjson

from stmtdiff.cache.store import DECODING_ERRORS, Note, connect, is_damage, set_aside
from stmtdiff.corpus.series import read_text
from stmtdiff.model import Clause, Phrase, Segmented, Statement, Token
from stmtdiff.segment.parse import SEGMENTER_VERSION
from stmtdiff.segment.pipeline import PipelineChoice

if TYPE_CHECKING:
    from stmtdiff.compare.phrases import PhraseSpan

__all__ = [
    "ClauseCache",
    "PhraseKeyCache",
    "PhraseSpanCache",
    "RarityCache",
    "cache_dir",
    "cached_counts",
    "decode_segmentation",
    "encode_segmentation",
    "segmentation_key",
]

SCHEMA_VERSION = 2
T = TypeVar("T")
_WHAT = "clause cache"
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS segmentations (key TEXT PRIMARY KEY, pipeline TEXT NOT NULL, "
    "n_clauses INTEGER NOT NULL, payload BLOB NOT NULL)",
    "CREATE TABLE IF NOT EXISTS phrase_keys (key TEXT PRIMARY KEY, payload BLOB NOT NULL)",
    "CREATE TABLE IF NOT EXISTS phrase_spans (key TEXT PRIMARY KEY, payload BLOB NOT NULL)",
    "CREATE TABLE IF NOT EXISTS word_rarity (key TEXT PRIMARY KEY, payload BLOB NOT NULL)",
)


def cache_dir(option: Path | None) -> Path:
    """--cache-dir, else $STMTDIFF_CACHE_DIR, else the user cache directory."""
    if option is not None:
        return option
    env = os.environ.get("STMTDIFF_CACHE_DIR")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("stmtdiff"))


def segmentation_key(text: str, pipeline: str) -> str:
    """The cache key of a text segmented by a pipeline with the current segmenter."""
    return f"{_digest(text)}:{pipeline}:seg{SEGMENTER_VERSION}"


@lru_cache(maxsize=512)
def _digest(text: str) -> str:
    """The text's sha256, once per text: a compare asks for the key of each history statement
    two or three times (its phrase keys loaded, then looked up), and hashing a text is dearer
    than finding it in a dict (a str keeps its own hash). The cache holds the texts it keys, so
    it is kept small: a history of a few hundred statements fits, an index run over thousands
    only cycles through it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ClauseCache:
    """Segmentations stored by key."""

    def __init__(self, directory: Path, note: Note = lambda line: None) -> None:
        self.directory = directory
        self.note = note
        self._db: sqlite3.Connection | None = None
        self._told = False

    @property
    def path(self) -> Path:
        """The database file."""
        return self.directory / f"clauses-v{SCHEMA_VERSION}.sqlite"

    @property
    def db(self) -> sqlite3.Connection:
        """The database, opened (and created) on first use, so a failed command writes nothing."""
        if self._db is None:
            self._db = connect(self.path, _SCHEMA, SCHEMA_VERSION, what=_WHAT, note=self.note)
        return self._db

    def run(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """work(db); when SQLite finds the file damaged, it is set aside and work done again
        on a new one."""
        try:
            return work(self.db)
        except sqlite3.DatabaseError as exc:
            if not is_damage(exc):
                raise
            self.close()
            set_aside(self.path, _WHAT, str(exc), self.note)
            return work(self.db)

    def damaged_entry(self, exc: BaseException) -> None:
        """Say (once) that an entry did not decode and is computed again."""
        if not self._told:
            self._told = True
            self.note(f"note: damaged entries of the {_WHAT} are computed again and stored "
                      f"over ({type(exc).__name__}: {exc})")

    def get(self, key: str) -> tuple[tuple[Clause, ...], tuple[Phrase, ...]] | None:
        """The clauses and phrases stored under key, or None (also when they do not decode)."""
        row = self.run(lambda db: db.execute("SELECT payload FROM segmentations WHERE key = ?",
                                             (key,)).fetchone())
        if row is None:
            return None
        try:
            return decode_segmentation(row[0])
        except DECODING_ERRORS as exc:
            self.damaged_entry(exc)
            return None

    def count(self, key: str) -> int | None:
        """How many clauses are stored under key, or None."""
        row = self.run(lambda db: db.execute("SELECT n_clauses FROM segmentations WHERE key = ?",
                                             (key,)).fetchone())
        return row[0] if row is not None and type(row[0]) is int and row[0] >= 0 else None

    def put_encoded(self, items: Sequence[tuple[str, str, int, bytes]]) -> None:
        """Store (key, pipeline, number of clauses, encode_segmentation(...)) items in one
        transaction."""
        def put(db: sqlite3.Connection) -> None:
            with db:
                db.executemany(
                    "INSERT OR REPLACE INTO segmentations (key, pipeline, n_clauses, payload) "
                    "VALUES (?, ?, ?, ?)", items)

        self.run(put)

    def close(self) -> None:
        """Close the database if it was opened."""
        if self._db is not None:
            self._db.close()
            self._db = None


class _PerStatement(Generic[T]):
    """Data derived from one statement alone, computed once per text, pipeline and version.

    Stands in for the function compute; new entries are written by flush(), in one
    transaction. Values are stored under the text's hash, the pipeline, the segmenter version
    and this data's version, so they can be read for a statement whose segmentation is never
    decoded (see `load`). Subclasses name the table and say how a value is stored.
    """

    table = ""
    label = ""

    def __init__(self, cache: ClauseCache, compute: Callable[[Segmented], T],
                 version: int) -> None:
        self.cache = cache
        self.compute = compute
        self.version = version
        self.pending: list[tuple[str, bytes]] = []
        self.loaded: dict[str, T] = {}

    def key(self, text: str, pipeline: str) -> str:
        """Where the value of a statement with this text, segmented by this pipeline, is
        stored."""
        return f"{segmentation_key(text, pipeline)}:{self.label}{self.version}"

    def __call__(self, seg: Segmented) -> T:
        """The statement's value, from the cache or computed."""
        key = self.key(seg.text, seg.pipeline)
        found = self.loaded.get(key)
        if found is not None:
            return found
        row = self.cache.run(lambda db: db.execute(
            f"SELECT payload FROM {self.table} WHERE key = ?", (key,)).fetchone())
        if row is not None:
            try:
                return self.decode(zlib.decompress(row[0]).decode("utf-8"))
            except DECODING_ERRORS as exc:
                self.cache.damaged_entry(exc)
        value = self.loaded[key] = self.compute(seg)
        self.pending.append((key, zlib.compress(self.encode(value).encode("utf-8"))))
        return value

    def add(self, seg: Segmented) -> None:
        """Compute the statement's value and queue it for flush(), without keeping it."""
        value = self.compute(seg)
        self.pending.append((self.key(seg.text, seg.pipeline),
                             zlib.compress(self.encode(value).encode("utf-8"))))

    def load(self, texts: Sequence[str], pipeline: str) -> list[bool]:
        """Read the stored values of the texts (segmented by pipeline) into memory, in a few
        queries; whether each was stored. A statement whose value is loaded is answered
        without its clauses (a Segmented with its text and none of its clauses will do)."""
        keys = [self.key(text, pipeline) for text in texts]
        for key, payload in self._rows("key, payload", sorted(set(keys) - self.loaded.keys())):
            try:
                self.loaded[key] = self.decode(zlib.decompress(payload).decode("utf-8"))
            except DECODING_ERRORS as exc:  # not loaded: computed again
                self.cache.damaged_entry(exc)
        return [key in self.loaded for key in keys]

    def stored(self, texts: Sequence[str], pipeline: str) -> list[bool]:
        """Whether a value is stored for each of the texts (segmented by pipeline); nothing
        is read but the keys."""
        keys = [self.key(text, pipeline) for text in texts]
        found = {key for (key,) in self._rows("key", sorted(set(keys)))}
        return [key in found for key in keys]

    def _rows(self, columns: str, keys: Sequence[str]) -> list[Any]:
        """The rows (the columns named) stored under the keys, a few hundred keys a query."""
        found: list[Any] = []
        for lo in range(0, len(keys), _QUERY_KEYS):
            chunk = keys[lo:lo + _QUERY_KEYS]

            def select(db: sqlite3.Connection, chunk: Sequence[str] = chunk) -> list[Any]:
                marks = ",".join("?" * len(chunk))
                return db.execute(f"SELECT {columns} FROM {self.table} WHERE key IN ({marks})",
                                  chunk).fetchall()

            found += self.cache.run(select)
        return found

    def encode(self, value: T) -> str:
        raise NotImplementedError

    def decode(self, stored: str) -> T:
        raise NotImplementedError

    def flush(self) -> None:
        """Store the values computed since the last flush."""
        if self.pending:
            def put(db: sqlite3.Connection) -> None:
                with db:
                    db.executemany(
                        f"INSERT OR REPLACE INTO {self.table} (key, payload) VALUES (?, ?)",
                        self.pending)

            self.cache.run(put)
            self.pending = []


_QUERY_KEYS = 500
"""Keys per SELECT ... IN (...) (SQLite limits the parameters of one statement)."""


class _WordSet(_PerStatement[frozenset[str]]):
    """A set of strings per statement, stored one a line."""

    def encode(self, value: frozenset[str]) -> str:
        return "\n".join(sorted(value))

    def decode(self, stored: str) -> frozenset[str]:
        return frozenset(stored.split("\n")) if stored else frozenset()


class PhraseKeyCache(_WordSet):
    """Phrase keys of statements: stands in for phrases.phrase_keys (compute=phrase_keys)."""

    table = "phrase_keys"
    label = "phrases"


class PhraseSpanCache(_PerStatement["tuple[PhraseSpan, ...]"]):
    """Phrases of statements: stands in for phrases.statement_phrases
    (compute=statement_phrases), for the statement whose new language compare looks for."""

    table = "phrase_spans"
    label = "spans"

    def encode(self, value: tuple[PhraseSpan, ...]) -> str:
        return json.dumps([[s.key, s.start, s.end, s.kind, s.surface] for s in value],
                          ensure_ascii=False, separators=(",", ":"))

    def decode(self, stored: str) -> tuple[PhraseSpan, ...]:
        from stmtdiff.compare.phrases import PhraseSpan

        return tuple(PhraseSpan(*row) for row in _checked(orjson.loads(stored), 5))


class RarityCache(_PerStatement["dict[str, float]"]):
    """General-English frequency of a statement's words: stands in for
    novelty.general_rarity, so that warm runs never import wordfreq (about 1 s)."""

    table = "word_rarity"
    label = "rarity"

    def encode(self, value: dict[str, float]) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)

    def decode(self, stored: str) -> dict[str, float]:
        found = orjson.loads(stored)
        if not isinstance(found, dict) or not all(
                isinstance(v, (int, float)) for v in found.values()):
            raise ValueError("a stored word frequency table of the wrong shape")
        return {str(k): float(v) for k, v in found.items()}


def cached_counts(statements: Sequence[Statement], *, cache: ClauseCache,
                  choice: PipelineChoice) -> dict[str, int | None]:
    """Clause counts of the statements whose text is cached, keyed "series/id"."""
    counts: dict[str, int | None] = {}
    for st in statements:
        key = segmentation_key(read_text(st), choice.key) if st.has_text else None
        counts[f"{st.series}/{st.id}"] = None if key is None else cache.count(key)
    return counts


def encode_segmentation(clauses: Sequence[Clause], phrases: Sequence[Phrase]) -> bytes:
    """A segmentation as the cache stores it (compressed JSON rows)."""
    payload = {
        "clauses": [[c.index, c.start, c.end, c.section, c.sentence, c.block, c.kind,
                     [[t.start, t.end, t.norm, t.pos, t.stop] for t in c.tokens]]
                    for c in clauses],
        "phrases": [[p.start, p.end, p.label] for p in phrases],
    }
    return zlib.compress(json.dumps(payload, separators=(",", ":")).encode("utf-8"))


def decode_segmentation(blob: bytes) -> tuple[tuple[Clause, ...], tuple[Phrase, ...]]:
    """The clauses and phrases of an encode_segmentation result."""
    payload: dict[str, Any] = orjson.loads(zlib.decompress(blob))
    clauses = []
    for index, start, end, section, sentence, block, kind, tokens in payload["clauses"]:
        clauses.append(Clause(index, start, end, section, sentence, block, kind,
                              tuple(Token(*row) for row in _checked(tokens, 5))))
    return tuple(clauses), tuple(Phrase(*row) for row in _checked(payload["phrases"], 3))


def _checked(rows: list[Any], width: int) -> list[Any]:
    """rows, when each has width values (ValueError else: damage, not a TypeError)."""
    if set(map(len, rows)) - {width}:
        raise ValueError("a stored row of the wrong shape")
    return rows
