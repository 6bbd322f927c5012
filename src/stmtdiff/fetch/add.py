"""Adding a user's own text (a file, a URL or standard input) to a series, with provenance."""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO
from urllib.parse import urlsplit

from stmtdiff.corpus.series import Series
from stmtdiff.corpus.write import new_metadata, write_text
from stmtdiff.errors import InputError
from stmtdiff.fetch.client import Fetcher, extract_document, provenance, utc_now
from stmtdiff.model import Source, Statement

if TYPE_CHECKING:
    from stmtdiff.fetch.extract import Document, Extracted

__all__ = ["Added", "add_text", "new_series"]

_ID = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[-_][A-Za-z0-9]+)*")
_MAX_INPUT = 20_000_000


@dataclass(frozen=True)
class Added:
    """A text added to a series."""

    statement: Statement
    """The statement, with its text_path set."""
    extracted: Extracted
    """The text and how it was extracted."""
    created_metadata: bool
    """Whether <id>.toml was created for it."""


@dataclass(frozen=True)
class _Input:
    doc: Document
    origin: str
    retrieved_at: str
    media_type: str = ""


def add_text(location: str, *, series: Series, sid: str | None, title: str | None = None,
             force: bool = False, fmt: str | None = None, stdin: BinaryIO | None = None,
             fetcher: Callable[[], Fetcher] = Fetcher) -> Added:
    """Extract the text at location (path, http(s) URL or "-") and store it as statement sid.

    Front matter in the text (Markdown or plain) supplies what the options leave out: the id
    (its id, else its date), the title, the date and a source URL of a new statement.
    """
    if sid is not None:
        _check_id(sid)
    if title is not None:
        _check_title(title)
    source = _read(location, stdin, fetcher)
    extracted = _extract(source.doc, fmt)
    front = _FrontMatter.of(extracted.front_matter)
    sid = sid or front.id
    if sid is None:
        raise InputError("no id for the statement",
                         "give --id YYYY-MM-DD, or an id or date in the text's front matter")
    _check_id(sid)
    existing = next((s for s in series.statements if s.id == sid), None)
    if existing is not None:
        _check_replaceable(existing, force)
    meta: AbstractContextManager[Path] = nullcontext(existing.meta_path) if existing else \
        new_metadata(series.path, sid, title or front.title or _title(extracted.text, sid),
                     _as_source(location, source) or front.source, date=front.date)
    with meta as meta_path:  # metadata created here is removed again if the text fails
        statement = existing or Statement(id=sid, date=front.date or sid[:10],
                                          title=title or "", series=series.name,
                                          meta_path=meta_path, text_path=None)
        record = provenance(statement, extracted, url=source.origin, data=source.doc.data,
                            retrieved_at=source.retrieved_at, final_url=source.doc.location,
                            media_type=source.media_type)
        path = write_text(meta_path, extracted.text, record, force=force)
    return Added(replace(statement, text_path=path), extracted, existing is None)


@dataclass(frozen=True)
class _FrontMatter:
    """What a text's front matter says about a new statement."""

    id: str | None = None
    title: str | None = None
    date: str | None = None
    source: Source | None = None

    @classmethod
    def of(cls, meta: Mapping[str, Any]) -> _FrontMatter:
        date = _scalar(meta.get("date"))
        date = date[:10] if date else None
        url = _scalar(meta.get("source") or meta.get("url"))
        source = None
        if url and url.startswith(("http://", "https://")):
            fmt = "pdf" if url.lower().endswith(".pdf") else "html"
            source = Source(url=url, format=fmt)
        return cls(id=_scalar(meta.get("id")) or date, title=_scalar(meta.get("title")),
                   date=date, source=source)


def _scalar(value: object) -> str | None:
    """A front matter value as text (YAML reads dates as dates), None when absent or empty."""
    if value is None or isinstance(value, dict | list):
        return None
    text = value.isoformat() if isinstance(value, dt.date) else str(value).strip()
    return text or None


