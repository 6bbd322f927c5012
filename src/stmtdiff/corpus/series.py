"""The corpus on disk: series folders, statement metadata and texts, and statement ids.

Two layouts are read:
- a catalog series: ``series.toml`` and one ``<id>.toml`` per statement, with ``<id>.txt`` beside
  it once the text has been fetched or added;
- a Markdown series: one ``*.md`` file per statement with YAML front matter
  (``id``, ``date``, ``title``, ``series``, ``source``) and the text as its body.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stmtdiff.corpus.textfile import (
    clean_body,
    front_matter_body,
    read_file_bytes,
    read_text_file,
    split_front_matter,
)
from stmtdiff.errors import InputError
from stmtdiff.model import Participant, Source, Statement

__all__ = [
    "MAX_META_BYTES",
    "Rejected",
    "Series",
    "corpus_root",
    "data_dir",
    "load_series",
    "open_series",
    "packaged_catalog",
    "read_text",
    "read_toml",
    "resolve",
    "series_dirs",
    "series_folder",
]

_ID_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[-_][A-Za-z0-9]+)*$")
_FORMATS = ("in-person", "virtual", "no-meeting", "")
MAX_META_BYTES = 1_000_000
"""The largest metadata file read (series.toml, <id>.toml, aliases.toml); real ones are ~2 kB."""


@dataclass(frozen=True)
class Rejected:
    """A statement file of a series that could not be read, and why."""

    path: Path
    """The file."""
    message: str
    """What is wrong with it (naming the file), as an error line says it."""
    hint: str | None = None
    """How to fix it."""


@dataclass(frozen=True)
class Series:
    """A folder of statements that belong together, sorted by date."""

    name: str
    """The folder's name, which names the series."""
    path: Path
    """The folder."""
    title: str
    """A readable name ("" when the series has no series.toml)."""
    statements: tuple[Statement, ...]
    """Its statements, oldest first."""
    rejected: tuple[Rejected, ...] = ()
    """The statement files that could not be read (left out of statements)."""


# ---------------------------------------------------------------------------------------------
# Where the corpus is


def packaged_catalog() -> Path:
    """The catalog that ships with stmtdiff (in a wheel, or in the source checkout)."""
    package = Path(__file__).resolve().parents[1]
    packaged = package / "data" / "statements"
    return packaged if packaged.is_dir() else package.parents[1] / "statements"


def corpus_root(option: Path | None, note: Callable[[str], None] | None = None) -> Path:
    """The corpus root: --corpus, else $STMTDIFF_CORPUS, else ./statements, else the data dir
    (note, if given, is told when the packaged catalog is first copied there)."""
    if option is not None:
        return _existing_dir(option, "--corpus")
    env = os.environ.get("STMTDIFF_CORPUS")
    if env:
        return _existing_dir(Path(env), "STMTDIFF_CORPUS")
    local = Path("statements")
    if local.is_dir():
        return local
    return _seeded_data_dir(note)


def _existing_dir(path: Path, origin: str) -> Path:
    try:
        found = path.is_dir()
        what = "is not a folder" if path.exists() else "does not exist"
    except (OSError, ValueError) as exc:  # a folder on the way that may not be read; a NUL
        raise InputError(f"{path}: cannot read the corpus folder: "
                         f"{getattr(exc, 'strerror', None) or exc} (from {origin})",
                         "give a folder of statements you may read") from exc
    if not found:
        raise InputError(f"{path}: corpus folder {what} (from {origin})",
                         "give a folder of statements, e.g. --corpus statements")
    return path


def data_dir() -> Path:
    """The user data folder: $STMTDIFF_DATA_DIR, else the platform's ($XDG_DATA_HOME/stmtdiff,
    ~/.local/share/stmtdiff on Linux)."""
    from platformdirs import user_data_dir

    return Path(os.environ.get("STMTDIFF_DATA_DIR") or user_data_dir("stmtdiff"))


def _seeded_data_dir(note: Callable[[str], None] | None) -> Path:
    target = data_dir() / "statements"
    source = packaged_catalog()
    if not target.exists() and note is not None:
        note(f"note: copying the packaged catalog to {target}, the corpus when there is no "
             "./statements (set $STMTDIFF_DATA_DIR or --corpus to use another folder)")
    for src in source.rglob("*.toml"):
        dest = target / src.relative_to(source)
        if not dest.exists() or dest.read_bytes() != src.read_bytes():
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dest)
    return target


def series_dirs(root: Path) -> list[Path]:
    """The series under a root: the root itself when it is one, else its sub-folders that are."""
    if _is_series(root):
        return [root]
    return sorted(Path(entry.path) for entry in _scan(root)
                  if entry.is_dir() and _is_series(Path(entry.path), quiet=True))


