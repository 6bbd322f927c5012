"""Scoring a clause alignment against hand-labelled correspondences (tests/gold/alignment).

A gold file labels two statements of a series, A and B, by character spans of their texts:
links (spans of A and spans of B that say the same thing, with a kind: same, edited, reworded,
moved, split, merged), and spans of A or of B with no counterpart. The labels do not depend on
any clause boundaries; they are projected onto the clauses being scored:

- a clause belongs to a gold span when at least half of its characters lie in it; a clause
  that belongs to no labelled span (a heading, say) is left out of the scores;
- a predicted correspondence (a pair with clauses on both sides) is **correct** when all its
  labelled clauses of A lie in the A spans of one gold link and all of those of B in its B spans;
- **precision**: clauses in correct correspondences / clauses in predicted correspondences;
  **recall**: clauses of gold links that are in a correct correspondence / clauses of gold
  links (so pairing clause by clause inside a sentence-level link is no loss);
- **move recall**: gold links of kind "moved" with at least one correct correspondence;
  **spurious moves**: predicted "moved" pairs that are not correct;
- **split/merge F1**: recall over gold links with several spans on a side (found when correct
  correspondences cover clauses of at least two of those spans), precision over predicted
  split or merged pairs (correct ones).

A file marked "held_out": true was labelled after the aligner was tuned and is scored apart.

Offsets in the files index body(): the Markdown file's text after the front matter, blank
lines around it removed, which is the text stmtdiff reads (checked by the anchor words).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from stmtdiff.compare.align import Alignment
from stmtdiff.model import Segmented
from stmtdiff.segment.normalize import plain

GOLD = Path(__file__).resolve().parent / "gold" / "alignment"
Span = tuple[int, int]


@dataclass(frozen=True)
class Link:
    """Spans of A and of B that correspond."""

    a: tuple[Span, ...]
    b: tuple[Span, ...]
    kind: str


@dataclass(frozen=True)
class Gold:
    """The labels of one pair of statements."""

    series: str
    a: str
    b: str
    links: tuple[Link, ...]
    a_only: tuple[Span, ...]
    b_only: tuple[Span, ...]
    anchors: tuple[tuple[str, int, str], ...]
    """(side, offset, first words) of every labelled span."""

    @property
    def name(self) -> str:
        return f"{self.series}_{self.a}_{self.b}"


def load_gold(path: Path) -> Gold:
    data = json.loads(path.read_text(encoding="utf-8"))
    links = tuple(Link(tuple(map(tuple, ln["a"])), tuple(map(tuple, ln["b"])), ln["kind"])
                  for ln in data["links"])
    anchors = [("a", ln["a"][0][0], ln["a_words"]) for ln in data["links"]]
    anchors += [("b", ln["b"][0][0], ln["b_words"]) for ln in data["links"]]
    anchors += [(side, x["span"][0], x["words"]) for side in ("a", "b")
                for x in data[f"{side}_only"]]
    return Gold(data["series"], data["a"], data["b"], links,
                tuple(tuple(x["span"]) for x in data["a_only"]),  # type: ignore[misc]
                tuple(tuple(x["span"]) for x in data["b_only"]),  # type: ignore[misc]
                tuple(anchors))


def is_held_out(path: Path) -> bool:
    """Whether the file is marked "held_out": labelled after tuning, never tuned on."""
    return bool(json.loads(path.read_text(encoding="utf-8")).get("held_out", False))


def gold_files(held_out: bool) -> list[Path]:
    """The pairs tuned on, or the held-out pairs."""
    return [p for p in sorted(GOLD.glob("*.json")) if is_held_out(p) == held_out]


def check_anchors(gold: Gold, a_text: str, b_text: str) -> list[str]:
    """Anchors whose words are not at their offset (an empty list when the texts match)."""
    bad = []
    for side, offset, words in gold.anchors:
        text = a_text if side == "a" else b_text
        if not plain(text[offset:offset + 3 * len(words)]).startswith(plain(words)):
            bad.append(f"{side}@{offset}: {words!r}")
    return bad


@dataclass
class Score:
    """Counts summed over pairs of statements."""

    pred_clauses: int = 0
    correct_clauses: int = 0
    gold_clauses: int = 0
    found_clauses: int = 0
    moved: int = 0
    moved_found: int = 0
    spurious_moves: int = 0
    multi: int = 0
    multi_found: int = 0
    pred_multi: int = 0
    pred_multi_correct: int = 0
    details: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return _ratio(self.correct_clauses, self.pred_clauses)

    @property
    def recall(self) -> float:
        return _ratio(self.found_clauses, self.gold_clauses)

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    @property
    def move_recall(self) -> float:
        return _ratio(self.moved_found, self.moved)

    @property
    def split_merge_f1(self) -> float:
        return _f1(_ratio(self.pred_multi_correct, self.pred_multi),
                   _ratio(self.multi_found, self.multi))

    def line(self) -> str:
        return (f"P {self.precision:.3f} R {self.recall:.3f} F1 {self.f1:.3f} | move recall "
                f"{self.move_recall:.2f} ({self.moved_found}/{self.moved}) spurious moves "
                f"{self.spurious_moves} | split/merge F1 {self.split_merge_f1:.2f} "
                f"(found {self.multi_found}/{self.multi}, "
                f"predicted {self.pred_multi_correct}/{self.pred_multi} correct)")


def _ratio(n: int, d: int) -> float:
    return 1.0 if d == 0 else n / d


def _f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def _member(units: Sequence[Span], spans: Iterable[Span]) -> set[int]:
    """Units with at least half of their characters inside the spans."""
    spans = list(spans)
    found = set()
    for k, (s, e) in enumerate(units):
        inside = sum(max(0, min(e, se) - max(s, ss)) for ss, se in spans)
        if e > s and 2 * inside >= e - s:
            found.add(k)
    return found


@dataclass(frozen=True)
class Projected:
    """Gold labels projected onto units (clauses) of A and B."""

    links: tuple[tuple[set[int], set[int], tuple[set[int], ...], Link], ...]
    """Per link: A units, B units, the units of each span of its multi side, the link."""
    labelled_a: set[int]
    labelled_b: set[int]


def project(gold: Gold, units_a: Sequence[Span], units_b: Sequence[Span]) -> Projected:
    links = []
    for ln in gold.links:
        ua, ub = _member(units_a, ln.a), _member(units_b, ln.b)
        multi_side, units = (ln.a, units_a) if len(ln.a) > 1 else (ln.b, units_b)
        parts = tuple(_member(units, [sp]) for sp in multi_side)
        links.append((ua, ub, parts, ln))
    labelled_a = set().union(*(x[0] for x in links), _member(units_a, gold.a_only))
    labelled_b = set().union(*(x[1] for x in links), _member(units_b, gold.b_only))
    return Projected(tuple(links), labelled_a, labelled_b)


def score_pairs(gold: Gold, units_a: Sequence[Span], units_b: Sequence[Span],
                pairs: Sequence[tuple[tuple[int, ...], tuple[int, ...], str]],
                score: Score) -> None:
    """Add one pair of statements: pairs are (A units, B units, op) correspondences."""
    proj = project(gold, units_a, units_b)
    covered: list[set[tuple[str, int]]] = [set() for _ in proj.links]
    for ia, ib, op in pairs:
        la = [i for i in ia if i in proj.labelled_a]
        lb = [j for j in ib if j in proj.labelled_b]
        if not la or not lb:
            continue
        n = len(la) + len(lb)
        score.pred_clauses += n
        hit = next((k for k, (ua, ub, _, _) in enumerate(proj.links)
                    if set(la) <= ua and set(lb) <= ub), None)
        multi = op in ("split", "merged")
        score.pred_multi += multi
        if hit is None:
            score.spurious_moves += op == "moved"
            score.details.append(f"{gold.name}: wrong {op} {ia}->{ib}")
            continue
        score.correct_clauses += n
        score.pred_multi_correct += multi
        covered[hit] |= {("a", i) for i in la} | {("b", j) for j in lb}
    for (ua, ub, parts, ln), cov in zip(proj.links, covered, strict=True):
        score.gold_clauses += len(ua) + len(ub)
        score.found_clauses += len(cov)
        if ln.kind == "moved":
            score.moved += 1
            score.moved_found += bool(cov)
        if len(ln.a) > 1 or len(ln.b) > 1:
            side = "a" if len(ln.a) > 1 else "b"
            score.multi += 1
            score.multi_found += sum(1 for part in parts
                                     if any((side, u) in cov for u in part)) >= 2
        if len(cov) < len(ua) + len(ub):
            score.details.append(f"{gold.name}: missed {ln.kind} {sorted(ua)}->{sorted(ub)}"
                                 f" (found {sorted(cov)})")


def score_alignment(gold: Gold, a: Segmented, b: Segmented, alignment: Alignment,
                    score: Score) -> None:
    """Add stmtdiff's alignment of a and b."""
    score_pairs(gold, [(c.start, c.end) for c in a.clauses], [(c.start, c.end) for c in b.clauses],
                [(p.a, p.b, p.op) for p in alignment.pairs if p.a and p.b], score)
