"""New language as the units an analyst reads, and the one ranking of them. Pure: word
frequencies come in through a function (``general_rarity`` reads wordfreq, a cache may stand in).

phrases.new_in_series finds the *minimal* phrases of a statement that no earlier statement has
("Observer", "state solution"). Shown as they are, those are fragments; this module turns them
into *units*:

- a fragment inside a name or a noun chunk grows to the whole of it ("Quad-at-Sea Ship Observer
  Mission", "two-state solution"); names joined by "of", "for", "in", "on", "to", "the" are one
  name ("International Traffic in Arms Regulations"), and so are a name and the acronym in
  brackets after it ("Extended Fund Facility (EFF)"); a currency sign joins its amount ("£4
  billion"); overlapping units merge;
- a fragment inside a name the series has used before is no new language and is dropped;
- a unit whose words, typography and hyphens folded ("cutting-edge" = "cutting edge"), occur in
  an earlier statement's text, headings and line breaks included, is dropped;
- a unit of one word is kept only when it is a name, an acronym, a number with a unit, or rare in
  general English (zipf frequency below RARE_ZIPF).

Every unit gets a kind and a score (higher first): specificity by kind (names, acronyms,
numbers with a unit first; then noun chunks, other phrases, rare words; bare numbers last), the
rarity of its words in general English, its length, a verb of commitment or stance (and an
intensifier such as "strongly"), how often the statement has it, and its position (earlier is
a little higher).
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise
from typing import Literal, NamedTuple

from stmtdiff.compare.countries import COUNTRY_NAMES
from stmtdiff.model import Segmented, Token
from stmtdiff.segment.normalize import fold

__all__ = [
    "RARE_ZIPF",
    "RARITY_VERSION",
    "STANCE_VERBS",
    "Rarity",
    "RarityOf",
    "Unit",
    "UnitKind",
    "folded_words",
    "general_rarity",
    "returning",
    "text_index",
    "units",
]

UnitKind = Literal["name", "acronym", "number", "chunk", "phrase", "word", "date"]
"""What a unit of new language is: a name (proper nouns), an acronym, a number with a unit
(currency, billion, percent), a noun chunk, another content-word phrase, a single rare word, or
a bare number or date."""

SHOUTED_ZIPF = 3.8
"""A word in capitals followed by a lowercase word is a verb, not an acronym, when its
lowercase form is this common in English ("ESTABLISH the": 4.5; "ASEAN and": 3.3)."""
RARITY_VERSION = 1
"""Bumped whenever general_rarity gives other results for the same statement (invalidates
caches)."""
RARE_ZIPF = 3.5
"""A single common word is new language only when its zipf frequency in general English
(wordfreq: log10 of occurrences per billion words) is below this ("cyberspace" 3.0, "quo" 3.8,
"training" 5.2)."""

_VERBS = """
acknowledge affirm call commit condemn concern confirm deplore deter ensure express oppose pledge
reaffirm recognize reject resolve seek stress support underscore urge welcome worry shall must
denounce demand insist vow regret
"""
STANCE_VERBS = frozenset(_VERBS.split())
"""Verbs of commitment, concern and stance (and the modals of obligation)."""
_INTENSIFIERS = frozenset({"strongly", "firmly", "resolutely", "unequivocally", "categorically",
    "fully", "deeply", "gravely", "seriously", "utmost", "strongest", "gravest"})
_CONNECTORS = frozenset({"of", "for"})
_CURRENCY = frozenset("$£€¥")
_UNIT_WORDS = frozenset({"billion", "million", "trillion", "thousand", "percent", "%", "usd",
    "aud", "eur", "gbp", "jpy", "dollar", "euro", "pound", "yen"})
_KIND_BASE: dict[str, float] = {"name": 3.0, "acronym": 3.0, "number": 3.0, "chunk": 1.2,
                                "word": 1.0, "phrase": 0.6, "date": -1.0}

Rarity = Mapping[str, float]
"""Zipf frequency in general English of lowercase words (missing: never seen, 0)."""
RarityOf = Callable[[Segmented], Rarity]
"""A function giving the rarity of a statement's words: general_rarity, or a cache."""


@dataclass(frozen=True)
class Unit:
    """A unit of new language in a statement, ranked."""

    start: int
    """Offset of its first character in the statement text."""
    end: int
    """Offset one past its last character."""
    key: str
    """Normalised form: its content-word lemmas, lowercase, joined by single spaces."""
    surface: str
    """Its words as written, lowercased, typography folded, joined by single spaces."""
    kind: UnitKind
    """What it is."""
    score: float
    """How much an analyst should care (higher first)."""


_WORD = re.compile(r"[^\W_]+")


def folded_words(text: str) -> str:
    """The words of a text, lowercase, typography folded, joined by single spaces and padded
    with a space on both sides: "Cutting-edge\\n\\nU.S." gives " cutting edge u s ", and
    "Russia's" gives " russia s " (so that "Central Bank of Russia" is in "Central Bank of
    Russia's")."""
    return " " + " ".join(_WORD.findall(fold(text).lower())) + " "


def text_index(earlier: Iterable[Segmented]) -> str:
    """The folded words of the earlier statements, one string to search (units are looked up
    as " word word " in it)."""
    return "\n".join(folded_words(s.text) for s in earlier)


def general_rarity(seg: Segmented) -> dict[str, float]:
    """The zipf frequency of each content word of a statement (lowercase form and lemma) in
    general English, from wordfreq (imported here: about 1 s, so callers cache the result)."""
    from wordfreq import zipf_frequency

    words = {w for c in seg.clauses for t in c.tokens if not t.stop
             for w in (t.norm, seg.text[t.start:t.end].lower())}
    return {w: zipf_frequency(w, "en") for w in sorted(words)}


class _Ctx(NamedTuple):
    """A statement's words, names and chunks, for the phrase rules (a named tuple: created once
    per statement, it need not pay for a dataclass at import)."""

    seg: Segmented
    tokens: tuple[Token, ...]
    starts: tuple[int, ...]
    names: tuple[tuple[int, int], ...]
    chunks: tuple[tuple[int, int], ...]
    reach: int
    """The length of the longest name or chunk: no span starting further back than that before
    a phrase's end can hold it."""


def _context(seg: Segmented, spans: Iterable[tuple[int, int, str]]) -> _Ctx:
    """The statement's words, its names (runs of proper nouns, and noun chunks all of whose
    words are capitalised: "Ukrainian Children") and its noun chunks."""
    tokens = tuple(t for c in seg.clauses for t in c.tokens)
    starts = tuple(t.start for t in tokens)
    spans = list(spans)
    chunks = sorted({(s, e) for s, e, kind in spans if kind == "chunk"})
    titled = [(s, e) for s, e in chunks if _titled(seg.text, tokens, starts, s, e)]
    names = sorted({(s, e) for s, e, kind in spans if kind == "entity"} | set(titled))
    reach = max((e - s for s, e in (*names, *chunks)), default=0)
    return _Ctx(seg, tokens, starts, tuple(names), tuple(chunks), reach)


def _titled(text: str, tokens: Sequence[Token], starts: Sequence[int], s: int, e: int) -> bool:
    words = tokens[bisect.bisect_left(starts, s):bisect.bisect_left(starts, e)]
    return bool(words) and all(text[t.start].isupper() for t in words if not t.stop)


def _widest(ctx: _Ctx, found: Sequence[tuple[int, int]], start: int,
            end: int) -> tuple[int, int] | None:
    """The widest of the sorted spans found that holds start..end (the first of equals)."""
    lo = bisect.bisect_left(found, (end - ctx.reach, -1))
    hi = bisect.bisect_right(found, (start, len(ctx.seg.text) + 1))
    inside = [(s, e) for s, e in found[lo:hi] if end <= e]
    return max(inside, key=lambda se: se[1] - se[0]) if inside else None


def _words(ctx: _Ctx, start: int, end: int) -> list[Token]:
    lo = bisect.bisect_left(ctx.starts, start)
    hi = bisect.bisect_left(ctx.starts, end)
    return list(ctx.tokens[lo:hi])


def _extend_name(ctx: _Ctx, start: int, end: int) -> tuple[int, int]:
    """A name joined to the names after it: across a hyphen or a slash, "of" or "for" (and
    "the"), "on" after an institution ("Task Force on Natural Gas"), "and" before a name of
    two words or more inside such a complement ("... of Nuclear Safety and Nuclear
    Security"); then to an acronym in brackets right after it, and back to the words the
    acronym abbreviates ("Russian Elites, Proxies, and Oligarchs (REPO)")."""
    text = ctx.seg.text
    inside = False  # within the complement of "of", "for" or "on"
    while True:
        k = bisect.bisect_left(ctx.names, (end, end))
        nxt = ctx.names[k] if k < len(ctx.names) else None
        if nxt is None:
            break
        gap = text[end:nxt[0]]
        if gap in ("-", "/"):
            end = nxt[1]
        elif _connects(gap, _CONNECTORS) or (_connects(gap, {"on"}) and _institution(text, end)) \
                or _gerund_gap(gap):
            end, inside = nxt[1], True
        elif inside and gap == " and " and " " in text[nxt[0]:nxt[1]]:
            end = nxt[1]
        else:
            break
    close = _bracketed(text, end)
    if close is None:
        after = _short_form(text, start, end)
        return (start, end) if after is None else (start, after)
    return min(start, _expansion(ctx, end, text[end + 2:close])), close + 1


