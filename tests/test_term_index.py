"""The term index (cache/terms.py): one copy per text, and the words it cuts."""

from __future__ import annotations

from fakeseg import fake_segmented
from stmtdiff.cache.terms import TermIndex
from stmtdiff.history.search import first_mention, parse_term


def test_adding_a_key_twice_keeps_one_copy() -> None:
    index = TermIndex(None)
    seg = fake_segmented("2001-01-01", "The harbour opened.")
    assert index.add([seg]) == index.add([seg])
    doc = index.doc_ids(index.add([seg]))[index.add([seg])[0]]
    assert index.db.execute("SELECT COUNT(*) FROM docs").fetchone()[0] == 1
    result = first_mention([parse_term("harbour")], [(seg.statement, doc)], index)
    assert [m.count for m in result.mentions] == [1]
