"""compare --attribute: which statement between A and B first carried each changed clause."""

from __future__ import annotations

from stmtdiff.cli._app import Settings
from stmtdiff.cli._load import segmented
from stmtdiff.cli._terms import note_skipped
from stmtdiff.compare.comparison import Comparison
from stmtdiff.corpus.series import corpus_root, open_series
from stmtdiff.history.attribution import Attribution, attribute
from stmtdiff.model import Segmented

__all__ = ["CHANGED", "attributions", "print_attribution"]

CHANGED = frozenset({"added", "modified", "split", "merged"})
"""The labels of pairs whose B clauses have wording that A lacks."""


def attributions(opts: Settings, cmp: Comparison) -> tuple[Attribution, ...]:
    """The attribution of every clause of B in an added, modified, split or merged pair."""
    a, b = cmp.a.statement, cmp.b.statement
    series = open_series(corpus_root(opts.corpus), b.series)
    lo, hi = sorted([(a.date, a.id), (b.date, b.id)])
    between = [s for s in series.statements if lo < (s.date, s.id) < hi]
    missing = [s for s in between if not s.has_text]
    if missing:
        note_skipped(missing, len(between))
    segs = segmented([s for s in between if s.has_text], opts)
    changed = [i for p in cmp.pairs if p.pair.op in CHANGED for i in p.pair.b]
    return attribute(cmp.b, changed, segs)


def print_attribution(items: tuple[Attribution, ...], b: Segmented) -> None:
    """Print the attributions after the comparison (terminal and Markdown output)."""
    from stmtdiff.render.history_terminal import attribution_view
    from stmtdiff.render.terminal import make_console

    console = make_console()
    console.print()
    console.print(attribution_view(items, b))
