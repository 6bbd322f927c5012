"""stmtdiff show: one statement's clauses under their section labels."""

from __future__ import annotations

from typing import Annotated

import typer

from stmtdiff.cli._app import (
    CacheDirOpt,
    CorpusOpt,
    FetchOpt,
    JsonOpt,
    ModelOpt,
    SeriesOpt,
    command,
    workspace,
)
from stmtdiff.cli._complete import statement_ids
from stmtdiff.workspace import Workspace

IdArg = Annotated[str, typer.Argument(
    metavar="ID",
    help="A date (2021-03-16), a month (2005-10), a year, first, latest or previous.",
    autocompletion=statement_ids)]


@command("show", examples=["stmtdiff show 2021", "stmtdiff show latest --json | jq '.clauses[0]'",
                           "stmtdiff --corpus ~/statements/fomc show latest"],
         paged=True)
def show(ident: IdArg, corpus: CorpusOpt = None, series: SeriesOpt = None,
         model: ModelOpt = None, cache_dir_opt: CacheDirOpt = None, json: JsonOpt = False,
         fetch: FetchOpt = True) -> None:
    """Show a statement's clauses, numbered, under their section labels."""
    ws = workspace(Workspace, corpus=corpus, series=series, model=model, cache_dir=cache_dir_opt)
    seg = ws.segmented([ws.resolve(ident)], fetch=fetch)[0]
    if json:
        from stmtdiff.render.json import dumps, show_doc

        print(dumps(show_doc(seg)))
    else:
        from stmtdiff.render.terminal import clauses_view, make_console

        make_console().print(clauses_view(seg))
