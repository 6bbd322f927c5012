"""phrases.py: phrase extraction and what is new to a series, on texts written for the tests."""

from __future__ import annotations

from fakeseg import fake_segmented
from stmtdiff.compare.phrases import new_in_series, phrase_keys, statement_phrases

OLD = fake_segmented("2019-01-01", "The ministers welcomed close cooperation on maritime security.")
MID = fake_segmented("2020-01-01", "The ministers discussed space policy and maritime security.")
NEW_TEXT = ("The ministers welcomed close cooperation on maritime security. "
            "They launched a dialogue on quantum computing and space policy.")


def test_ngrams_skip_stop_words_and_use_norms() -> None:
    keys = phrase_keys(OLD)
    assert {"minister", "minister welcomed", "close cooperation", "maritime security"} <= keys
    assert "the" not in keys and "cooperation on" not in keys
    assert "cooperation maritime" not in keys  # a stop word ends a run


def test_runs_stop_at_punctuation_but_not_hyphens() -> None:
    seg = fake_segmented("2021-01-01", "Leaders, ministers welcomed nuclear-powered submarines.")
    keys = phrase_keys(seg)
    assert "nuclear powered submarine" in keys
    assert "leader minister" not in keys


def test_spans_are_offsets_into_the_text() -> None:
    for span in statement_phrases(OLD):
        words = OLD.text[span.start:span.end].lower()
        assert words.startswith(span.key.split()[0][:4])


def test_chunks_and_entities_keyed_like_ngrams() -> None:
    text = "We support the Quad Vaccine Partnership fully."
    start = text.index("the Quad")
    end = text.index(" fully")
    seg = fake_segmented("2021-01-01", text, phrases=((start, end, "ORG"),))
    spans = {s.key: s for s in statement_phrases(seg)}
    assert spans["quad vaccine partnership"].kind == "entity"
    assert text[spans["quad vaccine partnership"].start:spans["quad vaccine partnership"].end] \
        == "Quad Vaccine Partnership"


def _rarity(seg):
    """Every word common in English but "quantum" (no wordfreq in unit tests)."""
    return {w: 2.0 if w == "quantum" else 5.0 for c in seg.clauses for t in c.tokens
            for w in (t.norm, seg.text[t.start:t.end].lower())}


def test_first_in_series_units_are_whole_and_absent_from_every_earlier() -> None:
    target = fake_segmented("2021-01-01", NEW_TEXT)
    found = new_in_series(target, [OLD, MID], against=OLD, rarity_of=_rarity)
    first = [p.span.key for p in found if p.first_in_series]
    # "quantum" and "computing" are one unit; "dialogue" alone is a common word
    assert first == ["they launched", "quantum computing"]
    for key in first:
        assert key not in phrase_keys(OLD) | phrase_keys(MID)


def test_a_rare_single_word_is_new_a_common_one_is_not() -> None:
    target = fake_segmented("2021-01-01", "The ministers discussed quantum policy.")
    found = new_in_series(target, [MID], rarity_of=_rarity)
    assert [p.span.key for p in found] == ["quantum"]


def test_returns_name_the_latest_statement_that_had_them() -> None:
    target = fake_segmented("2021-01-01", NEW_TEXT)
    found = new_in_series(target, [OLD, MID], against=OLD, rarity_of=_rarity)
    back = {p.span.key: p.last_seen for p in found if not p.first_in_series}
    assert back == {"space policy": "2020-01-01"}


def test_without_against_only_first_in_series() -> None:
    target = fake_segmented("2021-01-01", NEW_TEXT)
    assert all(p.first_in_series for p in new_in_series(target, [OLD, MID], rarity_of=_rarity))
    found = new_in_series(OLD, [], rarity_of=_rarity)
    assert found and all(p.first_in_series for p in found)

