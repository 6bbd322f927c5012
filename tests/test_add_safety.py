"""add and the corpus writers under races, odd input and failures (issue 11): one winner per id,
no lost, orphan or partial file, modes kept, valid TOML, one-line errors."""

from __future__ import annotations

import hashlib
import io
import json
import os
import stat
import subprocess
import sys
import threading
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from fetch_helpers import leftovers, write_statement
from stmtdiff.cli import app
from stmtdiff.corpus.series import load_series
from stmtdiff.corpus.write import write_metadata, write_text
from stmtdiff.errors import InputError
from stmtdiff.fetch.add import Added, add_text
from stmtdiff.model import Source

runner = CliRunner()
SRC = Path(__file__).resolve().parents[1] / "src"


def text_of(n: int) -> str:
    return f"Joint Statement {n}\n\nThe partners met for the {n}th time and agreed again.\n"


def sha256(data: str) -> str:
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


@pytest.fixture
def series(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus" / "demo"
    write_statement(folder, "2021-03-16")
    return folder


def invoke(*args: str, stdin: str = "") -> tuple[int, str]:
    result = runner.invoke(app, list(args), input=stdin)
    return result.exit_code, result.stderr


def assert_whole(folder: Path) -> None:
    """Every text has its metadata and provenance, and the provenance is of that text."""
    names = {p.name for p in folder.iterdir()}
    assert not [n for n in names if n.endswith(".part")], names
    for txt in folder.glob("*.txt"):
        assert txt.with_suffix(".toml").is_file(), f"orphan text {txt.name}"
        record = json.loads(txt.with_name(txt.stem + ".provenance.json").read_text())
        assert record["text_sha256"] == sha256(txt.read_text(encoding="utf-8"))
    for prov in folder.glob("*.provenance.json"):
        assert (folder / prov.name.replace(".provenance.json", ".txt")).is_file()


# ---------------------------------------------------------------------------------------------
# Races


def slow_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    """A slow disk: every fsync takes a while, so that two writers overlap."""
    real = os.fsync

    def fsync(fd: int) -> None:
        time.sleep(0.2)
        real(fd)

    monkeypatch.setattr("stmtdiff.corpus.write.os.fsync", fsync)


def race(*jobs: Callable[[], Added]) -> list[Added | InputError]:
    """Run the jobs at once in threads; what each returned or raised."""
    outcomes: list[Added | InputError] = [InputError("not run")] * len(jobs)
    start = threading.Barrier(len(jobs))

    def run(i: int) -> None:
        start.wait()
        try:
            outcomes[i] = jobs[i]()
        except InputError as exc:
            outcomes[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_two_adds_of_the_same_new_id_one_wins_on_a_slow_disk(
        series: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    slow_fsync(monkeypatch)
    loaded = load_series(series)  # both see no 2022-01-07 yet

    def adder(n: int) -> Callable[[], Added]:
        return lambda: add_text("-", series=loaded, sid="2022-01-07", title=f"Title {n}",
                                stdin=io.BytesIO(text_of(n).encode()), fmt="text")

    outcomes = race(adder(1), adder(2))
    won = [i + 1 for i, o in enumerate(outcomes) if isinstance(o, Added)]
    lost = [o for o in outcomes if isinstance(o, InputError)]
    assert len(won) == 1 and len(lost) == 1, outcomes
    assert "exists already" in lost[0].message or "has a text already" in lost[0].message
    assert (series / "2022-01-07.txt").read_text() == text_of(won[0])
    assert tomllib.loads((series / "2022-01-07.toml").read_text())["title"] == f"Title {won[0]}"
    assert_whole(series)


def test_two_texts_for_the_same_statement_one_wins_on_a_slow_disk(
        series: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    slow_fsync(monkeypatch)
    meta = series / "2021-03-16.toml"

    def writer(n: int) -> Callable[[], Path]:
        return lambda: write_text(meta, text_of(n), {"text_sha256": sha256(text_of(n))})

    outcomes = race(writer(1), writer(2))  # type: ignore[arg-type]
    won = [i + 1 for i, o in enumerate(outcomes) if not isinstance(o, InputError)]
    assert len(won) == 1, outcomes
    assert (series / "2021-03-16.txt").read_text() == text_of(won[0])
    assert_whole(series)


def test_a_failed_add_removes_only_the_metadata_it_created(
        series: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    meta = series / "2022-01-07.toml"

    def another_process_then_full_disk(meta_path: Path, *args: Any, **kwargs: Any) -> Path:
        meta_path.unlink()  # another add --force or an editor puts its own file there
        meta_path.write_text('id = "2022-01-07"\ndate = "2022-01-07"\ntitle = "Theirs"\n')
        raise InputError(f"{meta_path}: cannot write: No space left on device")

    monkeypatch.setattr("stmtdiff.fetch.add.write_text", another_process_then_full_disk)
    with pytest.raises(InputError, match="No space left"):
        add_text("-", series=load_series(series), sid="2022-01-07", title="Ours",
                 stdin=io.BytesIO(text_of(1).encode()), fmt="text")
    assert tomllib.loads(meta.read_text())["title"] == "Theirs"


def test_a_failed_add_removes_the_metadata_it_created(
        series: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_replace = os.replace

    def full_disk(src: str, dst: str) -> None:
        if str(dst).endswith(".provenance.json"):
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr("stmtdiff.corpus.write.os.replace", full_disk)
    code, err = invoke("add", "-", "--id", "2022-01-07", "--corpus", str(series),
                       stdin=text_of(1))
    assert code == 2 and err.startswith("error: ") and "No space left on device" in err
    assert leftovers(series) == [] and not (series / "2022-01-07.toml").exists()


def waiting_on_stdin(procs: list[subprocess.Popen[bytes]], patience: float = 30.0) -> None:
    """Wait until every process blocks reading its standard input (or patience runs out)."""
    until = time.monotonic() + patience
    while time.monotonic() < until:
        try:
            if all("pipe" in Path(f"/proc/{p.pid}/wchan").read_text() for p in procs):
                return
        except OSError:
            return  # no /proc: the processes still race, less tightly
        time.sleep(0.05)


def add_processes(series: Path, ids: list[str]) -> list[tuple[int, str]]:
    """Start `add -` for each id at once, let them all read the series, then feed their
    standard input together: (exit code, stderr) of each."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get(
        "PYTHONPATH", "")])}
    procs = [subprocess.Popen(
        [sys.executable, "-m", "stmtdiff", "add", "-", "--id", sid, "--title", f"Title {n}",
         "--format", "text", "--corpus", str(series)],
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        for n, sid in enumerate(ids)]
    waiting_on_stdin(procs)
    for n, proc in enumerate(procs):
        assert proc.stdin is not None
        proc.stdin.write(text_of(n).encode())
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.close()
    return [(proc.wait(timeout=120), proc.stderr.read().decode() if proc.stderr else "")
            for proc in procs]


ROUNDS = int(os.environ.get("STMTDIFF_RACE_ROUNDS", "2"))


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_eight_processes_adding_at_once_lose_nothing(series: Path, round_: int) -> None:
    ids = ["2022-01-07"] * 4 + ["2022-02-01", "2022-02-02", "2022-02-03", "2022-02-04"]
    outcomes = add_processes(series, ids)
    for code, err in outcomes:
        assert "Traceback" not in err and code in (0, 2), err
    same = outcomes[:4]
    winners = [n for n, (code, _) in enumerate(same) if code == 0]
    assert len(winners) == 1, same
    for n, (_code, err) in enumerate(same):
        if n != winners[0]:
            assert len(err.splitlines()) == 1 and err.startswith("error: "), err
            assert "exists already" in err or "has a text already" in err, err
    assert [code for code, _ in outcomes[4:]] == [0, 0, 0, 0], outcomes[4:]
    assert (series / "2022-01-07.txt").read_text() == text_of(winners[0])
    title = tomllib.loads((series / "2022-01-07.toml").read_text())["title"]
    assert title == f"Title {winners[0]}"
    for n, sid in enumerate(ids[4:], start=4):
        assert (series / f"{sid}.txt").read_text() == text_of(n)
    assert_whole(series)
    assert len(load_series(series).statements) == 6


# ---------------------------------------------------------------------------------------------
# Modes and temporary files


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("before", [0o644, 0o640, 0o664])
def test_a_replaced_text_keeps_its_mode(series: Path, before: int) -> None:
    meta = series / "2021-03-16.toml"
    write_text(meta, "Old text.\n", {})
    for path in (series / "2021-03-16.txt", series / "2021-03-16.provenance.json"):
        path.chmod(before)
    write_text(meta, "New text.\n", {}, force=True)
    assert mode(series / "2021-03-16.txt") == before
    assert mode(series / "2021-03-16.provenance.json") == before


def test_new_files_get_the_umask_default(series: Path) -> None:
    old = os.umask(0o027)
    try:
        write_text(series / "2021-03-16.toml", "A text.\n", {})
        meta = write_metadata(series, "2022-01-07", "T")
    finally:
        os.umask(old)
    assert mode(series / "2021-03-16.txt") == 0o640
    assert mode(series / "2021-03-16.provenance.json") == 0o640
    assert mode(meta) == 0o640


def test_stale_temporary_files_are_cleaned_and_never_listed(series: Path) -> None:
    stale = series / ".2021-03-16.txt.k2j4h5.part"
    stale_meta = series / ".2022-01-07.toml.x8y9z0.part"
    fresh = series / ".2021-03-16.txt.a1b2c3.part"  # another writer, at work right now
    for path in (stale, stale_meta, fresh):
        path.write_text("half a text")
    hours_ago = time.time() - 7200
    os.utime(stale, (hours_ago, hours_ago))
    os.utime(stale_meta, (hours_ago, hours_ago))
    listed = runner.invoke(app, ["list", "--corpus", str(series)])
    assert listed.exit_code == 0 and ".part" not in listed.stdout
    assert [s.id for s in load_series(series).statements] == ["2021-03-16"]
    write_text(series / "2021-03-16.toml", "A text.\n", {})
    assert not stale.exists() and not stale_meta.exists() and fresh.exists()


# ---------------------------------------------------------------------------------------------
# Odd input: one-line errors, nothing written


@pytest.mark.parametrize("title", ["A\x7fB", 'Quotes " and \\ backslash', "Two\nlines\ttab",
                                   "\x1b[31mred\x1b[0m", "\u2028 sep"])
def test_any_title_is_written_as_valid_toml(series: Path, title: str) -> None:
    meta = write_metadata(series, "2022-01-07", title,
                          Source(url='http://example.org/a"b', format="html"))
    data = tomllib.loads(meta.read_text(encoding="utf-8"))
    assert data["title"] == title and data["sources"][0]["url"] == 'http://example.org/a"b'
    assert [s.id for s in load_series(series).statements] == ["2021-03-16", "2022-01-07"]


def test_a_title_with_del_added_through_the_cli_keeps_the_series_readable(series: Path) -> None:
    code, err = invoke("add", "-", "--id", "2022-01-07", "--title", "Joint\x7fStatement",
                       "--corpus", str(series), stdin=text_of(1))
    assert code == 0, err
    assert load_series(series).statements[-1].title == "Joint\x7fStatement"


def run_cli(*args: str | bytes, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get(
        "PYTHONPATH", "")])}
    return subprocess.run([sys.executable, "-m", "stmtdiff", *args], input=stdin,
                          capture_output=True, env=env, timeout=120, check=False)


def test_a_title_that_is_not_utf8_is_a_one_line_error(series: Path) -> None:
    done = run_cli("add", "-", "--id", "2022-01-07", "--title", b"\xff", "--corpus",
                   str(series), stdin=text_of(1).encode())
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 2, err
    assert err == "error: --title is not valid UTF-8 (give the title as UTF-8 text)\n"
    assert leftovers(series) == [] and not (series / "2022-01-07.toml").exists()


@pytest.mark.parametrize(("option", "value"), [("--series", "x\n"), ("--id", "2022-01-07\n"),
                                               ("--series", "ok\nbad")])
def test_a_trailing_newline_names_nothing(tmp_path: Path, option: str, value: str) -> None:
    root = tmp_path / "corpus"
    write_statement(root / "demo", "2021-03-16")
    args = ["add", "-", "--corpus", str(root), "--title", "T"]
    args += [option, value] + (["--id", "2022-01-07"] if option == "--series" else
                               ["--series", "demo"])
    code, err = invoke(*args, stdin=text_of(1))
    assert code == 2 and err.startswith("error: ") and len(err.splitlines()) == 1, err
    assert sorted(p.name for p in root.iterdir()) == ["demo"]
    assert leftovers(root / "demo") == []
    assert sorted(p.name for p in (root / "demo").iterdir()) == ["2021-03-16.toml",
                                                                 "series.toml"]


def test_an_unparsable_url_is_a_one_line_error(series: Path) -> None:
    code, err = invoke("add", "http://[::1", "--id", "2022-01-07", "--corpus", str(series))
    assert code == 2
    assert err == "error: http://[::1: not a valid URL (Invalid IPv6 URL)\n"
    assert leftovers(series) == [] and not (series / "2022-01-07.toml").exists()


def test_a_read_only_corpus_is_a_one_line_error(series: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = os.open

    def read_only(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if str(path).startswith(str(series)) and flags & (os.O_WRONLY | os.O_RDWR):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr("stmtdiff.corpus.write.os.open", read_only)
    code, err = invoke("add", "-", "--id", "2022-01-07", "--corpus", str(series),
                       stdin=text_of(1))
    assert code == 2, err
    assert err == f"error: {series / '2022-01-07.toml'}: cannot write: Permission denied\n"
    assert leftovers(series) == [] and not (series / "2022-01-07.toml").exists()
    code, err = invoke("add", "-", "--id", "2021-03-16", "--corpus", str(series),
                       stdin=text_of(1))
    assert code == 2, err
    assert err == f"error: {series / '2021-03-16.txt'}: cannot write: Permission denied\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_is_a_one_line_error(series: Path) -> None:
    series.chmod(0o555)
    try:
        code, err = invoke("add", "-", "--id", "2022-01-07", "--corpus", str(series),
                           stdin=text_of(1))
    finally:
        series.chmod(0o755)
    assert code == 2 and err.startswith("error: ") and "Permission denied" in err
