"""The first hour of a new user (issue 12): each rough edge seen when the tool was tried as one.

Front matter on `add` is tested in test_add.py; the HTML report in tests/browser/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from stmtdiff.cli import COMMANDS
from stmtdiff.corpus.series import corpus_root, data_dir

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


def test_the_first_copy_of_the_catalog_is_announced_once(invoke, in_tmp: Path) -> None:
    code, _, err = invoke("list")
    assert code == 0
    target = data_dir() / "statements"
    assert err.splitlines() == [
        f"note: copying the packaged catalog to {target}, the corpus when there is no "
        "./statements (set $STMTDIFF_DATA_DIR or --corpus to use another folder)"]
    code, _, err = invoke("list")
    assert code == 0
    assert err == ""


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


def test_list_says_which_statements_have_no_source(invoke, in_tmp: Path) -> None:
    code, out, _ = invoke("list")
    assert code == 0
    row = next(line for line in out.splitlines() if line.startswith("2024-07-28"))
    assert "no source" in row
    assert "no source" not in next(line for line in out.splitlines()
                                   if line.startswith("2021-03-16"))
    assert " ".join(out.split()).endswith(
        "no source: none of its listed sources carries the text; add yours with: "
        "stmtdiff add FILE --id ID")


# ---------------------------------------------------------------------------------------------
# Version, completion, "did you mean"


def test_version(invoke) -> None:
    from stmtdiff import __version__

    assert invoke("--version") == (0, f"stmtdiff {__version__}\n", "")


def _complete(words: str, env: dict[str, str]) -> list[str]:
    import os
    import subprocess
    import sys

    script = "from stmtdiff.cli import main; main()"
    full = {**os.environ, **env, "_STMTDIFF_COMPLETE": "complete_bash", "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1))}
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         env=full, check=False)
    assert run.returncode == 0, run.stderr
    return run.stdout.split()


def test_completion_offers_statement_ids_of_the_corpus_named(make_series) -> None:
    folder = make_series({"2019-05-01": "x", "2020-06-01": None, "2021-07-01": None})
    found = _complete(f"stmtdiff --corpus {folder} compare 20", {})
    assert found == ["2021-07-01", "2020-06-01", "2019-05-01"]
    assert _complete(f"stmtdiff show --corpus {folder} l", {}) == ["latest"]


def test_completion_offers_alias_names(in_tmp: Path) -> None:
    assert _complete("stmtdiff first-mention --alias tai", {}) == ["taiwan"]


def test_completion_can_be_installed(invoke) -> None:
    code, out, _ = invoke("--help")
    assert code == 0 and "--install-completion" in out and "--show-completion" in out


def test_did_you_mean_is_said_once(invoke) -> None:
    code, _, err = invoke("compair", "2017", "2021")
    assert code == 2
    assert err.count("Did you mean 'compare'?") == 1


# ---------------------------------------------------------------------------------------------
# Hints that work


def test_first_mention_on_the_empty_catalog_hints_a_command_that_works(invoke,
                                                                       in_tmp: Path) -> None:
    code, _, err = invoke("first-mention", "Taiwan")
    assert code == 2
    assert err.splitlines()[1:] == [  # after the note on the first copy of the catalog
        "error: series us-japan-scc has no statement texts yet (run: stmtdiff fetch "
        "--all   (or stmtdiff add FILE --id ID))"]
    code, _, err = invoke("fetch", "--all", "--help")  # the hint's command parses
    assert code == 0


def test_index_on_nothing_fails_with_a_hint(invoke, in_tmp: Path) -> None:
    code, _, err = invoke("index")
    assert code == 2
    assert err.splitlines()[1:] == [  # after the note on the first copy of the catalog
        "error: series us-japan-scc has no statement texts to index (run: stmtdiff "
        "fetch --all   (or stmtdiff add FILE --id ID))"]


def test_index_json(invoke, make_series) -> None:
    import json

    import jsonschema

    from stmtdiff.schemas import load_schema

    folder = make_series({"2020-01-01": "One sentence here. Another one there.",
                          "2021-01-01": None})
    code, out, err = invoke("index", "--corpus", str(folder), "--model", "blank", "--json")
    assert code == 0, err
    doc = json.loads(out)
    jsonschema.validate(doc, load_schema("index"))
    assert [s["id"] for s in doc["statements"]] == ["2020-01-01"]
    assert doc["clauses"] == doc["statements"][0]["clauses"] > 0


def test_help_examples_use_paths_a_user_has(invoke) -> None:
    for name in sorted(COMMANDS):
        out = invoke(name, "--help")[1]
        assert "../shared" not in out, name
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    commands = readme.split("## Commands", 1)[1]
    assert "../shared" not in commands


# ---------------------------------------------------------------------------------------------
# The ✦ legend


def test_no_legend_when_nothing_is_new(invoke, make_series) -> None:
    text = "The partners met in the capital today. They agreed to meet again next year."
    folder = make_series({"2020-01-01": text, "2021-01-01": text})
    code, out, err = invoke("compare", "2020", "2021", "--corpus", str(folder), "--model",
                            "blank")
    assert code == 0, err
    assert "✦" not in out and "no differences" in out


# ---------------------------------------------------------------------------------------------
# Long output through a pager, as git does


def _on_a_terminal(args: list[str], env: dict[str, str]) -> str:
    """Run stmtdiff with its standard output on a pseudo-terminal; what reached the terminal."""
    import os
    import pty
    import subprocess
    import sys

    leader, follower = pty.openpty()
    script = "from stmtdiff.cli import main; main()"
    try:
        run = subprocess.run([sys.executable, "-c", script, *args], stdout=follower,
                             stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                             env={**os.environ, **env}, timeout=120, check=False)
        os.close(follower)
        chunks = []
        while True:
            try:
                data = os.read(leader, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(leader)
    assert run.returncode == 0, run.stderr
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.fixture
def fake_pager(tmp_path: Path) -> tuple[str, Path]:
    caught = tmp_path / "paged.txt"
    script = tmp_path / "pager.sh"
    script.write_text(f'#!/bin/sh\necho "LESS=$LESS" > {caught}\ncat >> {caught}\n')
    script.chmod(0o755)
    return str(script), caught


def test_terminal_output_goes_through_the_pager(in_tmp: Path, fake_pager: tuple[str, Path],
                                                ) -> None:
    pager, caught = fake_pager
    shown = _on_a_terminal(["list"], {"PAGER": pager, "COLUMNS": "120"})
    paged = caught.read_text(encoding="utf-8")
    assert paged.startswith("LESS=FRX\n")
    assert "2024-07-28" in paged and "2024-07-28" not in shown


def test_stmtdiff_pager_wins_and_no_pager_turns_it_off(in_tmp: Path, fake_pager: tuple[str, Path],
                                                       ) -> None:
    pager, caught = fake_pager
    shown = _on_a_terminal(["--no-pager", "list"], {"STMTDIFF_PAGER": pager, "PAGER": "false"})
    assert not caught.exists() and "2024-07-28" in shown
    _on_a_terminal(["list"], {"STMTDIFF_PAGER": pager, "PAGER": "false", "LESS": "R"})
    assert caught.read_text(encoding="utf-8").startswith("LESS=R\n")


def test_no_pager_when_output_is_not_a_terminal(invoke, in_tmp: Path, fake_pager: tuple[str, Path],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    pager, caught = fake_pager
    monkeypatch.setenv("PAGER", pager)
    code, out, _ = invoke("list")
    assert code == 0 and "2024-07-28" in out and not caught.exists()
