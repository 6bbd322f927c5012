"""The first hour of a new user (issue 12): each rough edge seen when the tool was tried as one.

Front matter on `add` is tested in test_add.py; the HTML report in tests/browser/.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from stmtdiff.cli import app
from stmtdiff.corpus.series import corpus_root, data_dir

runner = CliRunner()


def invoke(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


# ---------------------------------------------------------------------------------------------
# Where the catalog copy goes, and saying so


def test_the_data_dir_is_stmtdiff_data_dir(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STMTDIFF_DATA_DIR", str(in_tmp / "mine"))
    assert corpus_root(None) == in_tmp / "mine" / "statements"
    assert (in_tmp / "mine" / "statements" / "us-japan-scc" / "2021-03-16.toml").is_file()


def test_without_it_the_data_dir_follows_xdg(in_tmp: Path, monkeypatch: pytest.MonkeyPatch,
                                             ) -> None:
    monkeypatch.delenv("STMTDIFF_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(in_tmp / "xdg"))
    assert data_dir() == in_tmp / "xdg" / "stmtdiff"


def test_the_first_copy_of_the_catalog_is_announced_once(
        in_tmp: Path, caplog: pytest.LogCaptureFixture) -> None:
    assert invoke("list")[0] == 0
    target = data_dir() / "statements"
    assert caplog.messages == [
        f"note: copying the packaged catalog to {target}, the corpus when there is no "
        "./statements (set $STMTDIFF_DATA_DIR or --corpus to use another folder)"]
    caplog.clear()
    assert invoke("list")[0] == 0
    assert caplog.messages == []


def test_the_note_reaches_stderr_without_logging_set_up(in_tmp: Path) -> None:
    import subprocess
    import sys

    script = "from stmtdiff.cli import main; main()"
    run = subprocess.run([sys.executable, "-c", script, "list"], capture_output=True, text=True,
                         check=False)
    assert run.returncode == 0
    assert run.stderr.startswith("note: copying the packaged catalog to ")


def test_the_data_dir_is_documented() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert "$STMTDIFF_DATA_DIR" in readme and "XDG_DATA_HOME" in readme


# ---------------------------------------------------------------------------------------------
# A statement of the catalog that nothing can fetch


def test_list_says_which_statements_have_no_source(in_tmp: Path) -> None:
    code, out, _ = invoke("list")
    assert code == 0
    row = next(line for line in out.splitlines() if line.startswith("2024-07-28"))
    assert "no source" in row
    assert "no source" not in next(line for line in out.splitlines()
                                   if line.startswith("2021-03-16"))
    assert " ".join(out.split()).endswith(
        "no source: none of its listed sources carries the text; add yours with: "
        "stmtdiff add FILE --id ID")
