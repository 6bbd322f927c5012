"""The options of the history queries (first-mention, timeline): terms, alias groups, matching."""

from __future__ import annotations

from typing import Annotated

import typer

from stmtdiff.cli._complete import completion_workspace
from stmtdiff.errors import StmtdiffError
from stmtdiff.history_workspace import HistoryWorkspace, Mode

__all__ = [
    "AliasOpt",
    "ExactOpt",
    "HistoryFetchOpt",
    "NoLemmaOpt",
    "RegexOpt",
    "TermsArg",
    "alias_names",
    "mode_of",
]


def alias_names(ctx: typer.Context, incomplete: str) -> list[str]:
    """The alias groups of the series that start with what is typed (shell completion)."""
    try:
        _, groups = completion_workspace(ctx, HistoryWorkspace).aliases()
    except (StmtdiffError, OSError):
        return []
    return [g.name for g in groups if g.name.startswith(incomplete)]


TermsArg = Annotated[list[str] | None, typer.Argument(
    metavar="[TERM]...", help="Words or phrases; several are an 'any of' query.",
    show_default=False)]
AliasOpt = Annotated[list[str] | None, typer.Option(
    "--alias", help="An alias group of the series' aliases.toml (see stmtdiff aliases); "
    "repeatable.", show_default=False, autocompletion=alias_names)]
ExactOpt = Annotated[bool, typer.Option(
    "--exact", help="Match the literal text, case-sensitive.")]
RegexOpt = Annotated[bool, typer.Option(
    "--regex", help="TERMs are regular expressions (case-insensitive unless --exact).")]
NoLemmaOpt = Annotated[bool, typer.Option(
    "--no-lemma", help="Match words as written, without their other inflections.")]
HistoryFetchOpt = Annotated[bool, typer.Option(
    "--fetch/--no-fetch", help="Fetch the texts of statements that have none first.")]


def mode_of(*, exact: bool, regex: bool, no_lemma: bool) -> Mode:
    """The matching mode the flags ask for."""
    if regex:
        return "regex"
    if exact:
        return "exact"
    return "word" if no_lemma else "lemma"