def _scan(folder: Path, *, quiet: bool = False) -> Iterator[os.DirEntry[str]]:
    """The entries of a folder, read as they are needed; InputError when it cannot be listed
    (nothing when quiet: a folder under the corpus root that cannot be read is not a series)."""
    try:
        with os.scandir(folder) as entries:
            yield from entries
    except OSError as exc:
        if quiet:
            return
        raise InputError(f"{folder}: cannot read the folder: {exc.strerror or exc}",
                         "give a folder of statements you may read") from exc


def _is_series(folder: Path, *, quiet: bool = False) -> bool:
    """Whether the folder holds a statement file or a series.toml (it stops at the first)."""
    for entry in _scan(folder, quiet=quiet):
        name = entry.name
        if name == "series.toml" or (os.path.splitext(name)[1] in (".toml", ".md") and
                                     name.lower() not in _SKIP):
            return True
    return False


def _entries(folder: Path) -> list[Path]:
    """The entries of a folder; InputError when it cannot be listed."""
    try:
        return list(folder.iterdir())
    except OSError as exc:
        raise InputError(f"{folder}: cannot read the folder: {exc.strerror or exc}",
                         "give a folder of statements you may read") from exc


_SKIP = {"readme.md", "provenance.md", "aliases.toml", "series.toml", "changelog.md"}


def open_series(root: Path, name: str | None, *,
                loader: Callable[[Path], Series] | None = None) -> Series:
    """The series named, or the only one under root, read by loader (default load_series)."""
    return (loader or load_series)(series_folder(root, name))


def series_folder(root: Path, name: str | None) -> Path:
    """The folder of the series named, or of the only one under root."""
    dirs = series_dirs(root)
    if not dirs:
        raise InputError(f"{root}: no statements found",
                         "a series is a folder of <id>.toml files or Markdown files")
    if name is not None:
        chosen = [d for d in dirs if d.name == name]
        if not chosen:
            raise InputError(f"{root}: no series named {name!r}",
                             f"series here: {', '.join(d.name for d in dirs)}")
        return chosen[0]
    if len(dirs) > 1:
        raise InputError(f"{root}: holds {len(dirs)} series",
                         f"pick one with --series: {', '.join(d.name for d in dirs)}")
    return dirs[0]


# ---------------------------------------------------------------------------------------------
# Loading a series


def load_series(path: Path) -> Series:
    """Load and validate every statement's metadata in a series folder (texts are not read).

    A statement file that cannot be read is left out and named in ``rejected`` (so is a file
    whose id an earlier file has); InputError when no file can be read but some are bad.
    """
    title = ""
    if (path / "series.toml").is_file():
        title = str(read_toml(path / "series.toml").get("title", ""))
    statements: dict[str, Statement] = {}
    rejected: list[Rejected] = []
    for file in sorted(_entries(path)):
        if file.name.lower() in _SKIP or file.suffix not in (".toml", ".md"):
            continue
        try:
            st = _load_statement(file, path.name)
            if st.id in statements:
                other = statements[st.id].meta_path.name
                raise InputError(f"{file}: duplicate id {st.id!r}, also in {other}",
                                 "give each statement its own id")
        except InputError as exc:
            rejected.append(Rejected(file, exc.message, exc.hint))
            continue
        statements[st.id] = st
    if rejected and not statements:
        first = rejected[0]
        more = f" (and {len(rejected) - 1} more files)" if len(rejected) > 1 else ""
        raise InputError(first.message + more, first.hint)
    ordered = tuple(sorted(statements.values(), key=lambda s: s.sort_key))
    return Series(name=path.name, path=path, title=title, statements=ordered,
                  rejected=tuple(rejected))


def _load_statement(path: Path, series: str) -> Statement:
    if path.suffix == ".toml":
        return _load_toml_statement(path, series)
    return _load_md_statement(path, series)


