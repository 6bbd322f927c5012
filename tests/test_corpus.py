"""Corpus loading, id resolution and the bad-input errors, through the CLI and directly."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from stmtdiff.cli import app
from stmtdiff.corpus.series import load_series, open_series, packaged_catalog, read_text, resolve
from stmtdiff.errors import InputError

runner = CliRunner()

TEXT = """
I. Opening

The two ministers met in the capital and reviewed their common work.
They agreed to meet again next year.
"""


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def assert_one_line_error(args: list[str], *fragments: str) -> None:
    code, out, err = run(*args)
    assert code == 2, (out, err)
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ")
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in lines[0]


def test_ids_resolve_by_date_month_year_and_keywords(make_series) -> None:
    folder = make_series({"2005-02-19": TEXT, "2005-10-29": TEXT, "2017-08-17": TEXT})
    series = load_series(folder)
    assert resolve(series, "2017").id == "2017-08-17"
    assert resolve(series, "2005-10").id == "2005-10-29"
    assert resolve(series, "2005-02-19").id == "2005-02-19"
    assert resolve(series, "first").id == "2005-02-19"
    assert resolve(series, "latest").id == "2017-08-17"
    assert resolve(series, "previous").id == "2005-10-29"


def test_ambiguous_year_lists_the_candidates(make_series) -> None:
    folder = make_series({"2005-02-19": TEXT, "2005-10-29": TEXT})
    assert_one_line_error(["show", "2005", "--corpus", str(folder)],
                          "2005 is ambiguous", "2005-02-19, 2005-10-29")


def test_unknown_id(make_series) -> None:
    folder = make_series({"2005-02-19": TEXT})
    assert_one_line_error(["show", "2019", "--corpus", str(folder)], "no statement 2019")


@pytest.mark.parametrize("ident", ["../../etc", "2017/../x", "passwd", ""])
def test_id_that_is_not_an_id(make_series, ident: str) -> None:
    folder = make_series({"2005-02-19": TEXT})
    assert_one_line_error(["show", ident, "--corpus", str(folder)], "is not a statement id")


def test_missing_corpus_folder(tmp_path: Path) -> None:
    assert_one_line_error(["list", "--corpus", str(tmp_path / "nowhere")],
                          "nowhere", "does not exist")


def assert_listed_with_one_error(args: list[str], listed: str, *fragments: str) -> None:
    """A bad file does not sink list: the others are listed, the file named in one error line
    (exit 2)."""
    code, out, err = run(*args)
    assert code == 2, (out, err)
    assert listed in out
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    for fragment in fragments:
        assert fragment in lines[0]


def test_malformed_toml_names_the_file(make_series) -> None:
    folder = make_series({"2005-02-19": TEXT})
    (folder / "2006-01-01.toml").write_text('id = "2006-01-01\n')
    assert_listed_with_one_error(["list", "--corpus", str(folder)], "2005-02-19",
                                 "2006-01-01.toml", "malformed TOML")


@pytest.mark.parametrize(("meta", "message"), [
    ('date = "2006-01-01"\ntitle = "x"\n', "missing id"),
    ('id = "yesterday"\ndate = "2006-01-01"\ntitle = "x"\n', "invalid id"),
    ('id = "2006-01-01"\ntitle = "x"\n', "missing date"),
    ('id = "2006-01-01"\ndate = "2006-13-45"\ntitle = "x"\n', "invalid date"),
])
def test_missing_or_invalid_id_or_date(make_series, meta: str, message: str) -> None:
    folder = make_series({})
    (folder / "2006-01-01.toml").write_text(meta)
    assert_one_line_error(["list", "--corpus", str(folder)], "2006-01-01.toml", message)


def test_malformed_front_matter(tmp_path: Path) -> None:
    folder = tmp_path / "md"
    folder.mkdir()
    (folder / "a.md").write_text("---\nid: [unclosed\n---\n\nBody text here.\n")
    assert_one_line_error(["list", "--corpus", str(folder)], "a.md", "malformed front matter")


def test_duplicate_ids(tmp_path: Path) -> None:
    folder = tmp_path / "md"
    folder.mkdir()
    for name in ("a.md", "b.md"):
        (folder / name).write_text("---\nid: 2020-01-01\ndate: 2020-01-01\ntitle: T\n---\n\nX.\n")
    assert_listed_with_one_error(["list", "--corpus", str(folder)], "2020-01-01", "b.md",
                                 "duplicate id", "a.md")


def test_empty_text(make_series) -> None:
    folder = make_series({"2005-02-19": "\n"})
    (folder / "2005-02-19.txt").write_text("\n\n  \n")
    assert_one_line_error(["show", "2005", "--corpus", str(folder)], "2005-02-19.txt",
                          "text is empty")


def test_binary_text(make_series) -> None:
    folder = make_series({"2005-02-19": TEXT})
    (folder / "2005-02-19.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert_one_line_error(["show", "2005", "--corpus", str(folder)], "2005-02-19.txt", "binary")


def test_non_utf8_text(make_series) -> None:
    folder = make_series({"2005-02-19": TEXT})
    (folder / "2005-02-19.txt").write_bytes("Caf\u00e9 society met today.".encode("latin-1"))
    assert_one_line_error(["show", "2005", "--corpus", str(folder)], "2005-02-19.txt",
                          "not UTF-8")


def test_huge_file_is_refused_without_reading_it(make_series) -> None:
    folder = make_series({"2005-02-19": TEXT})
    with (folder / "2005-02-19.txt").open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    assert_one_line_error(["show", "2005", "--corpus", str(folder)], "2005-02-19.txt", "52.4 MB")


def test_bad_input_writes_nothing(make_series, tmp_path: Path, monkeypatch) -> None:
    cache = tmp_path / "never-created"
    monkeypatch.setenv("STMTDIFF_CACHE_DIR", str(cache))
    folder = make_series({"2005-02-19": TEXT})
    (folder / "2005-02-19.txt").write_bytes(b"\x00")
    before = sorted(p.name for p in folder.iterdir())
    assert run("show", "2005", "--corpus", str(folder))[0] == 2
    assert not cache.exists()
    assert sorted(p.name for p in folder.iterdir()) == before


def test_debug_shows_the_traceback(make_series) -> None:
    folder = make_series({"2005-02-19": TEXT})
    result = runner.invoke(app, ["--debug", "show", "1999", "--corpus", str(folder)])
    assert isinstance(result.exception, InputError)


def test_markdown_body_is_the_text_without_front_matter(tmp_path: Path) -> None:
    folder = tmp_path / "md"
    folder.mkdir()
    (folder / "x.md").write_text("---\nid: 2020-01-01\ndate: 2020-01-01\ntitle: T\n"
                                 "series: md\n---\n\n\nFirst line.\n\nSecond line.\n\n\n")
    statement = load_series(folder).statements[0]
    assert read_text(statement) == "First line.\n\nSecond line."


def test_several_series_need_a_choice(make_series, tmp_path: Path) -> None:
    make_series({"2005-02-19": TEXT}, name="one")
    make_series({"2006-02-19": TEXT}, name="two")
    root = tmp_path / "corpus"
    with pytest.raises(InputError, match="holds 2 series") as caught:
        open_series(root, None)
    assert caught.value.hint == "pick one with --series: one, two"
    assert open_series(root, "two").statements[0].id == "2006-02-19"


def test_packaged_catalog_holds_the_scc_series() -> None:
    series = load_series(packaged_catalog() / "us-japan-scc")
    ids = [st.id for st in series.statements]
    assert len(ids) == 28
    assert ids == sorted(ids)
    assert resolve(series, "2017").id == "2017-08-17"
    assert resolve(series, "2021").id == "2021-03-16"
    assert sum(st.borderline for st in series.statements) == 2
    assert all(st.sources[0].url.startswith("http") for st in series.statements if st.sources)
