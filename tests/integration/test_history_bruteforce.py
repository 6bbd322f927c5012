"""The term index against a brute-force search of the folded texts of ../shared/corpora.

Terms are drawn at random (seeded) from the texts themselves: single words and 2-3 word
phrases, as written between their first and last word (function words alone too), and each
also respaced (a space dropped or made a hyphen, a hyphen made a space). The brute force is a
regular expression over each folded text with the documented semantics: case-insensitive
unless the term's letters are all capitals (two or more), on word boundaries, phrase words
separated by any non-word characters free of hard punctuation (or by any, where the term itself
has hard punctuation there), and where the term has atoms side by side (letters then digits,
camel case) or separated only by spaces and hyphens, by such characters or by nothing. First
statement and every count must be identical.
"""

from __future__ import annotations

import json
import random
import re
from itertools import pairwise
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stmtdiff.cache.clauses import ClauseCache
from stmtdiff.cache.terms import HARD, TermIndex
from stmtdiff.cli import app
from stmtdiff.corpus.series import load_series, read_text, series_dirs
from stmtdiff.history.search import Mode, first_mention, parse_term
from stmtdiff.model import Statement
from stmtdiff.segment.normalize import fold
from stmtdiff.segment.pipeline import choose_pipeline
from stmtdiff.workspace import segment_statements

pytestmark = pytest.mark.integration

TERMS_PER_SERIES = 60
SOFT_GAP = r"[^\w" + re.escape("".join(sorted(HARD))) + r"]+"

Indexed = dict[str, tuple[list[tuple[Statement, int]], list[str]]]
"""Per series: (statement, doc) pairs oldest first, and the texts."""


@pytest.fixture(scope="module")
def indexed(corpora: Path, shared_cache: Path) -> Indexed:
    choice = choose_pipeline(None)
    cache, index = ClauseCache(shared_cache), TermIndex(shared_cache)
    result: Indexed = {}
    try:
        for folder in series_dirs(corpora):
            statements = load_series(folder).statements
            segs = segment_statements(statements, cache=cache, choice=choice)
            keys = index.add(segs)
            docs = index.doc_ids(keys)
            result[folder.name] = ([(st, docs[k]) for st, k in zip(statements, keys,
                                                                    strict=True)],
                                   [s.text for s in segs])
    finally:
        cache.close()
        index.close()
    return result


def draw_terms(texts: list[str], rng: random.Random, n: int) -> list[str]:
    """n distinct terms of 1-3 words cut from the texts, and each respaced where it can be."""
    terms: set[str] = set()
    while len(terms) < n:
        folded = fold(rng.choice(texts))
        words = list(re.finditer(r"\w+", folded))
        size = rng.choice((1, 1, 2, 3))
        at = rng.randrange(0, max(1, len(words) - size))
        chosen = words[at:at + size]
        if not chosen:
            continue
        term = folded[chosen[0].start():chosen[-1].end()]
        terms.add(term)
        terms.add(respaced(term, rng))
    return sorted(terms)


def respaced(term: str, rng: random.Random) -> str:
    """The term with one space dropped or made a hyphen, or one hyphen made a space."""
    places = [m.start() for m in re.finditer(r"(?<=\w)[ -](?=\w)", term)]
    if not places:
        return term
    at = rng.choice(places)
    new = " " if term[at] == "-" else rng.choice(("", "-"))
    return term[:at] + new + term[at + 1:]


def atoms(word: str) -> list[str]:
    """A word cut where letters meet digits and before a camel-case capital."""
    parts = [word[0]]
    for i in range(1, len(word)):
        prev, ch, nxt = word[i - 1], word[i], word[i + 1:i + 2]
        if prev.isdigit() != ch.isdigit() or (prev.isalpha() and "A" <= ch <= "Z"
                                               and "a" <= nxt <= "z"):
            parts.append("")
        parts[-1] += ch
    return parts


def brute_pattern(term: str) -> re.Pattern[str]:
    folded = fold(term)
    words = list(re.finditer(r"\w+", folded))
    optional = f"(?:{SOFT_GAP})?"
    body = optional.join(map(re.escape, atoms(words[0].group())))
    for before, word in pairwise(words):
        gap = folded[before.end():word.start()]
        if re.fullmatch(r"[\s-]*", gap):
            body += optional
        else:
            body += r"\W+" if set(gap) & HARD else SOFT_GAP
        body += optional.join(map(re.escape, atoms(word.group())))
    letters = [c for c in folded if c.isalpha()]
    cased = len(letters) >= 2 and all(c.isupper() for c in letters)
    return re.compile(r"(?<!\w)" + body + r"(?!\w)", 0 if cased else re.IGNORECASE)


def brute_counts(term: str, texts: list[str]) -> list[int]:
    pattern = brute_pattern(term)
    return [len(pattern.findall(fold(text))) for text in texts]


def index_counts(term: str, docs: list[tuple[Statement, int]], index: TermIndex,
                 mode: Mode = "word") -> tuple[list[int], str | None]:
    result = first_mention([parse_term(term, mode)], docs, index, all_contexts=False)
    first = result.first
    return [m.count for m in result.mentions], None if first is None else first.statement.id


def test_index_equals_brute_force(indexed: Indexed, shared_cache: Path) -> None:
    rng = random.Random(20260505)
    index = TermIndex(shared_cache)
    checked = 0
    try:
        for name, (docs, texts) in sorted(indexed.items()):
            for term in draw_terms(texts, rng, TERMS_PER_SERIES):
                expected = brute_counts(term, texts)
                first = next((st.id for (st, _), n in zip(docs, expected, strict=True) if n),
                             None)
                assert index_counts(term, docs, index) == (expected, first), (name, term)
                lemma, _ = index_counts(term, docs, index, "lemma")
                assert all(a >= b for a, b in zip(lemma, expected, strict=True)), (name, term)
                checked += 1
    finally:
        index.close()
    print(f"\nfirst-mention: {checked} terms, counts and first statement equal to brute force")
    assert checked >= 200


def test_regex_and_exact_equal_brute_force(indexed: Indexed, shared_cache: Path) -> None:
    index = TermIndex(shared_cache)
    try:
        docs, texts = indexed["fomc"]
        for pattern in (r"inflation expectations?", r"\d+(?:-\d+)?/\d+ percent"):
            regex = re.compile(pattern, re.IGNORECASE)
            expected = [len(regex.findall(fold(t))) for t in texts]
            assert index_counts(pattern, docs, index, "regex")[0] == expected
        literal = re.compile(r"(?<!\w)Committee(?!\w)")
        expected = [len(literal.findall(fold(t))) for t in texts]
        assert index_counts("Committee", docs, index, "exact")[0] == expected
    finally:
        index.close()


def test_cli_json_agrees_and_quotes_the_text(corpora: Path, shared_cache: Path) -> None:
    folder = corpora / "fomc"
    result = CliRunner().invoke(app, ["first-mention", "labor market", "--corpus", str(folder),
                                      "--cache-dir", str(shared_cache), "--json",
                                      "--no-lemma"])
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    statements = load_series(folder).statements
    texts = [read_text(st) for st in statements]
    assert [m["count"] for m in doc["mentions"]] == brute_counts("labor market", texts)
    by_id = dict(zip([st.id for st in statements], texts, strict=True))
    for mention in doc["mentions"]:
        for clause in mention["clauses"]:
            text = by_id[mention["statement"]]
            assert text[clause["start"]:clause["end"]] == clause["text"]
            for m in clause["matches"]:
                assert fold(text[m["start"]:m["end"]]).lower().split()[0] == "labor"
