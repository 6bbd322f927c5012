"""History across a series: where terms occur, when they were first used, and how often.

Pure logic over a term index (termindex.TermIndex or anything with the same reading methods);
no spaCy, no files. Matching rules, by mode:

- ``lemma`` (the default) and ``word``: case-insensitive, on word boundaries (a word is a run of
  word characters of the typography-folded text). A phrase matches its words in sequence across
  spaces, line breaks, hyphens and quotes, but not across hard punctuation (HARD: ``. , ; :``
  and the like) unless the term itself has it there. ``lemma`` also matches other inflections
  with the same lemma: a form matches the word ``w`` when its lemma is ``w`` or the lemma of
  ``w``, or it is the plural or singular of ``w`` by adding or dropping -s/-es, and it shares
  ``w``'s first two letters ("strait" finds "Straits"; "us" stays "us").
  Spacing and hyphen variants match too: the term is cut into atoms (its words, and inside a
  word the runs of letters and of digits and the parts of a camel-case word), and every way
  of joining atoms that the term has side by side or separated only by spaces and hyphens is
  searched as well ("COP26", "COP 26" and "COP-26" find each other; "cutting-edge" finds
  "cutting edge" and "cuttingedge"). A term whose letters are all capitals, two or more of
  them, matches case-sensitively ("US" does not find "us"; "WHO" does not find "who").
  Any word may be searched, function words too ("shall", "where all").
- ``exact``: the literal text, case-sensitive, on word boundaries; white space in the term
  matches any run of white space.
- ``regex``: a regular expression over the folded text, case-insensitive unless asked.

Several terms are an "any of" query: overlapping matches of different terms count once.
"""

from __future__ import annotations

import bisect
import re
import time
from array import array
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol

from stmtdiff.cache.terms import HARD, Form, Layout
from stmtdiff.errors import InputError
from stmtdiff.model import Entry
from stmtdiff.segment.normalize import fold
from stmtdiff.words import STOP_WORDS, WORD

if TYPE_CHECKING:  # regex takes 60 ms to import: only --regex needs it
    import regex

    Match = re.Match[str] | regex.Match[str]

__all__ = [
    "STOP_WORDS",
    "Context",
    "FirstMention",
    "Mentions",
    "Mode",
    "Term",
    "TermSource",
    "Timeline",
    "count",
    "find",
    "first_mention",
    "parse_term",
    "timeline",
]

Mode = Literal["lemma", "word", "exact", "regex"]
Spans = list[tuple[int, int]]

MAX_JOINS = 6
"""Above this many places where a term's atoms may be joined, only its own words are searched
(each place doubles the variants)."""
_ATOM = re.compile(r"[^\W\d_]+?(?=[A-Z][a-z])|\d+|[^\W\d]+|_+")
"""Runs of letters (cut before a capital that starts a lower-case run: camel case) or digits."""
_JOINABLE = re.compile(r"[\s-]*")
"""What may stand between two words of a term that a variant joins into one."""


class TermSource(Protocol):
    """What matching reads from a term index."""

    def forms(self, column: str, values: Collection[str]) -> list[Form]:
        """The forms whose surface, lower or norm is one of the values."""

    def postings(self, form_ids: Collection[int]) -> dict[int, array[int]]:
        """Sorted positions, with the hard-punctuation bit, per doc of any of the forms."""

    def counts(self, form_ids: Collection[int]) -> dict[int, int]:
        """How many positions each doc has of any of the forms."""

    def layout(self, doc: int) -> Layout:
        """Where a doc's words and clauses are."""

    def text(self, doc: int) -> str:
        """A doc's text."""


