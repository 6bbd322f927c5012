"""Alias groups of a series: named sets of terms that stand for one topic (aliases.toml).

The file holds one table per group::

    [taiwan]
    description = "Taiwan and the Taiwan Strait"
    terms = ["Taiwan", "Taiwan Strait", "cross-Strait"]
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from stmtdiff.corpus.series import read_toml
from stmtdiff.errors import InputError

__all__ = ["ALIASES_FILE", "AliasGroup", "load_aliases", "pick_alias"]

ALIASES_FILE = "aliases.toml"


@dataclass(frozen=True)
class AliasGroup:
    """A named "any of" set of terms."""

    name: str
    """The name --alias takes."""
    description: str
    """What the group is about."""
    terms: tuple[str, ...]
    """Its terms, matched like TERM arguments."""


def load_aliases(series_path: Path) -> tuple[AliasGroup, ...]:
    """The alias groups of a series folder, in file order (none when it has no aliases.toml)."""
    path = series_path / ALIASES_FILE
    if not path.is_file():
        return ()
    data = read_toml(path)
    return tuple(_group(path, name, table) for name, table in data.items())


def _group(path: Path, name: str, table: object) -> AliasGroup:
    if not isinstance(table, dict):
        raise InputError(f"{path}: {name} must be a table", f"write [{name}] and terms = [...]")
    terms = table.get("terms")
    if not isinstance(terms, list) or not terms or not all(
            isinstance(t, str) and t.strip() for t in terms):
        raise InputError(f"{path}: [{name}] needs terms, a list of words or phrases")
    return AliasGroup(name, str(table.get("description", "")), tuple(terms))


def pick_alias(groups: Sequence[AliasGroup], name: str, series: str) -> AliasGroup:
    """The group called name; InputError naming the closest one otherwise."""
    for group in groups:
        if group.name == name:
            return group
    if not groups:
        raise InputError(f"unknown alias {name!r}: series {series} has no {ALIASES_FILE}",
                         "give the terms themselves")
    names = [g.name for g in groups]
    close = difflib.get_close_matches(name, names, n=1)
    hint = f"did you mean {close[0]}?" if close else "stmtdiff aliases lists them"
    raise InputError(f"unknown alias {name!r} in series {series}", hint)
