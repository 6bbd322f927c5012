"""compare as the stmtdiff.compare/2 JSON document (schema: stmtdiff/schemas/compare.json)."""

from __future__ import annotations

from typing import Any

from stmtdiff.render.compare_view import ClauseView, CompareView, Mark, PairView, StatementView

__all__ = ["compare_doc"]

Doc = dict[str, Any]


def _statement(st: StatementView) -> Doc:
    return {"id": st.id, "date": st.date, "title": st.title, "series": st.series}


def _clause(c: ClauseView) -> Doc:
    return {"index": c.index, "start": c.start, "end": c.end, "text": c.text}


def _mark(m: Mark) -> Doc:
    return {"start": m.start, "end": m.end, "text": m.text, "key": m.key, "kind": m.kind,
            "score": m.score, "last_seen": m.last_seen}


def _pair(p: PairView) -> Doc:
    return {
        "op": p.op,
        "a": [_clause(c) for c in p.a],
        "b": [_clause(c) for c in p.b],
        "similarity": p.similarity,
        "section": p.section,
        "changes": [{"op": c.op, "text": c.text} for c in p.changes],
        "new_in_series": [_mark(m) for m in p.marks],
    }


def compare_doc(view: CompareView) -> Doc:
    """stmtdiff.compare/2: the summary counts every pair, "pairs" holds the pairs of the view
    (build it with everything=True for all of them)."""
    return {
        "schema": "stmtdiff.compare/2",
        "a": _statement(view.a),
        "b": _statement(view.b),
        "pipeline": view.pipeline,
        "summary": {c.label: c.n for c in view.summary},
        "history": {"checked": list(view.checked), "earlier": view.earlier},
        "pairs": [_pair(p) for p in view.pairs],
    }
