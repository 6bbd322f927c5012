"""Helpers for fetch tests: a series whose sources point where the test says, a quick config."""

from __future__ import annotations

import json
from pathlib import Path

from stmtdiff.corpus.series import load_series
from stmtdiff.fetch.client import FetchConfig
from stmtdiff.model import Statement

QUICK = FetchConfig(timeout=5.0, retries=1, backoff=0.0, min_interval=0.0, deadline=20.0)
"""No waiting between requests or retries, so tests run fast (the timeout test shortens it)."""


def write_statement(folder: Path, sid: str, *sources: str | dict[str, object]) -> Path:
    """Write <sid>.toml with these sources (URLs, or tables of source fields)."""
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / "series.toml").exists():
        (folder / "series.toml").write_text('name = "demo"\ntitle = "Demo"\n')
    lines = [f'id = "{sid}"', f'date = "{sid[:10]}"', f'title = "Statement of {sid}"']
    for source in sources:
        table = {"url": source} if isinstance(source, str) else source
        lines += ["", "[[sources]]"]
        lines += [f"{key} = {json.dumps(value)}" for key, value in table.items()]
    path = folder / f"{sid}.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def statement(folder: Path, sid: str) -> Statement:
    """The statement as the corpus loads it."""
    return next(s for s in load_series(folder).statements if s.id == sid)


def leftovers(folder: Path) -> list[str]:
    """Files in the folder other than metadata: texts, provenance, temporary files."""
    return sorted(p.name for p in folder.iterdir() if p.suffix != ".toml")