_SHORT_FORM = re.compile(r"((?: [a-z]+){0,3}) \(([A-Z]{2,6}) ([A-Z][a-z]+)\)")


def _short_form(text: str, start: int, end: int) -> int | None:
    """Where a name ends when its short form follows in brackets, an acronym and a word of
    the name, after at most three lowercase words ("Pacific Institute for Reef Studies on
    coral monitoring (PIRS Institute)"); None when none does."""
    m = _SHORT_FORM.match(text, end)
    if m is None or m.group(3) not in text[start:end].split():
        return None
    initials = _initials(text[start:end])
    letters = iter(initials)
    if not all(ch in letters for ch in m.group(2)):  # its letters, in order, are initials
        return None
    return m.end()


def _connects(gap: str, connectors: Iterable[str]) -> bool:
    words = gap.split()
    return bool(gap.startswith(" ") and gap.endswith(" ") and words and len(words) <= 2
                and words[0] in connectors and all(w in connectors or w == "the" for w in words))


def _gerund_gap(gap: str) -> bool:
    """Whether a gap between names is "for" or "of" and a capitalised verb in -ing, as in the
    name of a body ("ASEAN Network for Combatting IUU Fishing")."""
    words = gap.split()
    return gap.startswith(" ") and gap.endswith(" ") and len(words) == 2 and \
        words[0] in _CONNECTORS and words[1][:1].isupper() and words[1].endswith("ing") and \
        words[1].isalpha()


_INSTITUTIONS = frozenset({
    "agency", "agreement", "alliance", "centre", "center", "coalition", "commission",
    "committee", "conference", "convention", "council", "declaration", "dialogue", "facility",
    "force", "forum", "framework", "fund", "group", "initiative", "mechanism", "meeting",
    "network", "office", "organization", "organisation", "partnership", "plan", "platform",
    "program", "programme", "strategy", "summit", "treaty"})


def _institution(text: str, end: int) -> bool:
    """Whether the name ending at end ends in a word such as "Force" or "Conference"."""
    words = text[max(0, end - 20):end].split()
    return bool(words) and words[-1].lower() in _INSTITUTIONS


def _bracketed(text: str, end: int) -> int | None:
    """The offset of the ")" closing an acronym in brackets right after end, or None."""
    if text[end:end + 2] != " (":
        return None
    close = text.find(")", end + 2, end + 14)
    return close if close > 0 and _acronym(text[end + 2:close]) else None


_NAME_WORD = re.compile("[A-Z][\\w'\u2019.-]*|of|for|and|the|on|in|to|,")


def _expansion(ctx: _Ctx, end: int, acronym: str) -> int:
    """Where the words that acronym abbreviates begin, read back from end: capitalised words
    whose initials spell it, with "of", "and", commas... between; end when they do not."""
    text = ctx.seg.text
    letters = [ch for ch in acronym if ch.isalpha() and ch.isupper()]
    words = list(_NAME_WORD.finditer(text, max(0, end - 160), end))
    # keep only a contiguous run of words ending at end
    run: list[re.Match[str]] = []
    for m in reversed(words):
        if text[m.end():(run[0].start() if run else end)].strip():
            break
        run.insert(0, m)
    need = len(letters)
    start = end
    for m in reversed(run):
        word = m.group()
        if need and word[0].upper() == letters[need - 1] and word != ",":
            need -= 1  # "Plan of Action (POA)": a small word may give a letter too
            start = m.start()
        elif not word[0].isupper():
            continue
        else:
            break
    return start if need == 0 and text[start].isupper() else end


def _shouted(ctx: _Ctx, tok: Token, rarity: Rarity) -> bool:
    """A verb in capitals opening a paragraph of a declaration ("REAFFIRMING the ...",
    "ESTABLISH the ..."): not an acronym, not a name."""
    text = ctx.seg.text
    word = text[tok.start:tok.end]
    if len(word) < 5 or not word.isupper():
        return False
    if word.endswith(("ING", "ED", "IZE", "ISE")):
        return True
    after = text[tok.end:tok.end + 2]
    return after[:1] == " " and after[1:].islower() and \
        rarity.get(word.lower(), 0.0) >= SHOUTED_ZIPF


def _acronym(word: str) -> bool:
    """"IAEA", "SSNs", "COP26", "AN-IUU"."""
    if word.endswith("s") and len(word) > 2:
        word = word[:-1]
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters) and " " not in word


def _grow(ctx: _Ctx, start: int, end: int) -> tuple[int, int]:
    """The widest name, else noun chunk, holding the span (the span itself when none)."""
    text = ctx.seg.text
    if text[start - 1:start] == "(" and text[end:end + 1] == ")" and \
            _acronym(text[start:end]) and text[start - 2:start - 1] == " ":
        spelled = _expansion(ctx, start - 2, text[start:end])
        if spelled < start - 2:  # an acronym with the words it abbreviates before it
            return spelled, end + 1
    name = _widest(ctx, ctx.names, start, end)
    if name is not None:
        s, e = _extend_name(ctx, *name)
        return _after_possessive(ctx.seg.text, s, start), e
    chunk = _widest(ctx, ctx.chunks, start, end)
    if chunk is not None:
        lo = bisect.bisect_left(ctx.names, (chunk[0], 0))
        hi = bisect.bisect_left(ctx.names, (chunk[1] + 1, 0))
        inner = [n for n in ctx.names[lo:hi] if n[1] <= chunk[1]]
        start, end = _after_possessive(ctx.seg.text, chunk[0], start), chunk[1]
        if inner and inner[-1][1] == end:  # a chunk ending in a name: the name may go on
            end = _extend_name(ctx, *inner[-1])[1]
        return start, end
    return start, end


_POSSESSIVE = re.compile("(?:['\u2019]s|s['\u2019])\\s+(?:\\([A-Z]+\\)\\s+)?[\"\u201c]?")


def _after_possessive(text: str, chunk_start: int, start: int) -> int:
    """Where a chunk's unit starts: after a possessive before the new words ("the United
    Kingdom's next-generation design" gives "next-generation design")."""
    found = [m.end() for m in _POSSESSIVE.finditer(text, chunk_start, start)]
    return found[-1] if found else chunk_start


def _hyphened(ctx: _Ctx, start: int, end: int) -> tuple[int, int]:
    """The span grown over words joined to it by a hyphen ("anti" in "anti-corruption")."""
    text = ctx.seg.text
    while start > 1 and text[start - 1] == "-" and text[start - 2].isalnum():
        k = bisect.bisect_left(ctx.starts, start) - 1
        if k < 0:
            break
        start = ctx.tokens[k].start
    while text[end:end + 1] == "-" and text[end + 1:end + 2].isalnum():
        k = bisect.bisect_left(ctx.starts, end + 1)
        if k >= len(ctx.tokens):
            break
        end = ctx.tokens[k].end
    return start, end


_FORMULA_WORDS = 3
"""How many content words on each side a single common new word grows over."""


def _formula(ctx: _Ctx, start: int, end: int, rarity: Rarity) -> tuple[int, int, bool]:
    """A single word that is no name, as the formula it is new in: a common word grown over
    the content words next to it (a space or a hyphen apart: "lower" in "effective lower
    bound"), a noun with its complement after "of" ("epicentrum of growth"), a verb or an
    adverb with the words it heads (_head_phrase); other spans as they are. The flag: whether
    it grew over a complement or from a verb or adverb (such a unit gives way to the units it
    overlaps)."""
    words = _words(ctx, start, end)
    content = [t for t in words if not t.stop]
    if len(content) != 1:
        return start, end, False
    if content[0].pos in ("VERB", "ADV"):
        grown = _head_phrase(ctx, content[0])
        return (start, end, False) if grown is None else (*grown, True)
    if content[0].pos not in _COMMON:
        return start, end, False
    if not _single_kept(ctx, content[0], rarity):
        grown = _run(ctx, start, end, len(words))
        if grown != (start, end):
            return *grown, False
    close = _complement(ctx, end)
    if close == end and content[0].pos == "NOUN":
        head = _head_before(ctx, start)  # "range of tools", "size and composition"
        return head, end, head != start
    return start, close, close != end


def _head_before(ctx: _Ctx, start: int) -> int:
    """Where a noun's phrase starts when the noun is the complement of a noun before "of"
    ("range of tools") or the second of two nouns joined by "and" ("size and composition");
    start when it is neither."""
    k = bisect.bisect_left(ctx.starts, start)
    if k < 2 or ctx.tokens[k - 1].norm not in ("of", "and") or ctx.tokens[k - 2].pos != "NOUN":
        return start
    text, link = ctx.seg.text, ctx.tokens[k - 1]
    if text[ctx.tokens[k - 2].end:start] != f" {text[link.start:link.end]} ":
        return start
    return ctx.tokens[k - 2].start


_OBJECT = frozenset({"ADJ", "NOUN", "NUM"})


