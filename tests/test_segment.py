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


# Boundary rules: each fixture (written for these tests) was cut wrongly by the trained
# pipeline before the rule; a genuine boundary next to it must stay.

def test_no_break_after_an_abbreviation_inside_a_name(trained: Segmenter) -> None:
    assert texts(trained, "Chile is a founding partner of the U.S. Floating Solar Power Shot.") \
        == ["Chile is a founding partner of the U.S. Floating Solar Power Shot."]
    assert texts(trained, "The plan was reviewed at 10 a.m. Pacific Daylight Time by the board.") \
        == ["The plan was reviewed at 10 a.m. Pacific Daylight Time by the board."]


def test_a_sentence_may_still_end_with_an_abbreviation(trained: Segmenter) -> None:
    assert texts(trained, "The new board met in the U.S. It will meet again next spring.") == [
        "The new board met in the U.S.", "It will meet again next spring."]


def test_never_split_after_a_parenthesised_acronym_in_a_name(trained: Segmenter) -> None:
    text = ("We welcome the creation of the Eastern Self-Defense Forces (ESDF) Joint Operations "
            "Command to improve readiness.")
    assert texts(trained, text) == [text]


def test_never_cut_inside_parentheses(trained: Segmenter) -> None:
    text = "The partners launched the Harbor Safety Program (HSP; renewed in 2022) and its center."
    assert texts(trained, text) == [text]
    assert texts(trained, "First they agreed on the plan; then they signed the pact.") == [
        "First they agreed on the plan;", "then they signed the pact."]


def test_no_and_fragment_cut_from_a_coordinated_subject(trained: Segmenter) -> None:
    text = ("To foster growth and meet the aims of the accord, Chile, the Philippines, and Kenya "
            "have made broad changes to their port rules.")
    assert texts(trained, text) == [text]


def test_blank_pipeline_keeps_a_title_abbreviation_with_its_word() -> None:
    blank = Segmenter(choose_pipeline(BLANK))
    text = "The council adopted Resolution No. Twelve on water rights after a long debate."
    assert texts(blank, text) == [text]
    assert texts(blank, "The council adopted the plan. Twelve members voted for it today.") == [
        "The council adopted the plan.", "Twelve members voted for it today."]


def test_a_last_list_member_stays_with_the_list(trained: Segmenter) -> None:
    text = ("The board thanked Anna Price, the chair; Omar Lind, the treasurer; Rosa Diaz, the "
            "secretary; and Paul Kent, Jr.")
    assert texts(trained, text)[-1] == "Rosa Diaz, the secretary; and Paul Kent, Jr."


def test_coordinated_clauses_are_still_cut(trained: Segmenter) -> None:
    assert texts(trained, "Recent data suggest that trade has continued to expand and that the "
                          "job market is improving.") == [
        "Recent data suggest that trade has continued to expand",
        "and that the job market is improving."]
