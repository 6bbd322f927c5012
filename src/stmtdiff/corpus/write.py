"""Writing statement texts and metadata into a series folder: whole files or nothing.

Each file is written to a temporary `.<name>.<random>.part` beside it and moved into place. A
file that must not be overwritten is put in place by a hard link, which fails when another
writer got there first (two `add`s of one new id: one wins, the other is told). A file put in
place is removed on a later failure only while it is still the one written. Files get the mode
of the file they replace, else the umask's default; `.part` files left by a killed writer are
removed once they are an hour old.
"""

from __future__ import annotations

import errno
import json
import os
import re
import secrets
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from stmtdiff.corpus.textfile import MAX_TEXT_BYTES
from stmtdiff.errors import InputError
from stmtdiff.model import Source

__all__ = [
    "STALE_SECONDS",
    "clean_stale",
    "new_metadata",
    "provenance_path",
    "read_provenance",
    "write_file",
    "write_metadata",
    "write_text",
]

STALE_SECONDS = 3600
"""Age after which a temporary .part file is taken as left by a killed writer and removed."""
_PART = re.compile(r"\..+\.[A-Za-z0-9_]{6,}\.part")
_NO_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS}


def provenance_path(meta_path: Path) -> Path:
    """Where the provenance of a statement's text is kept."""
    return meta_path.with_name(meta_path.stem + ".provenance.json")


def read_provenance(meta_path: Path) -> dict[str, Any]:
    """The provenance record kept beside the metadata ({} when there is none or it is not a
    JSON object)."""
    try:
        data = json.loads(provenance_path(meta_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_text(meta_path: Path, text: str, record: dict[str, Any], *, force: bool = False,
               ) -> Path:
    """Write <id>.txt and <id>.provenance.json beside the metadata: whole files or nothing.

    Without force, InputError when the text exists already, even when another writer put it
    there a moment ago.
    """
    target = meta_path.with_suffix(".txt")
    if target.exists() and not force:
        raise InputError(f"{target}: a text exists already", "add --force to replace it")
    data = text.encode("utf-8")
    if not text.strip():
        raise InputError(f"{target}: refused to write an empty text")
    if len(data) > MAX_TEXT_BYTES:
        raise InputError(f"{target}: refused to write a text of {len(data)} bytes "
                         f"(the limit is {MAX_TEXT_BYTES})")
    record_data = (json.dumps(record, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    clean_stale(target.parent)
    with _staged(target, data) as text_part, \
            _staged(provenance_path(meta_path), record_data) as record_part:
        try:
            mine = _identity(text_part)
            created = _place(text_part, target, replace=force)
        except FileExistsError as exc:
            raise InputError(f"{target}: a text exists already",
                             "add --force to replace it") from exc
        except OSError as exc:
            raise _write_error(target, exc) from exc
        try:
            os.replace(record_part, provenance_path(meta_path))
        except OSError as exc:
            if created:
                _remove_if_same(target, mine)
            raise _write_error(target, exc) from exc
    return target


def write_file(target: Path, data: bytes) -> None:
    """Write a whole file or nothing (a temporary file renamed), with the mode of the file it
    replaces, else 0666 less the umask."""
    hint = "give a file in a folder you can write to"
    try:
        with _staged(target, data) as part:
            os.replace(part, target)
    except InputError as exc:
        raise InputError(exc.message, hint) from exc
    except OSError as exc:
        raise InputError(f"{target}: cannot write: {exc.strerror or exc}", hint) from exc


def write_metadata(folder: Path, sid: str, title: str, source: Source | None = None, *,
                   date: str | None = None) -> Path:
    """Create <id>.toml (id, date -- the id's by default --, title and the source, if any)
    atomically; never overwrite, even a file another writer created a moment ago."""
    with new_metadata(folder, sid, title, source, date=date) as path:
        return path


@contextmanager
def new_metadata(folder: Path, sid: str, title: str, source: Source | None = None, *,
                 date: str | None = None) -> Iterator[Path]:
    """Create <id>.toml for the block, and remove it again if the block fails (unless it is
    no longer the file created)."""
    import tomli_w

    target = folder / f"{sid}.toml"
    doc: dict[str, Any] = {"id": sid, "date": date or sid[:10], "title": title}
    if source is not None:
        doc["sources"] = [{"url": source.url, "format": source.format}]
    try:
        data = tomli_w.dumps(doc).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(f"{target}: the title or source is not valid UTF-8",
                         "give them as UTF-8 text") from exc
    clean_stale(folder)
    with _staged(target, data) as part:
        try:
            mine = _identity(part)
            _place(part, target, replace=False)
        except FileExistsError as exc:
            raise InputError(f"{target}: exists already (another add of this id came first)"
                             ) from exc
        except OSError as exc:
            raise _write_error(target, exc) from exc
        try:  # the .part name still links the file, so its inode cannot be reused meanwhile
            yield target
        except BaseException:
            _remove_if_same(target, mine)
            raise


def clean_stale(folder: Path, max_age: float = STALE_SECONDS) -> list[Path]:
    """Remove the temporary files of writers killed over max_age seconds ago; those removed."""
    cutoff = time.time() - max_age
    removed = []
    with suppress(OSError):
        for path in folder.iterdir():
            if not _PART.fullmatch(path.name):
                continue
            with suppress(OSError):
                info = path.lstat()
                if stat.S_ISREG(info.st_mode) and info.st_mtime < cutoff:
                    path.unlink()
                    removed.append(path)
    return removed


@contextmanager
def _staged(target: Path, data: bytes) -> Iterator[Path]:
    """data in a temporary file beside target for the block; the temporary name is removed
    after it (once placed, the file lives on under target's name)."""
    try:
        part = _stage(target, data)
    except OSError as exc:
        raise _write_error(target, exc) from exc
    try:
        yield part
    finally:
        with suppress(OSError):
            part.unlink()


def _stage(target: Path, data: bytes) -> Path:
    """Write data to a new .part file beside target, with target's mode or the umask default."""
    while True:
        part = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
        try:
            fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # minus the umask
        except FileExistsError:
            continue
        break
    try:
        with suppress(FileNotFoundError):
            os.fchmod(fd, stat.S_IMODE(os.stat(target).st_mode))
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return part


def _place(part: Path, target: Path, *, replace: bool) -> bool:
    """Put part's file at target; True when that created target. Unless replace,
    FileExistsError when target exists, however recently it appeared."""
    try:
        os.link(part, target)
        return True
    except FileExistsError:
        if not replace:
            raise
    except OSError as exc:  # a file system without hard links: reserve the name, then replace
        if exc.errno not in _NO_LINKS:
            raise
        if not replace:
            os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    os.replace(part, target)
    return not replace


def _identity(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_dev, info.st_ino


def _remove_if_same(target: Path, identity: tuple[int, int]) -> None:
    """Remove target if it is still the file written (not one another writer put there); the
    caller keeps a link to the file written, so that its inode number is not reused."""
    with suppress(OSError):
        if _identity(target) == identity:
            target.unlink()


def _write_error(target: Path, exc: OSError) -> InputError:
    return InputError(f"{target}: cannot write: {exc.strerror or exc}")
