"""The term index: every word of every statement with its position, in SQLite. No spaCy.

A statement is stored under the same kind of key as the clause cache (text sha256, pipeline,
segmenter version) plus TERMS_VERSION. Its words are the runs of word characters of the
typography-folded text (``\\w+``), so word boundaries are exactly those of a regular expression
search; each word is stored as a *form* (its folded surface text and the lemma the pipeline gave
the token at the same offsets, else its lowercase surface) with postings: the word positions in
each statement, each shifted left one bit with a low bit telling whether hard punctuation
(HARD) separates the word from the one before it. Per statement the index also keeps the text
(compressed), the word offsets and the clause spans, so that answers, and the clauses quoted
with them, come from the index alone.

A table of (path, mtime, size, ctime, inode) -> sha256 spares warm commands from hashing every
text again (the inode change time, which no tool can set back, catches a same-size edit that kept
the modification time),
and a table of views (the docs of a series' texts, saved under a key that names the series
folder and digests its listing) spares them from looking up every text's key.

What is stored is keyed by the text it was made from, hashed as read, never by a hash taken
earlier: a file replaced while a series is indexed cannot file one text under another's key.
Builders may run at once: each batch is one write transaction (BEGIN IMMEDIATE), and a text
another builder stored meanwhile is skipped.

A damaged index (cache.store) makes every reading method raise Damaged; the caller sets the
file aside with reset() and builds the index again.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import sqlite3
import zlib
from array import array
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ParamSpec, TypeVar

from stmtdiff.cache.store import (
    DECODING_ERRORS,
    Damaged,
    Note,
    Stat,
    connect,
    file_stat,
    is_damage,
    set_aside,
)
from stmtdiff.corpus.series import read_text
from stmtdiff.model import Segmented, Statement
from stmtdiff.segment.normalize import fold, fold_text
from stmtdiff.segment.parse import SEGMENTER_VERSION
from stmtdiff.words import WORD

__all__ = [
    "HARD",
    "TERMS_VERSION",
    "Form",
    "Layout",
    "TermIndex",
    "indexed_words",
    "term_key",
    "words",
]

TERMS_VERSION = 3
"""Bumped whenever what is stored for the same segmentation changes."""
HARD = frozenset(".,;:!?()[]{}")
"""Punctuation that a phrase does not match across (unless the query itself has it there)."""
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS docs (id INTEGER PRIMARY KEY, key TEXT UNIQUE NOT NULL, "
    "n_tokens INTEGER NOT NULL, n_clauses INTEGER NOT NULL, text BLOB NOT NULL, "
    "layout BLOB NOT NULL)",
    "CREATE TABLE IF NOT EXISTS forms (id INTEGER PRIMARY KEY, surface TEXT NOT NULL, "
    "lower TEXT NOT NULL, norm TEXT NOT NULL, UNIQUE (surface, norm))",
    "CREATE INDEX IF NOT EXISTS forms_lower ON forms (lower)",
    "CREATE INDEX IF NOT EXISTS forms_norm ON forms (norm)",
    "CREATE TABLE IF NOT EXISTS postings (form INTEGER NOT NULL, doc INTEGER NOT NULL, "
    "positions BLOB NOT NULL, PRIMARY KEY (form, doc)) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, mtime_ns INTEGER NOT NULL, "
    "size INTEGER NOT NULL, ctime_ns INTEGER NOT NULL, inode INTEGER NOT NULL, "
    "sha256 TEXT NOT NULL) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS views (key TEXT PRIMARY KEY, docs BLOB NOT NULL) WITHOUT ROWID",
)


@dataclass(frozen=True)
class Form:
    """A distinct word form of the index."""

    id: int
    """Its row id."""
    surface: str
    """The folded text as written."""
    lower: str
    """The surface in lower case."""
    norm: str
    """The lemma the pipeline gave it (its lower case form without a lemmatizer)."""


@dataclass(frozen=True)
class Layout:
    """Where a statement's words and clauses are."""

    starts: array[int]
    """Offset of each word's first character."""
    ends: array[int]
    """Offset one past each word's last character."""
    clauses: tuple[tuple[int, int], ...]
    """(start, end) of each clause, by clause index."""


_POSITION = array("I").itemsize
"""Bytes per stored position."""
P = ParamSpec("P")
R = TypeVar("R")
_WHAT = "term index"



def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def words(text: str) -> list[re.Match[str]]:
    """The words of a text as the index cuts them (runs of word characters of the folded text)."""
    return list(WORD.finditer(fold(text)))


def indexed_words(seg: Segmented) -> Iterator[tuple[int, int, str, str, bool]]:
    """(start, end, surface, norm, hard) of each word of a statement as the index stores it.

    start and end are offsets into the text; surface is the folded text of the word (ligatures
    expanded, soft hyphens dropped: fold_text), norm the lemma of the pipeline's token at the same
    offsets (else the lowercase surface), hard whether hard punctuation (HARD) stands between
    it and the word before (true for the first word).
    """
    folded = fold_text(seg.text, spaces=False)  # "\ufb01" is "fi", a soft hyphen nothing
    lemmas = {(t.start, t.end): t.norm for c in seg.clauses for t in c.tokens}
    previous = 0
    for i, m in enumerate(WORD.finditer(folded.text)):
        surface = m.group()
        start, end = folded.span(*m.span())
        hard = i == 0 or not HARD.isdisjoint(folded.text[previous:m.start()])
        yield start, end, surface, lemmas.get((start, end)) or surface.lower(), hard
        previous = m.end()


