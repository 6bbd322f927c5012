"""compare on real statements with known edits: F1 per kind of edit, next to difflib's ndiff.

Variants of real statements from ../shared/corpora are built at run time (nothing is copied
into the repo): sentences deleted, sentences of another statement of the series inserted,
a few words changed, sentences moved to another paragraph, and typography-only edits (quotes,
dashes, non-breaking spaces, line wrapping). Each edited character range is tagged, so the
clauses (or, for difflib, the sentences) that should be reported are known. Run with -s to see
the figures.
"""

from __future__ import annotations

import difflib
import random
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from stmtdiff.cache.clauses import ClauseCache
from stmtdiff.compare.align import align, plain
from stmtdiff.compare.comparison import compare
from stmtdiff.compare.phrases import phrase_keys
from stmtdiff.corpus.series import load_series
from stmtdiff.model import Segmented
from stmtdiff.segment.parse import Segmenter
from stmtdiff.segment.pipeline import choose_pipeline
from stmtdiff.workspace import segment_statements

pytestmark = pytest.mark.integration

PICKS = {"asean-us": 4, "aukus": 6, "g7-leaders-statements": 6, "fomc-longer-run-goals": 2,
         "fomc": 4}
KINDS = ("delete", "insert", "change", "move", "typography")
REPLACEMENTS = ("substantially", "practical", "enduring", "renewed", "concrete", "regional")


