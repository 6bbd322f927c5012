"""stmtdiff list: the statements of the corpus."""

from __future__ import annotations

from stmtdiff.cli._app import (
    CacheDirOpt,
    CorpusOpt,
    JsonOpt,
    ModelOpt,
    SeriesOpt,
    command,
    workspace,
)


@command("list", examples=["stmtdiff list", "stmtdiff list --json | jq '.statements[].id'",
                           "stmtdiff --corpus ~/statements list --series aukus"],
         paged=True)
def list_statements(corpus: CorpusOpt = None, series: SeriesOpt = None, model: ModelOpt = None,
                    cache_dir_opt: CacheDirOpt = None, json: JsonOpt = False) -> None:
    """List the statements: id, title, place, whether the text is present, clause count.

    Every series of the corpus is listed unless --series names one.
    """
    ws = workspace(corpus=corpus, series=series, model=model, cache_dir=cache_dir_opt)
    statements = ws.all_statements()
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
