"""render.json.dumps writes exactly what json.dumps(doc, ensure_ascii=False, indent=2) writes."""

from __future__ import annotations

import json
from pathlib import Path

from stmtdiff.render.json import dumps


def reference(doc: object) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2)


def test_same_text_as_json_dumps() -> None:
    docs: list[dict[str, object]] = [
        {},
        {"a": [], "b": {}, "c": [[]], "d": [{}], "e": None, "f": True, "g": False},
        {"text": "quote \" backslash \\ newline \n tab \t “curly” é ✦ \u2028 \x00", "n": -3,
         "big": 10**30, "f": [0.1, 1e-7, 1e22, -0.0, 2.5, 1.0], "nested": {"x": [1, [2, [3]]]}},
        {"tuple": (1, "two", (3.5,)), "ü": {"ß": []}},
    ]
    for doc in docs:
        assert dumps(doc) == reference(doc)


def test_other_values_left_to_json_dumps() -> None:
    for doc in ({"nan": float("nan"), "inf": [float("inf"), float("-inf")]}, {"k": {1: "x"}}):
        assert dumps(doc) == reference(doc)
    try:
        dumps({"path": Path("x")})
    except TypeError as exc:
        assert "not JSON serializable" in str(exc)
    else:
        raise AssertionError("a Path is not JSON")
