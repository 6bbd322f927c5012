"""compare as one self-contained HTML file: a redline to share, over the compare view.

Inline CSS and a little script (view toggle, label filters, keys), no external address; it reads
fully with the script off. Every text from a statement is escaped (html.escape, quotes too) and
C0/C1 control characters become U+FFFD, so nothing in a text can open markup or a script; bidi
controls stay in the text but are isolated per piece by the CSS. Each word-level change is
exactly one <del> or <ins> of the inline view; the side-by-side view repeats the texts (the
script shows one view or the other).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from stmtdiff import __version__
from stmtdiff.compare.align import LABELS
from stmtdiff.compare.worddiff import Change
from stmtdiff.render.compare_view import (
    MARK_RETURNS,
    CompareView,
    Mark,
    PairView,
    Piece,
    SectionView,
    StatementView,
)

__all__ = ["StatementFacts", "compare_html", "esc"]

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SNIPPET = 90
_TOP = 10
"""First-in-series runs ranked this high show their rank beside them (all in the tooltip)."""


@dataclass(frozen=True)
class StatementFacts:
    """What the report's header says about a statement beyond the view: where and from where."""

    place: str = ""
    """Where the meeting took place ("" when unknown)."""
    source_url: str = ""
    """The address the text came from (its provenance, else the catalog's first source)."""
    sha256: str = ""
    """SHA-256 of the text, from its provenance ("" when it has none)."""
    retrieved_at: str = ""
    """When the text was retrieved, from its provenance."""


def esc(text: str) -> str:
    """Text made safe for HTML content and attribute values."""
    return html.escape(_CONTROL.sub("\ufffd", text), quote=True)


@cache
def _asset(name: str) -> str:
    return resources.files("stmtdiff.render").joinpath("assets", name).read_text("utf-8")


def compare_html(view: CompareView, facts: Sequence[StatementFacts] = (), *,
                 series_title: str = "", scores: Mapping[tuple[int, int], float] | None = None,
                 side_by_side: bool = False) -> str:
    """The view as an HTML document. facts: for A and for B, where known. scores: how notable
    each first-in-series phrase is, by its (start, end) in B (default: the marks' scores); the
    highlighted runs are ranked by them (best first), and the ranks shown. side_by_side: the
    view the page opens in."""
    fa, fb = (*facts, StatementFacts(), StatementFacts())[:2]
    title = f"{view.a.series}: {view.a.id} → {view.b.id}"
    ranks = _ranks(view, scores if scores is not None else _scores(view))
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">",
        f'<meta name="generator" content="stmtdiff {esc(__version__)}">',
        f"<title>{esc(title)}</title>",
        f"<style>\n{_asset('report.css')}</style>",
        "</head>",
        '<body class="view-side">' if side_by_side else "<body>",
        '<a class="skip" href="#changes">Skip to the list of changes</a>',
        *_header(view, fa, fb, series_title),
        *_toolbar(view, side_by_side),
        '<div class="layout">',
        *_change_list(view),
        '<main id="report">',
        *_body(view, ranks),
        "</main>",
        "</div>",
        f"<script>\n{_asset('report.js')}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


# ---------------------------------------------------------------------------------------------
# Header


def _header(view: CompareView, fa: StatementFacts, fb: StatementFacts,
            series_title: str) -> Iterator[str]:
    yield '<header class="report-head">'
    yield f'<p class="series">{esc(series_title or view.a.series)}</p>'
    yield (f'<h1><span class="id">{esc(view.a.id)}</span> → <span class="id">{esc(view.b.id)}'
           "</span></h1>")
    yield '<div class="statements">'
    yield from _statement("A", view.a, fa)
    yield from _statement("B", view.b, fb)
    yield "</div>"
    yield '<ul class="summary" aria-label="Pairs of clauses per label">'
    for count in view.summary:
        if count.n:
            yield (f'<li class="op-{count.label}"><span class="n">{count.n}</span> '
                   f"{count.label}</li>")
    yield "</ul>"
    checked = f"{len(view.checked)} earlier statement" + ("" if len(view.checked) == 1 else "s")
    yield (f'<p class="note">New language checked against {checked} of the series; '
           f"segmented by {esc(view.pipeline)}.</p>")
    if view.note:
        yield f'<p class="note">Note: {esc(view.note)}</p>'
    yield from _legend()
    yield "</header>"


