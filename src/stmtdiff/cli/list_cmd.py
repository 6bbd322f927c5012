"""stmtdiff list: the statements of the corpus."""

from __future__ import annotations

from stmtdiff.cache.clauses import ClauseCache, cache_dir, cached_counts
from stmtdiff.cli._app import (
    CacheDirOpt,
    CorpusOpt,
    JsonOpt,
    ModelOpt,
    SeriesOpt,
    command,
    settings,
)
from stmtdiff.corpus.series import corpus_root, load_series, series_dirs
from stmtdiff.errors import InputError
from stmtdiff.fetch.client import fetchable_sources
from stmtdiff.model import Statement
from stmtdiff.segment.pipeline import choose_pipeline


@command("list", examples=["stmtdiff list", "stmtdiff list --json | jq '.statements[].id'",
                           "stmtdiff --corpus ../shared/corpora list --series aukus"])
def list_statements(corpus: CorpusOpt = None, series: SeriesOpt = None, model: ModelOpt = None,
                    cache_dir_opt: CacheDirOpt = None, json: JsonOpt = False) -> None:
    """List the statements: id, title, place, whether the text is present, clause count.

    Every series of the corpus is listed unless --series names one.
    """
    opts = settings(corpus=corpus, series=series, model=model, cache_dir=cache_dir_opt)
    root = corpus_root(opts.corpus)
    dirs = [d for d in series_dirs(root) if opts.series is None or d.name == opts.series]
    if not dirs:
        raise InputError(f"{root}: no series {opts.series!r}" if opts.series
                         else f"{root}: no statements")
    statements: list[Statement] = [st for d in dirs for st in load_series(d).statements]
    store = ClauseCache(cache_dir(opts.cache_dir))
    try:
        counts = cached_counts(statements, cache=store, choice=choose_pipeline(opts.model))
    finally:
        store.close()
    if json:
        from stmtdiff.render.json import dumps, list_doc

        print(dumps(list_doc(statements, counts)))
    else:
        from stmtdiff.render.terminal import make_console, statements_table

        console = make_console()
        console.print(statements_table(statements, counts))
        if any(not st.has_text and not fetchable_sources(st) for st in statements):
            console.print("no source: none of its listed sources carries the text; "
                          "add yours with: stmtdiff add FILE --id ID", style="dim")
