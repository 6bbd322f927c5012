"""timeline as one self-contained HTML page: an inline SVG chart of each term's count per 1,000
words (or per the --per of the view), statement by statement, and the table of counts under
it (no script, no external address). Lines differ by dash pattern and marker as well as
colour; every point has a tooltip.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from stmtdiff import __version__
from stmtdiff.render.compare_html import esc
from stmtdiff.render.history_view import TimelineRow, TimelineView, per_words

__all__ = ["timeline_html"]

_W, _H = 960, 380
_LEFT, _RIGHT, _TOP, _BOTTOM = 56, 20, 16, 56
_DASHES = ("", "8 4", "2 3", "10 3 2 3", "5 5", "1 4")
_MARKERS = ("circle", "square", "diamond", "triangle", "cross", "ring")
_CSS = """
:root { color-scheme: light dark; --bg: #fff; --fg: #1b1b1b; --muted: #5a5a5a; --rule: #d6d6d6;
  --s0: #0b5cad; --s1: #b3261e; --s2: #1b7f3a; --s3: #8a4fbf; --s4: #a35a00; --s5: #007c89; }
@media (prefers-color-scheme: dark) { :root { --bg: #161616; --fg: #e8e8e8; --muted: #a8a8a8;
  --rule: #3c3c3c; --s0: #7fb6ff; --s1: #ff9b8f; --s2: #7fdc97; --s3: #d1a8ff; --s4: #ffbf66;
  --s5: #6fe0ea; } }
html { background: var(--bg); color: var(--fg); }
body { margin: 0 auto; max-width: 64rem; padding: 1rem 1.25rem 3rem;
  font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
h1 { font-size: 1.4rem; margin: 0 0 0.3rem; } .muted { color: var(--muted); }
svg { width: 100%; height: auto; display: block; margin: 1rem 0; }
svg text { fill: var(--muted); font-size: 12px; } .grid { stroke: var(--rule); }
.axis { stroke: var(--muted); } .line { fill: none; stroke-width: 2; }
.legend { display: flex; flex-wrap: wrap; gap: 0.3rem 1.2rem; list-style: none; padding: 0; }
.legend svg { display: inline; width: 2.6rem; height: 0.9rem; margin: 0 0.3rem 0 0;
  vertical-align: middle; }
table { border-collapse: collapse; font-size: 0.9rem; width: 100%; }
th, td { border-bottom: 1px solid var(--rule); padding: 0.2rem 0.5rem; text-align: right;
  font-variant-numeric: tabular-nums; } th:first-child, td:first-child { text-align: left; }
.table-wrap { overflow-x: auto; }
@media print { :root { --bg: #fff; --fg: #000; --muted: #333; } .table-wrap { overflow: visible; } }
"""


@dataclass(frozen=True)
class _Point:
    x: float
    y: float
    sid: str
    count: int
    rate: float


def timeline_html(view: TimelineView) -> str:
    """The page (each row's words give the rates: per view.per words, else per 1,000)."""
    rows = view.rows
    per = _per(view)
    rates = [list(row.rates) if view.per else [per_words(c, row.words) for c in row.counts]
             for row in rows]
    top = _nice(max((r for row in rates for r in row), default=0.0))
    series = view.series
    title = f"{series}: {', '.join(view.terms)} per {per} words"
    parts = [
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">",
        f'<meta name="generator" content="stmtdiff {esc(__version__)}">',
        f"<title>{esc(title)}</title>", f"<style>{_CSS}</style>", "</head>", "<body>",
        f"<h1>{esc(series)}</h1>",
        f'<p class="muted">Matches of each term per {per} words of each of {len(rows)} '
        "statements (terms match as in first-mention).</p>",
        *_legend(view.terms),
        *_chart(view, rates, top),
        *_table(view, rates),
        "</body>", "</html>",
    ]
    return "\n".join(parts) + "\n"


def _nice(value: float) -> float:
    """A round top for the y axis at or above value."""
    if value <= 0:
        return 1.0
    for step in (1, 2, 2.5, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if value <= step:
            return float(step)
    return float(value)


def _x_positions(dates: Sequence[str]) -> list[float]:
    days = [dt.date.fromisoformat(d[:10]).toordinal() for d in dates]
    lo, hi = min(days, default=0), max(days, default=0)
    span = _W - _LEFT - _RIGHT
    if hi == lo:
        return [_LEFT + span / 2 for _ in days]
    return [_LEFT + span * (d - lo) / (hi - lo) for d in days]


def _y(rate: float, top: float) -> float:
    return _TOP + (_H - _TOP - _BOTTOM) * (1 - rate / top)


def _chart(view: TimelineView, rates: Sequence[Sequence[float]], top: float) -> Iterator[str]:
    xs = _x_positions([row.date for row in view.rows])
    yield (f'<svg viewBox="0 0 {_W} {_H}" role="img" aria-labelledby="chart-title">'
           f'<title id="chart-title">{esc(", ".join(view.terms))}: matches per {_per(view)} words, '
           "by statement</title>")
    yield from _axes(view.rows, xs, top, _per(view))
    for k, label in enumerate(view.terms):
        points = [_Point(x, _y(r[k], top), row.statement, row.counts[k], r[k])
                  for x, row, r in zip(xs, view.rows, rates, strict=True)]
        dash = _DASHES[k % len(_DASHES)]
        path = " ".join(f"{p.x:.1f},{p.y:.1f}" for p in points)
        yield (f'<g class="series" data-term="{esc(label)}" style="color: var(--s{k % 6})">'
               f'<polyline class="line" stroke="currentColor" points="{path}"'
               + (f' stroke-dasharray="{dash}"' if dash else "") + "/>")
        for p in points:
            tip = (f"<title>{esc(label)}, {esc(p.sid)}: {p.rate:.2f} per {_per(view)} words "
                   f"({p.count} matches)</title>")
            yield _marker(_MARKERS[k % len(_MARKERS)], p.x, p.y, tip)
        yield "</g>"
    yield "</svg>"


def _per(view: TimelineView) -> str:
    """The rate's denominator as printed ("1,000")."""
    return f"{view.per or 1000:,}"


def _axes(rows: Sequence[TimelineRow], xs: Sequence[float], top: float, per: str,
          ) -> Iterator[str]:
    bottom = _H - _BOTTOM
    for i in range(5):
        value = top * i / 4
        y = _y(value, top)
        yield (f'<line class="grid" x1="{_LEFT}" x2="{_W - _RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'
               f'<text x="{_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{value:g}</text>')
    yield f'<line class="axis" x1="{_LEFT}" x2="{_W - _RIGHT}" y1="{bottom}" y2="{bottom}"/>'
    years: dict[str, float] = {}
    for row, x in zip(rows, xs, strict=True):
        years.setdefault(row.date[:4], x)
    step = max(1, len(years) // 12)
    for n, (year, x) in enumerate(years.items()):
        if n % step == 0:
            yield (f'<text x="{x:.1f}" y="{bottom + 18}" text-anchor="middle">{esc(year)}'
                   "</text>")
    yield (f'<text x="{_LEFT - 44}" y="{_TOP + 4}" text-anchor="start" '
           f'transform="rotate(-90 {_LEFT - 44} {_TOP + 4})" dx="-150">per {per} words</text>')


def _marker(kind: str, x: float, y: float, inner: str = "") -> str:
    r = 3.5
    if kind in ("circle", "ring"):
        fill = "var(--bg)" if kind == "ring" else "currentColor"
        return (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="{fill}" '
                f'stroke="currentColor">{inner}</circle>')
    shapes = {
        "square": f"M{x - r:.1f},{y - r:.1f}h{2 * r}v{2 * r}h{-2 * r}z",
        "diamond": f"M{x:.1f},{y - r - 1:.1f}l{r + 1},{r + 1}l{-r - 1},{r + 1}l{-r - 1},{-r - 1}z",
        "triangle": f"M{x:.1f},{y - r - 1:.1f}l{r + 1},{2 * r}h{-2 * r - 2}z",
        "cross": f"M{x - r:.1f},{y - r:.1f}l{2 * r},{2 * r}m0,{-2 * r}l{-2 * r},{2 * r}",
    }
    return f'<path d="{shapes[kind]}" fill="currentColor" stroke="currentColor">{inner}</path>'


def _legend(labels: Sequence[str]) -> Iterator[str]:
    yield '<ul class="legend" aria-label="Terms">'
    for k, label in enumerate(labels):
        dash = _DASHES[k % len(_DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        yield (f'<li style="color: var(--s{k % 6})"><svg viewBox="0 0 40 12" aria-hidden="true">'
               f'<line x1="0" x2="40" y1="6" y2="6" stroke="currentColor" stroke-width="2"'
               f"{dash_attr}/>{_marker(_MARKERS[k % len(_MARKERS)], 20, 6)}</svg>"
               f'<span style="color: var(--fg)">{esc(label)}</span></li>')
    yield "</ul>"


def _table(view: TimelineView, rates: Sequence[Sequence[float]]) -> Iterator[str]:
    yield f'<div class="table-wrap"><table><caption class="muted">Counts (per {_per(view)} words)'
    yield "</caption><thead><tr><th scope=\"col\">statement</th><th scope=\"col\">words</th>"
    yield "".join(f'<th scope="col">{esc(label)}</th>' for label in view.terms)
    yield "</tr></thead><tbody>"
    for row, rate_row in zip(view.rows, rates, strict=True):
        cells = "".join(f"<td>{c} ({r:.2f})</td>"
                        for c, r in zip(row.counts, rate_row, strict=True))
        yield (f'<tr><th scope="row">{esc(row.statement)}</th>'
               f"<td>{row.words}</td>{cells}</tr>")
    yield "</tbody></table></div>"
