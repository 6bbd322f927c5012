"""Extraction without a network: publisher layouts, framing, charsets, PDF, text, Markdown."""

from __future__ import annotations

import pytest

from pdf_fixture import EXPECTED as PDF_EXPECTED
from pdf_fixture import statement_pdf
from publisher_pages import EXPECTED, PUBLISHERS, mofa_go_jp
from stmtdiff.errors import InputError
from stmtdiff.fetch.extract import Document, ExtractionError, extract, get_extractor, sniff_format
from stmtdiff.fetch.extract.cleanup import normalise
from stmtdiff.fetch.extract.html import decode_html
from stmtdiff.fetch.extract.pdf import dehyphenate_join, run_together
from stmtdiff.segment.layout import blocks


@pytest.mark.parametrize("url", sorted(PUBLISHERS))
def test_each_publisher_layout_gives_the_statement_word_for_word(url: str) -> None:
    page, rule = PUBLISHERS[url]
    result = extract(Document(page().encode("utf-8"), url, "text/html"), "html")
    assert result.extractor == f"html:{rule}"
    assert result.text == EXPECTED


def test_blocks_come_out_as_the_segmenter_reads_them() -> None:
    url = next(iter(PUBLISHERS))
    text = extract(Document(PUBLISHERS[url][0]().encode(), url, "text/html"), "html").text
    kinds = [b.kind for b in blocks(text)]
    assert kinds == ["heading", "paragraph", "paragraph", "heading", "paragraph", "item", "item",
                     "item", "paragraph"]


def test_begin_and_end_text_frame_the_statement_on_any_site() -> None:
    page = ("<html><body><div class='nav'>Home | News</div><p>Some introduction.</p>"
            "<p>(Begin Text)</p><p>The statement itself.</p><p>(End Text)</p>"
            "<p>Related reading</p></body></html>")
    result = extract(Document(page.encode(), "http://example.org/x", "text/html"), "html")
    assert result.text == "The statement itself.\n"
    assert result.extractor == "html"


def test_a_page_no_rule_fits_goes_to_trafilatura() -> None:
    paragraphs = [f"Paragraph {n} of an article on a site without a publisher rule, long enough "
                  f"to count as content for a generic extractor and to be kept whole." for n in
                  range(1, 5)]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    page = (f"<html><head><title>T</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>Title</h1>{body}</article><footer>Footer</footer></body></html>")
    result = extract(Document(page.encode(), "http://example.org/a", "text/html"), "html")
    assert result.extractor == "html:trafilatura"
    assert result.text == "\n\n".join(paragraphs) + "\n"


@pytest.mark.parametrize("charset", ["shift_jis", "Shift_JIS", "x-sjis"])
def test_a_shift_jis_page_is_decoded_by_its_declared_charset(charset: str) -> None:
    page = mofa_go_jp(charset="Shift_JIS").replace(
        "<h1>", "<p class='breadcrumbs'>\u65e5\u7c73\u5b89\u5168\u4fdd\u969c</p><h1>")
    data = page.encode("shift_jis")
    url = "http://www.mofa.go.jp/x.html"
    assert extract(Document(data, url, "text/html", charset), "html").text == EXPECTED
    assert extract(Document(data, url, "text/html", None), "html").text == EXPECTED  # <meta>


def test_a_latin1_page_is_decoded_as_windows_1252() -> None:
    sentence = "Communiqu\u00e9 on the caf\u00e9 \u2013 d\u00e9j\u00e0 vu."
    page = f"<html><body><p>{sentence}</p></body></html>"
    text, encoding = decode_html(page.encode("cp1252"), "ISO-8859-1")
    assert encoding == "cp1252" and sentence in text


def test_a_wrong_declared_charset_falls_back_to_utf8() -> None:
    text, encoding = decode_html("<p>Caf\u00e9 \u65e5\u672c</p>".encode(), "us-ascii")
    assert encoding == "utf-8" and "\u65e5\u672c" in text


def test_pdf_lines_are_joined_and_hyphenation_undone() -> None:
    result = extract(Document(statement_pdf(), "s.pdf", "application/pdf"), "pdf")
    assert result.text == PDF_EXPECTED
    assert "undid hyphenation at 1 line ends" in result.steps
    assert result.warnings == ()


def test_pdf_words_run_together_are_reported_not_guessed() -> None:
    result = extract(Document(statement_pdf(run_together=True), "s.pdf", "application/pdf"), "pdf")
    assert "TheMinistersreaffirmedtheirlong-termcommitmenttotheregion." in result.text
    assert len(result.warnings) == 1 and "run together" in result.warnings[0]


def test_a_hyphen_the_document_uses_elsewhere_is_kept() -> None:
    whole = "a long-term plan\nthe long-\nterm view"
    assert dehyphenate_join(["the long-", "term view"], whole) == ("the long-term view", 0)
    assert dehyphenate_join(["the realign-", "ment"], whole) == ("the realignment", 1)


def test_names_with_inner_capitals_are_not_reported() -> None:
    assert run_together("McDonald met MacArthur and the DoD staff with an iPhone.") == ()
    assert run_together("the Alliancewill and theUnited States") != ()


def test_a_broken_pdf_is_an_extraction_error() -> None:
    with pytest.raises(ExtractionError, match="not a readable PDF"):
        extract(Document(b"%PDF-1.4 garbage", "x.pdf", "application/pdf"), "pdf")


