"""The clause cache (cache/clauses.py): segmentations stored and read back equal, keyed by text
and pipeline; the per-statement phrase caches beside them."""

from __future__ import annotations

from pathlib import Path

from fakeseg import fake_segmented
from stmtdiff.cache.clauses import (
    ClauseCache,
    PhraseKeyCache,
    PhraseSpanCache,
    decode_segmentation,
    encode_segmentation,
    segmentation_key,
)
from stmtdiff.compare.phrases import PHRASES_VERSION, new_in_series, phrase_keys, statement_phrases
from stmtdiff.model import Phrase

OLD = fake_segmented("2019-01-01", "The ministers welcomed close cooperation on maritime security.")
MID = fake_segmented("2020-01-01", "The ministers discussed space policy and maritime security.")
NEW_TEXT = ("The ministers welcomed close cooperation on maritime security. "
            "They launched a dialogue on quantum computing and space policy.")
SEG = fake_segmented("2020-01-01",
                     "# Harbours\nThe harbour opened; ships came.\nThey left at dawn.",
                     phrases=((15, 22, "FAC"),))


def test_a_segmentation_round_trips_through_its_stored_form() -> None:
    clauses, phrases = decode_segmentation(encode_segmentation(SEG.clauses, SEG.phrases))
    assert clauses == SEG.clauses and phrases == SEG.phrases
    assert [c.tokens for c in clauses] == [c.tokens for c in SEG.clauses]
    assert all(type(p) is Phrase for p in phrases) and phrases


def test_the_cache_gives_back_what_was_put_under_text_and_pipeline(tmp_path: Path) -> None:
    key = segmentation_key(SEG.text, "blank-1")
    assert key != segmentation_key(SEG.text, "blank-2")
    assert key != segmentation_key(SEG.text + " ", "blank-1")
    store = ClauseCache(tmp_path)
    assert store.get(key) is None and store.count(key) is None
    blob = encode_segmentation(SEG.clauses, SEG.phrases)
    store.put_encoded([(key, "blank-1", len(SEG.clauses), blob)])
    store.close()
    store = ClauseCache(tmp_path)  # read back by another connection
    assert store.get(key) == (SEG.clauses, SEG.phrases)
    assert store.count(key) == len(SEG.clauses)
    store.close()


def test_phrase_key_cache_computes_each_statement_once(tmp_path) -> None:
    seg = fake_segmented("2020-01-01", "Allies will guard the northern sea lanes together.")
    calls = []

    def counting(s):
        calls.append(s.statement.id)
        return phrase_keys(s)

    for _ in range(2):
        store = ClauseCache(tmp_path)
        cached = PhraseKeyCache(store, counting, PHRASES_VERSION)
        assert cached(seg) == phrase_keys(seg)
        cached.flush()
        store.close()
    assert calls == ["2020-01-01"]
    store = ClauseCache(tmp_path)
    assert PhraseKeyCache(store, counting, PHRASES_VERSION + 1)(seg) == phrase_keys(seg)
    store.close()
    assert calls == ["2020-01-01", "2020-01-01"]


def test_phrase_span_cache_gives_the_same_spans_once_computed(tmp_path) -> None:
    seg = fake_segmented("2020-01-01", "Allies will guard the “northern” sea lanes together.")
    calls = []

    def counting(s):
        calls.append(s.statement.id)
        return statement_phrases(s)

    for _ in range(2):
        store = ClauseCache(tmp_path)
        cached = PhraseSpanCache(store, counting, PHRASES_VERSION)
        spans = cached(seg)
        assert spans == statement_phrases(seg) and spans
        assert [hash(s) for s in spans] == [hash(s) for s in statement_phrases(seg)]
        cached.flush()
        store.close()
    assert calls == ["2020-01-01"]
    target = fake_segmented("2021-01-01", NEW_TEXT)
    store = ClauseCache(tmp_path)
    cached = PhraseSpanCache(store, statement_phrases, PHRASES_VERSION)
    assert new_in_series(target, [OLD, MID], against=OLD, spans_of=cached) == \
        new_in_series(target, [OLD, MID], against=OLD)
    cached.flush()
    store.close()