def _statement(side: str, st: StatementView, facts: StatementFacts) -> Iterator[str]:
    yield f'<section class="statement" aria-label="Statement {side}">'
    yield f'<h2><span class="side-tag">{side}</span>{esc(st.title or st.id)}</h2>'
    yield "<dl>"
    yield f'<dt>Date</dt><dd><time datetime="{esc(st.date)}">{esc(st.date)}</time></dd>'
    if facts.place:
        yield f"<dt>Place</dt><dd>{esc(facts.place)}</dd>"
    if facts.source_url:
        yield f"<dt>Source</dt><dd>{_link(facts.source_url)}</dd>"
    if facts.retrieved_at:
        yield f"<dt>Retrieved</dt><dd>{esc(facts.retrieved_at)}</dd>"
    if facts.sha256:
        yield f"<dt>SHA-256</dt><dd><code>{esc(facts.sha256)}</code></dd>"
    yield "</dl>"
    yield "</section>"


def _link(url: str) -> str:
    """A link for http(s) and file addresses; other schemes (javascript:...) as text only."""
    if url.startswith(("http://", "https://", "file:")):
        return f'<a href="{esc(url)}" rel="noreferrer noopener">{esc(url)}</a>'
    return esc(url)


def _legend() -> Iterator[str]:
    items = (
        ("<del>struck through</del>", "words of A that B deletes"),
        ("<ins>underlined</ins>", "words B inserts"),
        ('<mark class="first start">phrase</mark>',
         "first used in the series (the ten most notable numbered, 1 first)"),
        (f'<mark class="returns">{MARK_RETURNS} phrase</mark>',
         "A lacks it, an earlier statement had it"),
        ("moved", "links to where it stood in A"),
        ("split, merged", "one clause of A became several of B, or several one"),
    )
    yield '<details class="legend" open><summary>How to read this report</summary><dl>'
    for term, meaning in items:
        yield f"<div><dt>{term}</dt><dd>{meaning}</dd></div>"
    yield "</dl></details>"


# ---------------------------------------------------------------------------------------------
# Toolbar and change list


def _toolbar(view: CompareView, side_by_side: bool) -> Iterator[str]:
    counts = {c.label: c.n for c in view.summary}
    shown = {p.op for p in view.pairs}
    yield '<div class="toolbar" id="toolbar" hidden>'
    yield '<fieldset><legend>View</legend>'
    checked = ("", " checked") if side_by_side else (" checked", "")
    yield f'<label><input type="radio" name="view" value="inline"{checked[0]}> inline</label>'
    yield f'<label><input type="radio" name="view" value="side"{checked[1]}> side by side</label>'
    yield "</fieldset>"
    yield '<fieldset><legend>Show</legend>'
    for label in LABELS:
        if label in shown:
            yield (f'<label class="op-{label}"><input type="checkbox" data-filter '
                   f'value="{label}" checked> {label} ({counts.get(label, 0)})</label>')
    yield "</fieldset>"
    yield ('<p class="keys"><kbd>j</kbd>/<kbd>k</kbd> next/previous change, '
           "<kbd>s</kbd> switch view</p>")
    yield "</div>"


def _change_list(view: CompareView) -> Iterator[str]:
    changed = [p for p in view.pairs if p.op != "unchanged"]
    yield '<nav id="changes" class="changes" aria-label="Changes">'
    yield f"<h2>Changes ({len(changed)})</h2>"
    if not changed:
        yield '<p class="nothing">No differences.</p>'
    else:
        yield "<ol>"
        for pair in changed:
            yield (f'<li class="op-{pair.op}" data-op="{pair.op}"><a href="#{_pair_id(pair)}">'
                   f'<span class="label">{pair.op}</span> <span class="where">'
                   f'{esc(pair.where)}</span><span class="snippet">{esc(_snippet(pair))}'
                   "</span></a></li>")
        yield "</ol>"
    yield "</nav>"


