"""Loading what commands work on: the series, and segmented statements from the cache."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from stmtdiff.cache.clauses import ClauseCache, cache_dir, segment_statements
from stmtdiff.cli._app import Settings
from stmtdiff.corpus.series import Series, corpus_root, open_series
from stmtdiff.errors import InputError, NetworkError
from stmtdiff.model import Segmented, Statement
from stmtdiff.render.progress import progress_bar
from stmtdiff.segment.pipeline import choose_pipeline

if TYPE_CHECKING:
    from stmtdiff.compare.phrases import KeysOf, SpansOf

__all__ = ["cached_phrase_keys", "cached_phrases", "load_series", "require_texts", "segmented"]


def load_series(opts: Settings) -> Series:
    """The series the options name."""
    return open_series(corpus_root(opts.corpus), opts.series)


def require_texts(statements: Sequence[Statement], *, fetch: bool = False,
                  ) -> list[Statement]:
    """The statements, every one with a text, fetching missing ones first when fetch is true.

    InputError (exit 2) names statements without a text that cannot or may not be fetched;
    NetworkError (exit 3) says which fetches failed. Fetched statements are returned updated.
    """
    missing = [st for st in statements if not st.has_text]
    if not missing:
        return list(statements)
    ids = " ".join(st.id for st in missing)
    series = missing[0].series
    from stmtdiff.fetch.client import fetchable_sources, unfetchable_reason

    unfetchable = [st for st in missing if not fetchable_sources(st)]
    if unfetchable:
        some = " ".join(st.id for st in unfetchable)
        why = unfetchable_reason(unfetchable[0])
        detail = "" if why == "no source is listed" else f" ({why})"
        raise InputError(f"no text yet for {some} ({series}), and no source to fetch it "
                         f"from{detail}", f"run: stmtdiff add FILE --id {unfetchable[0].id}")
    if not fetch:
        raise InputError(f"no text yet for {ids} ({series})",
                         f"run: stmtdiff fetch {ids}   or: stmtdiff add FILE --id {missing[0].id}")
    return _fetched(statements, missing)


def _fetched(statements: Sequence[Statement], missing: list[Statement]) -> list[Statement]:
    from stmtdiff.cli._fetching import run_fetch

    results = {r.statement.id: r for r in run_fetch(missing, report_failures=False)}
    failed = [r for r in results.values() if not r.ok]
    if failed:
        ids = " ".join(r.statement.id for r in failed)
        reasons = "; ".join(r.failures[0] + (f" (and {len(r.failures) - 1} more sources)"
                                             if len(r.failures) > 1 else "") for r in failed)
        raise NetworkError(f"could not fetch the text of {ids} ({failed[0].statement.series}): "
                           f"{reasons}",
                           f"check the connection, then run: stmtdiff fetch {ids}   "
                           f"or: stmtdiff add FILE --id {failed[0].statement.id}")
    return [results[st.id].statement if st.id in results else st for st in statements]


def segmented(statements: Sequence[Statement], opts: Settings, *,
              fetch: bool = False) -> list[Segmented]:
    """The statements segmented, parsing uncached ones with a progress bar on a terminal.

    Statements without a text are fetched first when fetch is true, else InputError names them.
    """
    statements = require_texts(statements, fetch=fetch)
    choice = choose_pipeline(opts.model)
    store = ClauseCache(cache_dir(opts.cache_dir))
    try:
        with progress_bar("Segmenting") as progress:
            return segment_statements(statements, cache=store, choice=choice, progress=progress)
    finally:
        store.close()


@contextmanager
def cached_phrase_keys(opts: Settings) -> Iterator[KeysOf]:
    """phrases.phrase_keys behind the cache: each statement's keys are computed once."""
    with cached_phrases(opts) as (keys_of, _):
        yield keys_of


@contextmanager
def cached_phrases(opts: Settings) -> Iterator[tuple[KeysOf, SpansOf]]:
    """phrases.phrase_keys and phrases.statement_phrases behind the cache: each statement's
    keys and phrases are computed once."""
    from stmtdiff.cache.clauses import PhraseKeyCache, PhraseSpanCache
    from stmtdiff.compare.phrases import PHRASES_VERSION, phrase_keys, statement_phrases

    store = ClauseCache(cache_dir(opts.cache_dir))
    try:
        keys = PhraseKeyCache(store, phrase_keys, PHRASES_VERSION)
        spans = PhraseSpanCache(store, statement_phrases, PHRASES_VERSION)
        yield keys, spans
        keys.flush()
        spans.flush()
    finally:
        store.close()
