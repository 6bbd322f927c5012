"""Blocks: headings, paragraphs, list items and wrapped lines, by text rules alone."""

from __future__ import annotations

from stmtdiff.segment.layout import blocks
from stmtdiff.segment.normalize import fold


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


def test_wrapped_lines_join_their_paragraph() -> None:
    text = "The partners agreed to work\ntogether on supply chains.\nA new line starts here."
    assert kinds_and_texts(text) == [
        ("paragraph", "The partners agreed to work\ntogether on supply chains."),
        ("paragraph", "A new line starts here."),
    ]


def test_a_short_sentence_is_not_a_heading() -> None:
    assert kinds_and_texts("They Met Today. Then They Left")[0][0] == "paragraph"
    assert kinds_and_texts("The ministers met today.")[0][0] == "paragraph"


def test_fold_keeps_length_and_plain_forms() -> None:
    text = "\u201cAllies\u2019\u00a0roles\u201d \u2013 cross\u2011Strait \u2014 done"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == "\"Allies' roles\" - cross-Strait - done"
