"""stmtdiff novel: what a statement says for the first time in its series."""

from __future__ import annotations

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
from stmtdiff.cli._query import HistoryFetchOpt
from stmtdiff.history_workspace import HistoryWorkspace

IdArg = Annotated[str, typer.Argument(
    metavar="ID",
    help="A date (2021-03-16), a month (2005-10), a year, first, latest or previous.",
    autocompletion=statement_ids)]
LimitOpt = Annotated[int, typer.Option(
    "--limit", min=0, help="Show at most this many phrases of each kind (0: all).")]


@command("novel", examples=["stmtdiff novel 2021",
                            "stmtdiff novel latest --json | jq '.first_in_series[:5]'",
                            "stmtdiff --corpus ~/statements/aukus novel latest --limit 10"],
         paged=True)
def novel_cmd(ident: IdArg, limit: LimitOpt = 30, corpus: CorpusOpt = None,
              series: SeriesOpt = None, model: ModelOpt = None,
              cache_dir_opt: CacheDirOpt = None, json: JsonOpt = False,
              fetch: HistoryFetchOpt = False) -> None:
    """The phrases of a statement that no earlier statement of the series has, ranked.

    Phrases are content-word n-grams (up to 4 words), noun chunks and named entities; rarer
    words, names and verbs of commitment or concern rank first. Also lists the phrases that
    return after an absence (missing from the previous statement), with when they were last
    seen. Earlier statements without a text are skipped (with a note).
    """
    ws = workspace(HistoryWorkspace, corpus=corpus, series=series, model=model,
                   cache_dir=cache_dir_opt)
    found = ws.novel(ident, fetch=fetch)
    from stmtdiff.render.history_view import build_novel_view

    view = build_novel_view(found.result, found.target, limit=limit, skipped=found.skipped)
    if json:
        from stmtdiff.render.history_json import novel_doc
        from stmtdiff.render.json import dumps

        print(dumps(novel_doc(view)))
    else:
        from stmtdiff.render.history_terminal import novel_view
        from stmtdiff.render.terminal import make_console

        make_console().print(novel_view(view))
