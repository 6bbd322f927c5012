"""render.json.dumps: orjson's encoding, the same bytes as json.dumps(indent=2, ensure_ascii=False)
with C1 controls and lone surrogates escaped, and json.dumps for what orjson refuses.

One known difference: a float written with an exponent (1e-07 against orjson's 1e-7), the same
number to every JSON reader. The floats of our documents (scores, similarities, rates) are
rounded to three or four places and never take an exponent; the property test draws such floats."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stmtdiff.render.json import dumps

_SCALARS = st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | \
    st.floats(-1e9, 1e9).map(lambda x: round(x, 4)) | st.text()
_DOCS = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4) |
                     st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=20)


def reference(doc: Any) -> str:
    text = json.dumps(doc, ensure_ascii=False, indent=2)
    return "".join(f"\\u{ord(c):04x}" if 0x7F <= ord(c) <= 0x9F or 0xD800 <= ord(c) <= 0xDFFF
                   else c for c in text)


@given(st.dictionaries(st.text(max_size=8), _DOCS, max_size=5))
def test_same_bytes_as_json_dumps(doc: dict[str, Any]) -> None:
    assert dumps(doc) == reference(doc)


@pytest.mark.parametrize("value", [
    "controls \x00\x1f\x7f\x85\x9f, line and paragraph separators \u2028\u2029, \"quotes\" \\ /",
    "a lone surrogate \udcff in a file name",
    2**70,
    [1.5, -0.0, 3.25, 0.1 + 0.2, 0.001, 123456789.125],
    {"nested": [{"empty": {}, "list": []}, (1, 2)]},
])
def test_hard_values(value: Any) -> None:
    assert dumps({"value": value}) == reference({"value": value})
    assert json.loads(dumps({"value": value}))["value"] == json.loads(json.dumps(value))


def test_exponent_floats_are_the_same_numbers() -> None:
    doc = {"value": [1e-7, 1e22, 2.5e-300]}
    assert json.loads(dumps(doc)) == doc
