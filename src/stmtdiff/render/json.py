"""The JSON documents of --json output, derived from the domain objects.

Each document carries a "schema" field naming its versioned contract; the JSON Schemas are in
stmtdiff/schemas and tests validate every document against them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from typing import Any

import orjson

from stmtdiff.model import Clause, Segmented, Statement

__all__ = ["clause_doc", "dumps", "index_doc", "list_doc", "show_doc", "statement_doc"]

Doc = dict[str, Any]


def dumps(doc: Mapping[str, Any]) -> str:
    """A document as indented UTF-8 JSON, as every --json output writes it: orjson's encoding,
    which is json.dumps(doc, ensure_ascii=False, indent=2) byte for byte on our documents, and
    json.dumps itself for what orjson refuses (lone surrogates, integers beyond 64 bits)."""
    try:
        text = orjson.dumps(doc, option=orjson.OPT_INDENT_2).decode("utf-8")
    except orjson.JSONEncodeError:
        return re.sub(_C1_OR_SURROGATE, _escaped, json.dumps(doc, ensure_ascii=False, indent=2))
    return _C1.sub(_escaped, text)


_C1 = re.compile("[\x7f-\x9f]")
"""DEL and the C1 controls, which json.dumps leaves as they are (a terminal may act on them):
they can only stand inside strings, where \\u escapes say the same."""
_C1_OR_SURROGATE = "[\x7f-\x9f\ud800-\udfff]"
"""The same and lone surrogates (the bytes of a file name that is not UTF-8, which no UTF-8
stream takes), which only json.dumps writes: compiled by re.sub when it does (a class with
the surrogates costs about 2M instructions to compile, and orjson's UTF-8 holds none)."""


def _escaped(char: re.Match[str]) -> str:
    return f"\\u{ord(char.group()):04x}"


def statement_doc(st: Statement) -> Doc:
    """The fields every document gives for a statement."""
    return {"id": st.id, "date": st.date, "title": st.title, "series": st.series}


def clause_doc(seg: Segmented, clause: Clause) -> Doc:
    """A clause with its offsets into the statement text, and that text."""
    return {"index": clause.index, "start": clause.start, "end": clause.end,
            "text": seg.clause_text(clause)}


def index_doc(series: str, segs: Sequence[Segmented]) -> Doc:
    """stmtdiff.index/1: the statements segmented into the clause cache."""
    return {
        "schema": "stmtdiff.index/1",
        "series": series,
        "pipeline": segs[0].pipeline if segs else None,
        "statements": [{**statement_doc(s.statement), "clauses": len(s.clauses)} for s in segs],
        "clauses": sum(len(s.clauses) for s in segs),
    }


def list_doc(statements: Sequence[Statement], counts: Mapping[str, int | None]) -> Doc:
    """stmtdiff.list/1."""
    return {
        "schema": "stmtdiff.list/1",
        "series": sorted({st.series for st in statements}),
        "statements": [
            {**statement_doc(st), "has_text": st.has_text, "place": st.place,
             "format": st.format, "borderline": st.borderline,
             "clauses": counts.get(f"{st.series}/{st.id}"),
             "participants": [asdict(p) for p in st.participants],
             "sources": [asdict(s) for s in st.sources]}
            for st in statements
        ],
    }


def show_doc(seg: Segmented) -> Doc:
    """stmtdiff.show/1."""
    return {
        "schema": "stmtdiff.show/1",
        "statement": {**statement_doc(seg.statement), "text": seg.text},
        "pipeline": seg.pipeline,
        "clauses": [
            {**clause_doc(seg, c), "section": c.section, "sentence": c.sentence, "kind": c.kind}
            for c in seg.clauses
        ],
    }