def _head_phrase(ctx: _Ctx, tok: Token) -> tuple[int, int] | None:
    """A new verb or adverb as the phrase it heads or modifies: a verb with its object
    ("stabilizing the economy", "addressing strains") or the verb after "to" ("committed to
    use") or an adverb after it ("decline steeply"); an adverb with the adjective or verb
    after it ("extremely tight"), else with the verb before it. None when there is none."""
    k = bisect.bisect_left(ctx.starts, tok.start)
    nxt = _next_word(ctx, k)
    if tok.pos == "VERB":
        if nxt is not None and ctx.tokens[nxt].norm == "to":
            after = _next_word(ctx, nxt)
            if after is not None and ctx.tokens[after].pos == "VERB":
                return tok.start, ctx.tokens[after].end
            return None
        if nxt is not None and ctx.tokens[nxt].pos == "ADV" and not ctx.tokens[nxt].stop:
            return tok.start, ctx.tokens[nxt].end
        last = _object_end(ctx, k)
        if last is None or ctx.tokens[k + 1].pos == "NUM" or _listed(ctx, last):
            return None  # an amount has its own frame; a list goes on after a comma
        return tok.start, ctx.tokens[last].end
    if nxt is not None and ctx.tokens[nxt].pos in ("ADJ", "VERB") and not ctx.tokens[nxt].stop:
        return tok.start, ctx.tokens[nxt].end
    prev = k - 1
    if prev >= 0 and ctx.tokens[prev].pos == "VERB" and not ctx.tokens[prev].stop and \
            ctx.seg.text[ctx.tokens[prev].end:tok.start] == " ":
        return ctx.tokens[prev].start, tok.end
    return None


FRAME_CAP = 1.5
"""The highest score of a familiar verb in a new frame ("committed to use", "until instructed
otherwise"): under compare's marks (2.0), after the units with new words where a statement has
many, listed where it has few."""
_LEADS = frozenset({"ADV", "SCONJ"})
_COMPLETING = frozenset({"otherwise", "again", "further", "together", "forward", "ahead",
                         "back", "away"})
"""Adverbs (stop words) that complete a verb's meaning after it ("instructed otherwise");
other stop words after a verb ("only", "also") do not make a frame."""


def _covered(size: int, spans: Iterable[tuple[int, int]]) -> bytearray:
    """One byte per character of a text, 1 where one of the spans covers it (a span (s, e)
    overlaps them when covered.find(1, s, e) >= 0)."""
    covered = bytearray(size)
    for s, e in spans:
        covered[s:e] = b"\x01" * (e - s)
    return covered


def _verb_frames(ctx: _Ctx, earlier_text: str, held: bytearray) -> list[tuple[int, int]]:
    """Familiar verbs in a new frame: a verb with the adverb or subordinator before it and
    its complement after it (an object, "to" and a verb, an adverb), when the words together
    are new though each is familiar ("committed to use", "until instructed otherwise",
    "addressing strains"); none that overlaps a span held (see _covered)."""
    text, tokens = ctx.seg.text, ctx.tokens
    found = []
    for k, tok in enumerate(tokens):
        if tok.pos != "VERB" or tok.stop or held.find(1, tok.start, tok.end) >= 0:
            continue
        grown = _head_phrase(ctx, tok)
        end = grown[1] if grown is not None else tok.end
        nxt = _next_word(ctx, k)
        if grown is None and nxt is not None and tokens[nxt].pos == "ADV" and \
                (not tokens[nxt].stop or tokens[nxt].norm in _COMPLETING):
            end = tokens[nxt].end
        lo = k
        while lo > 0 and k - lo < 2 and tokens[lo - 1].pos in _LEADS and \
                text[tokens[lo - 1].end:tokens[lo].start] == " " and tokens[lo - 1].norm != "not":
            lo -= 1
        if end == tok.end:
            continue  # a frame completes the verb
        start = tokens[lo].start
        if held.find(1, start, end) < 0 and \
                not _said_before(folded_words(text[start:end]), earlier_text):
            found.append((start, end))
    return found


def _listed(ctx: _Ctx, k: int) -> bool:
    """Whether the word at k is followed by a comma and a noun or adjective: a list goes on
    ("weekend, holiday, or similar trading conventions")."""
    return k + 1 < len(ctx.tokens) and \
        ctx.seg.text[ctx.tokens[k].end:ctx.tokens[k + 1].start] == ", " and \
        ctx.tokens[k + 1].pos in ("NOUN", "ADJ", "PROPN")


def _object_end(ctx: _Ctx, k: int) -> int | None:
    """The index of the last noun of the object after the verb at k: a determiner, then up to
    _FORMULA_WORDS adjectives, nouns and numbers, ending in a noun. None when there is none."""
    at = _next_word(ctx, k)
    if at is not None and ctx.tokens[at].pos == "DET":
        at = _next_word(ctx, at)
    last = None
    while at is not None and ctx.tokens[at].pos in _OBJECT and not ctx.tokens[at].stop and \
            at - k <= _FORMULA_WORDS + 1:
        if ctx.tokens[at].pos == "NOUN":
            last = at
        at = _next_word(ctx, at)
    return last


def _next_word(ctx: _Ctx, k: int) -> int | None:
    """The index of the word after token k when only a space lies between, else None."""
    if k + 1 >= len(ctx.tokens) or \
            ctx.seg.text[ctx.tokens[k].end:ctx.tokens[k + 1].start] != " ":
        return None
    return k + 1


def _run(ctx: _Ctx, start: int, end: int, size: int) -> tuple[int, int]:
    """The span grown over the nouns and adjectives next to it, up to a noun."""
    lo = bisect.bisect_left(ctx.starts, start)
    hi = word = lo + size
    while lo > 0 and hi - lo < 1 + _FORMULA_WORDS and _runs_on(ctx, lo - 1, lo):
        lo -= 1
    top = hi + _FORMULA_WORDS
    while hi < min(top, len(ctx.tokens)) and _runs_on(ctx, hi - 1, hi):
        hi += 1
    while hi > word and ctx.tokens[hi - 1].pos != "NOUN":
        hi -= 1  # a formula ends in its noun ("society free" is none)
    if hi - lo < 2 or ctx.tokens[hi - 1].pos != "NOUN":
        return start, end
    return ctx.tokens[lo].start, ctx.tokens[hi - 1].end


def _complement(ctx: _Ctx, end: int) -> int:
    """Where a noun ends with a short noun chunk after "of", "to", "on", "in" or "towards" ("of
    growth", "of the purchase program", "towards peace")."""
    k = bisect.bisect_left(ctx.starts, end) - 1
    link = _LINK.match(ctx.seg.text, end, end + 12)
    if k < 0 or ctx.tokens[k].pos != "NOUN" or link is None:
        return end
    at = bisect.bisect_left(ctx.chunks, (link.end(), -1))
    chunk = ctx.chunks[at] if at < len(ctx.chunks) else None
    if chunk is None or chunk[0] != link.end():
        return end
    content = [t for t in _words(ctx, *chunk) if not t.stop]
    if len(content) > _FORMULA_WORDS or any(_proper(ctx.seg.text, t) for t in content):
        return end
    return chunk[1]


_LINK = re.compile(r" (?:of|to|on|in|towards) (?:(?:the|a|an|its|their|these|this) )?")


def _runs_on(ctx: _Ctx, left: int, right: int) -> bool:
    """Whether two neighbouring words are content words joined by a space or a hyphen."""
    a, b = ctx.tokens[left], ctx.tokens[right]
    return ctx.seg.text[a.end:b.start] in (" ", "-") and a.pos in _COMMON and \
        b.pos in _COMMON and not a.stop and not b.stop


_COMMON = frozenset({"NOUN", "ADJ"})
"""The words a formula grows over: common nouns and adjectives."""


def _single_kept(ctx: _Ctx, tok: Token, rarity: Rarity) -> bool:
    """Whether one word is new language on its own: a name, a stance verb, a rare word."""
    return (tok.pos == "PROPN" and ctx.seg.text[tok.start].isupper()) or \
        tok.norm in STANCE_VERBS or _zipf(rarity, ctx.seg, tok) < RARE_ZIPF or \
        _acronym(ctx.seg.text[tok.start:tok.end])


def _compound_names(ctx: _Ctx, earlier_text: str) -> list[tuple[int, int]]:
    """Names joined across "of", "for", hyphens... whose whole no earlier statement has,
    though each part is familiar ("Council of Europe")."""
    found = []
    for start, end in ctx.names:
        whole = _extend_name(ctx, start, end)
        if ctx.seg.text[whole[1] - 1] == ")":  # a familiar name does not become new by its
            continue                            # acronym alone
        familiar = _occurs(folded_words(ctx.seg.text[whole[0]:whole[1]]), earlier_text)
        if whole[1] > end and not familiar and \
                not _two_familiar_names(ctx, start, end, whole[1], earlier_text):
            found.append(whole)
    return found


def _two_familiar_names(ctx: _Ctx, start: int, end: int, whole_end: int,
                        earlier_text: str) -> bool:
    """Whether a compound name is two names of two words or more that the series has used,
    joined (a "Work Plan" of the "Harbour Safety Council")."""
    text = ctx.seg.text
    last = max((n for n in ctx.names if n[1] == whole_end), default=None,
               key=lambda n: n[1] - n[0])
    if last is None:
        return False
    parts = [folded_words(text[start:end]), folded_words(text[last[0]:last[1]])]
    return all(len(p.split()) >= 2 and _occurs(p, earlier_text) for p in parts)


