"""stmtdiff first-mention: when a series first used a term, and how often each statement does."""

from __future__ import annotations

from typing import TYPE_CHECKING

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
from stmtdiff.cli._query import (
    AliasOpt,
    ExactOpt,
    HistoryFetchOpt,
    NoLemmaOpt,
    RegexOpt,
    TermsArg,
    mode_of,
)
from stmtdiff.history_workspace import HistoryWorkspace

if TYPE_CHECKING:
    from stmtdiff.render.history_view import FirstMentionView


@command("first-mention", examples=[
    "stmtdiff first-mention 'Taiwan Strait'",
    "stmtdiff first-mention --alias quad --json | jq .first",
    "stmtdiff --corpus ~/statements/fomc first-mention --regex 'inflation expectations?'"],
         paged=True)
def first_mention_cmd(terms: TermsArg = None, alias: AliasOpt = None, exact: ExactOpt = False,
                      regex: RegexOpt = False, no_lemma: NoLemmaOpt = False,
                      corpus: CorpusOpt = None, series: SeriesOpt = None, model: ModelOpt = None,
                      cache_dir_opt: CacheDirOpt = None, json: JsonOpt = False,
                      fetch: HistoryFetchOpt = False) -> None:
    """The earliest statement using a term, the clause holding it, and every statement's count.

    Matching is case-insensitive on word boundaries and finds other inflections ("strait" finds
    "Straits"); phrases match across line breaks and typographic variants, and spacing and
    hyphen variants match each other ("COP26", "COP 26"). A term in capitals ("US", "WHO")
    matches only capitals. Several TERMs and
    --alias groups are an "any of" query. Statements without a text are skipped (with a note).
    Exit status 1 when nothing matches.
    """
    ws = workspace(HistoryWorkspace, corpus=corpus, series=series, model=model,
                   cache_dir=cache_dir_opt)
    mode = mode_of(exact=exact, regex=regex, no_lemma=no_lemma)
    found = ws.searchable(fetch=fetch)
    try:
        cols = ws.columns(found.series, terms, alias, mode, case_sensitive=exact)
        query = [t for _, group in cols for t in group]
        result = ws.first_mention(found, cols, all_contexts=json)
    finally:
        found.index.close()
    from stmtdiff.render.history_view import build_first_mention_view

    view = build_first_mention_view(
        result, series=found.series.name, labels=[label for label, _ in cols],
        query=[t.text for t in query], aliases=alias or [], mode=mode, skipped=found.skipped)
    if json:
        from stmtdiff.render.history_json import first_mention_doc
        from stmtdiff.render.json import dumps

        print(dumps(first_mention_doc(view)))
    else:
        show(view)
    if result.first is None:
        raise typer.Exit(1)


def show(view: FirstMentionView) -> None:
    """Write the answer: through rich on a terminal, else as plain lines (no rich import)."""
    from stmtdiff.render.history_text import first_mention_counts, first_mention_text
    from stmtdiff.render.output import on_terminal

    if on_terminal():
        from stmtdiff.render.history_terminal import first_mention_view
        from stmtdiff.render.terminal import make_console

        console = make_console()
        console.print(first_mention_view(view, mark=console.no_color or not console.is_terminal))
    else:
        typer.echo(first_mention_text(view), nl=False)
    typer.echo(first_mention_counts(view), nl=False)
