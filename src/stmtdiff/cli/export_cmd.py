"""stmtdiff export: the clause and term tables of a corpus as Parquet, for query engines."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Annotated

import typer

from stmtdiff.cli._app import (
    CacheDirOpt,
    CorpusOpt,
    ModelOpt,
    SeriesOpt,
    Settings,
    command,
    settings,
)
from stmtdiff.cli._load import segmented
from stmtdiff.corpus.series import corpus_root, load_series, open_series, series_dirs
from stmtdiff.model import Segmented, Statement

BATCH = 500
"""Statements segmented and written per row group."""

ParquetOpt = Annotated[Path, typer.Option(
    "--parquet", help="Folder to write statements.parquet, clauses.parquet and terms.parquet "
    "into (replaced when they exist).", show_default=False)]


@command("export", examples=[
    "stmtdiff export --parquet tables/",
    "stmtdiff --corpus ../shared/corpora export --parquet tables/ --model blank",
    "duckdb -c \"SELECT min(date) FROM 'tables/terms.parquet' WHERE norm = 'inflation'\""])
def export_cmd(parquet: ParquetOpt, corpus: CorpusOpt = None, series: SeriesOpt = None,
               model: ModelOpt = None, cache_dir_opt: CacheDirOpt = None) -> None:
    """Write every statement with a text (all series of the corpus unless --series names one)
    as Parquet tables: statements, clauses, and terms (one row per word, with its lemma).

    Segments the statements not yet in the clause cache first. Needs pyarrow:
    pip install 'stmtdiff[export]'. Query the tables with DuckDB, Polars or Spark.
    """
    from stmtdiff.cache.export import export_parquet, require_pyarrow

    require_pyarrow()  # before any parsing
    opts = settings(corpus=corpus, series=series, model=model, cache_dir=cache_dir_opt)
    chosen = _statements(opts)
    done = export_parquet(_batches(chosen, opts), parquet)
    typer.echo(f"exported {done.statements} statements to {done.folder}: {done.clauses} "
               f"clauses, {done.terms} words", err=True)


def _statements(opts: Settings) -> list[Statement]:
    root = corpus_root(opts.corpus)
    if opts.series is not None or len(series_dirs(root)) == 1:
        found = [open_series(root, opts.series)]
    else:
        found = [load_series(folder) for folder in series_dirs(root)]
    return [st for s in found for st in s.statements if st.has_text]


def _batches(statements: Sequence[Statement], opts: Settings) -> Iterator[list[Segmented]]:
    for lo in range(0, len(statements), BATCH):
        yield segmented(statements[lo:lo + BATCH], opts)
