"""first-mention matching rules of issue 10: stop-word terms, spacing and hyphen variants,
all-capitals terms (texts written for the test)."""

from __future__ import annotations

import pytest

from fakeseg import fake_segmented
from stmtdiff.cache.terms import TermIndex
from stmtdiff.errors import InputError
from stmtdiff.history.search import Mode, first_mention, parse_term
from stmtdiff.model import Statement

TEXTS = {
    "2001-01-01": "Delegates met before COP 26 in a hall where all could speak.",
    "2002-01-01": "The WHO reported; they told us the US would help. Parties shall report.",
    "2003-01-01": "A cutting-edge lab and a cuttingedge fund; who knows what the Us side said.",
    "2004-01-01": "Plans for COP26 and the cutting\nedge of research were shared with us.",
    "2005-01-01": "Members of the Indo Pacific forum met the IndoPacific desk at COP-26.",
}

Indexed = tuple[TermIndex, list[tuple[Statement, int]]]


@pytest.fixture(scope="module")
def indexed() -> Indexed:
    index = TermIndex(None)
    segs = [fake_segmented(sid, text) for sid, text in TEXTS.items()]
    keys = index.add(segs)
    docs = index.doc_ids(keys)
    return index, [(seg.statement, docs[key]) for seg, key in zip(segs, keys, strict=True)]


def counts(indexed: Indexed, term: str, mode: Mode = "lemma") -> list[int]:
    index, docs = indexed
    return [m.count for m in first_mention([parse_term(term, mode)], docs, index).mentions]


@pytest.mark.parametrize("mode", ["lemma", "word"])
def test_stop_word_terms_are_searched(indexed: Indexed, mode: Mode) -> None:
    assert counts(indexed, "shall", mode) == [0, 1, 0, 0, 0]
    assert counts(indexed, "where all", mode) == [1, 0, 0, 0, 0]
    assert counts(indexed, "the", mode) == [0, 2, 1, 1, 2]


def test_an_empty_term_is_still_an_error() -> None:
    with pytest.raises(InputError):
        parse_term("  ")


def test_an_all_capitals_term_is_case_sensitive(indexed: Indexed) -> None:
    assert counts(indexed, "US") == [0, 1, 0, 0, 0]
    assert counts(indexed, "us") == [0, 2, 1, 1, 0]
    assert counts(indexed, "WHO") == [0, 1, 0, 0, 0]
    assert counts(indexed, "who") == [0, 1, 1, 0, 0]
    assert counts(indexed, "US", "exact") == [0, 1, 0, 0, 0]


@pytest.mark.parametrize("term", ["COP26", "COP 26", "cop26", "COP-26"])
def test_spacing_and_hyphen_variants_match(indexed: Indexed, term: str) -> None:
    assert counts(indexed, term) == [1, 0, 0, 1, 1]
    assert counts(indexed, term, "word") == [1, 0, 0, 1, 1]


@pytest.mark.parametrize("term", ["cutting-edge", "cutting edge", "cuttingedge"])
def test_hyphenated_words_match_spaced_joined_and_wrapped(indexed: Indexed, term: str) -> None:
    expected = [0, 0, 2, 1, 0] if term != "cuttingedge" else [0, 0, 1, 0, 0]
    assert counts(indexed, term) == expected


def test_camel_case_and_hyphen_variants_of_a_name(indexed: Indexed) -> None:
    assert counts(indexed, "Indo-Pacific") == [0, 0, 0, 0, 2]
    assert counts(indexed, "IndoPacific") == [0, 0, 0, 0, 2]


def test_exact_keeps_the_literal_text(indexed: Indexed) -> None:
    assert counts(indexed, "COP26", "exact") == [0, 0, 0, 1, 0]
    assert counts(indexed, "cutting-edge", "exact") == [0, 0, 1, 0, 0]
