"""Running fetches for commands: a progress bar, and a line per statement on stderr."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import typer

from stmtdiff.render.progress import progress_bar

if TYPE_CHECKING:
    from stmtdiff.fetch.client import FetchResult
    from stmtdiff.model import Statement

__all__ = ["run_fetch"]


def run_fetch(statements: Sequence[Statement], *, force: bool = False,
              report_failures: bool = True) -> list[FetchResult]:
    """Fetch the statements' texts, echoing what happened to each on stderr."""
    from stmtdiff.fetch.client import Fetcher, fetch_statements
    from stmtdiff.render.fetch import result_lines

    results: list[FetchResult] = []
    with Fetcher() as fetcher, progress_bar("Fetching") as progress:
        for result in fetch_statements(statements, fetcher, force=force, progress=progress):
            results.append(result)
            if result.ok or report_failures:
                for line in result_lines(result):
                    typer.echo(line, err=True)
    return results