def read_toml(path: Path) -> dict[str, Any]:
    """A TOML metadata file's tables; InputError when it cannot be read or parsed."""
    import tomllib  # here: warm commands read series snapshots, not TOML

    data = read_file_bytes(path, MAX_META_BYTES)
    try:
        return tomllib.loads(data.decode("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: malformed TOML: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8") from exc
    except RecursionError as exc:
        raise InputError(f"{path}: malformed TOML: nested too deeply") from exc


def _load_toml_statement(path: Path, series: str) -> Statement:
    data = read_toml(path)
    sid = _valid_id(path, data.get("id"))
    if path.stem != sid:
        raise InputError(f"{path}: id {sid!r} does not match the file name",
                         f"rename the file to {sid}.toml")
    fmt = str(data.get("format", ""))
    if fmt not in _FORMATS:
        raise InputError(f"{path}: format {fmt!r} is not one of in-person, virtual, no-meeting")
    text_path = path.with_suffix(".txt")
    return Statement(
        id=sid,
        date=_valid_date(path, data.get("date")),
        title=_string(path, data, "title"),
        series=series,
        meta_path=path,
        text_path=text_path if text_path.is_file() else None,
        place=str(data.get("place", "")),
        format=fmt,
        participants=tuple(_participant(path, p) for p in _tables(path, data, "participants")),
        sources=tuple(_source(path, s) for s in _tables(path, data, "sources")),
        borderline=bool(data.get("borderline", False)),
        extra=tuple((k, str(data[k])) for k in ("record_type", "notes") if k in data),
    )


def _load_md_statement(path: Path, series: str) -> Statement:
    meta, _ = split_front_matter(path, read_text_file(path))
    source = _scalar(path, meta, "source")
    return Statement(
        id=_valid_id(path, meta.get("id")),
        date=_valid_date(path, meta.get("date")),
        title=_scalar(path, meta, "title"),
        series=series,
        meta_path=path,
        text_path=path,
        sources=(Source(url=source, format="html"),) if source else (),
    )


def _scalar(path: Path, meta: dict[str, Any], key: str) -> str:
    """A front matter value that must be one line of text (or a number, a date): "" if absent."""
    value = meta.get(key)
    if value is None or value == "":
        return ""
    if isinstance(value, (list, dict, set, bytes)):
        raise InputError(f"{path}: {key} must be text, not a {type(value).__name__}",
                         f"write {key}: \"...\"")
    return str(value)


def _valid_id(path: Path, value: object) -> str:
    if isinstance(value, dt.date):
        value = value.isoformat()
    if not isinstance(value, str) or not value:
        raise InputError(f"{path}: missing id", "add id = \"YYYY-MM-DD\" (the statement's date)")
    if not _ID_RE.match(value):
        raise InputError(f"{path}: invalid id {value!r}",
                         "an id is the date YYYY-MM-DD, optionally followed by -suffix")
    return value


def _valid_date(path: Path, value: object) -> str:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str) or not value:
        raise InputError(f"{path}: missing date", "add date = \"YYYY-MM-DD\"")
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise InputError(f"{path}: invalid date {value!r}", "write it as YYYY-MM-DD") from exc


def _string(path: Path, data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{path}: missing {key}")
    return value


def _tables(path: Path, data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise InputError(f"{path}: {key} must be a list of tables ([[{key}]])")
    return value


def _participant(path: Path, data: dict[str, Any]) -> Participant:
    return Participant(name=_string(path, data, "name"), office=str(data.get("office", "")),
                       country=str(data.get("country", "")))


def _source(path: Path, data: dict[str, Any]) -> Source:
    url = _string(path, data, "url")
    if not url.startswith(("https://", "http://")):
        raise InputError(f"{path}: source url {url!r} is not http(s)")
    return Source(url=url, publisher=str(data.get("publisher", "")),
                  format=str(data.get("format", "html")), language=str(data.get("language", "en")),
                  verified=bool(data.get("verified", True)),
                  contains_text=bool(data.get("contains_text", True)))


# ---------------------------------------------------------------------------------------------
# Texts and ids


def read_text(statement: Statement) -> str:
    """The statement's text (a Markdown file's body); InputError when it has none or it is empty."""
    if statement.text_path is None:
        raise InputError(
            f"{statement.series} {statement.id}: no text yet",
            f"run: stmtdiff fetch {statement.id}   (or stmtdiff add FILE --id {statement.id})",
        )
    raw = read_text_file(statement.text_path)
    if statement.text_path.suffix == ".md":
        raw = front_matter_body(statement.text_path, raw)
    text = clean_body(raw)
    if not text:
        raise InputError(f"{statement.text_path}: text is empty",
                         "fetch or add the statement's text again")
    return text


def resolve(series: Series, ident: str) -> Statement:
    """The statement an identifier names: an id, a date, YYYY-MM, YYYY, first, latest, previous."""
    items = series.statements
    if not items:
        raise InputError(f"series {series.name} has no statements")
    keyword = {"first": 0, "latest": -1, "last": -1, "previous": -2}.get(ident.lower())
    if keyword is not None:
        if len(items) < 2 and keyword == -2:
            raise InputError(f"series {series.name} has only one statement: no previous")
        return items[keyword]
    if not re.fullmatch(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2}[-_A-Za-z0-9]*)?)?", ident):
        raise InputError(f"{ident!r} is not a statement id",
                         "use a date (2021-03-16), a month (2005-10), a year (2017), "
                         "first, latest or previous")
    exact = [s for s in items if ident in (s.id, s.date)]
    matches = exact or [s for s in items if s.date.startswith(ident) or s.id.startswith(ident)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise InputError(f"no statement {ident} in series {series.name}",
                         "stmtdiff list shows the statements")
    raise InputError(f"{ident} is ambiguous in series {series.name}: "
                     f"{', '.join(s.id for s in matches)}", "give the full date")
