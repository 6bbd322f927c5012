"""stmtdiff index: segment statements into the clause cache ahead of time."""

from __future__ import annotations

from typing import Annotated

import typer

from stmtdiff.cli._app import CacheDirOpt, CorpusOpt, ModelOpt, SeriesOpt, command, workspace


@command("index", examples=["stmtdiff index", "stmtdiff index 2017 2021",
                            "stmtdiff --corpus ../shared/corpora/fomc index --model blank"])
def index(idents: Annotated[list[str] | None, typer.Argument(
              metavar="[ID]...", help="Statements to index; default: every one with a text.")]
          = None,
          corpus: CorpusOpt = None, series: SeriesOpt = None, model: ModelOpt = None,
          cache_dir_opt: CacheDirOpt = None) -> None:
    """Segment statements into the clause cache, so that later commands start warm."""
    ws = workspace(corpus=corpus, series=series, model=model, cache_dir=cache_dir_opt)
    loaded, done = ws.index(idents or [])
    clauses = sum(len(s.clauses) for s in done)
    typer.echo(f"indexed {len(done)} statements of {loaded.name}: {clauses} clauses", err=True)
