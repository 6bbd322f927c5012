"""first-mention finds a word printed with a ligature or a soft hyphen as the plain word, with
offsets into the printed text (texts written for the test)."""

from __future__ import annotations

import pytest

from fakeseg import fake_segmented
from stmtdiff.cache.terms import TermIndex
from stmtdiff.history.search import Mode, first_mention, parse_term

TEXTS = {
    "2001-01-01": "Leaders backed artificial intelligence research for farms.",
    "2002-01-01": "Leaders backed arti\ufb01cial intelligence research for \ufb02eets.",
    "2003-01-01": "Leaders backed arti\u00adficial intelligence research for fleets.",
}


@pytest.mark.parametrize("mode", ["word", "lemma"])
def test_ligatures_and_soft_hyphens_are_the_plain_word(mode: Mode) -> None:
    index = TermIndex(None)
    try:
        segs = [fake_segmented(sid, text) for sid, text in TEXTS.items()]
        keys = index.add(segs)
        ids = index.doc_ids(keys)
        docs = [(seg.statement, ids[key]) for seg, key in zip(segs, keys, strict=True)]
        found = first_mention([parse_term("artificial intelligence", mode)], docs, index)
        assert [m.count for m in found.mentions] == [1, 1, 1]
        printed = [TEXTS[m.statement.id][a:b] for m in found.mentions
                   for c in m.contexts for a, b in c.matches]
        assert printed == ["artificial intelligence", "arti\ufb01cial intelligence",
                           "arti\u00adficial intelligence"]
        fleets = first_mention([parse_term("fleets", mode)], docs, index)
        assert [m.count for m in fleets.mentions] == [0, 1, 1]
    finally:
        index.close()
