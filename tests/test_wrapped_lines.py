"""Line wrapping is typography: a wrapped numbered item or heading-like line stays one block."""

from __future__ import annotations

from stmtdiff.segment.layout import blocks


def test_wrapped_numbered_item_is_one_item() -> None:
    text = ("Intro.\n3. Support the building of ports and roads to drive broad, inclusive\n"
            "growth in the region;\n4. Next item.\nII. Alliance Responses\nThe text.")
    got = [(b.kind, text[b.start:b.end]) for b in blocks(text)]
    assert got == [
        ("paragraph", "Intro."),
        ("item", "Support the building of ports and roads to drive broad, inclusive\n"
                 "growth in the region;"),
        ("item", "Next item."),
        ("heading", "II. Alliance Responses"),
        ("paragraph", "The text."),
    ]


def test_markdown_heading_is_never_joined() -> None:
    text = "## Trade Policy\nlowercase start of a paragraph."
    assert [b.kind for b in blocks(text)] == ["heading", "paragraph"]
