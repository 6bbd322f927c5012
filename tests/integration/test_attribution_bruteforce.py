"""compare --attribute on non-adjacent statements of ../shared/corpora against brute force.

For every changed clause of B, the brute force takes the longest common run of content words
(lower-case words of the folded text without function words) between the clause and each
statement strictly between A and B (difflib's find_longest_match, no index): the expected
source is the earliest statement with a run of 6 or more, and its run length the longest there.
Run with -s to see the figures.
"""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stmtdiff.cli import app
from stmtdiff.corpus.series import load_series, read_text
from stmtdiff.history.search import STOP_WORDS
from stmtdiff.segment.normalize import fold

pytestmark = pytest.mark.integration

PAIRS = {
    "aukus": [("first", "latest"), ("2021-09-15", "2023-09-15")],
    "asean-us": [("first", "latest")],
    "g7-leaders-statements": [(0, 3), (2, 6), (5, 9), (0, 16), (10, 16)],
    "fomc": [(100, 104), (200, 206), (226, 233)],
}
"""Series -> (A, B) as ids, or as positions in the series (oldest first)."""


def words_of(text: str) -> list[tuple[str, int, int]]:
    found = ((m.group().lower(), m.start(), m.end()) for m in re.finditer(r"\w+", fold(text)))
    return [w for w in found if w[0] not in STOP_WORDS]


def longest(clause: list[str], other: list[str]) -> int:
    matcher = difflib.SequenceMatcher(None, clause, other, autojunk=False)
    return matcher.find_longest_match(0, len(clause), 0, len(other)).size


def test_attribution_equals_brute_force(corpora: Path, shared_cache: Path) -> None:
    checked = agreed = sourced = 0
    for name, pairs in PAIRS.items():
        statements = load_series(corpora / name).statements
        ids = [st.id for st in statements]
        texts = {st.id: read_text(st) for st in statements}
        for first, second in pairs:
            a = first if isinstance(first, str) else ids[first]
            b = second if isinstance(second, str) else ids[second]
            result = CliRunner().invoke(app, [
                "--corpus", str(corpora), "--series", name, "--cache-dir", str(shared_cache),
                "compare", a, b, "--attribute", "--json"])
            assert result.exit_code == 0, result.output
            doc = json.loads(result.stdout)
            lo, hi = ids.index(doc["a"]["id"]), ids.index(doc["b"]["id"])
            between = [(sid, [w for w, _, _ in words_of(texts[sid])]) for sid in ids[lo + 1:hi]]
            assert len(between) >= 2, (name, a, b)
            b_text = texts[doc["b"]["id"]]
            spans = {c["index"]: (c["start"], c["end"]) for p in doc["pairs"] for c in p["b"]}
            for item in doc["attribution"]:
                start, end = spans[item["clause"]]
                clause = [w for w, s, _ in words_of(b_text) if start <= s < end]
                runs = [(sid, longest(clause, words)) for sid, words in between]
                source = next(((sid, n) for sid, n in runs if n >= 6), None)
                got = (item["statement"], item["shared"] and item["shared"]["words"])
                expected = (doc["b"]["id"], None) if source is None else source
                checked += 1
                agreed += got == expected
                sourced += source is not None
                assert got == expected, (name, a, b, item["clause"])
                if item["shared"] is not None:
                    shared = item["shared"]
                    in_source = words_of(texts[item["statement"]][shared["start"]:shared["end"]])
                    in_b = words_of(b_text[shared["b_start"]:shared["b_end"]])
                    assert [w for w, _, _ in in_source] == [w for w, _, _ in in_b]
                    assert len(in_b) == shared["words"]
    print(f"\nattribution: {agreed} of {checked} changed clauses agree with brute force; "
          f"{sourced} have an earlier source")
    assert checked >= 100
