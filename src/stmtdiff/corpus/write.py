"""Writing statement texts and metadata into a series folder: whole files or nothing."""

from __future__ import annotations

import json
import os
import tempfile
from contextlib import suppress
from pathlib import Path
from typing import Any

from stmtdiff.corpus.textfile import MAX_TEXT_BYTES
from stmtdiff.errors import InputError
from stmtdiff.model import Source

__all__ = ["provenance_path", "read_provenance", "write_file", "write_metadata", "write_text"]

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
    """Write <id>.txt and <id>.provenance.json beside the metadata: whole files or nothing."""
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
    existed = target.exists()
    staged: list[Path] = []
    try:
        staged.append(_stage(target, data))
        staged.append(_stage(provenance_path(meta_path), record_data))
        os.replace(staged[0], target)
        try:
            os.replace(staged[1], provenance_path(meta_path))
        except OSError:
            if not existed:
                target.unlink()
            raise
    except OSError as exc:
        raise InputError(f"{target}: cannot write: {exc.strerror or exc}") from exc
    finally:
        for path in staged:
            with suppress(FileNotFoundError):
                path.unlink()
    return target


def write_file(target: Path, data: bytes) -> None:
    """Write a whole file or nothing (a temporary file renamed), readable as a new file would be
    (mode 0666 less the umask)."""
    umask = os.umask(0)
    os.umask(umask)
    staged = None
    try:
        staged = _stage(target, data)
        staged.chmod(0o666 & ~umask)
        os.replace(staged, target)
    except OSError as exc:
        raise InputError(f"{target}: cannot write: {exc.strerror or exc}",
                         "give a file in a folder you can write to") from exc
    finally:
        if staged is not None:
            staged.unlink(missing_ok=True)


def _stage(target: Path, data: bytes) -> Path:
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def write_metadata(folder: Path, sid: str, title: str, source: Source | None = None, *,
                   date: str | None = None) -> Path:
    """Create <id>.toml (id, date -- the id's by default --, title and the source, if any)
    atomically; never overwrite."""
    target = folder / f"{sid}.toml"
    lines = [f"id = {_toml(sid)}", f"date = {_toml(date or sid[:10])}", f"title = {_toml(title)}"]
    if source is not None:
        lines += ["", "[[sources]]", f"url = {_toml(source.url)}",
                  f"format = {_toml(source.format)}"]
    if target.exists():
        raise InputError(f"{target}: exists already")
    staged = _stage(target, ("\n".join(lines) + "\n").encode("utf-8"))
    try:
        os.replace(staged, target)
    finally:
        staged.unlink(missing_ok=True)
    return target


def _toml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)
