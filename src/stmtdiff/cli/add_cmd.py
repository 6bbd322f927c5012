"""stmtdiff add: add a text from a file, a URL or standard input to a series."""

from __future__ import annotations

from typing import Annotated

import typer

from stmtdiff.cli._app import CorpusOpt, JsonOpt, SeriesOpt, command, workspace
from stmtdiff.render.output import printable
from stmtdiff.workspace import Workspace


@command("add", examples=[
    "stmtdiff add statement.pdf --id 2024-07-28",
    "stmtdiff add 2024-07-28.md",
    "stmtdiff add https://example.org/joint-statement.html --id 2023-01-11",
    "pbpaste | stmtdiff add - --id 2021-03-16 --title 'Joint Statement' --series us-japan-scc",
])
def add(location: Annotated[str, typer.Argument(
            metavar="PATH_OR_URL",
            help="A text, Markdown, HTML or PDF file, an http(s) URL, or - for standard input.")],
        sid: Annotated[str | None, typer.Option(
            "--id", help="The statement's id: its date, YYYY-MM-DD (default: the id or date of "
            "the text's front matter).", show_default=False)] = None,
        title: Annotated[str | None, typer.Option(
            "--title", help="Title for a new statement (default: the front matter's title, else "
            "the text's first line).",
            show_default=False)] = None,
        fmt: Annotated[str | None, typer.Option(
            "--format", help="html, pdf, text or markdown (default: from the content).",
            show_default=False)] = None,
        force: Annotated[bool, typer.Option(
            "--force", help="Replace the statement's existing text.")] = False,
        corpus: CorpusOpt = None, series: SeriesOpt = None, json: JsonOpt = False) -> None:
    """Add a statement's text from a file, a URL or standard input.

    The text goes through the same extraction and normalisation as fetch, and is written as
    <id>.txt with <id>.provenance.json in the series folder. A statement that has no metadata
    yet gets an <id>.toml (id, date, title); --series names a new series to create one.
    """
    from stmtdiff.render.fetch import add_doc, added_line

    added = workspace(Workspace, corpus=corpus, series=series).add(location, sid=sid, title=title,
                                                        force=force, fmt=fmt)
    for warning in added.extracted.warnings:
        typer.echo(printable(f"warning: {added.statement.id}: {warning}"), err=True)
    typer.echo(added_line(added), err=True)
    if json:
        from stmtdiff.render.json import dumps

        print(dumps(add_doc(added)))

