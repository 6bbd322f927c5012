"""novel: phrases new to the series ranked, returning phrases, and the CLI contract."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from typer.testing import CliRunner

from fakeseg import fake_segmented
from stmtdiff.cli import app
from stmtdiff.history.novel import novel
from stmtdiff.schemas import load_schema

OLD = "The partners met in Lisbon. They discussed maritime security and trade."
MIDDLE = "The partners met in Oslo. They discussed trade and energy."
NEW = ("The partners met in Lisbon. They condemn the hypersonic tests; "
       "they discussed maritime security, and the hypersonic tests again.")


def _rarity(seg):
    """Every word common in English but "hypersonic" (no wordfreq in unit tests)."""
    return {w: 2.0 if w.startswith("hypersonic") else 5.0 for c in seg.clauses
            for t in c.tokens for w in (t.norm, seg.text[t.start:t.end].lower())}


def test_new_phrases_ranked_and_returns_with_last_seen() -> None:
    segs = [fake_segmented("2020-01-01", OLD), fake_segmented("2021-01-01", MIDDLE),
            fake_segmented("2022-01-01", NEW, phrases=((NEW.index("hypersonic"),
                                                         NEW.index(" tests;"), "NORP"),))]
    result = novel(segs[2], segs[:2], rarity_of=_rarity)
    assert result.against is not None and result.against.id == "2021-01-01"
    firsts = {p.span.key: p for p in result.first_in_series}
    # whole units ("hypersonic test"), a stance verb alone; no common single word
    assert set(firsts) == {"condemn", "hypersonic test", "hypersonic test again"}
    assert firsts["hypersonic test"].occurrences == 2
    scores = [p.score for p in result.first_in_series]
    assert scores == sorted(scores, reverse=True)  # best first
    returns = {p.span.key: p.last_seen for p in result.returns}
    assert returns == {"maritime security": "2020-01-01"}  # phrases of two words or more


def test_first_statement_has_everything_new() -> None:
    seg = fake_segmented("2020-01-01", OLD)
    result = novel(seg, [], rarity_of=_rarity)
    assert result.against is None and result.returns == ()
    assert {p.span.key for p in result.first_in_series} >= {"partner met"}


def test_novel_cli_json(make_series) -> None:
    folder: Path = make_series({"2020-01-01": OLD, "2021-01-01": None, "2022-01-01": NEW})
    result = CliRunner().invoke(app, ["novel", "2022", "--corpus", str(folder), "--model",
                                      "blank", "--json"])
    assert result.exit_code == 0
    assert result.stderr == ("note: skipped 1 of 3 statements without a text; fetch them with: "
                             "stmtdiff fetch 2021-01-01\n")
    doc = json.loads(result.stdout)
    jsonschema.validate(doc, load_schema("novel"))
    assert doc["against"] == "2020-01-01" and doc["skipped"] == ["2021-01-01"]
    text = (folder / "2022-01-01.txt").read_text(encoding="utf-8")
    assert all(text[p["start"]:p["end"]] == p["text"] for p in doc["first_in_series"])
    assert any(p["key"].startswith("hypersonic test") for p in doc["first_in_series"])
    terminal = CliRunner().invoke(app, ["novel", "2022", "--corpus", str(folder), "--model",
                                        "blank", "--limit", "2"])
    lines = terminal.stdout.splitlines()
    assert lines[0] == "demo 2022-01-01  Statement of 2022-01-01"
    assert lines[2].split() == ["score", "phrase", "kind", "times", "clause"]
    assert len(lines) == 5


def test_novel_of_a_statement_without_text(make_series) -> None:
    folder: Path = make_series({"2020-01-01": OLD, "2022-01-01": None})
    result = CliRunner().invoke(app, ["novel", "2022", "--corpus", str(folder)])
    assert result.exit_code == 2
    assert result.stderr == ("error: no text yet for 2022-01-01 (demo), and no source to fetch "
                             "it from (run: stmtdiff add FILE --id 2022-01-01)\n")
