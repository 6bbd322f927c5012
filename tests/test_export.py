"""stmtdiff export --parquet: the tables read back, and the error without pyarrow."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stmtdiff.cli import app

runner = CliRunner()
TEXTS: dict[str, str | None] = {
    "2020-01-01": "The Ministers discussed trade. They noted the harbour.\n",
    "2021-01-01": "Regional Security\n\nThe Ministers welcomed new inflation data; trade grew.\n",
    "2022-01-01": None,
}


def test_tables_read_back(make_series, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    folder = make_series(TEXTS)
    out = tmp_path / "tables"
    result = runner.invoke(app, ["--corpus", str(folder), "--model", "blank", "export",
                                 "--parquet", str(out)])
    assert result.exit_code == 0, result.output
    assert "exported 2 statements" in result.stderr
    statements = pq.read_table(out / "statements.parquet").to_pylist()
    assert [(r["id"], r["series"]) for r in statements] == [("2020-01-01", "demo"),
                                                           ("2021-01-01", "demo")]
    assert statements[0]["words"] == 8
    clauses = pq.read_table(out / "clauses.parquet").to_pylist()
    texts = (folder / "2021-01-01.txt").read_text(encoding="utf-8")
    for row in clauses:
        if row["id"] == "2021-01-01":
            assert texts[row["start"]:row["end"]] == row["text"]
    terms = pq.read_table(out / "terms.parquet").to_pylist()
    second = [r for r in terms if r["id"] == "2021-01-01"]
    assert [r["surface"] for r in second[:3]] == ["Regional", "Security", "The"]
    assert second[0]["clause"] is None  # a heading is no clause
    assert [r["position"] for r in second] == list(range(len(second)))
    trade = next(r for r in second if r["lower"] == "trade")
    assert trade["hard"] and trade["clause"] is not None  # after the semicolon
    assert sorted({r["id"] for r in terms if r["norm"] == "trade"}) == ["2020-01-01",
                                                                      "2021-01-01"]
    assert not list(out.glob(".*partial"))


def test_export_replaces_the_tables(make_series, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    folder = make_series(TEXTS)
    out = tmp_path / "tables"
    for series in (folder, make_series({"2020-01-01": "One two three four five.\n"},
                                       name="other")):
        result = runner.invoke(app, ["--corpus", str(series), "--model", "blank", "export",
                                     "--parquet", str(out)])
        assert result.exit_code == 0, result.output
    assert pq.read_table(out / "statements.parquet").column("series").to_pylist() == ["other"]


def test_every_series_of_a_corpus(make_series, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    folder = make_series(TEXTS)
    make_series({"2020-01-01": "One two three four five.\n"}, name="other")
    out = tmp_path / "tables"
    result = runner.invoke(app, ["--corpus", str(folder.parent), "--model", "blank", "export",
                                 "--parquet", str(out)])
    assert result.exit_code == 0, result.output
    names = pq.read_table(out / "statements.parquet").column("series").to_pylist()
    assert sorted(names) == ["demo", "demo", "other"]


def test_missing_pyarrow_is_one_line(make_series, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow raises ImportError
    folder = make_series(TEXTS)
    result = runner.invoke(app, ["--corpus", str(folder), "export", "--parquet",
                                 str(tmp_path / "t")])
    assert result.exit_code == 2
    assert result.stderr == ("error: exporting Parquet needs pyarrow, which is not installed "
                             "(pip install 'stmtdiff[export]'   (or: pip install pyarrow))\n")
    assert not (tmp_path / "t").exists()
