"""Blocks: headings, paragraphs, list items and wrapped lines, by text rules alone."""

from __future__ import annotations

from stmtdiff.segment.layout import blocks
from stmtdiff.segment.normalize import fold, fold_text, plain


def kinds_and_texts(text: str) -> list[tuple[str, str]]:
    return [(b.kind, text[b.start:b.end]) for b in blocks(text)]


def test_headings_paragraphs_and_items() -> None:
    text = ("II. Shared Goals\n\nThe partners set out their aims for the coming decade.\n"
            "- first aim, stated as a full item;\n"
            "(b) second aim, also stated in full.\n"
            "## Next Steps\n"
            "Strengthening Regional Cooperation\n"
            "3. The partners will report on progress.")
    assert kinds_and_texts(text) == [
        ("heading", "II. Shared Goals"),
        ("paragraph", "The partners set out their aims for the coming decade."),
        ("item", "first aim, stated as a full item;"),
        ("item", "second aim, also stated in full."),
        ("heading", "Next Steps"),
        ("heading", "Strengthening Regional Cooperation"),
        ("item", "The partners will report on progress."),
    ]


def test_a_single_line_break_inside_a_paragraph_is_a_space() -> None:
    text = ("The partners agreed to work\ntogether on supply chains.\nA new sentence starts here."
            "\n\nEconomic Framework for Prosperity (IPEF) negotiations, and President\n"
            "Lee welcomed them.")
    assert kinds_and_texts(text) == [
        ("paragraph", "The partners agreed to work\ntogether on supply chains.\n"
                      "A new sentence starts here."),
        ("paragraph", "Economic Framework for Prosperity (IPEF) negotiations, and President\n"
                      "Lee welcomed them."),
    ]


def test_a_heading_stands_alone_short_and_unpunctuated() -> None:
    text = ("Maritime Cooperation\n\nThe partners met.\n\nShared Goals of the Partners\n"
            "are many and they are listed here.\n\nThey Met Today.")
    assert [k for k, _ in kinds_and_texts(text)] == ["heading", "paragraph", "paragraph",
                                                     "paragraph"]


def test_lines_that_each_end_a_sentence_are_paragraphs_without_blank_lines() -> None:
    text = "The partners met.\nThey agreed on a plan.\nTrade Policy\nThey will meet again."
    assert kinds_and_texts(text) == [
        ("paragraph", "The partners met."), ("paragraph", "They agreed on a plan."),
        ("heading", "Trade Policy"), ("paragraph", "They will meet again."),
    ]


def test_a_dash_that_wraps_to_the_start_of_a_line_is_no_list_marker() -> None:
    text = "The leaders of the partnership\n\u2013 the prime ministers \u2013 met.\n- an item"
    assert kinds_and_texts(text) == [
        ("paragraph", "The leaders of the partnership\n\u2013 the prime ministers \u2013 met."),
        ("item", "an item"),
    ]


def test_a_short_sentence_is_not_a_heading() -> None:
    assert kinds_and_texts("They Met Today. Then They Left")[0][0] == "paragraph"
    assert kinds_and_texts("The ministers met today.")[0][0] == "paragraph"


def test_fold_keeps_length_and_plain_forms() -> None:
    text = "\u201cAllies\u2019\u00a0roles\u201d \u2013 cross\u2011Strait \u2014 done"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == "\"Allies' roles\" - cross-Strait - done"


def test_fold_text_maps_ligatures_soft_hyphens_dash_runs_and_spaces_back() -> None:
    text = "arti\ufb01cial  Presi\u00addent --\nsaid non\u2011binding \u201cok\u201d"
    folded = fold_text(text)
    assert folded.text == 'artificial President - said non-binding "ok"'
    assert len(folded.origin) == len(folded.text) + 1
    for word, original in (("artificial", "arti\ufb01cial"), ("President", "Presi\u00addent"),
                           ("non-binding", "non\u2011binding")):
        k = folded.text.index(word)
        lo, hi = folded.span(k, k + len(word))
        assert text[lo:hi] == original
    assert fold_text("a\n b", spaces=False).text == "a\n b"
    assert plain("  \u201cA\u201d \n\n b\u00ad ") == '"A" b'