@dataclass(frozen=True)
class Term:
    """A search term, parsed."""

    text: str
    """As given."""
    mode: Mode
    """How it matches."""
    words: tuple[str, ...]
    """Its words (lower case, except under exact); empty for a regex."""
    free: tuple[bool, ...]
    """Per word, whether hard punctuation may precede it (the term has some there)."""
    pattern: re.Pattern[str] | regex.Pattern[str] | None
    """The expression that scans texts under exact and regex (a `regex` pattern, which can be
    stopped after REGEX_SECONDS), else None."""
    cased: bool = False
    """Whether the words match case-sensitively (a term of two or more letters, all capitals)."""
    variants: tuple[tuple[tuple[str, ...], tuple[bool, ...]], ...] = ()
    """(words, free) of each spacing or hyphen variant searched besides words (lemma, word)."""


def parse_term(text: str, mode: Mode = "lemma", *, case_sensitive: bool = False) -> Term:
    """A term ready to match; InputError for an empty term, one without words, or a bad
    regex."""
    if not text.strip():
        raise InputError("empty search term", "give a word or phrase, e.g. Taiwan")
    if mode == "regex":
        return Term(text, mode, (), (), _compile(text, case_sensitive))
    folded = fold(text.strip())
    found = list(WORD.finditer(folded))
    if not found:
        raise InputError(f"term {text!r} has no words to search for",
                         "give a word or phrase, or use --regex")
    raw = tuple(m.group() for m in found)
    free = tuple(i > 0 and not HARD.isdisjoint(folded[found[i - 1].end():m.start()])
                 for i, m in enumerate(found))
    if mode == "exact":
        return Term(text, mode, raw, free, re.compile(_literal(folded)))
    letters = [c for c in "".join(raw) if c.isalpha()]
    cased = len(letters) >= 2 and all(c.isupper() for c in letters)
    words = raw if cased else tuple(w.lower() for w in raw)
    variants = tuple(v for v in _variants(folded, found, free, cased) if v[0] != words)
    return Term(text, mode, words, free, None, cased, variants)


def _variants(folded: str, found: Sequence[re.Match[str]], free: Sequence[bool], cased: bool,
              ) -> list[tuple[tuple[str, ...], tuple[bool, ...]]]:
    """Every grouping of the term's atoms at the places where they may be joined or split."""
    atoms: list[str] = []
    places: list[bool | None] = []
    """Before each atom after the first: None where it may be joined or split, else the free
    flag of a fixed boundary."""
    for i, m in enumerate(found):
        parts = _ATOM.findall(m.group()) or [m.group()]
        if i:
            gap = folded[found[i - 1].end():m.start()]
            places.append(None if _JOINABLE.fullmatch(gap) else free[i])
        places.extend([None] * (len(parts) - 1))
        atoms.extend(parts)
    open_places = [i for i, p in enumerate(places) if p is None]
    if len(open_places) > MAX_JOINS:
        return []
    result = []
    for mask in range(1 << len(open_places)):
        cuts = {place for bit, place in enumerate(open_places) if mask >> bit & 1}
        words, flags = [atoms[0]], [False]
        for i, atom in enumerate(atoms[1:]):
            place = places[i]
            if place is None and i not in cuts:
                words[-1] += atom
            else:
                words.append(atom)
                flags.append(bool(place))
        result.append((tuple(w if cased else w.lower() for w in words), tuple(flags)))
    return result


REGEX_SECONDS = 5.0
"""The longest a --regex term may scan the texts of one query (backtracking on patterns such as
(\\w+\\s?)+$ can take minutes)."""


def _compile(text: str, case_sensitive: bool) -> regex.Pattern[str]:
    """The pattern as the regex package compiles it (it can be stopped after a time), checked
    by re first: the syntax and its error messages are Python's."""
    import regex

    try:
        checked = re.compile(text, 0 if case_sensitive else re.IGNORECASE)
        pattern = regex.compile(text, regex.V0 if case_sensitive else regex.V0 | regex.IGNORECASE)
    except (re.error, regex.error, OverflowError, RecursionError) as exc:
        raise InputError(f"regular expression {text!r} does not compile: {exc}",
                         "fix the pattern, or drop --regex to search for words") from exc
    if checked.fullmatch(""):
        raise InputError(f"regular expression {text!r} matches empty text",
                         "make it match at least one character")
    return pattern