def _amount(ctx: _Ctx, start: int, end: int) -> tuple[int, int]:
    """A number with its currency and unit: "USD" or "12 billion" gives "USD 12 billion"."""
    text = ctx.seg.text
    lo = bisect.bisect_left(ctx.starts, start)
    hi = bisect.bisect_left(ctx.starts, end)
    while hi < len(ctx.tokens) and ctx.tokens[hi].start - end <= 1 and \
            _numeric(text[ctx.tokens[hi].start:ctx.tokens[hi].end]) and \
            (_numeric(text[start:end]) or text[start:end].lower() in _UNIT_WORDS):
        end = ctx.tokens[hi].end
        hi += 1
    while lo > 0 and start - ctx.tokens[lo - 1].end <= 1:
        prev = text[ctx.tokens[lo - 1].start:ctx.tokens[lo - 1].end]
        head = text[ctx.tokens[lo].start:ctx.tokens[lo].end] if lo < len(ctx.tokens) else ""
        if not ((_digits(prev) and _numeric(head)) or (prev.lower() in _CODES and _digits(head))):
            break
        lo -= 1
        start = ctx.tokens[lo].start
    while start > 0 and text[start - 1] in _CURRENCY:
        start -= 1
    return start, end


_CODES = frozenset({"usd", "aud", "eur", "gbp", "jpy", "cad", "chf", "cny"})


def _digits(word: str) -> bool:
    return any(ch.isdigit() for ch in word)


def _numeric(words: str) -> bool:
    """Digits, or a unit word ("billion")."""
    return any(ch.isdigit() for ch in words) or words.lower() in _UNIT_WORDS


_FRAME_UNITS = _UNIT_WORDS | frozenset({"year", "years", "month", "months", "week", "weeks",
                                         "day", "days", "points", "basis"})
_FRAME_POS = frozenset({"ADP", "DET", "ADV", "VERB", "ADJ", "PART"})
_FRAME_WORDS = 4
"""How many words before an amount its frame may take."""


def _held(ctx: _Ctx, start: int, end: int, rarity: Rarity) -> bool:
    """Whether a span is more than one word, or one word kept on its own (not a common word
    that _keep drops)."""
    words = _words(ctx, start, end)
    content = [t for t in words if not t.stop]
    return len(words) > 1 or (len(content) == 1 and _single_kept(ctx, content[0], rarity))


def _new_phrase(words: Sequence[Token], known_word: Callable[[str], bool]) -> bool:
    """Whether words are two words or more, a content word of them new to the series."""
    return len(words) > 1 and not all(known_word(t.norm) for t in words if not t.stop)


def _amount_frames(ctx: _Ctx, earlier_text: str) -> list[tuple[int, int]]:
    """Familiar amounts in a new frame: the words before a number with its unit, read back
    over adverbs, verbs, adjectives, prepositions and determiners (and a noun before "of"),
    when the whole is new ("moderately above 2 percent", "well anchored at 2 percent", "at the
    rate of 2 percent", "every 5 years")."""
    text, tokens = ctx.seg.text, ctx.tokens
    found = []
    for n in range(1, len(tokens) - 1):
        num, unit = tokens[n], tokens[n + 1]
        if not text[num.start].isdigit() or text[num.end:unit.start] != " " or \
                text[unit.start:unit.end].lower() not in _FRAME_UNITS:
            continue
        lo = n
        while lo > 0 and n - lo < _FRAME_WORDS and text[tokens[lo - 1].end:tokens[lo].start] == " ":
            prev = tokens[lo - 1]
            if prev.pos in _FRAME_POS or (prev.pos == "NOUN" and tokens[lo].norm == "of"):
                lo -= 1
            else:
                break
        while lo < n and (tokens[lo].norm in ("the", "a", "an") or tokens[lo].pos == "PART"):
            lo += 1
        if lo == n or all(t.stop for t in tokens[lo:n]) or \
                (lo > 0 and tokens[lo].pos == "VERB" and
                 (tokens[lo - 1].pos == "AUX" or tokens[lo - 1].norm in ("have", "be"))):
            continue  # after an auxiliary ("has risen to"): a development reported
        start, end = tokens[lo].start, unit.end
        if not _said_before(folded_words(text[start:end]), earlier_text):
            found.append((start, end))
    return found


def _merged(ctx: _Ctx, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans that overlap, or stand next to each other with only a space or a hyphen between
    and nominal words on both sides ("quantum" and "computing"; not "invest" and "USD 17.5
    billion"), as one."""
    text = ctx.seg.text
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and (s < out[-1][1] or (text[out[-1][1]:s] in (" ", "-")
                    and _nominal_at(ctx, out[-1][1] - 1) and _nominal_at(ctx, s))):
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


_NOMINAL = frozenset({"NOUN", "PROPN", "ADJ", "NUM", "X", ""})  # "": no tagger


def _nominal_at(ctx: _Ctx, offset: int) -> bool:
    """Whether the word at offset is nominal (noun, proper noun, adjective, number)."""
    k = bisect.bisect_right(ctx.starts, offset) - 1
    return k >= 0 and ctx.tokens[k].pos in _NOMINAL


def _kind(ctx: _Ctx, words: Sequence[Token], start: int, end: int, was_chunk: bool,
          ) -> UnitKind:
    text = ctx.seg.text
    content = [t for t in words if not t.stop] or list(words)
    surfaces = [text[t.start:t.end] for t in content]
    if not any(ch.isalpha() for w in surfaces for ch in w):
        return "date"
    if any(ch.isdigit() for w in surfaces for ch in w) and (
            text[start] in _CURRENCY or any(w.lower() in _UNIT_WORDS for w in surfaces)):
        return "number"
    if all(t.pos == "NUM" or not _has_alpha(text[t.start:t.end]) or _month(t) for t in content):
        return "date"
    if any(_acronym(w) for w in surfaces) and len(content) == 1:
        return "acronym"
    proper = [_proper(text, t) for t in content]
    if all(p or t.pos == "NUM" for p, t in zip(proper, content, strict=True)) and \
            proper[0] and (len(content) > 1 or content[0].pos == "PROPN"):
        return "name"
    short = _SHORT_FORM.search(text, start, end)
    if proper[0] and short is not None and short.end() == end:
        return "name"  # a name with its short form in brackets after a few lowercase words
    if len(content) == 1:
        return "word"
    return "chunk" if was_chunk else "phrase"


_SENTENCE_END = frozenset(".!?:;\n\"\u201c(")
_SKIPPED_BEFORE = frozenset(" -\u2013\u2014")


def _proper(text: str, tok: Token) -> bool:
    """A proper noun, an acronym, or a capitalised word that does not open a sentence
    ("Sunnylands", tagged a noun, in "the Sunnylands Summit")."""
    word = text[tok.start:tok.end]
    if tok.pos == "PROPN" or _acronym(word):
        return True
    at = tok.start  # the character before the word, spaces and dashes skipped (no copy)
    while at > 0 and text[at - 1] in _SKIPPED_BEFORE:
        at -= 1
    before = text[at - 1:at] if at else ""
    return word[:1].isupper() and before not in _SENTENCE_END and before != ""


def _code(word: str) -> bool:
    """A document number: "A/RES/77/248" (digits and slashes)."""
    return "/" in word and any(ch.isdigit() for ch in word)


def _has_alpha(word: str) -> bool:
    return any(ch.isalpha() for ch in word)


_MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "early", "late", "mid"})


def _month(tok: Token) -> bool:
    return tok.norm in _MONTHS


def _zipf(rarity: Rarity, seg: Segmented, tok: Token) -> float:
    # the larger: a lemmatizer's slip ("pending" -> "pende") does not make a word rare
    return max(rarity.get(tok.norm, 0.0), rarity.get(seg.text[tok.start:tok.end].lower(), 0.0))


def _keep(kind: UnitKind, rarity: Rarity, ctx: _Ctx, words: Sequence[Token]) -> bool:
    """Whether a unit is language worth showing: one common word is not."""
    content = [t for t in words if not t.stop]
    if len(content) != 1 or kind in ("name", "acronym", "number"):
        return bool(content)
    tok = content[0]
    if tok.pos == "PROPN" and ctx.seg.text[tok.start].isupper():
        return True
    return kind != "date" and _single_kept(ctx, tok, rarity)


def _score(kind: UnitKind, rarity: Rarity, ctx: _Ctx, words: Sequence[Token],
           occurrences: int, position: float) -> float:
    content = [t for t in words if not t.stop] or list(words)
    zipfs = [_zipf(rarity, ctx.seg, t) for t in content if _has_alpha(t.norm)] or [7.0]
    rare = [max(0.0, 6.0 - z) for z in zipfs]
    score = _KIND_BASE[kind] + 0.3 * max(rare) + 0.1 * sum(rare) / len(rare)
    if kind in ("chunk", "phrase") and any(t.norm in ("and", "or", ",") for t in words):
        score -= 0.8  # a coordination of common words ("stronger, more equitable, ... growth")
    score += 0.25 * min(len(content) - 1, 4)
    if any(_code(ctx.seg.text[t.start:t.end]) for t in content):
        score += 1.0  # a document or resolution number: "A/RES/ES-11/6"
    norms = {t.norm for t in words}
    if norms & STANCE_VERBS:
        score += 1.0 + (0.5 if norms & _INTENSIFIERS else 0.0)
    score += 0.2 * math.log(occurrences) + 0.3 * (1.0 - position)
    return round(score, 3)


