"""A spaCy-free stand-in segmenter for unit tests: texts we write, cut by simple rules.

Blocks are lines, clauses are sentences (ending in . ; ! ?), tokens are \\w+ runs lowercased
with a trailing plural "s" dropped; a short stop list. Phrases can be given as (start, end, label).
"""

from __future__ import annotations

import re
from pathlib import Path

from stmtdiff.model import Clause, Phrase, Segmented, Statement, Token
from stmtdiff.segment.normalize import fold

_STOP_WORDS = ("a an the and or of to in on for with by as at is are was be we our this that "
               "it its their will would has have also all")
STOP = frozenset(_STOP_WORDS.split(" "))
_SENT = re.compile(r"[^.;!?\n]+[.;!?]?")
_WORD = re.compile(r"\w+")


def statement(sid: str, title: str = "", series: str = "demo") -> Statement:
    """Metadata for a made-up statement."""
    return Statement(id=sid, date=sid[:10], title=title or f"Statement of {sid}", series=series,
                     meta_path=Path(f"/nonexistent/{sid}.toml"), text_path=None)


def _norm(word: str) -> str:
    low = word.lower()
    return low[:-1] if len(low) > 3 and low.endswith("s") and not low.endswith("ss") else low


def tokens(text: str, start: int, end: int) -> tuple[Token, ...]:
    """The tokens of text[start:end]."""
    folded = fold(text)
    return tuple(Token(m.start() + start, m.end() + start, _norm(m.group()), "",
                       m.group().lower() in STOP)
                 for m in _WORD.finditer(folded[start:end]))


def fake_segmented(sid: str, text: str, phrases: tuple[tuple[int, int, str], ...] = (),
                   series: str = "demo") -> Segmented:
    """text cut into clauses (one per sentence), with a heading for lines starting '#'."""
    clauses: list[Clause] = []
    section: str | None = None
    pos = 0
    for block, line in enumerate(text.split("\n")):
        base, pos = pos, pos + len(line) + 1
        if line.startswith("# "):
            section = line[2:]
            continue
        for m in _SENT.finditer(line):
            lead = len(m.group()) - len(m.group().lstrip())
            start, end = base + m.start() + lead, base + m.end()
            end -= len(text[start:end]) - len(text[start:end].rstrip())
            if start < end and _WORD.search(text[start:end]):
                clauses.append(Clause(len(clauses), start, end, section, len(clauses), block,
                                      "paragraph", tokens(text, start, end)))
    return Segmented(statement(sid, series=series), text, "fake-1", tuple(clauses),
                     tuple(Phrase(s, e, label) for s, e, label in phrases))