def _guarded(method: Callable[P, R]) -> Callable[P, R]:
    """The method, raising Damaged when SQLite finds the file damaged or a stored value does
    not decode."""

    @functools.wraps(method)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except sqlite3.DatabaseError as exc:
            if is_damage(exc):
                raise Damaged(str(exc)) from exc
            raise
        except DECODING_ERRORS as exc:
            raise Damaged(f"{type(exc).__name__}: {exc}") from exc

    return guarded


def term_key(sha256: str, pipeline: str) -> str:
    """The index key of a text (by its sha256) segmented by a pipeline."""
    return f"{sha256}:{pipeline}:seg{SEGMENTER_VERSION}:terms{TERMS_VERSION}"


class TermIndex:
    """The term index database (":memory:" works for tests)."""

    def __init__(self, directory: Path | None, note: Note = lambda line: None) -> None:
        self.path = None if directory is None else directory / f"terms-v{TERMS_VERSION}.sqlite"
        self.note = note
        self.db = self._connect()
        self._forms: dict[tuple[str, str], int] | None = None

    def _connect(self) -> sqlite3.Connection:
        if self.path is not None:
            return connect(self.path, _SCHEMA, TERMS_VERSION, what=_WHAT, note=self.note)
        db = sqlite3.connect(":memory:")
        for statement in _SCHEMA:
            db.execute(statement)
        return db

    def close(self) -> None:
        """Close the database."""
        self.db.close()

    def reset(self, reason: str) -> None:
        """Set the damaged database aside (saying why) and start a new, empty one."""
        self.db.close()
        if self.path is not None:
            set_aside(self.path, _WHAT, reason, self.note)
        self.db = self._connect()
        self._forms = None

    # -- keys ------------------------------------------------------------------------------

    @_guarded
    def keys(self, statements: Sequence[Statement], pipeline: str, *,
             stats: Mapping[str, Stat] | None = None) -> tuple[list[str], dict[int, str]]:
        """The index key of each statement's text (which must exist), hashing changed files
        only, and the texts it read to hash them, by position (index those, not a new read).

        stats may give the Stat of the text files, taken before (a file is always stat'ed
        before it is read, so an edit in between makes the next run hash it again).
        """
        known = {p: (m, s, c, i, h) for p, m, s, c, i, h in
                 self.db.execute("SELECT path, mtime_ns, size, ctime_ns, inode, sha256 "
                                 "FROM files")}
        result, fresh, texts = [], [], {}
        for n, st in enumerate(statements):
            assert st.text_path is not None
            path = str(st.text_path)
            stat = (stats or {}).get(path) or file_stat(os.stat(path))
            stored = os.fsencode(path)  # bytes: a file name need not be UTF-8
            hit = known.get(stored)
            if hit is not None and hit[:4] == stat:
                sha = hit[4]
            else:
                texts[n] = read_text(st)
                sha = _sha256(texts[n])
                fresh.append((stored, *stat, sha))
            result.append(term_key(sha, pipeline))
        if fresh:
            with self.db:
                self.db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)",
                                    fresh)
        return result, texts

    @_guarded
    def doc_ids(self, keys: Collection[str]) -> dict[str, int]:
        """The row ids of the keys that are indexed."""
        wanted = set(keys)
        rows = self.db.execute("SELECT key, id FROM docs")
        return {key: doc for key, doc in rows if key in wanted}

    @_guarded
    def view(self, key: str) -> array[int] | None:
        """The docs saved under a view key by save_view, or None."""
        row = self.db.execute("SELECT docs FROM views WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        docs = array("Q")
        docs.frombytes(row[0])
        return docs

    @_guarded
    def save_view(self, key: str, docs: Sequence[int]) -> None:
        """Save docs (of statements in a given order) under a view key."""
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO views VALUES (?, ?)",
                            (key, array("Q", docs).tobytes()))

    # -- building --------------------------------------------------------------------------

    @_guarded
    def add(self, segs: Iterable[Segmented]) -> list[str]:
        """Index segmented statements, in one write transaction; the key of each (that of the
        text it holds)."""
        forms = self._form_ids()
        try:
            with self.db:
                self.db.execute("BEGIN IMMEDIATE")  # no other builder writes until the commit
                return [self._add_one(seg, forms) for seg in segs]
        except BaseException:
            self._forms = None  # ids of forms added in the transaction rolled back
            raise

    def _add_one(self, seg: Segmented, forms: dict[tuple[str, str], int]) -> str:
        key = term_key(_sha256(seg.text), seg.pipeline)
        if self.db.execute("SELECT 1 FROM docs WHERE key = ?", (key,)).fetchone():
            return key  # the same key is the same text and segmentation
        starts, ends = array("I"), array("I")
        positions: dict[int, array[int]] = {}
        for i, (start, end, surface, norm, hard) in enumerate(indexed_words(seg)):
            form = forms.get((surface, norm))
            if form is None:
                form = forms[(surface, norm)] = self._new_form(surface, norm)
            found = positions.get(form)
            if found is None:
                found = positions[form] = array("I")
            found.append(i << 1 | int(hard))
            starts.append(start)
            ends.append(end)
        spans = array("I", [x for c in seg.clauses for x in (c.start, c.end)])
        cur = self.db.execute(
            "INSERT OR IGNORE INTO docs (key, n_tokens, n_clauses, text, layout) "
            "VALUES (?, ?, ?, ?, ?)",
            (key, len(starts), len(seg.clauses), zlib.compress(seg.text.encode("utf-8")),
             zlib.compress(starts.tobytes() + ends.tobytes() + spans.tobytes())))
        if cur.rowcount != 1:
            return key
        doc = cur.lastrowid
        self.db.executemany("INSERT INTO postings VALUES (?, ?, ?)",
                            [(f, doc, p.tobytes()) for f, p in positions.items()])
        return key

    def _form_ids(self) -> dict[tuple[str, str], int]:
        if self._forms is None:
            rows = self.db.execute("SELECT surface, norm, id FROM forms")
            self._forms = {(s, n): i for s, n, i in rows}
        return self._forms

    def _new_form(self, surface: str, norm: str) -> int:
        cur = self.db.execute("INSERT OR IGNORE INTO forms (surface, lower, norm) "
                              "VALUES (?, ?, ?)", (surface, surface.lower(), norm))
        if cur.rowcount == 1 and cur.lastrowid is not None:
            return cur.lastrowid
        # another process added it since the forms were read
        row = self.db.execute("SELECT id FROM forms WHERE surface = ? AND norm = ?",
                              (surface, norm)).fetchone()
        return int(row[0])

    # -- reading ---------------------------------------------------------------------------

    @_guarded
    def forms(self, column: str, values: Collection[str]) -> list[Form]:
        """The forms whose surface, lower or norm column is one of the values."""
        if column not in ("surface", "lower", "norm"):
            raise ValueError(column)
        if not values:
            return []
        marks = ",".join("?" * len(values))
        rows = self.db.execute(f"SELECT id, surface, lower, norm FROM forms "
                               f"WHERE {column} IN ({marks})", tuple(values))
        return [Form(*row) for row in rows]

    @_guarded
    def postings(self, form_ids: Collection[int]) -> dict[int, array[int]]:
        """Positions (with the hard-punctuation bit) per doc of any of the forms, sorted."""
        merged: dict[int, array[int]] = {}
        several: set[int] = set()
        for form in form_ids:
            for doc, blob in self.db.execute(
                    "SELECT doc, positions FROM postings WHERE form = ?", (form,)):
                found = array("I")
                found.frombytes(blob)
                if doc in merged:
                    merged[doc].extend(found)
                    several.add(doc)
                else:
                    merged[doc] = found
        for doc in several:
            merged[doc] = array("I", sorted(merged[doc]))
        return merged

    @_guarded
    def counts(self, form_ids: Collection[int]) -> dict[int, int]:
        """How many positions each doc has of any of the forms (postings' lengths, without
        copying them)."""
        found: dict[int, int] = {}
        get = found.get
        for form in form_ids:
            for doc, size in self.db.execute(
                    "SELECT doc, length(positions) FROM postings WHERE form = ?", (form,)):
                if size % _POSITION:
                    raise ValueError("positions of the wrong length")
                found[doc] = get(doc, 0) + size // _POSITION
        return found

    @_guarded
    def layout(self, doc: int) -> Layout:
        """Where the words and clauses of a doc are."""
        n_tokens, n_clauses, blob = self.db.execute(
            "SELECT n_tokens, n_clauses, layout FROM docs WHERE id = ?", (doc,)).fetchone()
        values = array("I")
        values.frombytes(zlib.decompress(blob))
        if len(values) != 2 * (n_tokens + n_clauses):
            raise ValueError("a layout of the wrong length")
        spans = values[2 * n_tokens:]
        return Layout(values[:n_tokens], values[n_tokens:2 * n_tokens],
                      tuple((spans[2 * i], spans[2 * i + 1]) for i in range(n_clauses)))

    @_guarded
    def word_counts(self, docs: Collection[int]) -> dict[int, int]:
        """How many words each doc has (as the index cuts them)."""
        wanted = set(docs)
        rows = self.db.execute("SELECT id, n_tokens FROM docs")
        return {doc: n for doc, n in rows if doc in wanted}

    @_guarded
    def text(self, doc: int) -> str:
        """The text of a doc."""
        row = self.db.execute("SELECT text FROM docs WHERE id = ?", (doc,)).fetchone()
        return zlib.decompress(row[0]).decode("utf-8")

    def size(self) -> int:
        """Bytes the database takes on disk (0 in memory)."""
        pages = self.db.execute("PRAGMA page_count").fetchone()[0]
        page_size = self.db.execute("PRAGMA page_size").fetchone()[0]
        return int(pages) * int(page_size)
