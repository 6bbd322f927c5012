"""stmtdiff export: the clause and term tables of a corpus as Parquet, for query engines."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from stmtdiff.cli._app import CacheDirOpt, CorpusOpt, ModelOpt, SeriesOpt, command, workspace
from stmtdiff.history_workspace import HistoryWorkspace

ParquetOpt = Annotated[Path, typer.Option(
    "--parquet", help="Folder to write statements.parquet, clauses.parquet and terms.parquet "
    "into (replaced when they exist).", show_default=False)]


@command("export", examples=[
    "stmtdiff export --parquet tables/",
    "stmtdiff --corpus ~/statements export --parquet tables/ --model blank",
    "duckdb -c \"SELECT min(date) FROM 'tables/terms.parquet' WHERE norm = 'inflation'\""])
def export_cmd(parquet: ParquetOpt, corpus: CorpusOpt = None, series: SeriesOpt = None,
               model: ModelOpt = None, cache_dir_opt: CacheDirOpt = None) -> None:
    """Write every statement with a text (all series of the corpus unless --series names one)
    as Parquet tables: statements, clauses, and terms (one row per word, with its lemma).

    Segments the statements not yet in the clause cache first (on every core). Needs pyarrow:
    pip install 'stmtdiff[export]'. Query the tables with DuckDB, Polars or Spark.
    """
    ws = workspace(HistoryWorkspace, corpus=corpus, series=series, model=model,
                   cache_dir=cache_dir_opt)
    done = ws.export(parquet, jobs=os.cpu_count() or 1)
    typer.echo(f"exported {done.statements} statements to {done.folder}: {done.clauses} "
               f"clauses, {done.terms} words", err=True)
