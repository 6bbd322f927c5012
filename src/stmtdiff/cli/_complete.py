"""Shell completion (stmtdiff --install-completion): statement ids and alias group names of the
corpus and series the command line names so far."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from stmtdiff.errors import StmtdiffError
from stmtdiff.workspace import Workspace

__all__ = ["alias_names", "statement_ids"]

_WORDS = ("first", "latest", "previous")


def _workspace(ctx: typer.Context) -> Workspace:
    """The workspace of the options given so far, before the command or after it."""
    given: dict[str, Any] = {}
    for level in reversed(_chain(ctx)):
        given.update({k: v for k, v in level.params.items() if v is not None})
    corpus, cache = given.get("corpus"), given.get("cache_dir") or given.get("cache_dir_opt")
    return Workspace(Path(corpus) if corpus else None, given.get("series"), None,
                     Path(cache) if cache else None)


def _chain(ctx: typer.Context) -> list[Any]:
    found: list[Any] = []
    here: Any = ctx
    while here is not None:
        found.append(here)
        here = here.parent
    return found


def statement_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    """The ids of the series (and first, latest, previous) that start with what is typed."""
    try:
        ids = [st.id for st in _workspace(ctx).open_series().statements]
    except (StmtdiffError, OSError):
        ids = []
    return [i for i in (*reversed(ids), *_WORDS) if i.startswith(incomplete)]


def alias_names(ctx: typer.Context, incomplete: str) -> list[str]:
    """The alias groups of the series that start with what is typed."""
    try:
        _, groups = _workspace(ctx).aliases()
    except (StmtdiffError, OSError):
        return []
    return [g.name for g in groups if g.name.startswith(incomplete)]
