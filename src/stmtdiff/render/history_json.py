"""JSON (and CSV) documents of first-mention, timeline, novel and aliases, from their views.

Schemas: stmtdiff/schemas/first-mention.json, timeline.json, aliases.json, novel.json.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from stmtdiff.corpus.aliases import AliasGroup
from stmtdiff.history.attribution import Attribution
from stmtdiff.model import Statement
from stmtdiff.render.history_view import (
    ContextView,
    FirstMentionView,
    NovelView,
    RankedPhrase,
    TimelineView,
)
from stmtdiff.render.output import printable

__all__ = ["aliases_doc", "attribution_docs", "context_doc", "first_mention_doc", "novel_doc",
           "timeline_csv", "timeline_doc"]

Doc = dict[str, Any]


def context_doc(ctx: ContextView) -> Doc:
    """A clause holding matches: index (null outside the clauses), offsets, text, matches."""
    return {"index": ctx.index, "start": ctx.start, "end": ctx.end, "text": ctx.text,
            "matches": [{"start": m.start, "end": m.end} for m in ctx.matches]}


def first_mention_doc(view: FirstMentionView) -> Doc:
    """stmtdiff.first-mention/1."""
    first = view.first
    return {
        "schema": "stmtdiff.first-mention/1",
        "series": view.series,
        "query": list(view.query),
        "aliases": list(view.aliases),
        "mode": view.mode,
        "first": None if first is None else {
            "statement": first.statement, "date": first.date,
            "clause": context_doc(first.context)},
        "mentions": [{"statement": m.statement, "date": m.date, "count": m.count,
                      "clauses": [context_doc(c) for c in m.contexts]}
                     for m in view.mentions],
        "absent": list(view.absent),
        "absent_stretches": [{"from": s.first, "to": s.last} for s in view.stretches],
        "skipped": list(view.skipped),
    }


def timeline_doc(view: TimelineView) -> Doc:
    """stmtdiff.timeline/1."""
    return {
        "schema": "stmtdiff.timeline/1",
        "series": view.series,
        "terms": list(view.terms),
        "mode": view.mode,
        "per": view.per,
        "statements": [{"statement": r.statement, "date": r.date, "words": r.words,
                        "counts": list(r.counts),
                        **({"rates": list(r.rates)} if view.per else {})}
                       for r in view.rows],
        "skipped": list(view.skipped),
    }


def timeline_csv(view: TimelineView) -> str:
    """The timeline as CSV: statement, date, then one column of counts per term; with per,
    statement, date, words, then one column of rates (counts per `per` words) per term."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if view.per:
        writer.writerow(["statement", "date", "words", *view.terms])
        for r in view.rows:
            writer.writerow([r.statement, r.date, r.words, *r.rates])
        return out.getvalue()
    writer.writerow(["statement", "date", *view.terms])
    for r in view.rows:
        writer.writerow([r.statement, r.date, *r.counts])
    return printable(out.getvalue())


def aliases_doc(groups: Sequence[AliasGroup], *, series: str) -> Doc:
    """stmtdiff.aliases/1."""
    return {"schema": "stmtdiff.aliases/1", "series": series,
            "aliases": [{"name": g.name, "description": g.description, "terms": list(g.terms)}
                        for g in groups]}


def _phrase_doc(p: RankedPhrase) -> Doc:
    return {"text": p.text, "key": p.key, "kind": p.kind, "start": p.start, "end": p.end,
            "clause": p.clause, "occurrences": p.occurrences, "score": p.score,
            "last_seen": p.last_seen}


def novel_doc(view: NovelView) -> Doc:
    """stmtdiff.novel/2."""
    return {
        "schema": "stmtdiff.novel/2",
        "series": view.series,
        "statement": {"id": view.statement, "date": view.date, "title": view.title},
        "against": view.against,
        "checked": list(view.checked),
        "skipped": list(view.skipped),
        "first_in_series": [_phrase_doc(p) for p in view.first_in_series],
        "returns": [_phrase_doc(p) for p in view.returns],
    }


def attribution_docs(items: Sequence[Attribution], b: Statement) -> list[Doc]:
    """The "attribution" list of compare --attribute --json."""
    return [{"clause": a.clause, "statement": a.statement.id, "new_in_b": a.new,
             "source_clause": a.source_clause, "clause_words": a.clause_words,
             "shared": None if a.shared is None else {
                 "start": a.shared.start, "end": a.shared.end, "b_start": a.shared.b_start,
                 "b_end": a.shared.b_end, "words": a.shared.words}}
            for a in items]
