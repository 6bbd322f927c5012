"""stmtdiff timeline: a statement-by-term table of counts."""

from __future__ import annotations

from pathlib import Path
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
from stmtdiff.cli._query import (
    AliasOpt,
    ExactOpt,
    HistoryFetchOpt,
    NoLemmaOpt,
    RegexOpt,
    TermsArg,
    mode_of,
)
from stmtdiff.errors import InputError
from stmtdiff.history_workspace import HistoryWorkspace


@command("timeline", examples=[
    "stmtdiff timeline Taiwan 'North Korea' --alias quad",
    "stmtdiff timeline --alias okinawa --csv > okinawa.csv",
    "stmtdiff timeline Taiwan --alias quad -o taiwan.html",
    "stmtdiff timeline Taiwan 'North Korea' --per 1000",
    "stmtdiff --corpus ~/statements/fomc timeline inflation employment --json"],
         paged=True)
def timeline_cmd(terms: TermsArg = None, alias: AliasOpt = None, exact: ExactOpt = False,
                 regex: RegexOpt = False, no_lemma: NoLemmaOpt = False,
                 corpus: CorpusOpt = None, series: SeriesOpt = None, model: ModelOpt = None,
                 cache_dir_opt: CacheDirOpt = None, json: JsonOpt = False,
                 csv: Annotated[bool, typer.Option("--csv", help="Write CSV.")] = False,
                 per: Annotated[int | None, typer.Option(
                     "--per", min=1, metavar="N", help="Counts per N words of each statement "
                     "(e.g. 1000): statements differ in length.", show_default=False)] = None,
                 html: Annotated[bool, typer.Option(
                     "--html", help="Write one self-contained HTML page: a chart of each "
                     "term per 1,000 words (inline SVG) and the table.")] = False,
                 output: Annotated[Path | None, typer.Option(
                     "-o", "--output", help="Write to this file instead of standard output "
                     "(a .html name implies --html).", show_default=False)] = None,
                 fetch: HistoryFetchOpt = False) -> None:
    """Count each term (and each --alias group) in every statement, with a bar per term.

    Terms match as in first-mention. Statements without a text are skipped (with a note).
    With --per 1000, each count is divided by the statement's words (as the term index cuts
    them) and multiplied by 1,000.
    """
    html = html or (output is not None and output.suffix.lower() in (".html", ".htm"))
    chosen = [name for name, on in (("--json", json), ("--csv", csv), ("--html", html)) if on]
    if len(chosen) > 1:
        raise InputError(f"{' and '.join(chosen)} contradict each other", "give one of them")
    ws = workspace(HistoryWorkspace, corpus=corpus, series=series, model=model,
                   cache_dir=cache_dir_opt)
    mode = mode_of(exact=exact, regex=regex, no_lemma=no_lemma)
    found = ws.searchable(fetch=fetch)
    try:
        result = ws.timeline(found, ws.columns(found.series, terms, alias, mode,
                                               case_sensitive=exact))
        # the plain and terminal tables show counts only: no word counts to read for them
        words = ws.word_counts(found) if per or json or csv or html else None
    finally:
        found.index.close()
    from stmtdiff.render.history_view import build_timeline_view

    view = build_timeline_view(result, series=found.series.name, mode=mode,
                               skipped=found.skipped, words=words, per=per)
    if html:
        from stmtdiff.render.output import write_output
        from stmtdiff.render.timeline_html import timeline_html

        write_output(timeline_html(view), output)
    elif json:
        from stmtdiff.render.history_json import timeline_doc
        from stmtdiff.render.json import dumps

        print(dumps(timeline_doc(view)))
    elif csv:
        from stmtdiff.render.history_json import timeline_csv

        typer.echo(timeline_csv(view), nl=False)
    else:
        from stmtdiff.render.output import on_terminal

        if not on_terminal():  # plain lines: no rich, no table layout
            from stmtdiff.render.history_text import timeline_text

            typer.echo(timeline_text(view), nl=False)
            return
        from stmtdiff.render.history_terminal import timeline_table
        from stmtdiff.render.terminal import make_console

        console = make_console()
        console.print(timeline_table(view, width=console.width))