def _snippet(pair: PairView) -> str:
    text = " ".join(c.text for c in (pair.b or pair.a))
    words = " ".join(text.split())
    return words if len(words) <= _SNIPPET else words[:_SNIPPET - 1].rstrip() + "…"


def _pair_id(pair: PairView) -> str:
    return f"pair-{pair.rank}"


# ---------------------------------------------------------------------------------------------
# The pairs


Ranks = dict[tuple[int, int], tuple[int, int]]
"""(pair rank, index of the first-in-series run in the pair) -> (rank, of how many)."""


def _body(view: CompareView, ranks: Ranks) -> Iterator[str]:
    if view.empty:
        yield f'<p class="nothing">{esc(view.empty.capitalize())}.</p>'
    origins = _origins(view)
    if None in origins:
        yield from (_origin(pair, i) for pair, i in origins[None])
    for k, section in enumerate(view.sections):
        yield from _section(k, section, ranks, origins)


def _section(k: int, section: SectionView, ranks: Ranks,
             origins: dict[int | None, list[tuple[PairView, int]]]) -> Iterator[str]:
    yield f'<section aria-labelledby="section-{k}">'
    yield f'<h2 class="section" id="section-{k}">{esc(section.label)}</h2>'
    for pair in section.pairs:
        yield from _pair(pair, ranks)
        yield from (_origin(moved, i) for moved, i in origins.get(pair.rank, ()))
    yield "</section>"


def _origins(view: CompareView) -> dict[int | None, list[tuple[PairView, int]]]:
    """Where each moved pair's first A clause stood: after the shown pair holding the A clause
    before it (None: before every pair)."""
    holder: list[tuple[int, int]] = sorted(
        (c.index, p.rank) for p in view.pairs if p.op != "moved" for c in p.a)
    found: dict[int | None, list[tuple[PairView, int]]] = {}
    for pair in view.pairs:
        if pair.op != "moved" or not pair.a:
            continue
        first = pair.a[0].index
        before = [rank for index, rank in holder if index < first]
        found.setdefault(before[-1] if before else None, []).append((pair, first))
    return found


def _origin(pair: PairView, index: int) -> str:
    to = ",".join(c.label for c in pair.b)
    return (f'<p class="origin" id="from-A{index}">A{index} stood here in A; '
            f'<a href="#{_pair_id(pair)}">moved to {esc(to)}</a>.</p>')


def _pair(pair: PairView, ranks: Ranks) -> Iterator[str]:
    yield (f'<article class="pair op-{pair.op}" id="{_pair_id(pair)}" data-op="{pair.op}" '
           'tabindex="-1">')
    yield f'<p class="pair-head">{_pair_head(pair)}</p>'
    groups = list(_grouped(pair, ranks))
    yield f'<p class="inline text">{_runs(groups, ("equal", "delete", "insert"))}</p>'
    yield from _side_by_side(pair, groups)
    if pair.returns:
        backs = "; ".join(_returns(m) for m in pair.returns)
        yield f'<p class="returns-line">{MARK_RETURNS} returns: {backs}</p>'
    yield "</article>"


def _pair_head(pair: PairView) -> str:
    parts = [f'<span class="label">{pair.symbol} {pair.op}</span>',
             f'<span class="where">{esc(_where(pair))}</span>']
    if pair.similarity is not None and pair.op != "unchanged":
        parts.append(f'<span class="sim" title="similarity">{pair.similarity:.2f}</span>')
    if pair.op == "moved" and pair.a:
        parts.append(f'<a class="from" href="#from-A{pair.a[0].index}">from where '
                     f"{pair.a[0].label} stood</a>")
    return " ".join(parts)