def test_markdown_loses_its_markup() -> None:
    md = ("---\ntitle: x\n---\n# I. Overview\n\nThe **Ministers** met in\n[Tokyo](http://x) "
          "and _agreed_.\n\n* one;\n* two.\n\n1. first\n2. second\n")
    result = extract(Document(md.encode(), "s.md"), "markdown")
    assert result.text == ("I. Overview\n\nThe Ministers met in Tokyo and agreed.\n\n"
                           "- one;\n- two.\n1. first\n2. second\n")


def test_plain_text_is_kept_and_tidied() -> None:
    raw = "\ufeffFirst  paragraph.\r\n\r\n\r\n\r\nSecond\u00ad paragraph.\t\n"
    result = extract(Document(raw.encode(), "s.txt", "text/plain"), "text")
    assert result.text == "First paragraph.\n\nSecond paragraph.\n"
    assert result.normalisation == (
        "line endings to LF",
        "invisible characters removed (soft hyphens, zero-width spaces, BOM)",
        "runs of spaces and tabs collapsed, lines stripped",
        "blank lines collapsed and trimmed",
    )


def test_normalisation_records_only_steps_that_changed_something() -> None:
    assert normalise("Clean text.\n") == ("Clean text.\n", ())
    assert normalise("\ufb01nal\n")[1] == ("ligatures spelled out",)


def test_format_is_sniffed_from_type_bytes_and_name() -> None:
    assert sniff_format(Document(b"%PDF-1.7 ...", "x", "application/octet-stream")) == "pdf"
    assert sniff_format(Document(b"<!DOCTYPE html><html>", "x")) == "html"
    assert sniff_format(Document(b"# Title", "notes.md")) == "markdown"
    assert sniff_format(Document(b"Text", "-")) == "text"
    with pytest.raises(ExtractionError, match="unexpected content type image/png"):
        sniff_format(Document(b"\x89PNG", "x", "image/png"))


def test_an_unknown_extractor_suggests_the_closest() -> None:
    with pytest.raises(InputError) as info:
        get_extractor("htm")
    assert info.value.hint == "did you mean 'html'?"


def test_a_page_without_text_is_an_error() -> None:
    with pytest.raises(ExtractionError, match="no statement text found"):
        extract(Document(b"<html><body><nav>Home</nav></body></html>",
                         "http://www.state.gov/x", "text/html"), "html")


def test_list_items_holding_paragraphs_keep_their_marker() -> None:
    page = ("<html><body><div id='main'><ul><li><p>first item;</p></li><li>second <b>item"
            "</b>;</li><li><p>third item.</p><p>A paragraph inside it.</p></li></ul>"
            "<ol start='3'><li>numbered</li></ol><p>* * *</p></div></body></html>")
    text = extract(Document(page.encode(), "http://www.mod.go.jp/x", "text/html"), "html").text
    assert text == ("- first item;\n- second item;\n- third item.\n\nA paragraph inside it."
                    "\n\n3. numbered\n")


def test_invalid_and_unsupported_urls_are_network_errors() -> None:
    from stmtdiff.errors import NetworkError
    from stmtdiff.fetch.client import FetchConfig, Fetcher

    with Fetcher(FetchConfig(min_interval=0.0)) as fetcher:
        for url in ("http://", "ftp://example.org/x"):
            with pytest.raises(NetworkError):
                fetcher.download(url)


def test_an_http_equiv_charset_is_honoured() -> None:
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">'
            "</head><body><p>\u65e5\u7c73\u5b89\u4fdd\u3068 Japan.</p></body></html>")
    text, encoding = decode_html(page.encode("cp932"), None)
    assert encoding == "cp932" and "\u65e5\u7c73\u5b89\u4fdd\u3068 Japan." in text


def test_pdf_a_wrapped_line_starting_with_a_dash_is_not_an_item() -> None:
    from stmtdiff.fetch.extract.pdf import paragraphs

    full = "The leaders of the partnership met today with their ministers of defence and"
    lines = [full, "- as agreed last year - reviewed the work of the groups.", "",
             "The Ministers decided to:", "- widen the exercises;", "- share more data.", "\f"]
    found, _ = paragraphs(lines)
    assert [(b.kind, b.text) for b in found] == [
        ("paragraph", f"{full} - as agreed last year - reviewed the work of the groups."),
        ("paragraph", "The Ministers decided to:"),
        ("item", "- widen the exercises;"), ("item", "- share more data."),
    ]


def test_pdf_a_heading_at_the_foot_of_a_page_stays_a_heading() -> None:
    from stmtdiff.fetch.extract.pdf import paragraphs

    full = "The Committee will keep the arrangements under review and will report on them to"
    lines = ["Conclusion", "\f", "As we look ahead, we will keep working together.", "",
             full, "\f", "the Ministers at their next meeting.", "\f"]
    found, _ = paragraphs(lines)
    assert [b.text for b in found] == ["Conclusion",
                                       "As we look ahead, we will keep working together.",
                                       f"{full} the Ministers at their next meeting."]


def test_a_blanket_latin1_header_yields_to_the_pages_charset() -> None:
    page = "<html><head><meta charset='Shift_JIS'></head><body><p>\u65e5\u7c73</p></body></html>"
    text, encoding = decode_html(page.encode("cp932"), "ISO-8859-1")
    assert encoding == "cp932" and "\u65e5\u7c73" in text


def test_a_begin_text_marker_opening_a_paragraph_keeps_the_rest() -> None:
    page = ("<html><body><p>Intro.</p><p>BEGIN TEXT: The Ministers met today.</p>"
            "<p>They agreed.</p><p>END TEXT</p><p>Contact</p></body></html>")
    result = extract(Document(page.encode(), "http://example.org/x", "text/html"), "html")
    assert result.text == "The Ministers met today.\n\nThey agreed.\n"
