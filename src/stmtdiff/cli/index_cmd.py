"""stmtdiff index: segment statements into the clause cache ahead of time."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from stmtdiff.cli._app import (
    CacheDirOpt,
    CorpusOpt,
    JsonOpt,
    ModelOpt,
    SeriesOpt,
    command,
    workspace,
)
from stmtdiff.cli._complete import statement_ids
from stmtdiff.history_workspace import HistoryWorkspace
from stmtdiff.render.output import printable


@command("index", examples=["stmtdiff index", "stmtdiff index 2017 2021 --json",
                            "stmtdiff index -j 1",
                            "stmtdiff --corpus ~/statements/fomc index --model blank"])
def index(idents: Annotated[list[str] | None, typer.Argument(
              metavar="[ID]...", help="Statements to index; default: every one with a text.",
              autocompletion=statement_ids)]
          = None,
          jobs: Annotated[int | None, typer.Option(
              "--jobs", "-j", min=1, help="Processes that parse at once. Default: the cores.",
              show_default=False)] = None,
          corpus: CorpusOpt = None, series: SeriesOpt = None, model: ModelOpt = None,
          cache_dir_opt: CacheDirOpt = None, json: JsonOpt = False) -> None:
    """Segment statements into the clause cache, so that later commands start warm.

    Parsing is spread over --jobs processes (each loads the pipeline; the cache is written by
    one) when there is enough text to parse.
    """
    ws = workspace(HistoryWorkspace, corpus=corpus, series=series, model=model,
                   cache_dir=cache_dir_opt)
    loaded, done = ws.index(idents or [], jobs=jobs or os.cpu_count() or 1)
    clauses = sum(len(s.clauses) for s in done)
    typer.echo(printable(f"indexed {len(done)} statements of {loaded.name}: {clauses} clauses"),
               err=True)
    if json:
        from stmtdiff.render.json import dumps, index_doc

        print(dumps(index_doc(loaded.name, done)))
