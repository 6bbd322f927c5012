"""Clause segmentation with the real spaCy pipelines (trained, and the blank fallback)."""

from __future__ import annotations

import pytest

from stmtdiff.segment.parse import MIN_WORDS, Segmenter, count_words
from stmtdiff.segment.pipeline import BLANK, choose_pipeline

TEXT = """I. Alliance Goals

The ministers reaffirmed their commitment to peace, and they welcomed the new framework \
for cooperation. The allies will deepen cooperation on cyber defense; they will also expand \
joint exercises in the region. Yes, indeed.

Priority Areas
- space security and the protection of satellites;
- cyber resilience of critical infrastructure.

The ministers noted the \u201cprogress\u201d made since 2019 \u2013 and since the last meeting."""


@pytest.fixture(scope="module")
def trained() -> Segmenter:
    return Segmenter(choose_pipeline(None))


def texts(segmenter: Segmenter, text: str = TEXT) -> list[str]:
    clauses, _ = segmenter.segment_many([text])[0]
    return [text[c.start:c.end] for c in clauses]


def test_clauses_split_at_coordination_semicolons_and_items(trained: Segmenter) -> None:
    assert texts(trained) == [
        "The ministers reaffirmed their commitment to peace,",
        "and they welcomed the new framework for cooperation.",
        "The allies will deepen cooperation on cyber defense;",
        "they will also expand joint exercises in the region. Yes, indeed.",
        "space security and the protection of satellites;",
        "cyber resilience of critical infrastructure.",
        "The ministers noted the \u201cprogress\u201d made since 2019 \u2013 and since the "
        "last meeting.",
    ]


def test_sections_sentences_and_kinds(trained: Segmenter) -> None:
    clauses, _ = trained.segment_many([TEXT])[0]
    assert [c.section for c in clauses] == ["I. Alliance Goals"] * 4 + ["Priority Areas"] * 3
    assert [c.sentence for c in clauses] == [0, 0, 1, 1, 3, 4, 5]
    assert [c.kind for c in clauses] == ["paragraph"] * 4 + ["item"] * 2 + ["paragraph"]
    assert [c.index for c in clauses] == list(range(7))


def test_tokens_are_folded_lemmas_with_offsets(trained: Segmenter) -> None:
    clauses, phrases = trained.segment_many([TEXT])[0]
    first = clauses[0]
    assert [t.norm for t in first.tokens][:3] == ["the", "minister", "reaffirm"]
    assert all(TEXT[t.start:t.end].lower().startswith(t.norm[:2]) for t in first.tokens[:2])
    assert not any(t.norm in {",", "."} for c in clauses for t in c.tokens)
    quoted = [t for t in clauses[-1].tokens if TEXT[t.start:t.end] == "progress"]
    assert quoted and quoted[0].norm == "progress"
    assert any(p.label == "NP" and TEXT[p.start:p.end] == "The ministers" for p in phrases)


def test_fragments_merge_into_a_neighbour(trained: Segmenter) -> None:
    clauses, _ = trained.segment_many(["Indeed. The ministers agreed on a plan today."])[0]
    assert len(clauses) == 1
    for text in texts(trained):
        assert count_words(text) >= MIN_WORDS


def test_blank_pipeline_splits_sentences_and_semicolons() -> None:
    blank = Segmenter(choose_pipeline(BLANK))
    assert texts(blank, "One two three four; five six seven eight. Nine ten eleven twelve.") == [
        "One two three four;", "five six seven eight.", "Nine ten eleven twelve."]
    clauses, _ = blank.segment_many(["Allies met at Strait talks."])[0]
    assert [t.norm for t in clauses[0].tokens] == ["allies", "met", "at", "strait", "talks"]