def _extract(doc: Document, fmt: str | None) -> Extracted:
    """By the format given (an explicit choice wins), else by the one the content shows."""
    if fmt is None:
        return extract_document(doc)
    from stmtdiff.fetch.extract import extract

    return extract(doc, fmt)


def _check_id(sid: str) -> None:
    hint = "an id is the statement's date, YYYY-MM-DD, optionally followed by -suffix"
    if not _ID.fullmatch(sid):
        raise InputError(f"invalid id {sid!r}", hint)
    try:
        dt.date.fromisoformat(sid[:10])
    except ValueError as exc:
        raise InputError(f"invalid id {sid!r}: {sid[:10]} is not a date", hint) from exc


def _check_title(title: str) -> None:
    try:
        title.encode("utf-8")
    except UnicodeEncodeError as exc:  # bytes that are not UTF-8 on the command line
        raise InputError("--title is not valid UTF-8", "give the title as UTF-8 text") from exc


def _check_url(url: str) -> None:
    try:
        host = urlsplit(url).hostname
    except ValueError as exc:
        raise InputError(f"{url}: not a valid URL ({exc})") from exc
    if not host:
        raise InputError(f"{url}: not a valid URL (no host name)")


def _check_replaceable(statement: Statement, force: bool) -> None:
    if statement.meta_path.suffix == ".md":
        raise InputError(f"{statement.meta_path}: {statement.id} is a Markdown statement",
                         "edit that file to change its text")
    if statement.text_path is not None and not force:
        raise InputError(f"{statement.series} {statement.id} has a text already "
                         f"({statement.text_path})", "add --force to replace it")


def _read(location: str, stdin: BinaryIO | None, fetcher: Callable[[], Fetcher]) -> _Input:
    from stmtdiff.fetch.extract import Document

    if location == "-":
        data = (stdin or sys.stdin.buffer).read(_MAX_INPUT + 1)
        _check_size("standard input", len(data))
        return _Input(Document(data, "stdin"), "stdin", utc_now())
    if location.startswith(("http://", "https://")):
        _check_url(location)
        with fetcher() as client:
            got = client.download(location)
        doc = Document(got.data, got.final_url, got.media_type, got.charset)
        return _Input(doc, location, got.retrieved_at, got.media_type)
    path = Path(location)
    if not path.is_file():
        what = "is not a file" if path.exists() else "no such file"
        raise InputError(f"{path}: {what}", "give a file, an http(s) URL, or - for standard input")
    _check_size(str(path), path.stat().st_size)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    return _Input(Document(data, str(path)), path.resolve().as_uri(), utc_now())


def _check_size(what: str, size: int) -> None:
    if size > _MAX_INPUT:
        raise InputError(f"{what}: larger than {_MAX_INPUT / 1e6:g} MB",
                         "give the statement's own text")


def _as_source(location: str, source: _Input) -> Source | None:
    if not location.startswith(("http://", "https://")):
        return None
    from stmtdiff.fetch.extract import MEDIA_TYPES

    return Source(url=location, format=MEDIA_TYPES.get(source.media_type, "html"))


def _title(text: str, sid: str) -> str:
    first = text.split("\n", 1)[0].strip()
    if 0 < len(first) <= 150 and not first.endswith((".", ";", ",", ":")):
        return first
    return f"Statement of {sid}"


_SERIES_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")


def new_series(root: Path, name: str) -> Path:
    """Create a series folder with its series.toml under the corpus root."""
    if not _SERIES_NAME.fullmatch(name):
        raise InputError(f"{name!r} cannot name a series",
                         "use letters, digits, '-', '_' or '.', e.g. us-japan-scc")
    folder = root / name
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "series.toml").write_text(f'name = "{name}"\ntitle = "{name}"\n',
                                            encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{folder}: cannot create: {exc.strerror or exc}") from exc
    return folder
