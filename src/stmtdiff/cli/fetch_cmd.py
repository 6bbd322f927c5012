"""stmtdiff fetch: download statement texts from the official sources in their metadata."""

from __future__ import annotations

from typing import Annotated

import typer

from stmtdiff.cli._app import CorpusOpt, JsonOpt, SeriesOpt, command, workspace
from stmtdiff.cli._complete import statement_ids
from stmtdiff.errors import ExitCode
from stmtdiff.render.output import printable
from stmtdiff.workspace import Workspace

ForceOpt = Annotated[bool, typer.Option(
    "--force", help="Fetch again statements that have a text (replacing it).")]


@command("fetch", examples=["stmtdiff fetch 2017 2021", "stmtdiff fetch --all",
                            "stmtdiff fetch 2021 --force --json"])
def fetch(idents: Annotated[list[str] | None, typer.Argument(
              metavar="[ID]...", help="Statements to fetch: dates, years, first, latest...",
              autocompletion=statement_ids)]
          = None,
          all_: Annotated[bool, typer.Option(
              "--all", help="Fetch every statement that has no text yet.")] = False,
          force: ForceOpt = False, corpus: CorpusOpt = None, series: SeriesOpt = None,
          json: JsonOpt = False) -> None:
    """Download statement texts from their official sources, with provenance.

    Each text is extracted from the first source that works (HTML, PDF or plain text),
    normalised, and written as <id>.txt beside <id>.toml, with <id>.provenance.json recording
    the URL, time, checksums, extractor and normalisation steps. Exit status 3 when any fetch
    failed; nothing is written for a failed statement.
    """
    ws = workspace(Workspace, corpus=corpus, series=series)
    loaded, chosen = ws.to_fetch(idents or [], every=all_, force=force)
    if not chosen:
        typer.echo(printable(f"nothing to fetch: the statements chosen have texts "
                             f"({loaded.name})"), err=True)
        return
    results = ws.fetch(chosen, force=force)
    from stmtdiff.render.fetch import fetch_doc, summary_line

    if json:
        from stmtdiff.render.json import dumps

        print(dumps(fetch_doc(results, loaded.name)))
    typer.echo(summary_line(results, loaded.name), err=True)
    if any(not r.ok and not r.skipped for r in results):
        raise typer.Exit(int(ExitCode.NETWORK))
    if idents and any(r.skipped for r in results):
        raise typer.Exit(int(ExitCode.BAD_INPUT))

