"""Terminal escapes in titles, texts, paths and terms (issue 11, Medium 13): what stmtdiff
prints has its control characters replaced (plain text, rich, Markdown); JSON escapes them."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_helpers import md, run


@pytest.fixture
def series(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus" / "demo"
    folder.mkdir(parents=True)
    md(folder, "2020-01-01.md", "id: 2020-01-01\ndate: 2020-01-01\ntitle: A plain one",
       "The two ministers met in the capital and reviewed their common work.\n")
    return folder


HOSTILE = "Evil \x1b]0;pwned\x07 \x1b[2J title \x9b31m end\r"


def _hostile_series(series: Path) -> None:
    title = HOSTILE.encode("unicode_escape").decode()  # YAML double quotes read \\xNN
    body = "The ministers agreed \x1b[31mred\x1b[0m on trade and on the work of the alliance.\n"
    md(series, "2022-01-01.md", f'id: 2022-01-01\ndate: 2022-01-01\ntitle: "{title}"', body)


@pytest.mark.parametrize("color", [False, True])
def test_list_strips_escapes(series: Path, color: bool) -> None:
    _hostile_series(series)
    env = {"FORCE_COLOR": "1"} if color else {"NO_COLOR": "1"}
    code, out, err = run("list", "--corpus", str(series), env=env)
    assert code == 0, err
    assert "\x1b]" not in out and "\x07" not in out and "\x9b" not in out and "\r" not in out
    assert "\x1b[2J" not in out
    assert "\ufffd" in out


@pytest.mark.parametrize("color", [False, True])
def test_show_and_first_mention_strip_escapes(series: Path, color: bool) -> None:
    _hostile_series(series)
    env = {"FORCE_COLOR": "1"} if color else {"NO_COLOR": "1"}
    for args in (["show", "2022"], ["first-mention", "trade", "--no-fetch"]):
        code, out, err = run(*args, "--corpus", str(series), "--model", "blank", env=env)
        assert code == 0, (args, err)
        assert "\x1b[31mred" not in out and "\x1b]0;" not in out and "\x07" not in out, args
        assert "\ufffd" in out, (args, out)


def test_json_escapes_c1_controls(series: Path) -> None:
    import json

    _hostile_series(series)
    code, out, err = run("list", "--corpus", str(series), "--json")
    assert code == 0, err
    assert not any(0x7F <= ord(c) <= 0x9F or (ord(c) < 0x20 and c not in "\n") for c in out)
    titles = [s["title"] for s in json.loads(out)["statements"]]
    assert HOSTILE.strip() in [t.strip() for t in titles]


def test_error_lines_strip_escapes(series: Path) -> None:
    code, _out, err = run("list", "--corpus", str(series / "\x1b]0;x\x07"))
    assert code == 2 and err.startswith("error: "), err
    assert "\x1b" not in err and "\x07" not in err and "\ufffd]0;x\ufffd" in err, err


def test_a_folder_name_that_is_not_utf8(tmp_path: Path) -> None:
    """The bytes of such a name are lone surrogates in Python: written as \\u escapes in JSON
    and as U+FFFD in text, never an encoding error."""
    import os

    folder = tmp_path / os.fsdecode(b"s\xff")
    folder.mkdir()
    md(folder, "2020-01-01.md", "id: 2020-01-01\ndate: 2020-01-01\ntitle: T", "Body text.\n")
    code, out, err = run("list", "--corpus", str(tmp_path), "--json")
    assert code == 0, err
    assert '"s\\udcff"' in out
    code, out, err = run("list", "--corpus", str(tmp_path / "nowhere\udcff"))
    assert code == 2 and "nowhere\ufffd" in err, err