def _literal(folded: str) -> str:
    body = r"\s+".join(re.escape(part) for part in folded.split())
    head = r"(?<!\w)" if WORD.match(folded) else ""
    tail = r"(?!\w)" if re.search(r"\w$", folded) else ""
    return head + body + tail


# ---------------------------------------------------------------------------------------------
# Finding matches


def find(terms: Sequence[Term], docs: Collection[int], source: TermSource) -> dict[int, Spans]:
    """The matches of any of the terms in each doc that has some, as sorted disjoint spans.

    Spans are word positions [first, last + 1) under lemma and word, character offsets under
    exact and regex (terms of one query share a mode); overlapping matches are merged.
    """
    found: dict[int, Spans] = {}
    for term in terms:
        for doc, spans in _find_term(term, docs, source).items():
            found.setdefault(doc, []).extend(spans)
    return {doc: _merge(spans) if len(terms) > 1 else spans for doc, spans in found.items()}


def count(terms: Sequence[Term], docs: Collection[int], source: TermSource) -> dict[int, int]:
    """How many matches of any of the terms each doc that has some holds: len() of find's
    spans, without building them when the query is one word (each of its positions is one
    match: thousands of docs, tens of positions each)."""
    if len(terms) == 1 and _one_word(terms[0]):
        term = terms[0]
        counts = source.counts(_forms(term.words[0], term.mode, source, cased=term.cased))
        wanted = set(docs)
        return {doc: n for doc, n in counts.items() if doc in wanted}
    return {doc: len(spans) for doc, spans in find(terms, docs, source).items()}


def _one_word(term: Term) -> bool:
    return term.mode in ("lemma", "word") and not term.variants and len(term.words) == 1


def _find_term(term: Term, docs: Collection[int], source: TermSource) -> dict[int, Spans]:
    if term.mode == "regex":
        return _scan(term, docs, source)
    if term.mode == "exact":
        lists = [source.postings(_forms(word, term.mode, source)) for word in term.words]
        return _scan(term, set(docs).intersection(*lists), source)
    if not term.variants:
        return _find_words(term.words, term.free, term, docs, source)
    found: dict[int, Spans] = {}
    for words, free in ((term.words, term.free), *term.variants):
        for doc, spans in _find_words(words, free, term, docs, source).items():
            found.setdefault(doc, []).extend(spans)
    return {doc: _merge(spans) for doc, spans in found.items()}


def _find_words(words: Sequence[str], free: Sequence[bool], term: Term, docs: Collection[int],
                source: TermSource) -> dict[int, Spans]:
    """Word-position spans of the words in sequence (lemma and word modes)."""
    lists = [source.postings(_forms(word, term.mode, source, cased=term.cased))
             for word in words]
    common = set(docs).intersection(*lists)
    if len(lists) == 1:  # a single word: every position is a match (thousands of docs)
        return {doc: [(p >> 1, (p >> 1) + 1) for p in lists[0][doc]] for doc in common}
    found = {}
    for doc in common:
        starts = _phrase_starts([lst[doc] for lst in lists], free)
        if starts:
            found[doc] = [(s, s + len(words)) for s in starts]
    return found


def _forms(word: str, mode: Mode, source: TermSource, *, cased: bool = False) -> set[int]:
    if mode == "exact":
        return {f.id for f in source.forms("surface", [word])}
    if cased:  # all capitals: as written, under lemma also with a plural s ("NGOs")
        spellings = [word, word + "s"] if mode == "lemma" and word.isalpha() else [word]
        return {f.id for f in source.forms("surface", spellings)}
    same = source.forms("lower", [word])
    if mode == "word":
        return {f.id for f in same}
    lemmas = {word} | {f.norm for f in same}
    related = source.forms("norm", lemmas) + source.forms("lower", _plurals(word))
    return {f.id for f in same} | {f.id for f in related if f.lower[:2] == word[:2]}