def units(seg: Segmented, minimal: Sequence[tuple[int, int]],
          spans: Iterable[tuple[int, int, str]], *, familiar: Callable[[int, int], bool],
          earlier_text: str, rarity: Rarity,
          known_word: Callable[[str], bool] = lambda norm: False) -> list[Unit]:
    """The units of new language of a statement, in text order, each once (the first of the
    units with the same key; its score counts them all).

    minimal: (start, end) of the minimal new phrases; spans: (start, end, kind) of the
    statement's phrases (kind "entity" or "chunk" grow fragments); familiar(start, end): whether
    the name at those offsets is one the series has used (fragments inside it are dropped);
    earlier_text: text_index of the earlier statements; rarity: general_rarity of the statement;
    known_word(norm): whether the series has used the word (a noun chunk or phrase made only of
    such words, a new combination of familiar words, ranks lower).
    """
    ctx = _context(seg, spans)
    grown: list[tuple[int, int]] = []
    chunk_spans = set(ctx.chunks)
    familiar_initials = {_initials(seg.text[s:e]) for s, e in ctx.names
                         if _occurs(folded_words(seg.text[s:e]), earlier_text)}
    glue = _Glue(earlier_text, rarity)
    verbal: list[tuple[tuple[int, int], tuple[int, int]]] = []  # (grown, as found)
    verb_led: set[tuple[int, int]] = set()  # new verbs grown into their phrase
    for start, end in minimal:
        words = _words(ctx, start, end)
        if len(words) == 1 and _shouted(ctx, words[0], rarity):
            continue
        if glue.familiar(seg.text[start:end]):
            continue  # "10thASEAN": a space missing in the source, familiar once split
        name = _widest(ctx, ctx.names, start, end)
        if name is not None and familiar(*name):
            continue
        s, e = _hyphened(ctx, *_grow(ctx, start, end))
        fs, fe, deferred = _formula(ctx, s, e, rarity)
        alone = (s, e)
        if not deferred and _LINK.match(seg.text, fe, fe + 12) is not None and \
                _widest(ctx, ctx.chunks, fs, fe) is not None:
            close = _complement(ctx, fe)  # a noun chunk with a short complement after "of"
            deferred, alone, fe = close != fe, (fs, fe), close
        if deferred:
            verbal.append(((fs, fe), _amount(ctx, *alone)))
            if any(t.pos == "VERB" for t in _words(ctx, s, e) if not t.stop):
                verb_led.add((fs, fe))  # a new verb (not an adverb grown back to its verb)
        else:
            grown.append(_amount(ctx, fs, fe))
    grown += _compound_names(ctx, earlier_text)
    grown += _amount_frames(ctx, earlier_text)
    # a word grown over a phrase with words new to the series stays itself
    pool = [*grown, *(alone for _, alone in verbal)]
    size = len(seg.text)
    longer = [(s, e) for s, e in pool if len(_words(ctx, s, e)) > 1]
    phrases = _covered(size, [(s, e) for s, e in longer
                              if _new_phrase(_words(ctx, s, e), known_word)])
    anything = _covered(size, longer)
    # a verb gives way to any phrase it would take in, a noun to one with new words (the
    # words it grew over, outside the span it grew from)
    grown += [alone if (anything if v in verb_led else phrases).find(1, v[0], alone[0]) >= 0 or
              (anything if v in verb_led else phrases).find(1, alone[1], v[1]) >= 0 else v
              for v, alone in verbal]
    held = _covered(len(seg.text), [(s, e) for s, e in grown if _held(ctx, s, e, rarity)])
    framed = _merged(ctx, _verb_frames(ctx, earlier_text, held))
    # a common word that would be dropped gives way to the frame it is new in
    frames = _covered(len(seg.text), framed)
    grown = [g for g in grown if frames.find(1, *g) < 0] + framed
    capped = {s for s, _ in (*framed, *verb_led)}  # where a verb's phrase (or frame) starts
    governed: dict[int, tuple[int, int]] = {}  # start of a name grown over its noun -> name
    units_at = _covered(len(seg.text), [g for g in grown if len(_words(ctx, *g)) > 1])
    for i, (s, e) in enumerate(grown):
        if (s, e) in ctx.names and (around := _governed(ctx, s, e)) != (s, e) and \
                units_at.find(1, around[0], s) < 0:  # the noun is in no phrase of its own
            grown[i] = around
            governed[around[0]] = (s, e)
    found: dict[str, list[tuple[int, int, UnitKind, list[Token]]]] = {}
    for s, e in _merged(ctx, grown):
        s = _owned(seg.text, s, e, earlier_text)
        words = _words(ctx, s, e)
        surface = folded_words(seg.text[s:e])
        if not words or surface.strip() == "" or _said_before(surface, earlier_text) or \
                glue.familiar(seg.text[s:e]) or _familiar_parts(seg.text, s, e, earlier_text):
            continue
        kind = _kind(ctx, words, s, e, (s, e) in chunk_spans or
                     _widest(ctx, ctx.chunks, s, e) is not None)
        if s in governed:
            kind = "chunk"
        framed_here = s in capped and len(words) > 1 and kind != "number"
        if framed_here:
            kind = "phrase"  # a verb with its frame: a phrase, kept for its words together
        elif not _keep(kind, rarity, ctx, words):
            continue
        if not framed_here:
            capped.discard(s)
        key = " ".join(t.norm for t in words if not t.stop) or surface.strip()
        found.setdefault(key, []).append((s, e, kind, words))
    _acronyms_to_expansions(seg.text, found)
    total = max(len(seg.text), 1)
    result = []
    for key, group in found.items():
        s, e, kind, words = group[0]
        if s in governed:  # scored as the name it grew from
            score = _score("name", rarity, ctx, _words(ctx, *governed[s]), len(group), s / total)
        else:
            score = _score(kind, rarity, ctx, words, len(group), s / total)
        if s in capped:
            score = min(score, FRAME_CAP)
        if _spells_familiar(seg.text, s, e, earlier_text) or \
                (kind == "acronym" and seg.text[s:e].rstrip("s") in familiar_initials):
            score -= 2.5  # a new acronym for a name the series has used
        if kind in ("chunk", "phrase"):  # familiar words in a new combination rank lower
            score += -0.7 if s in capped or all(known_word(t.norm) for t in words
                                                if not t.stop) else 0.3
            if _general_head(words, rarity, ctx.seg):
                score -= GENERAL_HEAD
            if seg.text[max(0, s - 5):s].endswith((", or ", ", and ")):
                score -= LAST_CONJUNCT  # "weekend, holiday, or similar trading conventions"
        elif kind == "name" and _new_country(seg.text[s:e], earlier_text):
            score += COUNTRY
        result.append(Unit(s, e, key, folded_words(seg.text[s:e]).strip(), kind,
                           round(score, 3)))
    ranked = _reranked(ctx, result, earlier_text)
    if len(ranked) < READ_ON_BELOW:
        ranked = _joined_by_formulas(ctx, ranked, _read_on(ctx, ranked, earlier_text))
    return sorted(ranked, key=lambda u: (u.start, u.end))


def _joined_by_formulas(ctx: _Ctx, kept: list[Unit], formulas: list[Unit]) -> list[Unit]:
    """The units and the formulas read on, where a formula led by a noun that holds two units
    or more whole ("comprehensive deal" and "President Biden" in "comprehensive deal outlined
    by President Biden") is one unit: it takes the best of their scores, and they rank as its
    duplicates."""
    out = list(kept)
    for f in formulas:
        inside = [i for i, u in enumerate(out) if f.start <= u.start and u.end <= f.end
                  and u.score > READ_ON_SCORE]
        if len(inside) < 2 or not _nominal_at(ctx, f.start):
            out.append(f)
            continue
        best = max(out[i].score for i in inside)
        for i in inside:
            out[i] = replace(out[i], score=round(out[i].score - DUPLICATE, 3))
        out.append(replace(f, score=best))
    return out


_GOVERNING = re.compile(r"(?:^|[\s(])([a-z]+) (?:of|by) $")
_GOVERNED_NEXT = re.compile(r" (?:of|by) ")


def _governed(ctx: _Ctx, start: int, end: int) -> tuple[int, int]:
    """A name after "of" or "by" and a common noun, with that noun and a name joined after it
    by "of" or "by" ("invasion of Ukraine by Russia", which shown as "Ukraine" and "Russia"
    loses what is said of them); the name alone where no common noun governs it."""
    text = ctx.seg.text
    m = _GOVERNING.search(text, max(0, start - 30), start)
    if m is None:
        return start, end
    k = bisect.bisect_left(ctx.starts, m.start(1))
    if k >= len(ctx.tokens) or ctx.starts[k] != m.start(1) or ctx.tokens[k].pos != "NOUN" \
            or ctx.tokens[k].stop:
        return start, end
    after = _GOVERNED_NEXT.match(text, end)
    if after is not None:
        nxt = next(((s, e) for s, e in ctx.names if s == after.end()), None)
        if nxt is not None:
            end = nxt[1]
    return m.start(1), end


