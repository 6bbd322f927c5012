"""The domain: frozen dataclasses for statements and their clauses.

Spans are character offsets into the statement text, never copies of it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Literal, NamedTuple, Protocol, TypeVar

__all__ = [
    "BlockKind",
    "Clause",
    "Entry",
    "Listed",
    "Participant",
    "Phrase",
    "Segmented",
    "Source",
    "Statement",
    "Token",
    "fetchable_sources",
    "from_rows",
    "unfetchable_reason",
]

T = TypeVar("T")
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}

BlockKind = Literal["paragraph", "item", "heading"]


@dataclass(frozen=True)
class Source:
    """Where an official text of a statement is published."""

    url: str
    """The address of the published text."""
    publisher: str = ""
    """The government body that publishes it."""
    format: str = "html"
    """"html", "pdf" or "text"."""
    language: str = "en"
    """ISO 639-1 code of the text's language."""
    verified: bool = True
    """Whether the address was seen to carry the statement."""
    contains_text: bool = True
    """Whether the page carries the statement's text (False for readouts and overviews)."""


@dataclass(frozen=True)
class Participant:
    """A person who issued the statement."""

    name: str
    """Full name."""
    office: str = ""
    """The office held at the time."""
    country: str = ""
    """The country the office belongs to."""


class Entry(Protocol):
    """What the history reports name of a statement: a Statement, or a Listed one."""

    @property
    def id(self) -> str:
        """Its id."""

    @property
    def date(self) -> str:
        """Its date."""

    @property
    def title(self) -> str:
        """Its title."""


class Listed(NamedTuple):
    """A statement as a series snapshot lists it for the history commands: no paths, no
    metadata beyond what they show. A named tuple, not a dataclass: a warm timeline over
    10,000 statements builds 10,000 of them, in 32M instructions instead of 78M."""

    id: str
    """Its id."""
    date: str
    """Its date."""
    title: str
    """Its title."""


@dataclass(frozen=True)
class Statement:
    """One statement of a series: its metadata and where its text lives."""

    id: str
    """The meeting date, YYYY-MM-DD, unique within the series."""
    date: str
    """ISO date of the statement."""
    title: str
    """The document's title."""
    series: str
    """The name of the series (its folder name)."""
    meta_path: Path
    """The metadata file (TOML) or the Markdown file holding front matter and text."""
    text_path: Path | None
    """The file holding the text, or None when no text has been fetched or added."""
    place: str = ""
    """Where the meeting took place ("" when there was none)."""
    format: str = ""
    """"in-person", "virtual" or "no-meeting" ("" when unknown)."""
    participants: tuple[Participant, ...] = ()
    """Who issued it."""
    sources: tuple[Source, ...] = ()
    """Official sources, best first."""
    borderline: bool = False
    """Whether its membership of the series is disputed."""
    extra: tuple[tuple[str, str], ...] = field(default=())
    """Further string metadata (record type, notes), as key/value pairs."""

    @property
    def has_text(self) -> bool:
        """Whether a text exists for this statement."""
        return self.text_path is not None

    @property
    def sort_key(self) -> tuple[str, str]:
        """The order of statements in a series: by date, then by id."""
        return (self.date, self.id)


@dataclass(frozen=True)
class Token:
    """A word of a clause, for alignment and search."""

    start: int
    """Offset of its first character in the statement text."""
    end: int
    """Offset one past its last character."""
    norm: str
    """Lowercase lemma (the lowercase form under a pipeline without a lemmatizer)."""
    pos: str
    """Coarse part of speech ("" when unknown)."""
    stop: bool
    """Whether it is a stop word."""


@dataclass(frozen=True)
class Clause:
    """The smallest unit a reader would quote."""

    index: int
    """Position among the statement's clauses, from 0."""
    start: int
    """Offset of its first character in the statement text."""
    end: int
    """Offset one past its last character."""
    section: str | None
    """The heading it stands under, or None before the first heading."""
    sentence: int
    """Index of the sentence (or list item) it belongs to, from 0."""
    block: int
    """Index of the paragraph, heading or list item it belongs to, from 0."""
    kind: BlockKind
    """What kind of block it comes from."""
    tokens: tuple[Token, ...] = ()
    """Its words, without punctuation."""


@dataclass(frozen=True)
class Phrase:
    """A noun chunk or a name (a run of proper nouns) found by the pipeline."""

    start: int
    """Offset of its first character in the statement text."""
    end: int
    """Offset one past its last character."""
    label: str
    """"NP" for a noun chunk, "PROPN" for a name (other labels come from older caches)."""


@dataclass(frozen=True)
class Segmented:
    """A statement's text cut into clauses by a given pipeline."""

    statement: Statement
    """The statement."""
    text: str
    """Its text, exactly as read."""
    pipeline: str
    """The pipeline that segmented it, as name-version."""
    clauses: tuple[Clause, ...]
    """Its clauses in text order."""
    phrases: tuple[Phrase, ...] = ()
    """Noun chunks and named entities in text order."""

    def clause_text(self, clause: Clause) -> str:
        """The text of one of its clauses."""
        return self.text[clause.start : clause.end]


def fetchable_sources(statement: Statement, language: str = "en") -> tuple[Source, ...]:
    """The sources worth trying: those carrying the text, in the language compared."""
    return tuple(s for s in statement.sources if s.contains_text and s.language == language)


def unfetchable_reason(statement: Statement, language: str = "en") -> str:
    """Why none of the statement's sources is worth trying."""
    if not statement.sources:
        return "no source is listed"
    if not any(s.contains_text for s in statement.sources):
        return "no listed source carries the text"
    others = sorted({s.language for s in statement.sources if s.contains_text})
    return f"sources only in {', '.join(others)}, none in {language}"


def from_rows(cls: type[T], rows: Iterable[Sequence[Any]]) -> tuple[T, ...]:
    """Instances of a frozen dataclass from rows holding every field value in field order.

    They are built as unpickling builds them, the instance dict filled in directly, without
    the frozen __init__ (object.__setattr__ per field): for the series snapshot, 10,000
    statements at a time. A row of the wrong length is a ValueError. (The clause cache builds
    its tokens and phrases through __init__: from_rows saved nothing measurable there.)
    """
    names = _FIELD_NAMES.get(cls) or _FIELD_NAMES.setdefault(
        cls, tuple(f.name for f in fields(cls)))  # type: ignore[arg-type]
    new = object.__new__
    built = []
    for row in rows:
        obj = new(cls)
        obj.__dict__.update(zip(names, row, strict=True))
        built.append(obj)
    return tuple(built)

