"""compare as Markdown for a report: ~~deleted~~, **inserted**, ✦ first in series, ↺ returns."""

from __future__ import annotations

from collections.abc import Iterator

from stmtdiff.render.compare_view import MARK_FIRST, MARK_RETURNS, CompareView, PairView
from stmtdiff.render.output import printable

__all__ = ["compare_markdown", "md_escape"]


def md_escape(text: str) -> str:
    """The text with Markdown's inline signs escaped and its white space made single spaces."""
    out = text.replace("\\", "\\\\")
    for ch in "*_~`[]<>":
        out = out.replace(ch, "\\" + ch)
    return " ".join(out.split())


def _changes(pair: PairView) -> str:
    """Deletions struck through, insertions bold, then the first-in-series and returning
    phrases on lines of their own."""
    parts = []
    for c in pair.changes:
        text = md_escape(c.text)
        if not text:
            continue
        parts.append(f"~~{text}~~" if c.op == "delete" else
                     f"**{text}**" if c.op == "insert" else text)
    line = " ".join(parts)
    if pair.firsts:
        firsts = ", ".join(f"*{md_escape(s.text)}*" for s in pair.firsts)
        line += f"  \n  {MARK_FIRST} first in series: {firsts}"
    if pair.returns:
        backs = ", ".join(f"*{md_escape(m.text)}* ({m.last_seen})" for m in pair.returns)
        line += f"  \n  {MARK_RETURNS} returns: {backs}"
    return line


def _lines(view: CompareView) -> Iterator[str]:
    a, b = view.a, view.b
    yield f"# {a.series}: {a.id} → {b.id}"
    yield ""
    yield f"- **A** {a.id}: {md_escape(a.title)}"
    yield f"- **B** {b.id}: {md_escape(b.title)}"
    yield f"- {view.summary_line}"
    if view.note:
        yield f"- note: {view.note}"
    for section in view.sections:
        yield from ("", f"## {md_escape(section.label)}", "")
        for pair in section.pairs:
            yield f"- *{pair.op}* {pair.where}: {_changes(pair)}"


def compare_markdown(view: CompareView) -> str:
    """The view as a Markdown document."""
    return printable("\n".join(_lines(view)) + "\n")