def _where(pair: PairView) -> str:
    a = " + ".join(c.label for c in pair.a)
    b = " + ".join(c.label for c in pair.b)
    if pair.op == "split":
        return f"{a} split into {b}"
    if pair.op == "merged":
        return f"{a} merged into {b}"
    return pair.where


def _side_by_side(pair: PairView, groups: list[tuple[Change, list[str]]]) -> Iterator[str]:
    yield '<div class="sbs">'
    for side, clauses, keep, shown in (("A", pair.a, ("equal", "delete"), _unmarked(pair)),
                                       ("B", pair.b, ("equal", "insert"), groups)):
        tag = " + ".join(c.label for c in clauses) or f"not in {side}"
        body = _runs(shown, keep) if clauses else ""
        css = "text" if clauses else "text empty"
        yield (f'<div><span class="tag">{esc(tag)}</span><p class="{css}">{body}</p></div>')
    yield "</div>"


def _grouped(pair: PairView, ranks: Ranks) -> Iterator[tuple[Change, list[str]]]:
    """Each change with the HTML of the pieces (cut at first-in-series language, marked) that
    make it up."""
    pieces = iter(pair.pieces)
    run = -1
    for change in pair.changes:
        need, got = len(change.text), []
        while need > 0:
            piece = next(pieces)
            run += piece.starts_first
            got.append(_piece(piece, ranks.get((pair.rank, run))))
            need -= len(piece.text)
        yield change, got


def _unmarked(pair: PairView) -> list[tuple[Change, list[str]]]:
    """Each change with its text, without marks (A's side: new language is B's)."""
    return [(change, [esc(change.text)]) for change in pair.changes]


_TAG = {"delete": "del", "insert": "ins"}


def _runs(groups: Sequence[tuple[Change, list[str]]], keep: tuple[str, ...]) -> str:
    out = []
    for change, pieces in groups:
        if change.op not in keep or not change.text:
            continue
        tag = _TAG.get(change.op)
        inner = "".join(pieces)
        out.append(f"<{tag}>{inner}</{tag}>" if tag else inner)
    return "".join(out)


def _piece(piece: Piece, rank: tuple[int, int] | None) -> str:
    core = piece.text.strip()
    if not piece.first or not core:
        return esc(piece.text)
    lead = piece.text[:len(piece.text) - len(piece.text.lstrip())]
    trail = piece.text[len(lead) + len(core):]
    title, rank_attr = "first in series", ""
    if rank is not None:
        title += f", rank {rank[0]} of {rank[1]}"
        if piece.starts_first:
            top = " data-top" if rank[0] <= _TOP else ""
            rank_attr = f' data-rank="{rank[0]}"{top}'
    css = "first start" if piece.starts_first else "first"
    return (f'{esc(lead)}<mark class="{css}" title="{title}"{rank_attr}>{esc(core)}</mark>'
            f"{esc(trail)}")


def _returns(mark: Mark) -> str:
    seen = esc(mark.last_seen or "")
    return (f'<mark class="returns" title="returns, last seen {seen}">{esc(mark.text)}</mark> '
            f"(last seen {seen})")


def _scores(view: CompareView) -> dict[tuple[int, int], float]:
    return {(m.start, m.end): m.score for pair in view.pairs for m in pair.marks
            if m.first_in_series}


def _ranks(view: CompareView, scores: Mapping[tuple[int, int], float]) -> Ranks:
    """The first-in-series runs of the report ranked by the best score of the phrases in each
    (ties in reading order); none when no score is known."""
    scored = []
    for pair in view.pairs:
        # the runs the pieces mark: those inside one clause (as compare_view cuts them)
        marked = [run for run in pair.firsts
                  if any(c.start <= run.start and run.end <= c.end for c in pair.b)]
        for k, run in enumerate(marked):
            inside = [scores[m.start, m.end] for m in pair.marks
                      if m.first_in_series and run.start <= m.start and m.end <= run.end
                      and (m.start, m.end) in scores]
            if inside:
                scored.append((-max(inside), pair.rank, k))
    scored.sort()
    return {(rank, k): (n, len(scored)) for n, (_, rank, k) in enumerate(scored, 1)}
