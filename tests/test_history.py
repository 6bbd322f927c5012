"""history.py over an in-memory term index: matching modes, phrases, any-of, absences, errors."""

from __future__ import annotations

import pytest

from fakeseg import fake_segmented
from stmtdiff.cache.terms import TermIndex
from stmtdiff.errors import InputError
from stmtdiff.history.search import Mode, count, find, first_mention, parse_term, timeline
from stmtdiff.model import Statement

TEXTS = {
    "2001-01-01": "# Cross-Strait Relations\n"
                  "Peace and stability across the Taiwan\nStrait matter. We met in Tokyo.",
    "2002-01-01": "The partners discussed trade, energy and the harbour.",
    "2003-01-01": "Peace in the Taiwan Straits; the \u201cQuad\u201d met. Taiwan, Strait.",
    "2004-01-01": "Nothing of that kind was said this time.",
    "2005-01-01": "The TAIWAN strait and the taiwan\u00a0strait were named; the Quad too.",
}


@pytest.fixture(scope="module")
def indexed() -> tuple[TermIndex, list[tuple[Statement, int]]]:
    index = TermIndex(None)
    segs = [fake_segmented(sid, text) for sid, text in TEXTS.items()]
    keys = index.add(segs)
    docs = index.doc_ids(keys)
    return index, [(seg.statement, docs[key]) for seg, key in zip(segs, keys, strict=True)]


def counts(indexed: tuple[TermIndex, list[tuple[Statement, int]]], *terms: str,
           mode: Mode = "lemma", case_sensitive: bool = False) -> list[int]:
    index, docs = indexed
    query = [parse_term(t, mode, case_sensitive=case_sensitive) for t in terms]
    return [m.count for m in first_mention(query, docs, index).mentions]


def test_words_match_case_insensitively_on_word_boundaries(indexed) -> None:
    assert counts(indexed, "taiwan", mode="word") == [1, 0, 2, 0, 2]
    assert counts(indexed, "tai", mode="word") == [0, 0, 0, 0, 0]
    assert counts(indexed, "harbour", mode="word") == [0, 1, 0, 0, 0]


def test_lemma_mode_finds_other_inflections(indexed) -> None:
    assert counts(indexed, "strait", mode="word") == [2, 0, 1, 0, 2]
    assert counts(indexed, "strait") == [2, 0, 2, 0, 2]
    assert counts(indexed, "straits") == [2, 0, 2, 0, 2]


def test_phrase_spans_line_breaks_and_typography_but_not_hard_punctuation(indexed) -> None:
    # "Taiwan\nStrait" and "taiwan\u00a0strait" match; "Taiwan, Strait" does not.
    assert counts(indexed, "Taiwan Strait") == [1, 0, 1, 0, 2]
    assert counts(indexed, "Taiwan, Strait") == [1, 0, 2, 0, 2]
    assert counts(indexed, "cross-strait") == [1, 0, 0, 0, 0]
    assert counts(indexed, "cross strait") == [1, 0, 0, 0, 0]


def test_exact_is_literal_and_case_sensitive(indexed) -> None:
    assert counts(indexed, "Taiwan", mode="exact") == [1, 0, 2, 0, 0]
    assert counts(indexed, "TAIWAN strait", mode="exact") == [0, 0, 0, 0, 1]
    assert counts(indexed, "Taiwan Strait", mode="exact") == [1, 0, 0, 0, 0]


def test_regex_over_folded_text(indexed) -> None:
    assert counts(indexed, r"strait?s?\b", mode="regex") == [2, 0, 2, 0, 2]
    assert counts(indexed, r'"quad"', mode="regex") == [0, 0, 1, 0, 0]
    assert counts(indexed, "Quad", mode="regex", case_sensitive=True) == [0, 0, 1, 0, 1]


def test_several_terms_are_any_of_and_overlaps_count_once(indexed) -> None:
    assert counts(indexed, "Taiwan", "Taiwan Strait") == counts(indexed, "taiwan")
    assert counts(indexed, "harbour", "quad") == [0, 1, 1, 0, 1]


