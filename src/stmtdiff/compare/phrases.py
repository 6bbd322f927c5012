"""Phrases of a statement, and which of them are new to a series. Pure: no spaCy, no I/O.

A phrase is a span of a statement's text with a normalised key:

- content-word n-grams (n = 1..MAX_N) of each clause, within runs of adjacent content words:
  a stop word or punctuation ends a run (a hyphen or an apostrophe inside a word does not),
  and so does a change from nominal words (nouns, proper nouns, adjectives, numbers) to others,
  so that "nuclear-powered submarines" gives "nuclear powered submarine" but "the States mark
  the day" gives no "state mark". Keys are the norms (lowercase lemmas) joined by one space;
- noun chunks ("NP") and names (runs of proper nouns, "PROPN"; entity labels from older caches,
  not numbers, dates or ordinals) from ``Segmented.phrases``, keyed by the norms of the content
  words inside them.

Keys are what statements are compared on, together with each phrase's surface form (its words
as written, lowercased): a phrase is in a statement when either matches, so that a lemmatizer
keeping "Systems" plural in a name does not make "systems" new. Offsets (into the statement's
own text) are what is shown. Typical use::

    from stmtdiff.compare.phrases import new_in_series, phrase_keys, statement_phrases

    spans = statement_phrases(seg)               # every phrase of one statement, in text order
    keys = phrase_keys(seg)                      # the set of their keys
    found = new_in_series(b, earlier, against=a) # b's phrases new to the series, or back again

``new_in_series`` starts from the *minimal* new phrases (a new phrase is left out when a
shorter new phrase lies inside it) and hands them to novelty.units, which grows each into the
unit an analyst reads (the whole name or noun chunk), drops common single words and fragments
of familiar names, checks the unit's words against the earlier texts, and ranks the units.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from stmtdiff.compare.novelty import (
    RarityOf,
    Unit,
    UnitKind,
    general_rarity,
    returning,
    text_index,
    units,
)
from stmtdiff.model import Segmented, Token
from stmtdiff.segment.normalize import fold

__all__ = [
    "MAX_N",
    "PHRASES_VERSION",
    "KeysOf",
    "NewPhrase",
    "PhraseKind",
    "PhraseSpan",
    "SpansOf",
    "new_in_series",
    "phrase_keys",
    "statement_phrases",
]

MAX_N = 4
"""The longest content-word n-gram."""

PhraseKind = Literal["ngram", "chunk", "entity"]
_RANK: dict[str, int] = {"entity": 0, "chunk": 1, "ngram": 2}
_NOMINAL = frozenset({"NOUN", "PROPN", "ADJ", "NUM", "X", ""})  # "": no tagger
_NUMERIC_ENTITIES = frozenset({"CARDINAL", "ORDINAL", "DATE", "TIME", "PERCENT", "MONEY",
                               "QUANTITY"})


@dataclass(frozen=True)
class PhraseSpan:
    """A phrase of a statement."""

    key: str
    """Normalised form: content-word lemmas, lowercase, joined by single spaces."""
    start: int
    """Offset of its first content word in the statement text."""
    end: int
    """Offset one past its last content word."""
    kind: PhraseKind
    """Where it comes from: a content-word n-gram, a noun chunk or a named entity."""
    surface: str = ""
    """The same words as written, lowercased and typography-folded (lemmatizers differ on
    proper nouns: "Systems" in a name may keep its plural)."""


@dataclass(frozen=True)
class NewPhrase:
    """A phrase of the target statement that is new to the series, or back after an absence."""

    span: PhraseSpan
    """The phrase in the target statement."""
    last_seen: str | None
    """None when no earlier statement has it ("first in series"); else the id of the latest
    earlier statement that has it ("returns": absent from the statement compared against)."""
    score: float = 0.0
    """How much an analyst should care (novelty's ranking; higher first)."""
    kind: UnitKind = "phrase"
    """What it is: name, acronym, number (with a unit), chunk, phrase, word or date."""

    @property
    def first_in_series(self) -> bool:
        """Whether no earlier statement of the series contains it."""
        return self.last_seen is None


def _content(tok: Token) -> bool:
    return not tok.stop and _has_alnum(tok.norm)


_ALNUM: dict[str, bool] = {}
"""Memo of _has_alnum (and _ALPHA of _has_alpha): norms repeat across clauses."""


def _has_alnum(norm: str) -> bool:
    found = _ALNUM.get(norm)
    if found is None:
        found = _ALNUM[norm] = any(ch.isalnum() for ch in norm)
    return found


_ALPHA: dict[str, bool] = {}


def _has_alpha(norm: str) -> bool:
    found = _ALPHA.get(norm)
    if found is None:
        found = _ALPHA[norm] = any(ch.isalpha() for ch in norm)
    return found


def _runs(text: str, tokens: Sequence[Token]) -> Iterator[list[Token]]:
    """Runs of adjacent content words: stop words, punctuation (other than a hyphen or an
    apostrophe inside a word) and a change between nominal and other words end a run."""
    run: list[Token] = []
    for tok in tokens:
        if not _content(tok):
            if run:
                yield run
            run = []
            continue
        if run and (not _joined(text[run[-1].end:tok.start])
                    or not (_nominal(run[-1]) and _nominal(tok))):
            yield run
            run = []
        run.append(tok)
    if run:
        yield run


def _joined(gap: str) -> bool:
    return gap == " " or all(ch.isspace() or ch in "-'" for ch in gap)


def _nominal(tok: Token) -> bool:
    return tok.pos in _NOMINAL


def _grams(folded: str, tokens: Sequence[Token],
           ) -> Iterator[tuple[str, str, Token, Token]]:
    """(key, surface, first token, last token) of each content-word n-gram of a clause."""
    for words in _runs(folded, tokens):
        norms = [t.norm for t in words]
        surfaces = [folded[t.start:t.end].lower() for t in words]
        for i in range(len(words)):
            # a bare number is not a phrase on its own
            start = 1 if _has_alpha(norms[i]) else 2
            for n in range(start, min(MAX_N, len(words) - i) + 1):
                yield (" ".join(norms[i:i + n]), " ".join(surfaces[i:i + n]), words[i],
                       words[i + n - 1])


def _surface(folded: str, words: Sequence[Token]) -> str:
    return " ".join(folded[t.start:t.end].lower() for t in words)


def _spanned(seg: Segmented, folded: str) -> Iterator[PhraseSpan]:
    tokens = [t for c in seg.clauses for t in c.tokens]
    starts = [t.start for t in tokens]
    for ph in seg.phrases:
        if ph.label in _NUMERIC_ENTITIES:
            continue
        lo = bisect.bisect_left(starts, ph.start)
        hi = bisect.bisect_left(starts, ph.end)
        words = [t for t in tokens[lo:hi] if _content(t)]
        if words:
            kind: PhraseKind = "chunk" if ph.label == "NP" else "entity"
            yield PhraseSpan(" ".join(t.norm for t in words), words[0].start, words[-1].end,
                             kind, _surface(folded, words))


def statement_phrases(seg: Segmented) -> tuple[PhraseSpan, ...]:
    """Every phrase of a statement (n-grams, chunks, entities), in text order, one per span.

    Where an entity, a chunk and an n-gram cover the same span, the entity is kept, then the
    chunk.
    """
    found: dict[tuple[int, int], PhraseSpan] = {}
    folded = fold(seg.text)
    for span in _spanned(seg, folded):
        where = (span.start, span.end)
        old = found.get(where)
        if old is None or _RANK[span.kind] < _RANK[old.kind]:
            found[where] = span
    for clause in seg.clauses:  # n-grams rank last: one only where no other span is
        for key, surface, first, last in _grams(folded, clause.tokens):
            where = (first.start, last.end)
            if where not in found:
                found[where] = PhraseSpan(key, first.start, last.end, "ngram", surface)
    return tuple(found[where] for where in sorted(found))


def phrase_keys(seg: Segmented) -> frozenset[str]:
    """The keys and surface forms of every phrase of a statement.

    A phrase of another statement is in it when its key or its surface form is in this set.
    """
    keys: set[str] = set()
    folded = fold(seg.text)
    for clause in seg.clauses:
        for key, surface, _, _ in _grams(folded, clause.tokens):
            keys.add(key)
            keys.add(surface)
    for span in _spanned(seg, folded):
        keys.update((span.key, span.surface))
    return frozenset(keys)


KeysOf = Callable[[Segmented], frozenset[str]]
"""A function giving a statement's phrase keys: phrase_keys, or a cache in front of it."""
SpansOf = Callable[[Segmented], tuple[PhraseSpan, ...]]
"""A function giving a statement's phrases: statement_phrases, or a cache in front of it."""
PHRASES_VERSION = 1
"""Bumped whenever phrase_keys or statement_phrases give other results for the same clauses
(invalidates caches)."""


def new_in_series(target: Segmented, earlier: Sequence[Segmented], *,
                  against: Segmented | None = None, keys_of: KeysOf = phrase_keys,
                  spans_of: SpansOf = statement_phrases,
                  rarity_of: RarityOf = general_rarity) -> tuple[NewPhrase, ...]:
    """The target's new language: units absent from every earlier statement, and phrases
    absent from against but seen before ("returns"), each key once, ranked (score).

    earlier: the statements of the series before the target (any order; the latest by date
    that has a phrase gives its last_seen). against: the statement the target is compared
    with (usually the one before it); a phrase it lacks but an earlier statement has is
    reported with that statement's id as last_seen. Without against, only language new to the
    whole series is reported. keys_of gives the phrase keys of the other statements (a cache
    may stand in for phrase_keys), spans_of the target's phrases (statement_phrases or a
    cache), rarity_of the general-English frequency of its words (general_rarity or a
    cache). The minimal new phrases grow into units (novelty.units): whole names and noun
    chunks, a single word only when rare or a name.
    Result in text order.
    """
    spans = spans_of(target)
    known = {id(against): keys_of(against)} if against is not None else {}
    seen = _last_seen({k for s in spans for k in (s.key, s.surface)}, earlier, known, keys_of)
    first = [s for s in spans if s.key not in seen and s.surface not in seen]
    absent: list[PhraseSpan] = []
    if against is not None:
        have = known[id(against)]
        first_ids = {id(s) for s in first}
        absent = [s for s in _minimal([s for s in spans if s.key not in have
                                       and s.surface not in have]) if id(s) not in first_ids]
    rarity = rarity_of(target)
    where = [(s.start, s.end, s.kind) for s in spans]
    named = {(s.start, s.end): s for s in spans if s.kind == "entity"}

    def familiar(start: int, end: int) -> bool:
        span = named.get((start, end))
        return span is not None and (span.key in seen or span.surface in seen)

    grown = units(target, [(s.start, s.end) for s in _minimal(first)], where,
                  familiar=familiar, earlier_text=text_index(earlier), rarity=rarity,
                  known_word=seen.__contains__)
    # A unit grown from new words can be, lemma for lemma, a phrase an earlier statement has
    # ("enhance engagement" after "enhancing engagement"): it is not first in series.
    asked = {k for s in spans for k in (s.key, s.surface)}
    seen |= _last_seen({k for u in grown for k in (u.key, u.surface)} - asked, earlier, known,
                       keys_of)
    found = [NewPhrase(_as_span(u), None, u.score, u.kind) for u in grown
             if u.key not in seen and u.surface not in seen]
    new_ranges = {(p.span.start, p.span.end) for p in found}
    found += [NewPhrase(_as_span(u), _latest(seen, [s for s in absent
                                                     if u.start <= s.start < u.end]),
                        u.score, u.kind)
              for u in returning(target, [(s.start, s.end) for s in absent], where,
                                 rarity=rarity)
              if (u.start, u.end) not in new_ranges]
    # a returning unit grown to the very words of a phrase new to the series ("sustained
    # basis", one of whose words was seen before) would be listed twice, once as a return
    return tuple(sorted(found, key=lambda p: (p.span.start, p.span.end)))


_SPAN_KIND: dict[str, PhraseKind] = {"name": "entity", "acronym": "entity", "chunk": "chunk"}


def _as_span(unit: Unit) -> PhraseSpan:
    return PhraseSpan(unit.key, unit.start, unit.end, _SPAN_KIND.get(unit.kind, "ngram"),
                      unit.surface)


def _latest(seen: dict[str, tuple[str, str]], parts: Sequence[PhraseSpan]) -> str:
    """The id of the latest earlier statement with the key or surface form of one of the
    parts of a returning phrase."""
    return max(seen[k] for span in parts for k in (span.key, span.surface) if k in seen)[1]


def _last_seen(keys: set[str], earlier: Iterable[Segmented], known: dict[int, frozenset[str]],
               keys_of: KeysOf) -> dict[str, tuple[str, str]]:
    """For each key some earlier statement has, (date, id) of the latest such statement.

    known: phrase keys already computed, by id() of the statement."""
    seen: dict[str, tuple[str, str]] = {}
    ordered = sorted(earlier, key=lambda s: s.statement.sort_key, reverse=True)
    for seg in ordered:
        wanted = keys - seen.keys()
        if not wanted:
            break
        have = known.get(id(seg))
        for key in wanted & (have if have is not None else keys_of(seg)):
            seen[key] = seg.statement.sort_key
    return seen


def _minimal(spans: Sequence[PhraseSpan]) -> list[PhraseSpan]:
    """The spans that contain no other span of the list (spans given in text order)."""
    starts = [s.start for s in spans]
    kept = []
    for span in spans:
        lo = bisect.bisect_left(starts, span.start)
        hi = bisect.bisect_right(starts, span.end)
        inner = any(o is not span and o.end <= span.end and (o.start, o.end) != (span.start,
                                                                                 span.end)
                    for o in spans[lo:hi])
        if not inner:
            kept.append(span)
    return kept
