"""What the history commands share: the query options, and the series in the term index.

Statements without a text are skipped with a one-line note on stderr (fetched first only under
an explicit --fetch). Texts not yet in the term index are segmented (from the clause cache where
they are there) and indexed in batches; a warm run reads the index only and never loads spaCy.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import typer

from stmtdiff.cache.clauses import cache_dir
from stmtdiff.cache.snapshot import SnapshotLoader
from stmtdiff.cache.terms import TermIndex
from stmtdiff.cli._app import Settings
from stmtdiff.cli._load import segmented
from stmtdiff.corpus.series import Series, corpus_root, open_series
from stmtdiff.errors import InputError
from stmtdiff.history.search import Mode, Term, parse_term
from stmtdiff.model import Statement
from stmtdiff.segment.pipeline import choose_pipeline

if TYPE_CHECKING:
    from stmtdiff.corpus.aliases import AliasGroup

__all__ = [
    "AliasOpt",
    "ExactOpt",
    "HistoryFetchOpt",
    "NoLemmaOpt",
    "RegexOpt",
    "Searchable",
    "TermsArg",
    "columns",
    "fetch_missing",
    "mode_of",
    "note_skipped",
    "open_searchable",
]

BATCH = 500
"""Statements segmented and indexed per transaction when the index is built."""

TermsArg = Annotated[list[str] | None, typer.Argument(
    metavar="[TERM]...", help="Words or phrases; several are an 'any of' query.",
    show_default=False)]
AliasOpt = Annotated[list[str] | None, typer.Option(
    "--alias", help="An alias group of the series' aliases.toml (see stmtdiff aliases); "
    "repeatable.", show_default=False)]
ExactOpt = Annotated[bool, typer.Option(
    "--exact", help="Match the literal text, case-sensitive.")]
RegexOpt = Annotated[bool, typer.Option(
    "--regex", help="TERMs are regular expressions (case-insensitive unless --exact).")]
NoLemmaOpt = Annotated[bool, typer.Option(
    "--no-lemma", help="Match words as written, without their other inflections.")]
HistoryFetchOpt = Annotated[bool, typer.Option(
    "--fetch/--no-fetch", help="Fetch the texts of statements that have none first.")]


@dataclass(frozen=True)
class Searchable:
    """A series ready to search: its statements with a text, and their docs in the index."""

    series: Series
    """The series."""
    docs: tuple[tuple[Statement, int], ...]
    """Each statement with a text, oldest first, with its doc in the index."""
    skipped: tuple[Statement, ...]
    """The statements without a text."""
    index: TermIndex
    """The open term index (close it when done)."""


def mode_of(*, exact: bool, regex: bool, no_lemma: bool) -> Mode:
    """The matching mode the flags ask for."""
    if regex:
        return "regex"
    if exact:
        return "exact"
    return "word" if no_lemma else "lemma"


def columns(series: Series, terms: Sequence[str] | None, aliases: Sequence[str] | None,
            mode: Mode, *, case_sensitive: bool = False) -> list[tuple[str, list[Term]]]:
    """The query as labelled columns: one per TERM, one per alias group."""
    if not terms and not aliases:
        raise InputError("no TERM given", "give a word or phrase, or --alias NAME")
    result = [(t, [parse_term(t, mode, case_sensitive=case_sensitive)]) for t in terms or ()]
    if not aliases:
        return result
    from stmtdiff.corpus.aliases import load_aliases, pick_alias

    groups: Sequence[AliasGroup] = load_aliases(series.path)
    for name in aliases:
        group = pick_alias(groups, name, series.name)
        result.append((group.name, [parse_term(t, mode, case_sensitive=case_sensitive)
                                    for t in group.terms]))
    return result


def open_searchable(opts: Settings, *, fetch: bool = False) -> Searchable:
    """The series of the options, every statement with a text indexed."""
    loader = SnapshotLoader(cache_dir(opts.cache_dir))
    series = open_series(corpus_root(opts.corpus), opts.series, loader=loader)
    if fetch and fetch_missing(series.statements):
        series = open_series(corpus_root(opts.corpus), opts.series, loader=loader)
    present: list[Statement] = []
    missing: list[Statement] = []
    for st in series.statements:
        (present if st.text_path is not None else missing).append(st)
    skipped = tuple(missing)
    if not present:
        raise InputError(f"series {series.name} has no statement texts yet",
                         "run: stmtdiff fetch   (or stmtdiff add FILE --id ID)")
    if skipped:
        note_skipped(skipped, len(series.statements))
    index = TermIndex(cache_dir(opts.cache_dir))
    try:
        docs = _indexed(present, opts, index, loader)
    except BaseException:
        index.close()
        raise
    return Searchable(series, tuple(zip(present, docs, strict=True)), skipped, index)


def fetch_missing(statements: Sequence[Statement]) -> bool:
    """Fetch the texts of the statements that have none but have a source to fetch it from
    (the others are left to be skipped); whether any was tried."""
    from stmtdiff.cli._fetching import run_fetch
    from stmtdiff.fetch.client import fetchable_sources

    wanted = [st for st in statements if not st.has_text and fetchable_sources(st)]
    if wanted:
        run_fetch(wanted)
    return bool(wanted)


def note_skipped(skipped: Sequence[Statement], total: int) -> None:
    """Say on stderr, in one line, which statements were skipped for want of a text."""
    ids = " ".join(st.id for st in skipped)
    typer.echo(f"note: skipped {len(skipped)} of {total} statements without a text; "
               f"fetch them with: stmtdiff fetch {ids}", err=True)


def _indexed(statements: Sequence[Statement], opts: Settings, index: TermIndex,
             loader: SnapshotLoader) -> Sequence[int]:
    """The doc of each statement's text, indexing those not yet indexed; while the series
    folder's listing is unchanged, the docs saved by the last run."""
    pipeline = choose_pipeline(opts.model).key
    view = f"{loader.listing}\0{pipeline}"
    saved = index.view(view)
    if saved is not None and len(saved) == len(statements):
        return saved
    docs = _index_missing(statements, opts, index, pipeline, loader.stats)
    index.save_view(view, docs)
    return docs


def _index_missing(statements: Sequence[Statement], opts: Settings, index: TermIndex,
                   pipeline: str, stats: Mapping[str, tuple[int, int]]) -> list[int]:
    keys = index.keys(statements, pipeline, stats=stats)
    known = index.doc_ids(keys)
    todo = [i for i, key in enumerate(keys) if key not in known]
    for lo in range(0, len(todo), BATCH):
        batch = todo[lo:lo + BATCH]
        segs = segmented([statements[i] for i in batch], opts)
        index.add((keys[i], seg) for i, seg in zip(batch, segs, strict=True))
    if todo:
        known = index.doc_ids(keys)
    return [known[key] for key in keys]
