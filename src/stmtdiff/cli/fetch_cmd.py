"""stmtdiff fetch: download statement texts from the official sources in their metadata."""

from __future__ import annotations

from typing import Annotated

import typer

from stmtdiff.cli._app import CorpusOpt, JsonOpt, SeriesOpt, command, settings
from stmtdiff.cli._fetching import run_fetch
from stmtdiff.cli._load import load_series
from stmtdiff.corpus.series import Series, resolve
from stmtdiff.errors import ExitCode, InputError
from stmtdiff.model import Statement

ForceOpt = Annotated[bool, typer.Option(
    "--force", help="Fetch again statements that have a text (replacing it).")]


@command("fetch", examples=["stmtdiff fetch 2017 2021", "stmtdiff fetch --all",
                            "stmtdiff fetch 2021 --force --json"])
def fetch(idents: Annotated[list[str] | None, typer.Argument(
              metavar="[ID]...", help="Statements to fetch: dates, years, first, latest...")]
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
    loaded = load_series(settings(corpus=corpus, series=series))
    chosen = _choose(loaded, idents or [], all_=all_, force=force)
    if not chosen:
        typer.echo(f"nothing to fetch: the statements chosen have texts ({loaded.name})", err=True)
        return
    results = run_fetch(chosen, force=force)
    from stmtdiff.render.fetch import fetch_doc, summary_line

    if json:
        from stmtdiff.render.json import dumps

        print(dumps(fetch_doc(results, loaded.name)))
    typer.echo(summary_line(results, loaded.name), err=True)
    if any(not r.ok and not r.skipped for r in results):
        raise typer.Exit(int(ExitCode.NETWORK))
    if idents and any(r.skipped for r in results):
        raise typer.Exit(int(ExitCode.BAD_INPUT))


def _choose(loaded: Series, idents: list[str], *, all_: bool, force: bool) -> list[Statement]:
    if all_ and idents:
        raise InputError("give statement ids or --all, not both")
    if not all_ and not idents:
        raise InputError("name the statements to fetch, or give --all",
                         "e.g. stmtdiff fetch 2017 2021")
    named = list(dict.fromkeys(resolve(loaded, i) for i in idents)) if idents else \
        list(loaded.statements)
    chosen = [st for st in named if force or not st.has_text]
    for st in named:
        if st.has_text and not force and idents:
            typer.echo(f"{st.id} has a text already (add --force to fetch it again)", err=True)
    return [st for st in chosen if st.meta_path.suffix == ".toml"]