def _plurals(word: str) -> set[str]:
    """Singular and plural spellings of a word, for the proper nouns a lemmatizer leaves alone
    ("Taiwan Straits" is tagged as a name and keeps its s)."""
    found = {word + "s", word + "es"} if len(word) >= 3 and word.isalpha() else set()
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        found.add(word[:-1])
        if word.endswith("es"):
            found.add(word[:-2])
    return found


def _phrase_starts(lists: Sequence[array[int]], free: Sequence[bool]) -> list[int]:
    """Start positions of non-overlapping matches of words in sequence."""
    n = len(lists)
    if n == 1:
        return [p >> 1 for p in lists[0]]
    later = [{p >> 1: p & 1 for p in lst} for lst in lists[1:]]
    starts: list[int] = []
    for p in lists[0]:
        s = p >> 1
        if starts and s < starts[-1] + n:
            continue
        if all(_follows(later[i - 1].get(s + i), free[i]) for i in range(1, n)):
            starts.append(s)
    return starts


def _follows(hard: int | None, free: bool) -> bool:
    return hard is not None and (free or not hard)


def _scan(term: Term, docs: Collection[int], source: TermSource) -> dict[int, Spans]:
    pattern = term.pattern
    assert pattern is not None
    if isinstance(pattern, re.Pattern):  # a literal (exact): no backtracking to bound
        return _found(docs, lambda doc: pattern.finditer(fold(source.text(doc))))
    deadline = time.monotonic() + REGEX_SECONDS

    def matches(doc: int) -> Iterable[Match]:
        left = deadline - time.monotonic()
        return pattern.finditer(fold(source.text(doc)), timeout=max(left, 0.001))

    try:
        return _found(docs, matches)
    except TimeoutError as exc:
        raise InputError(f"regular expression {term.text!r} takes too long (over "
                         f"{REGEX_SECONDS:g} s)", "avoid nested repeats such as (\\w+\\s?)+, "
                         "or search for words without --regex") from exc



def _found(docs: Collection[int], matches: Callable[[int], Iterable[Match]],
           ) -> dict[int, Spans]:
    found = {}
    for doc in docs:
        spans = [m.span() for m in matches(doc) if m.end() > m.start()]
        if spans:
            found[doc] = spans
    return found


def _merge(spans: Spans) -> Spans:
    merged: Spans = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


# ---------------------------------------------------------------------------------------------
# first-mention


@dataclass(frozen=True)
class Context:
    """A clause holding matches (or, for words outside every clause, such as a heading, their
    line)."""

    index: int | None
    """The clause's index, or None for a line outside the clauses."""
    start: int
    """Offset of its first character in the statement text."""
    end: int
    """Offset one past its last character."""
    text: str
    """Its text."""
    matches: tuple[tuple[int, int], ...]
    """(start, end) offsets of the matches in it, in the statement text."""


@dataclass(frozen=True)
class Mentions:
    """How often one statement uses the terms, and where."""

    statement: Entry
    """The statement."""
    count: int
    """Its matches."""
    contexts: tuple[Context, ...]
    """The clauses holding them (left empty when not asked for)."""


@dataclass(frozen=True)
class FirstMention:
    """When a series first used any of the terms, and how often each statement uses them."""

    terms: tuple[Term, ...]
    """The query."""
    mentions: tuple[Mentions, ...]
    """Every statement searched, in date order."""

    @property
    def first(self) -> Mentions | None:
        """The earliest statement that uses a term, or None."""
        return next((m for m in self.mentions if m.count), None)

    @property
    def absent(self) -> tuple[Entry, ...]:
        """The statements after the first mention that do not use a term."""
        return tuple(m.statement for m in self._from_first() if not m.count)

    @property
    def stretches(self) -> tuple[tuple[Entry, Entry], ...]:
        """Runs of consecutive statements without the terms after the first mention."""
        runs: list[list[Entry]] = []
        current: list[Entry] = []
        for m in self._from_first():
            if not m.count:
                current.append(m.statement)
            elif current:
                runs.append(current)
                current = []
        if current:
            runs.append(current)
        return tuple((run[0], run[-1]) for run in runs)

    def _from_first(self) -> tuple[Mentions, ...]:
        """The mentions from the first statement that uses a term on (none when none does)."""
        for i, m in enumerate(self.mentions):
            if m.count:
                return self.mentions[i:]
        return ()