READ_ON_BELOW = 30
"""A statement with fewer units than this is read on for formulas of familiar words (a short
statement says what is new in a few phrases: "will stand behind", "release of all hostages")."""
READ_ON_SCORE = 0.0
"""Where formulas read on start: under every unit (they fill the list, never outrank it)."""
READ_ON_CLAUSE = 1.0
"""How much lower a formula read on ranks when it is a clause (a subject with its verb: "Inflation
remains elevated" reports more often than it coins)."""
_LETTER = {"NOUN": "N", "PROPN": "N", "NUM": "N", "ADJ": "N", "VERB": "V", "AUX": "A",
           "DET": "D", "ADP": "P", "ADV": "R", "CCONJ": "C", "PRON": "D"}
_FORMULAS = tuple(re.compile(p) for p in (
    "R?A*V+[PR]?",                    # a verb group: "fully endorse", "will stand behind"
    "R?A*V+[PR]?D?N+",                # with its object: "begin reducing its holdings"
    "R?A*V+CA*V+[PR]?",               # two verbs joined: "endorse and will stand behind"
    "N+(?:V?PD?N+)",                  # a noun with its complement: "release of all hostages"
    "N+(?:V?PD?N+){2}",               # and one more: "countries with influence over Hamas"
    "N+(?:AN?T?|T)?V+(?:R|N|D?N+)?",  # a clause: "labor market to remain strong"
))
"""Formulas read on, as patterns of parts of speech (one letter a word, _LETTER; "T" is "to"
before a verb, "S" a possessive), shortest first."""
_READ_ON_WORDS = 7


def _letters(ctx: _Ctx) -> str:
    """One letter a word (_LETTER), "|" where punctuation or a clause break parts two words."""
    text, out = ctx.seg.text, []
    for i, tok in enumerate(ctx.tokens):
        if i and not _joined_gap(text[ctx.tokens[i - 1].end:tok.start]):
            out.append("|")
        if tok.pos == "PART":
            out.append("S" if text[tok.start] in "'\u2019" else "T")
        else:
            out.append(_LETTER.get(tok.pos, "O"))
    return "".join(out)


def _joined_gap(gap: str) -> bool:
    return gap in ("", "-", "/") or (gap.isspace() and "\n" not in gap)


def _read_on(ctx: _Ctx, kept: Sequence[Unit], earlier_text: str) -> list[Unit]:
    """Formulas of familiar words a short statement says first (_FORMULAS; at each word the
    shortest that no earlier statement has and no unit holds, at most _READ_ON_WORDS words with
    two content words), ranked under the units in text order, a clause READ_ON_CLAUSE lower;
    one inside another is left out."""
    letters = _letters(ctx)
    where = [i for i, ch in enumerate(letters) if ch != "|"]  # letter index of each word
    text, total = ctx.seg.text, max(len(ctx.seg.text), 1)
    held = [(u.start, u.end) for u in kept]
    found: list[tuple[int, int, list[Token]]] = []
    clauses: set[int] = set()
    for k, i in enumerate(where):
        for pattern in _FORMULAS:
            m = pattern.match(letters, i)
            if m is None:
                continue
            n = m.end() - i
            words = list(ctx.tokens[k:k + n])
            if len(words) < 2 or len(words) > _READ_ON_WORDS or \
                    sum(not t.stop for t in words) < 2:
                continue
            s, e = words[0].start, words[-1].end
            if any(hs <= s and e <= he for hs, he in held) or \
                    _said_before(folded_words(text[s:e]), earlier_text):
                continue
            found.append((s, e, words))
            if pattern is _FORMULAS[-1]:
                clauses.add(s)
            break
    out, keys = [], {u.key for u in kept}
    for s, e, words in found:
        key = " ".join(t.norm for t in words if not t.stop)
        if key in keys or any(os <= s and e <= oe and (os, oe) != (s, e)
                              for os, oe, _ in found):
            continue
        keys.add(key)
        out.append(Unit(s, e, key, folded_words(text[s:e]).strip(), "phrase",
                        round(READ_ON_SCORE - s / total - (READ_ON_CLAUSE if s in clauses else 0.0),
                              3)))
    return out


LAST_CONJUNCT = 0.8
"""How much lower a noun phrase ranks when it is the last item of a list ("..., or similar
trading conventions"): the parse cuts the list, the item alone is a fragment of it."""
GENERAL_HEAD = 1.0
"""How much lower a noun phrase of common words ranks when its head is a general noun, one
that stands for whatever the context supplies ("government efforts", "operational reasons",
"important role")."""
_GENERAL_NOUNS = frozenset({
    "effort", "circumstance", "reason", "means", "role", "pace", "time", "way", "manner",
    "matter", "issue", "fact", "case", "situation", "thing", "kind", "type", "part", "aspect",
    "extent", "degree", "step", "factor", "development", "respect", "sense", "term", "point"})


def _general_head(words: Sequence[Token], rarity: Rarity, seg: Segmented) -> bool:
    """Whether a phrase of no word rare in English ends in a general noun, or opens with one
    and a conjunction (the tail of the phrase before: "[for some] time and longer-term
    inflation expectations")."""
    content = [t for t in words if not t.stop]
    if not content or any(_zipf(rarity, seg, t) < RARE_ZIPF for t in content):
        return False
    last, first = content[-1], words[0]
    return (last.pos == "NOUN" and last.norm in _GENERAL_NOUNS) or \
        (first.pos == "NOUN" and first.norm in _GENERAL_NOUNS and len(words) > 1 and
         words[1].norm in ("and", "or"))


DUPLICATE = 3.0
"""How much lower a unit ranks when another unit of the statement names the same thing (a
surname of a full name, an acronym variant, a spelling variant) and ranks higher, or when it
is another unit with familiar words around it."""
RECOMBINED = 2.5
"""How much lower a unit ranks when it is a familiar name with familiar words around it
("U.S. SSNs", "Leaders of ASEAN")."""
READ_FLOOR = 2.0
"""Units scoring below this are not read into familiar pieces (recombinations, modifiers):
they rank too low to be marked or listed near the top anyway, and the reading searches the
earlier texts once per run of words."""
MODIFIED = 1.5
"""How much lower a noun phrase ranks when it is a familiar phrase of two words or more with
a new modifier ("crucial financial support")."""
ROLL = 4.0
"""How much lower a name ranks when it is a person named with a middle initial ("Dennis P.
Lockhart"), as a roll of voters or signatories names them."""
OFFICE_HOLDER = 2.0
"""How much lower a name ranks when it is a person with the title of an office ("U.S.
President Joseph R. Biden Jr."): who signs or attends, not the statement's new language."""
FAMILIAR_TITLE = 1.5
"""How much lower a name ranks when all its words are familiar and it names a class of things
(it ends in a plural: "Development Finance Institutions", "Defense Ministers") or is a title
of four familiar runs or more around a familiar name ("Aggression" + "of" + "the Russian
Federation" + "Against Ukraine")."""
COUNTRY = 0.75
"""How much higher a name ranks when it names a country or territory the series has not named
before ("Norway", "the Netherlands", "Republic of Korea"; not "People's Republic of China"
where "China" is familiar): a state newly party to the series is headline news."""
_STATE_TITLES = frozenset({"republic", "kingdom", "state", "federation", "commonwealth",
                           "sultanate", "principality", "duchy", "emirate"})


@lru_cache(maxsize=1)
def _countries() -> tuple[frozenset[str], frozenset[str]]:
    """The folded names of countries and territories, and what a formal name may end with
    after "of": a name, or the last word of "North ..." and "South ..." ("Korea")."""
    # as folded_words reads them: the names hold no typography that fold would change
    names = frozenset(" ".join(_WORD.findall(n.lower())) for n in COUNTRY_NAMES)
    cores = names | {n.split()[-1] for n in names if n.split()[0] in ("north", "south")}
    return names, cores


def _new_country(span: str, earlier_text: str) -> bool:
    """Whether a name is a country or territory ("the Netherlands"), or a formal name of one
    ("Kingdom of Cambodia"), whose short name the earlier texts do not have."""
    words = folded_words(_unbracketed(span)).split()
    names, cores = _countries()
    core = " ".join(words[1:] if words[:1] == ["the"] else words)
    if core not in names:
        if "of" not in words:
            return False
        at = words.index("of")
        tail = words[at + 1:]
        core = " ".join(tail[1:] if tail[:1] == ["the"] else tail)
        if not at or words[at - 1] not in _STATE_TITLES or core not in cores:
            return False
    return not _said_before(f" {core} ", earlier_text)


