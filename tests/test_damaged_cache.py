"""Damaged caches are set aside and rebuilt, with one note; a crafted cache runs nothing
(issue 11: High 6, Medium 10)."""

from __future__ import annotations

import pickle
import shutil
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stmtdiff.cache.snapshot import SnapshotLoader
from stmtdiff.cli import app
from stmtdiff.corpus.series import load_series

TEXTS = {
    "2020-01-01": "The parties welcomed the harbour agreement. They met in spring.",
    "2021-01-01": "The parties discussed fisheries and the harbour. They met in summer.",
    "2022-01-01": "The parties noted progress on lighthouses. The harbour agreement stands.",
}
COMMANDS = (("first-mention", "harbour", "--json"), ("timeline", "harbour", "--json"),
            ("compare", "2020-01-01", "2022-01-01", "--json"))
FILES = ("clauses-v2.sqlite", "terms-v3.sqlite", "series-v4.sqlite")
BLOBS = {"clauses-v2.sqlite": ("segmentations", "payload"), "terms-v3.sqlite": ("docs", "layout"),
         "series-v4.sqlite": ("series", "entries, payload")}
"""The table and the columns (comma-separated) of the stored values of each file."""
runner = CliRunner()


def run(corpus: Path, cache: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--corpus", str(corpus), "--cache-dir", str(cache),
                                 "--model", "blank", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[str]]:
    """A series, a cache built by every command, and each command's answer."""
    base = tmp_path_factory.mktemp("damage")
    folder = base / "corpus" / "demo"
    folder.mkdir(parents=True)
    for sid, text in TEXTS.items():
        (folder / f"{sid}.toml").write_text(f'id = "{sid}"\ndate = "{sid}"\ntitle = "T {sid}"\n')
        (folder / f"{sid}.txt").write_text(text + "\n")
    cache = base / "cache"
    answers = []
    for command in COMMANDS:
        code, out, err = run(folder, cache, *command)
        assert code == 0, err
        answers.append(out)
    assert sorted(p.name for p in cache.iterdir()) == sorted(FILES)
    return folder, cache, answers


def garbage_header(path: Path) -> None:
    with path.open("r+b") as f:
        f.write(b"\x5a" * 100)


def garbage_pages(path: Path) -> None:
    size = path.stat().st_size
    with path.open("r+b") as f:
        for offset in range(4096, size, 4096):  # every page after the first
            f.seek(offset)
            f.write(b"\xa5" * 64)


