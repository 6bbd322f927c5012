"""JSON (and CSV) documents of first-mention, timeline and aliases.

Schemas: stmtdiff/schemas/first-mention.json, timeline.json, aliases.json, novel.json.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from stmtdiff.corpus.aliases import AliasGroup
from stmtdiff.history.attribution import Attribution
from stmtdiff.history.search import Context, FirstMention, Mode, Timeline
from stmtdiff.model import Segmented, Statement

if TYPE_CHECKING:
    from stmtdiff.history.novel import Novel, NovelPhrase

__all__ = ["aliases_doc", "attribution_docs", "context_doc", "first_mention_doc", "novel_doc",
           "timeline_csv", "timeline_doc"]

Doc = dict[str, Any]


def context_doc(ctx: Context) -> Doc:
    """A clause holding matches: index (null outside the clauses), offsets, text, matches."""
    return {"index": ctx.index, "start": ctx.start, "end": ctx.end, "text": ctx.text,
            "matches": [{"start": a, "end": b} for a, b in ctx.matches]}


def first_mention_doc(result: FirstMention, *, series: str, query: Sequence[str],
                      aliases: Sequence[str], mode: Mode, skipped: Sequence[Statement]) -> Doc:
    """stmtdiff.first-mention/1."""
    first = result.first
    return {
        "schema": "stmtdiff.first-mention/1",
        "series": series,
        "query": list(query),
        "aliases": list(aliases),
        "mode": mode,
        "first": None if first is None else {
            "statement": first.statement.id, "date": first.statement.date,
            "clause": context_doc(first.contexts[0])},
        "mentions": [{"statement": m.statement.id, "date": m.statement.date, "count": m.count,
                      "clauses": [context_doc(c) for c in m.contexts]}
                     for m in result.mentions],
        "absent": [st.id for st in result.absent],
        "absent_stretches": [{"from": a.id, "to": b.id} for a, b in result.stretches],
        "skipped": [st.id for st in skipped],
    }


def timeline_doc(tl: Timeline, *, series: str, mode: Mode,
                 skipped: Sequence[Statement]) -> Doc:
    """stmtdiff.timeline/1."""
    return {
        "schema": "stmtdiff.timeline/1",
        "series": series,
        "terms": list(tl.labels),
        "mode": mode,
        "statements": [{"statement": st.id, "date": st.date, "counts": list(counts)}
                       for st, counts in tl.rows],
        "skipped": [st.id for st in skipped],
    }


def timeline_csv(tl: Timeline) -> str:
    """The timeline as CSV: statement, date, then one column of counts per term."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["statement", "date", *tl.labels])
    for st, counts in tl.rows:
        writer.writerow([st.id, st.date, *counts])
    return out.getvalue()


def aliases_doc(groups: Sequence[AliasGroup], *, series: str) -> Doc:
    """stmtdiff.aliases/1."""
    return {"schema": "stmtdiff.aliases/1", "series": series,
            "aliases": [{"name": g.name, "description": g.description, "terms": list(g.terms)}
                        for g in groups]}


def novel_doc(result: Novel, seg: Segmented, *, limit: int,
              skipped: Sequence[Statement]) -> Doc:
    """stmtdiff.novel/1 (at most limit phrases of each kind; 0: all)."""
    st = result.statement

    def phrases(items: Sequence[NovelPhrase]) -> list[Doc]:
        return [{"text": seg.text[p.span.start:p.span.end], "key": p.span.key,
                 "kind": p.span.kind, "start": p.span.start, "end": p.span.end,
                 "clause": p.clause, "occurrences": p.occurrences, "score": p.score,
                 "last_seen": p.last_seen}
                for p in (items[:limit] if limit else items)]

    return {
        "schema": "stmtdiff.novel/1",
        "series": st.series,
        "statement": {"id": st.id, "date": st.date, "title": st.title},
        "against": None if result.against is None else result.against.id,
        "checked": [s.id for s in result.checked],
        "skipped": [s.id for s in skipped],
        "first_in_series": phrases(result.first_in_series),
        "returns": phrases(result.returns),
    }


def attribution_docs(items: Sequence[Attribution], b: Statement) -> list[Doc]:
    """The "attribution" list of compare --attribute --json."""
    return [{"clause": a.clause, "statement": a.statement.id, "source_clause": a.source_clause,
             "similarity": a.similarity, "new_in_b": a.statement.id == b.id} for a in items]