def _reranked(ctx: _Ctx, found: list[Unit], earlier_text: str) -> list[Unit]:
    """The units with duplicates, recombinations of familiar names and familiar phrases with a
    new modifier ranked lower."""
    text = ctx.seg.text
    acronyms = _acronym_map(ctx)
    memo: dict[str, bool] = {}

    def said(surface: str) -> bool:
        found = memo.get(surface)
        if found is None:
            found = memo[surface] = _said_before(surface, earlier_text)
        return found

    out: list[Unit] = []
    forms: set[str] = set()  # of the units kept: words, without spaces, singular
    by_word: dict[str, list[tuple[str, UnitKind]]] = {}  # units kept, by their words
    for u in sorted(found, key=lambda u: (-u.score, u.start)):
        c = _canonical(text[u.start:u.end], acronyms)
        words = c.split()
        mine = (c, c.replace(" ", ""), _singular(c))
        penalty = 0.0
        near = {id(k): k for w in set(words) for k in by_word.get(w, ())}.values()
        if any(f in forms for f in mine) or any(
                _surname(c, u.kind, other, kind) or _holds(c, other, said)
                or (len(c) < len(other) and c in other) for other, kind in near):
            penalty = DUPLICATE
        else:
            forms.update(mine)
            for w in set(words):
                by_word.setdefault(w, []).append((c, u.kind))
            if u.kind in ("name", "chunk", "phrase") and u.score >= READ_FLOOR:
                span = _unbracketed(text[u.start:u.end])
                pieces = _pieces(span, said)
                if _recombined(pieces) or _owns_familiar(span, earlier_text):
                    penalty = RECOMBINED
                elif u.kind == "name" and _INITIALLED.match(span):
                    penalty = ROLL
                elif u.kind == "name" and _office_holder(span):
                    penalty = OFFICE_HOLDER
                elif u.kind == "name" and all(f for _, f in pieces) and (
                        _plural_head(ctx, u.start, u.start + len(span))
                        or (len(pieces) > 3 and any(_long_name(p) for p, _ in pieces))):
                    penalty = FAMILIAR_TITLE
                elif u.kind != "name" and (_modified(pieces) or _extended(pieces)):
                    penalty = MODIFIED
        out.append(Unit(u.start, u.end, u.key, u.surface, u.kind, round(u.score - penalty, 3)))
    return out


def _acronym_map(ctx: _Ctx) -> dict[str, str]:
    """The acronyms a statement spells out, folded (" csp "), and the folded words they
    abbreviate (" comprehensive strategic partnership ")."""
    text = ctx.seg.text
    out = {}
    for m in re.finditer(r" \(([^()\s]{2,12})\)", text):
        if _acronym(m.group(1)):
            start = _expansion(ctx, m.start(), m.group(1))
            if start < m.start():
                out[folded_words(m.group(1))] = folded_words(text[start:m.start()])
    return out


def _canonical(span: str, acronyms: Mapping[str, str]) -> str:
    """The folded words of a unit without an acronym in brackets at its end, its acronyms
    spelled out."""
    words = folded_words(_unbracketed(span))
    for short, spelled in acronyms.items():
        words = words.replace(short, spelled)
    return words


def _unbracketed(span: str) -> str:
    """A unit without the acronym in brackets at its end."""
    return span[:span.rindex("(")].rstrip() if span.endswith(")") and "(" in span else span


def _surname(c: str, kind: UnitKind, other: str, other_kind: UnitKind) -> bool:
    """Whether a name ends a better-ranked name, as a surname does ("Navalny" of "Alexei
    Navalny"; not "Korea" of "Republic of Korea"), or is its first words and its last
    ("President Zelenskyy" of "President Volodymyr Zelenskyy")."""
    if kind not in ("name", "acronym") or other_kind != "name" or len(other) <= len(c):
        return False
    mine, theirs = c.split(), other.split()
    if not mine or mine[-1] != theirs[-1]:
        return False
    if other.endswith(c):
        before = other[:-len(c)].split()
        return bool(before) and before[-1] not in _SMALL
    return len(mine) >= 2 and theirs[:len(mine) - 1] == mine[:-1]


_SMALL = frozenset({"of", "for", "on", "in", "to", "and", "the", "against", "s", "a", "an"})


def _singular(words: str) -> str:
    return " ".join(w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words.split())


def _holds(c: str, other: str, said: Callable[[str], bool]) -> bool:
    """Whether a unit is another unit with only familiar words around it ("additional AUKUS
    Pillar II partner engagement" around "AUKUS Pillar II")."""
    if len(other) >= len(c) or other not in c or not other.strip():
        return False
    rest = c.replace(other, " ").split()
    return all(w in _SMALL or said(f" {w} ") for w in rest)


def _pieces(span: str, said: Callable[[str], bool]) -> list[tuple[list[str], bool]]:
    """The words of a unit (case kept) in the fewest runs, each with whether the earlier
    texts have it (an unfamiliar word is a piece of its own). A hyphenated compound stays
    whole ("Post-Ministerial" is new though "post" is not)."""
    tokens = [w for w in (_WORD.findall(fold(tok)) for tok in span.split()) if w][:_MAX_PIECES]
    n = len(tokens)

    def familiar(i: int, j: int) -> bool:
        return said(" " + " ".join(w.lower() for t in tokens[i:j] for w in t) + " ")

    ends: list[list[int]] = []  # ends[i]: each j with tokens[i:j] familiar (a run is
    for i in range(n):          # familiar only if its start is: stop at the first miss)
        ends.append([])
        for j in range(i + 1, n + 1):
            if not familiar(i, j):
                break
            ends[i].append(j)
    # best[j]: (pieces for tokens[:j], an unfamiliar word counting two; where the last starts)
    best: list[tuple[int, int]] = [(0, 0)] + [(10 ** 6, 0)] * n
    for i in range(n):
        for j, cost in [(j, 1) for j in ends[i]] or [(i + 1, 2)]:
            if best[i][0] + cost < best[j][0]:
                best[j] = (best[i][0] + cost, i)
    out: list[tuple[list[str], bool]] = []
    j = n
    while j > 0:
        i = best[j][1]
        out.insert(0, ([w for t in tokens[i:j] for w in t], j in ends[i]))
        j = i
    return out


_MAX_PIECES = 24
"""Words of a unit read into pieces (a longer unit is cut: the search is quadratic)."""


def _long_name(piece: list[str]) -> bool:
    """Whether words are a name of two capitalised words or more ("Sustainable Development",
    "Convention on the Law of the Sea")."""
    big = [w for w in piece if w.lower() not in _SMALL]
    return len([w for w in big if len(w) > 1]) >= 2 and all(w[0].isupper() for w in big)


def _named(piece: list[str]) -> bool:
    """Whether words are a name: an acronym, or two capitalised words or more."""
    return any(_acronym(w) for w in piece) or (
        len(piece) >= 2 and all(w[0].isupper() or w[0].isdigit() for w in piece))


_TITLES = frozenset({"president", "prime", "chancellor", "king", "queen", "premier", "sultan",
                     "emperor", "secretary", "minister", "vice", "chairman", "chair"})
_TITLE_TAILS = frozenset({"minister", "president", "general", "of", "state", "the"})


_INITIALLED = re.compile(r"[A-Z][a-z]+ [A-Z]\. [A-Z][a-z]+")


def _office_holder(span: str) -> bool:
    """Whether a name is a person with the title of an office ("U.S. President Joseph R.
    Biden Jr.", "President Biden", "Prime Minister Scott Morrison of Australia") or named in
    full with a middle initial, as a roll of signatories or voters names them ("Dennis P.
    Lockhart")."""
    words = span.split()
    if _INITIALLED.match(span):
        return True
    at = next((i for i, w in enumerate(words[:3]) if w.lower() in _TITLES), None)
    if at is None:
        return False
    rest = words[at + 1:]
    while rest and rest[0].lower() in _TITLE_TAILS:
        rest = rest[1:]
    return bool(rest) and rest[0][:1].isupper()


def _plural_head(ctx: _Ctx, start: int, end: int) -> bool:
    """Whether a name ends in a plural common noun: a class of things ("Development Finance
    Institutions"), not one institution."""
    words = _words(ctx, start, end)
    if not words:
        return False
    last = words[-1]
    surface = ctx.seg.text[last.start:last.end]
    low = surface.lower()
    return (low != last.norm or last.pos == "PROPN") and low.endswith("s") and \
        not low.endswith(("ss", "us", "is")) and len(low) > 3 and not _acronym(surface)


def _recombined(pieces: list[tuple[list[str], bool]]) -> bool:
    """Whether every word is familiar and the unit is a familiar acronym with a familiar
    word or name before it ("U.S. SSNs", "Leaders of ASEAN"), a familiar name after one
    familiar word ("Ukrainian" + "President ..."), or a familiar name of two words or more
    with a complement after it ("Donor Coordination Platform" + "for Ukraine")."""
    if len(pieces) < 2 or not all(f for _, f in pieces):
        return False
    if len(pieces) == 2 and _named(pieces[1][0]) and (
            len(pieces[0][0]) == 1 or pieces[0][0][-1].lower() in _SMALL
            or all(_acronym(w) or w.lower() in _SMALL for w in pieces[1][0])):
        return True
    if len(pieces) == 2 and _named(pieces[0][0]) and len(pieces[1][0]) == 1 and \
            pieces[1][0][0][:1].isupper():
        return True  # "U.S." + "Treasury"
    if len(pieces) <= 3 and any(_long_name(p) for p, _ in pieces):
        return True  # "Ukrainian" + "President ...", "UN" + "Sustainable Development" + "Goals"
    first = pieces[0][0]
    return len(first) >= 2 and _named(first) and pieces[1][0][0].lower() in _SMALL


def _modified(pieces: list[tuple[list[str], bool]]) -> bool:
    """Whether a phrase is a familiar phrase of two words or more after new words
    ("crucial" + "financial support")."""
    *before, (last, familiar) = pieces
    return bool(before) and familiar and len(last) >= 2 and not any(f for _, f in before)