@dataclass
class Variant:
    """A variant text as tagged pieces, and the ranges of A that were deleted."""

    kind: str
    pieces: list[tuple[str, str | None]] = field(default_factory=list)
    deleted: list[tuple[int, int]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(t for t, _ in self.pieces)

    def tagged(self) -> list[tuple[int, int]]:
        ranges, pos = [], 0
        for text, tag in self.pieces:
            if tag is not None:
                ranges.append((pos, pos + len(text)))
            pos += len(text)
        return ranges


def sentences(seg: Segmented) -> list[tuple[int, int, int]]:
    """(start, end, block) of each sentence, from the clauses."""
    spans: dict[tuple[int, int], list[int]] = {}
    for c in seg.clauses:
        spans.setdefault((c.block, c.sentence), [c.start, c.end])[1] = c.end
    return [(s, e, block) for (block, _), (s, e) in sorted(spans.items(), key=lambda x: x[1])]


def pieces_of(seg: Segmented) -> list[tuple[str, str | None, int]]:
    """The text cut into gaps (index -1) and sentences (their index)."""
    out: list[tuple[str, str | None, int]] = []
    pos = 0
    for k, (s, e, _) in enumerate(sentences(seg)):
        out.append((seg.text[pos:s], None, -1))
        out.append((seg.text[s:e], None, k))
        pos = e
    out.append((seg.text[pos:], None, -1))
    return out


def _long(seg: Segmented, rng: random.Random, n: int, min_words: int = 8) -> list[int]:
    sents = sentences(seg)
    ok = [k for k, (s, e, _) in enumerate(sents) if len(seg.text[s:e].split()) >= min_words]
    return sorted(rng.sample(ok, min(n, len(ok))))


def delete_variant(seg: Segmented, rng: random.Random) -> Variant:
    drop = set(_long(seg, rng, 2))
    v = Variant("delete")
    sents = sentences(seg)
    for text, _, k in pieces_of(seg):
        if k in drop:
            v.deleted.append(sents[k][:2])
            continue
        v.pieces.append((text, None))
    return v


def insert_variant(seg: Segmented, others: list[Segmented], rng: random.Random) -> Variant:
    own = {plain(seg.clause_text(c)) for c in seg.clauses}
    pool = [o.text[s:e] for o in others for s, e, _ in sentences(o)
            if len(o.text[s:e].split()) >= 8 and plain(o.text[s:e]) not in own]
    new = rng.sample(pool, 2)
    after = set(_long(seg, rng, 2, min_words=1))
    v = Variant("insert")
    for text, _, k in pieces_of(seg):
        v.pieces.append((text, None))
        if k in after:
            v.pieces += [(" ", None), (new.pop(), "insert")]
    return v


def change_variant(seg: Segmented, rng: random.Random) -> Variant:
    edit = set(_long(seg, rng, 2, min_words=12))
    v = Variant("change")
    for text, _, k in pieces_of(seg):
        if k not in edit:
            v.pieces.append((text, None))
            continue
        words = [m for m in re.finditer(r"\b[a-z]{5,}\b", text)]
        chosen = sorted(rng.sample(words, min(2, len(words))), key=lambda m: m.start())
        pos = 0
        for m in chosen:
            swap = next(r for r in REPLACEMENTS if r != m.group())
            v.pieces += [(text[pos:m.start()], None), (swap, "change")]
            pos = m.end()
        v.pieces.append((text[pos:], None))
    return v


def move_variant(seg: Segmented, rng: random.Random) -> Variant:
    sents = sentences(seg)
    blocks = sorted({b for _, _, b in sents})
    movable = [k for k in _long(seg, rng, 4) if len(blocks) > 3]
    moves: dict[int, int] = {}
    for k in movable[:2]:
        far = [b for b in blocks if abs(b - sents[k][2]) >= 2]
        if far:
            moves[k] = rng.choice(far)
    last = {b: max(k for k, (_, _, bb) in enumerate(sents) if bb == b) for b in blocks}
    v = Variant("move")
    for text, _, k in pieces_of(seg):
        if k in moves:
            continue
        v.pieces.append((text, None))
        for moved, target in moves.items():
            if k >= 0 and k == last[target] and k not in moves:
                v.pieces += [(" ", None), (seg.text[sents[moved][0]:sents[moved][1]], "move")]
    return v


def typography_variant(seg: Segmented) -> Variant:
    text = seg.text
    swapped = text.translate(str.maketrans({"'": "\u2019", "\u2019": "'", "\u201c": '"',
                                            "\u201d": '"', "\u2013": "-"}))
    swapped = re.sub(r" - ", " \u2014 ", swapped)
    swapped = re.sub(r"(?<=\w) (?=of )", "\u00a0", swapped)
    wrapped = re.sub(r"(.{70,}?[a-z]) (?=[a-z])", lambda m: m.group(1) + "\n", swapped)
    return Variant("typography", [(wrapped, None)])


# ---------------------------------------------------------------------------------------------
# Scoring


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    changes: int = 0

    def add(self, truth: set[int], predicted: set[int]) -> None:
        self.tp += len(truth & predicted)
        self.fp += len(predicted - truth)
        self.fn += len(truth - predicted)

    @property
    def f1(self) -> float:
        return 1.0 if self.tp + self.fp + self.fn == 0 else \
            2 * self.tp / (2 * self.tp + self.fp + self.fn)


def overlapping(units: list[tuple[int, int]], ranges: list[tuple[int, int]]) -> set[int]:
    return {i for i, (s, e) in enumerate(units) if any(s < re_ and rs < e for rs, re_ in ranges)}


PREDICT = {"delete": ("a", {"removed"}), "insert": ("b", {"added"}),
           "change": ("b", {"modified", "split", "merged"}), "move": ("b", {"moved"})}


def score_stmtdiff(a: Segmented, b: Segmented, v: Variant, score: Score) -> None:
    al = align(a, b)
    if v.kind == "typography":
        score.changes += sum(p.op != "unchanged" for p in al.pairs)
        return
    side, ops = PREDICT[v.kind]
    seg, ranges = (a, v.deleted) if side == "a" else (b, v.tagged())
    truth = overlapping([(c.start, c.end) for c in seg.clauses], ranges)
    predicted = {i for p in al.pairs if p.op in ops for i in (p.a if side == "a" else p.b)}
    score.add(truth, predicted)


_SENT = re.compile(r"[^\n]+?(?:[.!?](?=\s|$)|$)")


def sentence_units(text: str) -> list[tuple[int, int]]:
    units = []
    for m in _SENT.finditer(text):
        s, e = m.start() + len(m.group()) - len(m.group().lstrip()), m.end()
        if text[s:e].strip():
            units.append((s, e))
    return units


def ndiff_marks(a: list[str], b: list[str]) -> dict[str, set[int]]:
    """Which A and B lines ndiff reports removed, added or changed (a replace with ? hints)."""
    lines = list(difflib.ndiff(a, b))
    marks: dict[str, set[int]] = defaultdict(set)
    i = j = 0
    for k, line in enumerate(lines):
        hinted = (k + 1 < len(lines) and lines[k + 1].startswith("? ")) or \
            (k > 0 and lines[k - 1].startswith("? "))
        if line.startswith("  "):
            i, j = i + 1, j + 1
        elif line.startswith("- "):
            marks["changed_a" if hinted else "removed"].add(i)
            i += 1
        elif line.startswith("+ "):
            marks["changed" if hinted else "added"].add(j)
            j += 1
    return marks


def score_ndiff(a_text: str, v: Variant, score: Score) -> None:
    ua, ub = sentence_units(a_text), sentence_units(v.text)
    marks = ndiff_marks([a_text[s:e] for s, e in ua], [v.text[s:e] for s, e in ub])
    if v.kind == "typography":
        score.changes += len(marks["removed"] | marks["changed_a"]) + \
            len(marks["added"] | marks["changed"])
        return
    if v.kind == "delete":
        score.add(overlapping(ua, v.deleted), marks["removed"])
        return
    key = {"insert": "added", "change": "changed", "move": "moved"}[v.kind]
    score.add(overlapping(ub, v.tagged()), marks[key])


# ---------------------------------------------------------------------------------------------
# Fixtures and tests


@pytest.fixture(scope="module")
def originals(corpora: Path, shared_cache: Path) -> dict[str, list[Segmented]]:
    cache = ClauseCache(shared_cache)
    try:
        found = {}
        for name, n in PICKS.items():
            series = load_series(corpora / name)
            docs = [s for s in series.statements if s.has_text][-n:]
            found[name] = segment_statements(docs, cache=cache, choice=choose_pipeline(None))
        return found
    finally:
        cache.close()


def variants(originals: dict[str, list[Segmented]]) -> Iterator[tuple[Segmented, Variant]]:
    for name, docs in originals.items():
        for k, seg in enumerate(docs):
            if len(sentences(seg)) < 6:
                continue
            rng = random.Random(f"{name}/{seg.statement.id}")
            others = docs[:k] + docs[k + 1:]
            yield seg, delete_variant(seg, rng)
            yield seg, insert_variant(seg, others, rng)
            yield seg, change_variant(seg, rng)
            yield seg, move_variant(seg, rng)
            yield seg, typography_variant(seg)


@pytest.fixture(scope="module")
def scores(originals: dict[str, list[Segmented]]) -> dict[str, tuple[Score, Score]]:
    built = list(variants(originals))
    segmenter = Segmenter(choose_pipeline(None))
    parsed = segmenter.segment_many([v.text for _, v in built])
    result = {kind: (Score(), Score()) for kind in KINDS}
    for (a, v), (clauses, phrases) in zip(built, parsed, strict=True):
        b = Segmented(a.statement, v.text, a.pipeline, tuple(clauses), tuple(phrases))
        ours, theirs = result[v.kind]
        score_stmtdiff(a, b, v, ours)
        score_ndiff(a.text, v, theirs)
    print("\nkind        stmtdiff F1 (tp/fp/fn)        difflib ndiff F1 (tp/fp/fn)")
    for kind, (ours, theirs) in result.items():
        if kind == "typography":
            print(f"{kind:<11} changes reported: {ours.changes:<12} changes reported: "
                  f"{theirs.changes}")
        else:
            print(f"{kind:<11} {ours.f1:.3f} ({ours.tp}/{ours.fp}/{ours.fn})"
                  f"{'':<12}{theirs.f1:.3f} ({theirs.tp}/{theirs.fp}/{theirs.fn})")
    return result


@pytest.mark.parametrize("kind", ["delete", "insert", "change", "move"])
def test_each_kind_of_edit_is_recovered(scores: dict[str, tuple[Score, Score]],
                                        kind: str) -> None:
    ours, _ = scores[kind]
    assert ours.tp >= 10, "too few edits to measure"
    assert ours.f1 >= 0.97, f"{kind}: F1 {ours.f1:.3f} (tp {ours.tp}, fp {ours.fp}, fn {ours.fn})"


def test_typography_only_variants_have_no_changes(scores: dict[str, tuple[Score, Score]],
                                                  ) -> None:
    assert scores["typography"][0].changes == 0


def test_first_in_series_is_absent_from_every_earlier_statement(
        originals: dict[str, list[Segmented]], corpora: Path, shared_cache: Path) -> None:
    for name in ("aukus", "asean-us", "g7-leaders-statements"):
        series = load_series(corpora / name)
        cache = ClauseCache(shared_cache)
        try:
            docs = segment_statements([s for s in series.statements if s.has_text],
                                      cache=cache, choice=choose_pipeline(None))
        finally:
            cache.close()
        a, b = docs[-2], docs[-1]
        cmp = compare(a, b, docs)
        earlier_keys = [phrase_keys(d) for d in docs[:-1]]
        firsts = [n for pd in cmp.pairs for n in pd.new if n.first_in_series]
        assert firsts, name
        for n in firsts:
            assert all(n.span.key not in keys for keys in earlier_keys), n
            words = b.text[n.span.start:n.span.end].lower()
            if " " not in words and words.isalpha():  # a single word: not in any earlier text
                assert all(not re.search(rf"\b{re.escape(words)}\b", d.text.lower())
                           for d in docs[:-1]), (name, words)


def test_cli_json_on_a_real_series(corpora: Path, shared_cache: Path) -> None:
    import json

    import jsonschema
    from typer.testing import CliRunner

    from stmtdiff.cli import app
    from stmtdiff.schemas import load_schema

    result = CliRunner().invoke(app, ["--corpus", str(corpora / "aukus"), "compare", "previous",
                                      "latest", "--json", "--cache-dir", str(shared_cache)])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    jsonschema.validate(doc, load_schema("compare"))
    assert doc["history"]["earlier"] == len(doc["history"]["checked"]) == 5
    a_seen = sorted(c["index"] for p in doc["pairs"] for c in p["a"])
    b_seen = sorted(c["index"] for p in doc["pairs"] for c in p["b"])
    assert a_seen == list(range(len(a_seen))) and b_seen == list(range(len(b_seen)))
    assert sum(doc["summary"].values()) == len(doc["pairs"])
