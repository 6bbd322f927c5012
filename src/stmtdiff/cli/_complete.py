"""Shell completion (stmtdiff --install-completion): statement ids of the corpus and series the
command line names so far (alias group names: cli._query, beside --alias)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import typer

from stmtdiff.errors import StmtdiffError
from stmtdiff.workspace import Workspace

__all__ = ["completion_workspace", "statement_ids"]

_WORDS = ("first", "latest", "previous")
W = TypeVar("W", bound=Workspace)


def completion_workspace(ctx: typer.Context, kind: type[W]) -> W:
    """The workspace of the options given so far, before the command or after it."""
    given: dict[str, Any] = {}
    for level in reversed(_chain(ctx)):
        given.update({k: v for k, v in level.params.items() if v is not None})
    corpus, cache = given.get("corpus"), given.get("cache_dir") or given.get("cache_dir_opt")
    return kind(Path(corpus) if corpus else None, given.get("series"), None,
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
        ids = [st.id for st in completion_workspace(ctx, Workspace).open_series().statements]
    except (StmtdiffError, OSError):
        ids = []
    return [i for i in (*reversed(ids), *_WORDS) if i.startswith(incomplete)]

