"""stmtdiff compare as data: the stmtdiff.compare/1 JSON document and Markdown. Functions only."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from stmtdiff.compare.comparison import Comparison, PairDiff
from stmtdiff.compare.phrases import NewPhrase, display_runs
from stmtdiff.model import Segmented
from stmtdiff.render.json import clause_doc, statement_doc

__all__ = ["compare_doc", "compare_markdown", "history_note", "visible"]

Doc = dict[str, Any]


def visible(cmp: Comparison, *, everything: bool = False,
            only: Sequence[str] = ()) -> list[PairDiff]:
    """The pairs to show: those with the labels in only, else the changes (all with
    everything)."""
    if only:
        return [p for p in cmp.pairs if p.pair.op in only]
    return [p for p in cmp.pairs if everything or p.pair.op != "unchanged"]


def history_note(cmp: Comparison) -> str | None:
    """A note when some earlier statements had no text to check new language against."""
    if len(cmp.history) == cmp.history_total:
        return None
    return (f"history covers {len(cmp.history)} of {cmp.history_total} earlier statements "
            "(the others have no text yet): \"first in series\" is relative to those")


def _new_doc(seg: Segmented, phrase: NewPhrase) -> Doc:
    span = phrase.span
    return {"start": span.start, "end": span.end, "text": seg.text[span.start:span.end],
            "key": span.key, "kind": span.kind, "last_seen": phrase.last_seen}


def _pair_doc(cmp: Comparison, pd: PairDiff) -> Doc:
    p = pd.pair
    return {
        "op": p.op,
        "a": [clause_doc(cmp.a, cmp.a.clauses[i]) for i in p.a],
        "b": [clause_doc(cmp.b, cmp.b.clauses[j]) for j in p.b],
        "similarity": p.similarity,
        "section": _section(cmp, pd),
        "changes": [{"op": c.op, "text": c.text} for c in pd.changes],
        "new_in_series": [_new_doc(cmp.b, n) for n in pd.new],
    }


def _section(cmp: Comparison, pd: PairDiff) -> str | None:
    if pd.pair.b:
        return cmp.b.clauses[pd.pair.b[0]].section
    return cmp.a.clauses[pd.pair.a[0]].section


def compare_doc(cmp: Comparison, *, everything: bool = True,
                only: Sequence[str] = ()) -> Doc:
    """stmtdiff.compare/1. The summary always counts every pair; pairs are filtered by only."""
    return {
        "schema": "stmtdiff.compare/1",
        "a": statement_doc(cmp.a.statement),
        "b": statement_doc(cmp.b.statement),
        "pipeline": cmp.b.pipeline,
        "summary": cmp.summary,
        "history": {"checked": list(cmp.history), "earlier": cmp.history_total},
        "pairs": [_pair_doc(cmp, pd) for pd in visible(cmp, everything=everything, only=only)],
    }


# ---------------------------------------------------------------------------------------------
# Markdown


def _md_escape(text: str) -> str:
    out = text.replace("\\", "\\\\")
    for ch in "*_~`[]<>":
        out = out.replace(ch, "\\" + ch)
    return " ".join(out.split())


def _md_changes(pd: PairDiff, b: Segmented) -> str:
    """Deletions struck through, insertions bold, first-in-series phrases also marked with +."""
    parts = []
    for c in pd.changes:
        text = _md_escape(c.text)
        if not text:
            continue
        if c.op == "delete":
            parts.append(f"~~{text}~~")
        elif c.op == "insert":
            parts.append(f"**{text}**")
        else:
            parts.append(text)
    line = " ".join(parts)
    runs = display_runs(b.text, [n.span for n in pd.new if n.first_in_series])
    firsts = [b.text[lo:hi] for lo, hi in runs]
    if firsts:
        line += "  \n  ✦ first in series: " + ", ".join(f"*{_md_escape(t)}*" for t in firsts)
    backs = [f"*{_md_escape(b.text[n.span.start:n.span.end])}* ({n.last_seen})"
             for n in pd.new if not n.first_in_series]
    if backs:
        line += "  \n  ↺ returns: " + ", ".join(backs)
    return line


def _md_lines(cmp: Comparison, pairs: Sequence[PairDiff]) -> Iterator[str]:
    a, b = cmp.a.statement, cmp.b.statement
    yield f"# {a.series}: {a.id} → {b.id}"
    yield ""
    yield f"- **A** {a.id}: {_md_escape(a.title)}"
    yield f"- **B** {b.id}: {_md_escape(b.title)}"
    yield "- " + ", ".join(f"{n} {label}" for label, n in cmp.summary.items() if n)
    note = history_note(cmp)
    if note:
        yield f"- note: {note}"
    section: object = object()
    for pd in pairs:
        here = _section(cmp, pd)
        if here != section:
            section = here
            yield ""
            yield f"## {_md_escape(here)}" if here else "## (before the first heading)"
            yield ""
        where = _where(pd)
        yield f"- *{pd.pair.op}* {where}: {_md_changes(pd, cmp.b)}"


def _where(pd: PairDiff) -> str:
    a = ",".join(f"A{i}" for i in pd.pair.a)
    b = ",".join(f"B{j}" for j in pd.pair.b)
    return " → ".join(x for x in (a, b) if x)


def compare_markdown(cmp: Comparison, *, everything: bool = False,
                     only: Sequence[str] = ()) -> str:
    """The comparison as Markdown for a report: ~~deleted~~, **inserted**, ✦ first in series."""
    return "\n".join(_md_lines(cmp, visible(cmp, everything=everything, only=only))) + "\n"
