"""model.from_rows: the type it serves (Statement, for the series snapshot) built back equal from
its rows; rows of the wrong length refused."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from stmtdiff.model import Participant, Source, Statement, from_rows


def _statement(**extra: object) -> Statement:
    base: dict[str, object] = {
        "id": "2021-03-16", "date": "2021-03-16", "title": "A joint statement",
        "series": "demo", "meta_path": Path("/corpus/demo/2021-03-16.toml"),
        "text_path": Path("/corpus/demo/2021-03-16.txt")}
    return Statement(**{**base, **extra})  # type: ignore[arg-type]


def _row(st: Statement) -> list[object]:
    return [getattr(st, f.name) for f in fields(Statement)]


@pytest.mark.parametrize("st", [
    _statement(),
    _statement(text_path=None, place="Tokyo", format="in-person",
               participants=(Participant("A. Minister", "Foreign Minister", "Japan"),),
               sources=(Source("https://example.org/a", "MOFA", "pdf", "en", False, True),)),
])
def test_statement_round_trip(st: Statement) -> None:
    (back,) = from_rows(Statement, [_row(st)])
    assert back == st and hash(back) == hash(st)
    assert type(back) is Statement


@pytest.mark.parametrize("cut", [-1, 1])
def test_rows_of_the_wrong_length_are_refused(cut: int) -> None:
    row = _row(_statement())
    bad = row[:cut] if cut < 0 else [*row, "extra"]
    with pytest.raises(ValueError):
        from_rows(Statement, [bad])
