"""Print-only variants of every shared statement compare as unchanged: rewrapped lines,
re-quoted, re-dashed, ligatures, soft hyphens and non-breaking hyphens; and first-mention
counts a term printed across a line break, with a ligature or a soft hyphen as in the clean text.

The variants are built at run time from ../shared/corpora (nothing is copied into the repo).
"""

from __future__ import annotations

import random
import re
import textwrap
from pathlib import Path

import pytest

from stmtdiff.cache.clauses import ClauseCache
from stmtdiff.cache.terms import TermIndex
from stmtdiff.compare.align import align
from stmtdiff.corpus.series import load_series, series_dirs
from stmtdiff.history.search import STOP_WORDS, first_mention, parse_term
from stmtdiff.model import Segmented
from stmtdiff.segment.layout import blocks
from stmtdiff.segment.normalize import fold_text, plain
from stmtdiff.segment.parse import Segmenter
from stmtdiff.segment.pipeline import choose_pipeline
from stmtdiff.workspace import segment_statements

pytestmark = pytest.mark.integration

_QUOTES = str.maketrans({"'": "\u2019", "\u2019": "'", "\u2018": "'", '"': "\u201d",
                         "\u201c": '"', "\u201d": '"'})
_LIGATURES = (("fi", "\ufb01"), ("fl", "\ufb02"), ("ff", "\ufb00"))


_AWKWARD_BREAK = re.compile(r"(?:\b[A-Za-z]\.[A-Za-z]\.|\([^()\n]*|\w\))\n(?=\w)")
"""A line break after "U.S." or "a.m.", inside parentheses or after "(IPEF)": where a wrap is
most easily taken for a sentence's or a name's end."""


def reprinted(text: str, rng: random.Random) -> str:
    """The text as another printing of it: same words, other typography, lines wrapped at
    another width (28 to 100 characters: of 8 drawn, the one with the most awkward breaks)."""
    text = re.sub(r"\u201d(?=\w)", "\u201c", text.translate(_QUOTES))  # "x -> \u201cx
    text = re.sub(r" [\u2013\u2014] ", lambda _: rng.choice([" -- ", " \u2014 ", " - "]), text)
    text = re.sub(r"(?<=[a-z])-(?=[a-z])", lambda _: rng.choice("\u2010\u2011"), text)
    for plain_pair, ligature in _LIGATURES:
        text = text.replace(plain_pair, ligature)
    text = re.sub(r"\b([A-Za-z]{4})([a-z]{4,})\b", "\\1\u00ad\\2", text)
    wrapped = [_rewrapped(text, width) for width in rng.sample(range(28, 101), 8)]
    return max(wrapped, key=lambda v: len(_AWKWARD_BREAK.findall(v)))


def _rewrapped(text: str, width: int) -> str:
    return "\n\n".join(_rewrapped_paragraph(par, width) for par in text.split("\n\n"))


def _rewrapped_paragraph(paragraph: str, width: int) -> str:
    lines = paragraph.split("\n")
    return "\n".join(textwrap.fill(line, width, break_long_words=False, break_on_hyphens=False)
                     for line in lines)


@pytest.fixture(scope="module")
def originals(corpora: Path, shared_cache: Path) -> list[Segmented]:
    cache = ClauseCache(shared_cache)
    try:
        found: list[Segmented] = []
        for folder in series_dirs(corpora):
            series = load_series(folder)
            found += segment_statements([s for s in series.statements if s.has_text],
                                        cache=cache, choice=choose_pipeline(None))
        return found
    finally:
        cache.close()


@pytest.fixture(scope="module")
def reprints(originals: list[Segmented]) -> list[Segmented]:
    """Each statement reprinted (reprinted()) and segmented, in the order of originals."""
    variants = [reprinted(seg.text, random.Random(seg.statement.id)) for seg in originals]
    parsed = Segmenter(choose_pipeline(None)).segment_many(variants)
    return [Segmented(seg.statement, text, seg.pipeline, tuple(clauses), tuple(phrases))
            for seg, text, (clauses, phrases) in zip(originals, variants, parsed, strict=True)]


def test_every_statement_reprinted_compares_unchanged(originals: list[Segmented],
                                                      reprints: list[Segmented]) -> None:
    assert len(originals) >= 250
    assert all(b.text != seg.text for b, seg in zip(reprints, originals, strict=True))
    # the wraps most easily misread (after "U.S.", inside and after "(IPEF)") are exercised
    assert sum(len(_AWKWARD_BREAK.findall(b.text)) for b in reprints) >= 50
    changed = []
    for seg, b in zip(originals, reprints, strict=True):
        assert [k.kind for k in blocks(seg.text)] == [k.kind for k in blocks(b.text)]
        assert [plain(seg.clause_text(c)) for c in seg.clauses] == \
            [plain(b.clause_text(c)) for c in b.clauses], seg.statement.id
        ops = [p.op for p in align(seg, b).pairs]
        if any(op != "unchanged" for op in ops):
            changed.append((seg.statement.series, seg.statement.id, ops))
    assert changed == []


_PRINTED = re.compile(r"(?<![\w\u00ad])(?:[\w\u00ad]*[\ufb00-\ufb04\u00ad][\w\u00ad]*"
                      r"|[^\W\d_][\w\u00ad]{2,}\n[^\W\d_][\w\u00ad]{2,})(?![\w\u00ad])")
"""In a reprint: a word with a ligature or a soft hyphen, or two words across a line break."""


def printed_terms(reprints: list[Segmented], rng: random.Random, n: int) -> list[str]:
    """Up to n terms as a reader types them, each printed in some reprint with a ligature, a
    soft hyphen or a line break inside it."""
    found = sorted({term for seg in reprints for m in _PRINTED.finditer(seg.text)
                    if not set((term := fold_text(m.group()).text).lower().split()) <= STOP_WORDS})
    return rng.sample(found, min(n, len(found)))


def test_first_mention_counts_are_those_of_the_clean_text(originals: list[Segmented],
                                                          reprints: list[Segmented]) -> None:
    index = TermIndex(None)
    try:
        clean_keys, reprint_keys = index.add(originals), index.add(reprints)
        ids = index.doc_ids([*clean_keys, *reprint_keys])
        rng = random.Random(9)
        checked = 0
        for series in sorted({seg.statement.series for seg in originals}):
            at = [i for i, seg in enumerate(originals) if seg.statement.series == series]
            clean = [(originals[i].statement, ids[clean_keys[i]]) for i in at]
            printed = [(originals[i].statement, ids[reprint_keys[i]]) for i in at]
            for term in printed_terms([reprints[i] for i in at], rng, 12):
                for mode in ("word", "lemma"):
                    want = first_mention([parse_term(term, mode)], clean, index,
                                         all_contexts=False)
                    got = first_mention([parse_term(term, mode)], printed, index,
                                        all_contexts=False)
                    assert [m.count for m in got.mentions] == \
                        [m.count for m in want.mentions], (series, term, mode)
                    assert sum(m.count for m in got.mentions) > 0, (series, term)
                checked += 1
        assert checked >= 40
    finally:
        index.close()
