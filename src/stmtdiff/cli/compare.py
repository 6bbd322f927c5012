"""stmtdiff compare A B: what changed between two statements of a series, and what is new."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from stmtdiff.cli._app import (
    CacheDirOpt,
    CorpusOpt,
    FetchOpt,
    JsonOpt,
    ModelOpt,
    SeriesOpt,
    command,
    workspace,
)
from stmtdiff.cli._complete import statement_ids
from stmtdiff.errors import ExitCode, InputError
from stmtdiff.workspace import LABELS, Workspace

if TYPE_CHECKING:
    from stmtdiff.model import Segmented
    from stmtdiff.workspace import Attribution, Comparison

__all__ = ["Format", "compare_cmd", "parse_only"]


class Format(StrEnum):
    """Output formats besides --json."""

    terminal = "terminal"
    markdown = "markdown"
    html = "html"


_ID_HELP = ("a date (2021-03-16), a month (2005-10), a year, first, latest or previous; "
            "SERIES/ID names the series too.")
AArg = Annotated[str, typer.Argument(metavar="A", help="The older statement: " + _ID_HELP,
                                     show_default=False, autocompletion=statement_ids)]
BArg = Annotated[str, typer.Argument(metavar="B", help="The newer statement: " + _ID_HELP,
                                     show_default=False, autocompletion=statement_ids)]
AllOpt = Annotated[bool, typer.Option("--all", help="Show unchanged clauses too.")]
SideOpt = Annotated[bool, typer.Option("--side-by-side", help="Show A and B in two columns.")]
FormatOpt = Annotated[Format | None, typer.Option(
    "--format", help="terminal (the default), markdown, or html (one self-contained file); "
    "with -o, the default is from the file's suffix.", show_default=False)]
OutputOpt = Annotated[Path | None, typer.Option(
    "-o", "--output", help="Write to this file (whole or not at all) instead of standard output.",
    show_default=False)]
_SUFFIX_FORMAT = {".html": Format.html, ".htm": Format.html, ".md": Format.markdown,
                  ".markdown": Format.markdown, ".txt": Format.terminal}
OnlyOpt = Annotated[str | None, typer.Option(
    "--only", help="Show only these labels, comma-separated: " + ",".join(LABELS) + ".",
    show_default=False)]
FailOpt = Annotated[bool, typer.Option(
    "--fail-if-diff", help="Exit 1 when anything changed (for scripts and CI).")]
AllNewOpt = Annotated[bool, typer.Option(
    "--all-new", help="Mark all language first used in the series (default: the 10 best, "
    "ranked as `novel` ranks them; --json always has all, with scores).")]
AttributeOpt = Annotated[bool, typer.Option(
    "--attribute", help="For each added or modified clause of B, the statement between A and B "
    "that first carried its wording: the earliest sharing a run of 6 or more of its content "
    "words.")]


def parse_only(value: str | None) -> tuple[str, ...]:
    """The labels of --only; InputError naming an unknown one."""
    if not value:
        return ()
    labels = tuple(x.strip() for x in value.split(",") if x.strip())
    wrong = [x for x in labels if x not in LABELS]
    if wrong:
        raise InputError(f"--only: unknown label {wrong[0]!r}",
                         f"labels are {', '.join(LABELS)}")
    return labels


@command("compare", examples=[
    "stmtdiff compare 2017 2021",
    "stmtdiff compare previous latest --side-by-side",
    "stmtdiff compare 2017 2021 --only added,modified --format markdown > changes.md",
    "stmtdiff compare 2017 2021 --json | jq '.summary'",
    "stmtdiff compare 2017 2021 --fail-if-diff",
    "stmtdiff compare 2005 2021 --attribute",
    "stmtdiff compare previous latest --all-new",
    "stmtdiff compare 2017 2021 -o report.html",
], paged=True)
def compare_cmd(first: AArg, second: BArg, everything: AllOpt = False,
                side_by_side: SideOpt = False, fmt: FormatOpt = None, output: OutputOpt = None,
                only: OnlyOpt = None, fail_if_diff: FailOpt = False, fetch: FetchOpt = True,
                corpus: CorpusOpt = None, series: SeriesOpt = None, model: ModelOpt = None,
                cache_dir_opt: CacheDirOpt = None, json: JsonOpt = False,
                attribute: AttributeOpt = False, all_new: AllNewOpt = False) -> None:
    """Compare statement A with statement B: clauses aligned (unchanged, modified, moved, added,
    removed, split, merged), word-level changes, and language first used in the series (✦):
    the 10 best units (whole names, noun chunks, rare words), or all with --all-new.

    --format html (or -o report.html) writes one self-contained page to share: a redline
    (deletions struck through, insertions underlined) with a list of changes, an inline or
    side-by-side view and filters by label; it reads with scripts off and prints in black and
    white.
    """
    ws = workspace(Workspace, corpus=corpus, series=series, model=model, cache_dir=cache_dir_opt)
    labels = parse_only(only)
    fmt = output_format(fmt, output=output, json=json, side_by_side=side_by_side)
    if attribute and fmt is Format.html and not json:
        raise InputError("--attribute does not apply to --format html",
                         "drop it, or use --json or --format markdown for attributions")
    cmp = ws.compare(first, second, fetch=fetch)
    from stmtdiff.render.compare_view import TOP_NEW
    attributed = ws.attributions(cmp) if attribute else None
    if fmt is Format.html and not json:
        from stmtdiff.cli._html import write_html

        write_html(ws, cmp, only=labels, output=output, side_by_side=side_by_side,
                   top_new=None if all_new else TOP_NEW)
    else:
        _render(cmp, json=json, fmt=fmt, everything=everything, side_by_side=side_by_side,
                only=labels, attributed=attributed, output=output,
                top_new=None if all_new or json else TOP_NEW)
    if attributed is not None and not json and fmt is not Format.html:
        _print_attribution(attributed, cmp.b)
    if fail_if_diff and cmp.changed:
        raise typer.Exit(int(ExitCode.NOTHING_FOUND))


def output_format(fmt: Format | None, *, output: Path | None, json: bool,
                  side_by_side: bool) -> Format:
    """The format asked for (from -o's suffix when --format is not given); InputError for
    options that contradict each other."""
    if json and fmt is not None:
        raise InputError(f"--json and --format {fmt.value} contradict each other",
                         "give one of them")
    if fmt is None:
        fmt = Format.terminal
        if output is not None and not json:
            fmt = _SUFFIX_FORMAT.get(output.suffix.lower(), Format.terminal)
    if side_by_side and (json or fmt is Format.markdown):
        what = "--json" if json else "--format markdown"
        raise InputError(f"--side-by-side does not apply to {what}",
                         "drop one of them; the HTML report has both views")
    return fmt


def _render(cmp: Comparison, *, json: bool, fmt: Format, everything: bool, side_by_side: bool,
            only: tuple[str, ...], attributed: tuple[Attribution, ...] | None = None,
            output: Path | None = None, top_new: int | None = None) -> None:
    from stmtdiff.render.compare_view import build_compare_view
    from stmtdiff.render.output import write_output

    view = build_compare_view(cmp, everything=everything or json, only=only, top_new=top_new)
    if json:
        from stmtdiff.render.compare_json import compare_doc
        from stmtdiff.render.json import dumps

        doc = compare_doc(view)
        if attributed is not None:
            from stmtdiff.render.history_json import attribution_docs

            doc["attribution"] = attribution_docs(attributed, cmp.b.statement)
        write_output(dumps(doc) + "\n", output)
    elif fmt is Format.markdown:
        from stmtdiff.render.compare_markdown import compare_markdown

        write_output(compare_markdown(view), output)
    else:
        from stmtdiff.render.output import on_terminal

        if output is not None or (not side_by_side and not on_terminal()):  # plain lines
            from stmtdiff.render.compare_text import compare_text

            write_output(compare_text(view), output)
            return
        from stmtdiff.render.compare_terminal import compare_renderable
        from stmtdiff.render.terminal import make_console, print_trimmed

        console = make_console()
        print_trimmed(console, compare_renderable(view, console, side_by_side=side_by_side))


def _print_attribution(items: tuple[Attribution, ...], b: Segmented) -> None:
    """The attributions after the comparison (terminal and Markdown output)."""
    from stmtdiff.render.history_terminal import attribution_view
    from stmtdiff.render.terminal import make_console

    console = make_console()
    console.print()
    console.print(attribution_view(items, b))
