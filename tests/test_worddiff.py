"""worddiff.py: word-level changes, on sentences written for the tests."""

from __future__ import annotations

import fast_diff_match_patch
from diff_match_patch import diff_match_patch
from hypothesis import given
from hypothesis import strategies as st

from stmtdiff.compare.worddiff import Change, changed, word_diff


def test_a_changed_word_is_one_delete_and_one_insert() -> None:
    got = word_diff("We strongly support the partnership.", "We firmly support the partnership.")
    assert got == (Change("equal", "We "), Change("delete", "strongly"),
                   Change("insert", "firmly"), Change("equal", " support the partnership."))


def test_words_are_never_cut() -> None:
    got = word_diff("the cooperation continues", "the coordination continues")
    assert Change("delete", "cooperation") in got and Change("insert", "coordination") in got


def test_typography_and_wrapping_are_no_change() -> None:
    old = "the allies\u2019 \u201cshared\u201d commitment \u2013 firm"
    new = "the allies' \"shared\"\ncommitment - firm"
    got = word_diff(old, new)
    assert not changed(got)
    assert got == (Change("equal", new),)


def test_insertion_at_the_end_and_deterministic() -> None:
    old = "Ministers met in Tokyo."
    new = "Ministers met in Tokyo and Washington."
    first = word_diff(old, new)
    assert first == word_diff(old, new)
    assert "".join(c.text for c in first if c.op != "delete") == new
    assert "".join(c.text for c in first if c.op != "insert") == old
    assert [c.op for c in first if c.op != "equal"] == ["insert"]


def test_many_distinct_words() -> None:
    old = " ".join(f"w{i}" for i in range(8000))
    new = old.replace("w7999", "changed")
    got = word_diff(old, new)
    assert [c.text for c in got if c.op != "equal"] == ["w7999", "changed"]


def _reference_runs(old: str, new: str) -> list[tuple[str, int]]:
    """The runs the pure-Python diff-match-patch gives (no time limit, semantic cleanup)."""
    engine = diff_match_patch()
    engine.Diff_Timeout = 0
    diffs = engine.diff_main(old, new, False)
    engine.diff_cleanupSemantic(diffs)
    return [({0: "=", 1: "+", -1: "-"}[op], len(text)) for op, text in diffs]


_SYMBOLS = st.text(alphabet=st.sampled_from([chr(0xE000 + i) for i in range(6)] + ["\U000F0000"]),
                   max_size=80)


@given(_SYMBOLS, _SYMBOLS)
def test_the_cpp_engine_gives_the_reference_runs(old: str, new: str) -> None:
    """word_diff runs the C++ port for speed; its edits must be the Python original's, tie for
    tie (a few symbols, so that many edit scripts are equally short)."""
    got = fast_diff_match_patch.diff(old, new, timelimit=0, checklines=False,
                                     cleanup="Semantic", counts_only=True)
    assert [(op, n) for op, n in got] == _reference_runs(old, new)