def first_mention(terms: Sequence[Term], docs: Sequence[tuple[Entry, int]],
                  source: TermSource, *, all_contexts: bool = True) -> FirstMention:
    """Each statement's matches of any of the terms, with the clauses holding them.

    docs pairs each statement (oldest first) with its doc in the index. Without all_contexts
    only the first statement that matches gets its clauses.
    """
    ids = [doc for _, doc in docs]
    by_chars = bool(terms) and terms[0].mode in ("exact", "regex")
    if all_contexts:
        found = find(terms, ids, source)
        return FirstMention(tuple(terms), tuple(
            Mentions(st, len(found[doc]), _contexts(doc, found[doc], by_chars, source))
            if doc in found else Mentions(st, 0, ()) for st, doc in docs))
    # the spans of the first statement only: the others are counted (thousands of docs)
    counts = count(terms, ids, source)
    first = next((doc for doc in ids if counts.get(doc)), None)
    mentions = tuple(Mentions(st, counts.get(doc, 0), ()) for st, doc in docs)
    if first is None:
        return FirstMention(tuple(terms), mentions)
    at = ids.index(first)
    spans = find(terms, [first], source)[first]
    contexts = _contexts(first, spans, by_chars, source)
    return FirstMention(tuple(terms), (*mentions[:at], Mentions(docs[at][0], len(spans), contexts),
                                       *mentions[at + 1:]))


def _contexts(doc: int, spans: Spans, by_chars: bool, source: TermSource,
              ) -> tuple[Context, ...]:
    layout, text = source.layout(doc), source.text(doc)
    chars = spans if by_chars else [(layout.starts[a], layout.ends[b - 1]) for a, b in spans]
    clause_starts = [c[0] for c in layout.clauses]
    groups: dict[tuple[int | None, int, int], list[tuple[int, int]]] = {}
    for start, end in chars:
        i = bisect.bisect_right(clause_starts, start) - 1
        if i >= 0 and start < layout.clauses[i][1]:
            where: tuple[int | None, int, int] = (i, *layout.clauses[i])
        else:
            where = (None, text.rfind("\n", 0, start) + 1, _line_end(text, start))
        groups.setdefault(where, []).append((start, end))
    return tuple(Context(i, a, b, text[a:b], tuple(m)) for (i, a, b), m in groups.items())


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end


# ---------------------------------------------------------------------------------------------
# timeline


@dataclass(frozen=True)
class Timeline:
    """Counts of each term (column) in each statement (row)."""

    labels: tuple[str, ...]
    """The columns: a term, or an alias name."""
    rows: tuple[tuple[Entry, tuple[int, ...]], ...]
    """Each statement searched, oldest first, with its count per column."""


def timeline(columns: Sequence[tuple[str, Sequence[Term]]],
             docs: Sequence[tuple[Entry, int]], source: TermSource) -> Timeline:
    """Per statement, the matches of each column's terms (any of them)."""
    ids = [doc for _, doc in docs]
    found = [count(terms, ids, source) for _, terms in columns]
    # a column of counts per term, turned into a row per statement by zip (at C speed)
    counts = zip(*[[col.get(doc, 0) for doc in ids] for col in found], strict=True) \
        if found else [()] * len(ids)
    rows = tuple(zip([st for st, _ in docs], counts, strict=True))
    return Timeline(tuple(label for label, _ in columns), rows)
