"""Loading what commands work on: the series, and segmented statements from the cache."""

from __future__ import annotations

from collections.abc import Sequence

from ..corpus import Series, corpus_root, open_series
from ..errors import InputError
from ..index import ClauseCache, cache_dir, segment_statements
from ..model import Segmented, Statement
from ..pipeline import choose_pipeline
from ..render.progress import progress_bar
from ._app import Settings

__all__ = ["load_series", "require_texts", "segmented"]


def load_series(opts: Settings) -> Series:
    """The series the options name."""
    return open_series(corpus_root(opts.corpus), opts.series)


def require_texts(statements: Sequence[Statement], *, fetch: bool = False,
                  ) -> list[Statement]:
    """The statements, every one with a text; InputError naming all that lack one."""
    missing = [st for st in statements if not st.has_text]
    if not missing:
        return list(statements)
    ids = " ".join(st.id for st in missing)
    raise InputError(f"no text yet for {ids} ({missing[0].series})",
                     f"run: stmtdiff fetch {ids}   or: stmtdiff add FILE --id {missing[0].id}")


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