def test_first_clause_absences_and_stretches(indexed) -> None:
    index, docs = indexed
    result = first_mention([parse_term("quad")], docs, index, all_contexts=False)
    assert result.first is not None
    assert result.first.statement.id == "2003-01-01"
    ctx = result.first.contexts[0]
    text = TEXTS["2003-01-01"]
    assert ctx.index == 1
    assert ctx.text == text[ctx.start:ctx.end] == "the \u201cQuad\u201d met."
    assert [text[a:b] for a, b in ctx.matches] == ["Quad"]
    assert [st.id for st in result.absent] == ["2004-01-01"]
    assert [(a.id, b.id) for a, b in result.stretches] == [("2004-01-01", "2004-01-01")]
    # without all_contexts only the first statement carries its clauses
    assert result.mentions[-1].count == 1 and result.mentions[-1].contexts == ()


def test_match_in_a_heading_is_given_with_its_line(indexed) -> None:
    index, docs = indexed
    result = first_mention([parse_term("relations")], docs, index)
    assert result.first is not None
    ctx = result.first.contexts[0]
    assert (ctx.index, ctx.text) == (None, "# Cross-Strait Relations")


def test_stretches_split_by_a_mention(indexed) -> None:
    index, docs = indexed
    result = first_mention([parse_term("peace")], docs, index)
    assert [m.count for m in result.mentions] == [1, 0, 1, 0, 0]
    assert [(a.id, b.id) for a, b in result.stretches] == [
        ("2002-01-01", "2002-01-01"), ("2004-01-01", "2005-01-01")]


def test_nothing_found(indexed) -> None:
    index, docs = indexed
    result = first_mention([parse_term("submarine")], docs, index)
    assert result.first is None and result.absent == () and result.stretches == ()


def test_timeline_counts_per_column(indexed) -> None:
    index, docs = indexed
    tl = timeline([("taiwan", [parse_term("taiwan")]),
                   ("group", [parse_term("quad"), parse_term("harbour")])], docs, index)
    assert tl.labels == ("taiwan", "group")
    assert [c for _, c in tl.rows] == [(1, 0), (0, 1), (2, 1), (0, 0), (2, 1)]


@pytest.mark.parametrize(("terms", "mode"), [
    (["taiwan"], "lemma"), (["Taiwan"], "word"), (["taiwan strait"], "lemma"),
    (["quad", "harbour"], "lemma"), (["taiwan"], "exact"), (["tai.an"], "regex"),
])
def test_count_is_the_number_of_spans_find_gives(indexed, terms: list[str], mode: Mode) -> None:
    index, docs = indexed
    parsed = [parse_term(t, mode) for t in terms]
    ids = [doc for _, doc in docs]
    spans = find(parsed, ids, index)
    assert count(parsed, ids, index) == {doc: len(s) for doc, s in spans.items()}
    assert any(spans.values())


@pytest.mark.parametrize(("terms", "mode"), [
    (["taiwan"], "lemma"), (["taiwan strait"], "lemma"), (["quad", "peace"], "lemma"),
    (["Strait"], "exact"), (["tai.an"], "regex"), (["submarine"], "lemma"),
])
def test_first_clause_alone_is_the_first_of_all_clauses(indexed, terms: list[str],
                                                        mode: Mode) -> None:
    # without all_contexts the others are only counted: the same counts and first clause
    index, docs = indexed
    parsed = [parse_term(t, mode) for t in terms]
    alone = first_mention(parsed, docs, index, all_contexts=False)
    every = first_mention(parsed, docs, index, all_contexts=True)
    assert [m.count for m in alone.mentions] == [m.count for m in every.mentions]
    assert alone.first == every.first
    assert sum(bool(m.contexts) for m in alone.mentions) == (alone.first is not None)


@pytest.mark.parametrize(("text", "mode", "message"), [
    ("", "lemma", "empty search term"),
    ("   ", "regex", "empty search term"),
    ("--", "lemma", "term '--' has no words to search for"),
    ("(unclosed", "regex",
     "regular expression '(unclosed' does not compile: missing ), unterminated subpattern at "
     "position 0"),
    ("a*", "regex", "regular expression 'a*' matches empty text"),
])
def test_bad_terms(text: str, mode: Mode, message: str) -> None:
    with pytest.raises(InputError) as info:
        parse_term(text, mode)
    assert info.value.message == message


def test_stop_words_are_fine_alone_inside_a_phrase_and_under_exact() -> None:
    assert parse_term("of the").words == ("of", "the")
    assert parse_term("rule of law").words == ("rule", "of", "law")
    assert parse_term("The", "exact").words == ("The",)
