"""compare --format html: the facts of the report's header, the ranks of new language, and the
page written to a file or standard output."""

from __future__ import annotations

import hashlib
from pathlib import Path

from stmtdiff.model import Segmented
from stmtdiff.render.compare_html import StatementFacts, compare_html
from stmtdiff.render.compare_view import build_compare_view
from stmtdiff.render.output import write_output
from stmtdiff.workspace import Comparison, Workspace

__all__ = ["facts_of", "write_html"]


def facts_of(ws: Workspace, seg: Segmented) -> StatementFacts:
    """Place, source, retrieval time and text SHA-256 of a statement (its provenance first)."""
    st = seg.statement
    record = ws.provenance(st)
    url = str(record.get("url") or "")
    if not url.startswith(("http://", "https://")) and st.sources:
        url = st.sources[0].url
    sha = str(record.get("text_sha256") or "") or hashlib.sha256(
        seg.text.encode("utf-8")).hexdigest()
    return StatementFacts(place=st.place, source_url=url, sha256=sha,
                          retrieved_at=str(record.get("retrieved_at") or ""))


def write_html(ws: Workspace, cmp: Comparison, *, only: tuple[str, ...],
               output: Path | None, side_by_side: bool = False, top_new: int | None = None,
               ) -> None:
    """The report of every pair (those with the labels in only, when given), opening in the
    side-by-side view when asked; top_new: how many first-in-series units to mark (None:
    all)."""
    view = build_compare_view(cmp, everything=True, only=only, top_new=top_new)
    series = ws.open_series(cmp.b.statement.series)
    page = compare_html(view, (facts_of(ws, cmp.a), facts_of(ws, cmp.b)),
                        series_title=series.title,
                        side_by_side=side_by_side)
    write_output(page, output)