def truncated(path: Path) -> None:
    with path.open("r+b") as f:
        f.truncate(path.stat().st_size // 2 + 10)


def empty(path: Path) -> None:
    path.write_bytes(b"")


def other_format(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 99")
    db.close()


def bad_blobs(path: Path) -> None:
    table, columns = BLOBS[path.name]
    with sqlite3.connect(path) as db:
        for column in columns.split(", "):
            db.execute(f"UPDATE {table} SET {column} = x'0001020304'")
    db.close()


def empty_payloads(path: Path) -> None:
    table, columns = BLOBS[path.name]
    with sqlite3.connect(path) as db:
        for column in columns.split(", "):
            db.execute(f"UPDATE {table} SET {column} = ''")
    db.close()


DAMAGE = {f.__name__: f for f in (garbage_header, garbage_pages, truncated, empty, other_format,
                                  bad_blobs, empty_payloads)}
NOTED = {"garbage_header", "garbage_pages", "truncated", "other_format", "bad_blobs",
         "empty_payloads"}
"""The damage a command notices and says (an empty file is a new, empty database)."""


@pytest.mark.parametrize("damage", DAMAGE)
@pytest.mark.parametrize("name", FILES)
def test_a_damaged_cache_is_rebuilt_and_said(built: tuple[Path, Path, list[str]], tmp_path: Path,
                                             name: str, damage: str) -> None:
    folder, template, answers = built
    noted = False
    for command, answer in zip(COMMANDS, answers, strict=True):
        cache = tmp_path / f"cache-{command[0]}"
        shutil.copytree(template, cache)
        DAMAGE[damage](cache / name)
        code, out, err = run(folder, cache, *command)
        assert (code, out) == (0, answer), err
        assert "Traceback" not in err
        assert len([line for line in err.splitlines() if "damaged" in line]) <= 1, err
        noted = noted or "damaged" in err
        again = run(folder, cache, *command)  # rebuilt: answered without a note
        assert again == (0, answer, ""), again[2]
    assert noted == (damage in NOTED)
    if damage in NOTED - {"bad_blobs", "empty_payloads"}:
        assert any(".damaged-" in p.name for p in tmp_path.glob("cache-*/*"))  # not deleted


def test_a_crafted_snapshot_runs_nothing(make_series, tmp_path: Path) -> None:
    """The series snapshot is data: a pickle, a path out of the folder or a value of the wrong
    type in it is damage (the series is loaded from its files, with a note)."""
    folder = make_series({"2020-01-01": "First text.", "2021-01-01": "Second text."})
    marker = tmp_path / "ran"
    notes: list[str] = []
    loader = SnapshotLoader(tmp_path / "cache", notes.append)
    expected = load_series(folder)
    assert loader(folder) == expected
    (db_path,) = (tmp_path / "cache").glob("series-*.sqlite")

    class Payload:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (__import__("os").system, (f"touch {marker}",))

    good = sqlite3.connect(db_path).execute("SELECT payload FROM series").fetchone()[0]
    crafted = [pickle.dumps(Payload()),
               good.replace('"2020-01-01.toml"', '"../../../etc/passwd"'),
               good.replace('"2020-01-01.toml"', '["2020-01-01.toml"]'),
               good.replace('"Statement of 2020-01-01"', "1"),
               "[]", "null"]
    for payload in crafted:
        with sqlite3.connect(db_path) as db:
            db.execute("UPDATE series SET payload = ?", (payload,))
        db.close()
        notes.clear()
        assert loader(folder) == expected
        assert not marker.exists()
        assert len(notes) == 1 and "damaged" in notes[0], (payload, notes)
        assert loader(folder) == expected  # stored again
        assert len(notes) == 1


def test_crafted_listed_columns_are_damage(make_series, tmp_path: Path) -> None:
    """The columns the history commands read alone are checked as the rows are: a value of
    the wrong type or shape is damage (the series is loaded from its files, with a note)."""
    folder = make_series({"2020-01-01": "First text.", "2021-01-01": None})
    notes: list[str] = []
    loader = SnapshotLoader(tmp_path / "cache", notes.append)
    expected = loader.catalog(folder)
    listed = [(st.id, st.date, st.title) for st in expected.statements]
    assert loader.catalog(folder).has_text == (True, False)
    (db_path,) = (tmp_path / "cache").glob("series-*.sqlite")
    good = sqlite3.connect(db_path).execute("SELECT entries FROM series").fetchone()[0]
    crafted = [good.replace("true", "1"), good.replace('"2021-01-01"', "null", 1),
               good.replace("[", "{", 1), '[["2020-01-01"],[],[],[]]', "[]", "null",
               pickle.dumps(0)]
    for entries in crafted:
        with sqlite3.connect(db_path) as db:
            db.execute("UPDATE series SET entries = ?", (entries,))
        db.close()
        notes.clear()
        found = loader.catalog(folder)
        assert [(st.id, st.date, st.title) for st in found.statements] == listed
        assert found.has_text == (True, False)
        assert len(notes) == 1 and "damaged" in notes[0], (entries, notes)
        assert loader.catalog(folder).has_text == (True, False)  # stored again
        assert len(notes) == 1
    # the rows are read only for the whole series: damaged, or replaced meanwhile
    listed_again = loader.catalog(folder)
    with sqlite3.connect(db_path) as db:
        db.execute("UPDATE series SET payload = '[1]'")
    db.close()
    notes.clear()
    assert listed_again.full() == load_series(folder)
    assert len(notes) == 1 and "damaged" in notes[0]
    listed_again = loader.catalog(folder)
    with sqlite3.connect(db_path) as db:
        db.execute("UPDATE series SET stamp = 'another listing'")
    db.close()
    notes.clear()
    assert listed_again.full() == load_series(folder) and notes == []
