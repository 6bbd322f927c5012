"""Export of segmented statements as Parquet tables, for query engines (DuckDB, Spark, Polars).

Three tables, one file each, written batch by batch (one row group per batch, so a series of
any size is exported in bounded memory):

- ``statements.parquet``: one row per statement (series, id, date, title, the sha256 of its
  text, the pipeline that segmented it, words, clauses);
- ``clauses.parquet``: one row per clause (series, id, date, clause index, offsets, section,
  sentence, block, kind, its text);
- ``terms.parquet``: one row per word, cut as the term index cuts words (runs of word
  characters of the typography-folded text): series, id, date, position, offsets, the clause
  holding it (null in a heading), surface, lower, norm (the pipeline's lemma) and ``hard``
  (hard punctuation before it, which a phrase does not match across).

A first mention is then ``SELECT min(date) FROM 'terms.parquet' WHERE norm = 'inflation'``.
Needs pyarrow (``pip install 'stmtdiff[export]'``); the files appear only when complete.
"""

from __future__ import annotations

import bisect
import hashlib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stmtdiff.cache.terms import indexed_words
from stmtdiff.errors import InputError
from stmtdiff.model import Segmented

__all__ = ["TABLES", "Exported", "export_parquet", "require_pyarrow"]

TABLES = ("statements", "clauses", "terms")
"""The tables written, each as <name>.parquet."""


@dataclass(frozen=True)
class Exported:
    """What an export wrote."""

    folder: Path
    """The folder holding the files."""
    statements: int
    """Rows of statements.parquet."""
    clauses: int
    """Rows of clauses.parquet."""
    terms: int
    """Rows of terms.parquet."""


def require_pyarrow() -> Any:
    """pyarrow, or InputError saying how to install it."""
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as exc:
        raise InputError("exporting Parquet needs pyarrow, which is not installed",
                         "pip install 'stmtdiff[export]'   (or: pip install pyarrow)") from exc
    return pyarrow


def _schemas(pa: Any) -> dict[str, Any]:
    key = [("series", pa.string()), ("id", pa.string()), ("date", pa.string())]
    return {
        "statements": pa.schema([*key, ("title", pa.string()), ("sha256", pa.string()),
                                 ("pipeline", pa.string()), ("words", pa.int32()),
                                 ("clauses", pa.int32())]),
        "clauses": pa.schema([*key, ("clause", pa.int32()), ("start", pa.int32()),
                              ("end", pa.int32()), ("section", pa.string()),
                              ("sentence", pa.int32()), ("block", pa.int32()),
                              ("kind", pa.string()), ("text", pa.string())]),
        "terms": pa.schema([*key, ("position", pa.int32()), ("start", pa.int32()),
                            ("end", pa.int32()), ("clause", pa.int32()),
                            ("surface", pa.string()), ("lower", pa.string()),
                            ("norm", pa.string()), ("hard", pa.bool_())]),
    }


def _rows(seg: Segmented) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of one statement in each table."""
    st = seg.statement
    key = (st.series, st.id, st.date)
    starts = [c.start for c in seg.clauses]
    terms = []
    for position, (start, end, surface, norm, hard) in enumerate(indexed_words(seg)):
        at = bisect.bisect_right(starts, start) - 1
        clause = at if at >= 0 and start < seg.clauses[at].end else None
        terms.append((*key, position, start, end, clause, surface, surface.lower(), norm, hard))
    clauses = [(*key, c.index, c.start, c.end, c.section, c.sentence, c.block, c.kind,
                seg.clause_text(c)) for c in seg.clauses]
    sha = hashlib.sha256(seg.text.encode("utf-8")).hexdigest()
    statement = (*key, st.title, sha, seg.pipeline, len(terms), len(clauses))
    return {"statements": [statement], "clauses": clauses, "terms": terms}


def _table(pa: Any, schema: Any, rows: list[tuple[Any, ...]]) -> Any:
    columns = list(zip(*rows, strict=True))
    return pa.Table.from_arrays([pa.array(col, type=field.type)
                                 for col, field in zip(columns, schema, strict=True)],
                                schema=schema)


def export_parquet(batches: Iterable[Sequence[Segmented]], folder: Path) -> Exported:
    """Write the statements of every batch to folder/{statements,clauses,terms}.parquet.

    Each file is written beside its final name and renamed into place once complete.
    """
    pa = require_pyarrow()
    import pyarrow.parquet as pq

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{folder}: cannot create the export folder: {exc}") from exc
    schemas = _schemas(pa)
    partial = {name: folder / f".{name}.parquet.partial" for name in TABLES}
    writers = {name: pq.ParquetWriter(partial[name], schemas[name], compression="zstd")
               for name in TABLES}
    counts = dict.fromkeys(TABLES, 0)
    try:
        for batch in batches:
            rows: dict[str, list[tuple[Any, ...]]] = {name: [] for name in TABLES}
            for seg in batch:
                for name, found in _rows(seg).items():
                    rows[name].extend(found)
            for name in TABLES:
                if rows[name]:
                    writers[name].write_table(_table(pa, schemas[name], rows[name]))
                    counts[name] += len(rows[name])
    except BaseException:
        for name in TABLES:
            writers[name].close()
            partial[name].unlink(missing_ok=True)
        raise
    for name in TABLES:
        writers[name].close()
        os.replace(partial[name], folder / f"{name}.parquet")
    return Exported(folder, counts["statements"], counts["clauses"], counts["terms"])
