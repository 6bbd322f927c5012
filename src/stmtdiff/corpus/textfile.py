"""Reading statement texts safely: size limit, binary and encoding checks, front matter."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any

from stmtdiff.errors import InputError

__all__ = [
    "MAX_TEXT_BYTES",
    "clean_body",
    "front_matter_body",
    "has_front_matter",
    "optional_front_matter",
    "read_file_bytes",
    "read_text_file",
    "split_front_matter",
]

MAX_TEXT_BYTES = 5_000_000
"""The largest statement text read; the longest real statements are about 100 kB."""
MAX_FRONT_MATTER = 64_000
"""The largest block of front matter read, in characters (real ones are a few hundred)."""


def read_text_file(path: Path) -> str:
    """The file's text as UTF-8 with LF line ends; InputError for anything else."""
    data = read_file_bytes(path)
    if b"\x00" in data:
        raise InputError(f"{path}: binary file, not text", "give a UTF-8 text file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: not UTF-8 (invalid byte at offset {exc.start})",
            "convert it, e.g. iconv -f latin1 -t utf-8",
        ) from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_file_bytes(path: Path, limit: int = MAX_TEXT_BYTES) -> bytes:
    """The bytes of a regular file of at most limit bytes; InputError for anything else.

    The file is opened without blocking (a FIFO named like a statement would wait for a writer
    for ever) and checked to be a regular file before anything is read (a link to /dev/zero
    would be read until memory runs out); at most limit + 1 bytes are read, in case it grows.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{path}: not a regular file",
                             "a statement is a file; move devices, pipes and sockets away")
        if info.st_size > limit:
            raise _too_large(path, info.st_size, limit)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    finally:
        os.close(fd)
    if len(data) > limit:
        raise _too_large(path, len(data), limit)
    return data


def _too_large(path: Path, size: int, limit: int) -> InputError:
    return InputError(
        f"{path}: file is {size / 1e6:.1f} MB, larger than the {limit / 1e6:.0f} MB a "
        "statement may have",
        "check that this is the statement's text and not another file",
    )


def split_front_matter(path: Path, text: str) -> tuple[dict[str, Any], str]:
    """The YAML front matter of a Markdown file and its body."""
    import yaml  # only Markdown series need it: keep it off the start-up of the others

    end = _front_matter_end(path, text)
    block = text[4:end]
    if len(block) > MAX_FRONT_MATTER:
        raise InputError(f"{path}: front matter is {len(block):,} characters, more than the "
                         f"{MAX_FRONT_MATTER:,} allowed", "keep the metadata short")
    try:
        _refuse_aliases(path, block)
        meta = yaml.load(block, Loader=_yaml_loader())
    except yaml.YAMLError as exc:
        raise InputError(f"{path}: malformed front matter: {_first_line(exc)}") from exc
    except (ValueError, TypeError, OverflowError) as exc:  # 2021-02-30, a key of a list...
        raise InputError(f"{path}: invalid value in front matter: {_first_line(exc)}") from exc
    except RecursionError as exc:
        raise InputError(f"{path}: front matter is nested too deeply") from exc
    if not isinstance(meta, dict):
        raise InputError(f"{path}: front matter is not a mapping of keys to values")
    return meta, text[end + 5 :]


def front_matter_body(path: Path, text: str) -> str:
    """The body of a Markdown file, after its front matter (not parsed: loading the series
    parsed it)."""
    return text[_front_matter_end(path, text) + 5 :]


def _front_matter_end(path: Path, text: str) -> int:
    """Where the line closing the front matter starts (at its line break)."""
    if not text.startswith("---\n"):
        raise InputError(f"{path}: no front matter", "start the file with a '---' line")
    end = text.find("\n---", 3)
    if end < 0 or text[end + 4 : end + 5] not in ("", "\n"):
        raise InputError(f"{path}: front matter is not closed", "end it with a '---' line")
    return end


_OPENS = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(?:.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)


def has_front_matter(text: str) -> bool:
    """Whether the text opens with a block of YAML front matter between two '---' lines."""
    return _OPENS.match(text) is not None


def optional_front_matter(where: str, text: str) -> tuple[dict[str, Any], str]:
    """The front matter and body of a text that may have front matter ({} and the text if not)."""
    if not has_front_matter(text):
        return {}, text
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    if text.startswith("---\n---"):  # an empty block
        return {}, text[text.index("\n", 4) + 1 :] if "\n" in text[4:] else ""
    return split_front_matter(Path(where), text)


def clean_body(text: str) -> str:
    """The text without blank lines around it or trailing white space."""
    lines = text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines).rstrip()


def _first_line(exc: Exception) -> str:
    return " ".join(str(exc).split())


def _refuse_aliases(path: Path, block: str) -> None:
    """InputError when the YAML uses anchors and aliases (a few lines of them can expand to
    gigabytes: the "billion laughs"); metadata has no use for them."""
    import yaml

    if "&" not in block and "*" not in block:  # the scan is skipped for nearly every file
        return
    for token in yaml.scan(block, Loader=_yaml_loader()):
        if isinstance(token, (yaml.AliasToken, yaml.AnchorToken)):
            raise InputError(f"{path}: front matter uses YAML anchors or aliases (& and *)",
                             "write every value out; quote a title that starts with & or *")


def _yaml_loader() -> Any:
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ~20x faster
