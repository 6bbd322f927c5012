"""stmtdiff list: the statements of the corpus."""

from __future__ import annotations

import sys

import typer

from stmtdiff.cli._app import (
    CacheDirOpt,
    CorpusOpt,
    JsonOpt,
    ModelOpt,
    SeriesOpt,
    command,
    error_line,
    fail,
    workspace,
)
from stmtdiff.workspace import Workspace


@command("list", examples=["stmtdiff list", "stmtdiff list --json | jq '.statements[].id'",
                           "stmtdiff --corpus ~/statements list --series aukus"],
         paged=True)
def list_statements(corpus: CorpusOpt = None, series: SeriesOpt = None, model: ModelOpt = None,
                    cache_dir_opt: CacheDirOpt = None, json: JsonOpt = False) -> None:
    """List the statements: id, title, place, whether the text is present, clause count.

    Every series of the corpus is listed unless --series names one. A statement file that
    cannot be read is named in an error line after the list (exit 2); the others are listed.
    """
    ws = workspace(Workspace, corpus=corpus, series=series, model=model, cache_dir=cache_dir_opt)
    found = ws.all_series()
    statements = [st for s in found for st in s.statements]
    counts = ws.clause_counts(statements)
    if json:
        from stmtdiff.render.json import dumps, list_doc

        print(dumps(list_doc(statements, counts)))
    else:
        from stmtdiff.render.terminal import make_console, statements_table

        console = make_console()
        console.print(statements_table(statements, counts))
        if any(not st.has_text and not ws.fetchable(st) for st in statements):
            console.print("no source: none of its listed sources carries the text; "
                          "add yours with: stmtdiff add FILE --id ID", style="dim")
    rejected = [bad for s in found for bad in s.rejected]
    if rejected:  # the readable statements are listed; each bad file is an error, exit 2
        sys.stdout.flush()
        for bad in rejected[:-1]:
            typer.echo(error_line(bad.message, bad.hint), err=True)
        fail(rejected[-1].message, rejected[-1].hint)
