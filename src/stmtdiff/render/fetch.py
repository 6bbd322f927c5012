"""Lines and JSON for fetch and add: one line per statement, a summary, warnings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from stmtdiff.render.output import printable

if TYPE_CHECKING:
    from stmtdiff.fetch.add import Added
    from stmtdiff.fetch.client import FetchResult

__all__ = ["add_doc", "added_line", "fetch_doc", "result_lines", "summary_line"]


def result_lines(result: FetchResult) -> list[str]:
    """What happened to one statement: fetched, failed or skipped, then any warnings."""
    return [printable(line) for line in _result_lines(result)]


def _result_lines(result: FetchResult) -> list[str]:
    st = result.statement
    if result.ok and result.extracted is not None and result.source is not None:
        ex = result.extracted
        lines = [f"fetched {st.id} from {result.source.url} "
                 f"({ex.extractor}, {len(ex.text):,} characters)"]
        lines += [f"warning: {st.id}: {w}" for w in ex.warnings]
        return lines
    if result.skipped == "has a text already":
        return [f"{st.id} has a text already (add --force to fetch it again)"]
    if result.skipped:
        return [f"skipped {st.id}: {result.skipped} "
                f"(add a text with: stmtdiff add FILE --id {st.id})"]
    return [f"error: {st.id}: " + "; ".join(result.failures)]


def summary_line(results: Sequence[FetchResult], series: str) -> str:
    """One line: how many texts were fetched, failed and skipped."""
    fetched = sum(r.ok for r in results)
    skipped = sum(bool(r.skipped) for r in results)
    failed = len(results) - fetched - skipped
    parts = [f"fetched {fetched}"]
    if failed:
        parts.append(f"failed {failed}")
    if skipped:
        parts.append(f"skipped {skipped}")
    return printable(f"{', '.join(parts)} of {len(results)} statements of {series}")


def added_line(added: Added) -> str:
    """One line naming what was added and where."""
    st = added.statement
    made = " and its metadata" if added.created_metadata else ""
    return printable(f"added {st.id} to {st.series}: {st.text_path}{made} "
                     f"({added.extracted.extractor}, {len(added.extracted.text):,} characters)")


def fetch_doc(results: Sequence[FetchResult], series: str) -> dict[str, Any]:
    """stmtdiff.fetch/1."""
    return {
        "schema": "stmtdiff.fetch/1",
        "series": series,
        "results": [_result_doc(r) for r in results],
    }


def _result_doc(result: FetchResult) -> dict[str, Any]:
    status = "fetched" if result.ok else "skipped" if result.skipped else "failed"
    ex = result.extracted
    return {
        "id": result.statement.id,
        "status": status,
        "url": result.source.url if result.source else None,
        "text_path": str(result.statement.text_path) if result.ok else None,
        "extractor": ex.extractor if ex else None,
        "characters": len(ex.text) if ex else None,
        "warnings": list(ex.warnings) if ex else [],
        "failures": list(result.failures),
        "reason": result.skipped or None,
    }


def add_doc(added: Added) -> dict[str, Any]:
    """stmtdiff.add/1."""
    st, ex = added.statement, added.extracted
    return {
        "schema": "stmtdiff.add/1",
        "id": st.id,
        "series": st.series,
        "text_path": str(st.text_path),
        "created_metadata": added.created_metadata,
        "extractor": ex.extractor,
        "characters": len(ex.text),
        "warnings": list(ex.warnings),
    }
