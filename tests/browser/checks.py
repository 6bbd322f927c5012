"""DOM checks shared by the browser tests: the report's marks against the JSON of the same
comparison."""

from __future__ import annotations

import re
from typing import Any

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def shown(text: str) -> str:
    """A text as the page shows it: control characters replaced."""
    return _CONTROL.sub("\ufffd", text)


def assert_changes_match(page: Any, doc: dict[str, Any]) -> None:
    """Every change of every pair is one <del> or <ins> of its pair's inline view, same text,
    same order; every pair is there once, in order, with its label."""
    ids = page.eval_on_selector_all("main article.pair", "els => els.map(e => e.id)")
    assert ids == [f"pair-{k}" for k in range(len(doc["pairs"]))]
    ops = page.eval_on_selector_all("main article.pair", "els => els.map(e => e.dataset.op)")
    assert ops == [p["op"] for p in doc["pairs"]]
    found = page.evaluate("""() => Array.from(document.querySelectorAll('main article.pair'))
        .map(a => Array.from(a.querySelectorAll('.inline del, .inline ins'))
        .map(e => [e.tagName === 'DEL' ? 'delete' : 'insert', e.textContent]))""")
    expected = [[[c["op"], shown(c["text"])] for c in p["changes"]
                 if c["op"] != "equal" and c["text"]] for p in doc["pairs"]]
    assert found == expected


def assert_links_resolve(page: Any) -> None:
    """Every in-page link points at exactly one element."""
    hrefs = page.eval_on_selector_all("a[href^='#']",
                                      "els => els.map(e => e.getAttribute('href'))")
    missing = [h for h in hrefs
               if page.evaluate("id => document.querySelectorAll(`[id='${id}']`).length",
                                h[1:]) != 1]
    assert hrefs and missing == []