def _extended(pieces: list[tuple[list[str], bool]]) -> bool:
    """Whether a phrase is a familiar phrase of two words or more with one familiar word after
    it ("agency mortgage-backed securities" + "transactions")."""
    return len(pieces) == 2 and all(f for _, f in pieces) and len(pieces[0][0]) >= 2 and \
        len(pieces[1][0]) == 1


_GLUED = re.compile("(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Z])")
GLUED_ZIPF = 2.0
"""A word is read as two glued words only when it is this rare in general English."""


class _Glue:
    """Words joined by a space missing in the source: "10thASEAN" (a number or a lowercase
    letter before a capital), "COP26" (letters before digits), "COMMITTO" (two words the
    earlier texts have)."""

    def __init__(self, earlier_text: str, rarity: Rarity) -> None:
        self._earlier = earlier_text
        self._rarity = rarity
        self._suspects = [w for w, z in rarity.items() if z < GLUED_ZIPF and len(w) > 3]

    def familiar(self, text: str) -> bool:
        """Whether text, with the glued words it has split, occurs in the earlier texts (and
        would not without splitting)."""
        split = self.split(text)
        return split is not None and _said_before(split, self._earlier)

    def split(self, text: str) -> str | None:
        """The folded words of text with each glued word split (padded as folded_words), or
        None when no word of it is glued."""
        low_text = text.lower()
        if not any(w in low_text for w in self._suspects):
            return None
        out, changed = [], False
        for word in _WORD.findall(fold(text)):
            low = word.lower()
            parts = None
            if low not in _earlier_words(self._earlier) and \
                    self._rarity.get(low, 0.0) < GLUED_ZIPF:
                parts = self._parts(word)
            changed = changed or parts is not None
            out.append(parts or low)
        return " " + " ".join(out) + " " if changed else None

    def _parts(self, word: str) -> str | None:
        cased = _GLUED.sub(" ", word).lower()
        if " " in cased and _occurs(f" {cased} ", self._earlier):
            return cased
        known = _earlier_words(self._earlier)
        low = word.lower()
        for i in range(2, len(low) - 1):
            if low[:i] in known and low[i:] in known and \
                    _occurs(f" {low[:i]} {low[i:]} ", self._earlier):
                return f"{low[:i]} {low[i:]}"
        return None


@lru_cache(maxsize=4)
def _earlier_words(earlier_text: str) -> frozenset[str]:
    """The words of a text_index: a word w is one of them exactly when " w " is in it (each
    statement's words are padded with spaces)."""
    return frozenset(earlier_text.split())


@lru_cache(maxsize=4)
def _earlier_pairs(earlier_text: str) -> frozenset[tuple[str, str]]:
    """The pairs of words next to each other in a statement of a text_index."""
    pairs: set[tuple[str, str]] = set()
    for line in earlier_text.split("\n"):
        words = line.split()
        pairs.update(pairwise(words))
    return frozenset(pairs)


def _occurs(surface: str, earlier_text: str) -> bool:
    """Whether the padded folded words occur in the earlier texts as they are (no plural
    variant): the word and pair sets first, the text itself when they allow it."""
    return not _absent(surface, earlier_text) and surface in earlier_text


def _absent(surface: str, earlier_text: str) -> bool:
    """Whether the padded folded words cannot occur in the earlier texts, nor their variant
    with the last word in the other number (as _said_before reads it), because a word or a
    pair of neighbouring words is missing: a quick answer before searching the whole text."""
    words = surface.split()
    if not words or surface[:1] != " " or surface[-1:] != " ":
        return False
    last = words[-1]
    toggled = _number_toggled(last)
    known = _earlier_words(earlier_text)
    if any(w not in known for w in words[:-1]) or (last not in known and toggled not in known):
        return True
    if len(words) == 1:
        return False
    pairs = _earlier_pairs(earlier_text)
    return any(p not in pairs for p in pairwise(words[:-1])) or \
        ((words[-2], last) not in pairs and (words[-2], toggled) not in pairs)


def _said_before(surface: str, earlier_text: str) -> bool:
    """Whether the folded words, or the same with the last word in the other number
    (_number_toggled: "Ukraine Recovery Conferences"), occur in the earlier texts."""
    if _absent(surface, earlier_text):
        return False
    if surface in earlier_text:
        return True
    head, _, last = surface[:-1].rpartition(" ")
    return f"{head} {_number_toggled(last)} " in earlier_text


def _number_toggled(word: str) -> str:
    """The word in the other grammatical number, read from its spelling: "conferences" and
    "conference", "securities" and "security" (a consonant before the y)."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and len(word) > 3:
        return word[:-1]
    if word.endswith("y") and len(word) > 3 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def _initials(name: str) -> str:
    """The capitals that begin the words of a name: "International Atomic Energy Agency" gives
    "IAEA"."""
    return "".join(w[0] for w in name.split() if w[0].isupper())


def _familiar_parts(text: str, start: int, end: int, earlier_text: str) -> bool:
    """Whether the unit is two familiar parts joined by a possessive ("Japan's" + "G7
    Presidency")."""
    m = _POSSESSIVE.search(text, start, end)
    if m is None:
        return False
    owner = m.start() + (text[m.start()] == "s")  # "States'": the s is the owner's
    return _occurs(folded_words(text[start:owner]), earlier_text) and \
        _occurs(folded_words(text[m.end():end]), earlier_text)


def _owned(text: str, start: int, end: int, earlier_text: str) -> int:
    """Where a unit starts once a familiar owner before a possessive is cut ("the Committee's"
    of "Committee's assessments of maximum employment"): the new words are what is owned."""
    m = _POSSESSIVE.search(text, start, end)
    if m is None or m.end() >= end:
        return start
    owner = m.start() + (text[m.start()] == "s")
    return m.end() if _occurs(folded_words(text[start:owner]), earlier_text) else start


def _owns_familiar(span: str, earlier_text: str) -> bool:
    """Whether a unit is a possessive before a familiar name of two words or more ("Japan's"
    + "G7 Presidency"; the owner alone may be new)."""
    m = _POSSESSIVE.search(span)
    owned = folded_words(span[m.end():]) if m is not None else ""
    return len(owned.split()) >= 2 and _occurs(owned, earlier_text)


def _spells_familiar(text: str, start: int, end: int, earlier_text: str) -> bool:
    """Whether the unit is a name the series has used with a new acronym after it."""
    if text[end - 1:end] != ")" or "(" not in text[start:end]:
        return False
    return _occurs(folded_words(text[start:text.rindex("(", start, end)]), earlier_text)


def _acronyms_to_expansions(
        text: str, found: dict[str, list[tuple[int, int, UnitKind, list[Token]]]]) -> None:
    """An acronym used alone ("EBRD") counts as an occurrence of the unit that spells it out
    ("European Bank for Reconstruction and Development (EBRD)") instead of a unit of its own."""
    spelled: dict[str, str] = {}
    for key, group in found.items():
        s, e = group[0][0], group[0][1]
        if text[e - 1:e] == ")" and "(" in text[s:e]:
            spelled[text[text.rindex("(", s, e) + 1:e - 1]] = key
    for key in list(found):
        home = spelled.get(text[found[key][0][0]:found[key][0][1]])
        if home is not None and home != key and all(g[2] == "acronym" for g in found[key]):
            found[home].extend(found.pop(key))


def _fragment(ctx: _Ctx, start: int, end: int) -> bool:
    """Whether the span is part of a longer name or noun chunk, or cuts a bracket."""
    text = ctx.seg.text
    if text[start:end].count("(") != text[start:end].count(")"):
        return True
    for found in (ctx.names, ctx.chunks):
        widest = _widest(ctx, found, start, end)
        if widest is not None and widest != (start, end):
            return True
    return _extend_name(ctx, start, end) != (start, end) and \
        _widest(ctx, ctx.names, start, end) is not None


def returning(seg: Segmented, minimal: Sequence[tuple[int, int]],
              spans: Iterable[tuple[int, int, str]], *, rarity: Rarity) -> list[Unit]:
    """The phrases back after an absence worth showing (names, acronyms, numbers with a unit,
    phrases of two words or more), ranked as units are; in text order, each key once. A
    fragment of a longer name or noun chunk ("Sea Grain Initiative", "Extended") and a verb in
    capitals are not shown."""
    ctx = _context(seg, spans)
    found: dict[str, list[tuple[int, int, UnitKind, list[Token]]]] = {}
    for s, e in _merged(ctx, minimal):
        words = _words(ctx, s, e)
        content = [t for t in words if not t.stop]
        if not content or _fragment(ctx, s, e) or \
                (len(words) == 1 and _shouted(ctx, words[0], rarity)):
            continue
        kind = _kind(ctx, words, s, e, _widest(ctx, ctx.chunks, s, e) is not None)
        if len(content) < 2 and kind not in ("name", "acronym", "number"):
            continue
        if kind == "date":
            continue
        found.setdefault(" ".join(t.norm for t in content), []).append((s, e, kind, words))
    total = max(len(seg.text), 1)
    return sorted((Unit(g[0][0], g[0][1], key, folded_words(seg.text[g[0][0]:g[0][1]]).strip(),
                        g[0][2], _score(g[0][2], rarity, ctx, g[0][3], len(g), g[0][0] / total))
                   for key, g in found.items()), key=lambda u: (u.start, u.end))
