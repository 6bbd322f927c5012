"""Real processes at once on one corpus and cache, and processes killed midway (issue 11).

Every process is `python -m stmtdiff ... --model blank`. STMTDIFF_STRESS_ROUNDS and
STMTDIFF_KILL_TRIES make a longer run (defaults keep the suite short).
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROUNDS = int(os.environ.get("STMTDIFF_STRESS_ROUNDS", "1"))
KILL_TRIES = int(os.environ.get("STMTDIFF_KILL_TRIES", "4"))
WORDS = ("harbour", "fisheries", "lighthouse", "shipping", "tide", "pier", "ferry", "canal")


def text_of(i: int) -> str:
    """A made-up statement: two clauses per paragraph, 'harbour' from the third on."""
    word = WORDS[i % len(WORDS)]
    extra = " The harbour was named." if i >= 2 else ""
    return (f"Meeting {i}: the delegates spoke of the {word} at length. They agreed on {i} "
            f"points.{extra}\n\nA second paragraph about the {word} and trade {i}. It ends.\n")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus" / "port"
    folder.mkdir(parents=True)
    for i in range(12):
        sid = f"{2001 + i}-03-01"
        (folder / f"{sid}.toml").write_text(f'id = "{sid}"\ndate = "{sid}"\ntitle = "M {i}"\n')
        (folder / f"{sid}.txt").write_text(text_of(i))
    return folder


def stmtdiff(*args: str) -> list[str]:
    return [sys.executable, "-m", "stmtdiff", *args]


def start(args: list[str]) -> subprocess.Popen[str]:
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            stdin=subprocess.DEVNULL, start_new_session=True)


def query(corpus: Path, cache: Path, *args: str) -> list[str]:
    return stmtdiff(*args, "--corpus", str(corpus), "--cache-dir", str(cache), "--model", "blank")


def first_mention(corpus: Path, cache: Path) -> tuple[int, dict[str, object], str]:
    done = subprocess.run(query(corpus, cache, "first-mention", "harbour", "--json"),
                          capture_output=True, text=True, check=False)
    doc = json.loads(done.stdout) if done.returncode == 0 else {}
    return done.returncode, doc, done.stderr


def healthy(cache: Path) -> list[str]:
    """The cache files that fail SQLite's integrity check."""
    bad = []
    for path in cache.glob("*.sqlite"):
        db = sqlite3.connect(path)
        try:
            if db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                bad.append(path.name)
        finally:
            db.close()
    return bad


def test_eight_processes_at_once(corpus: Path, tmp_path: Path) -> None:
    """Indexing, first-mention, timeline, compare and add at once: every process answers
    rightly, nothing is lost."""
    base = tmp_path / "base-cache"
    code, expected, err = first_mention(corpus, base)
    assert code == 0, err
    compared = subprocess.run(query(corpus, base, "compare", "2003-03-01", "2004-03-01",
                                    "--json"), capture_output=True, text=True, check=True)
    added: dict[str, str] = {}
    for round_ in range(ROUNDS):
        cache = tmp_path / f"cache-{round_}"
        jobs = {}
        for n in range(2):
            sid = f"{2030 + 2 * round_ + n}-06-01"
            source = tmp_path / f"new-{sid}.txt"
            source.write_text(f"The new {sid} statement speaks of the harbour at {sid}.\n")
            added[sid] = f"{sid} statement speaks"
            jobs[f"add {sid}"] = start(stmtdiff("add", str(source), "--id", sid, "--title",
                                                f"Added {sid}", "--corpus", str(corpus)))
        for n in range(2):
            jobs[f"index {n}"] = start(query(corpus, cache, "index"))
            jobs[f"first-mention {n}"] = start(query(corpus, cache, "first-mention", "harbour",
                                                     "--json"))
        jobs["timeline"] = start(query(corpus, cache, "timeline", "harbour", "--json"))
        jobs["compare"] = start(query(corpus, cache, "compare", "2003-03-01", "2004-03-01",
                                      "--json"))
        assert len(jobs) == 8
        for name, proc in jobs.items():
            out, err = proc.communicate(timeout=600)
            assert "Traceback" not in err, (name, err)
            assert proc.returncode == 0, (name, err)
            if name.startswith("first-mention"):
                doc = json.loads(out)
                assert doc["first"] == expected["first"], name
            elif name == "compare":
                assert out == compared.stdout
        assert healthy(cache) == []
    for sid, words in added.items():
        assert words in (corpus / f"{sid}.txt").read_text()
        assert (corpus / f"{sid}.toml").is_file()
    assert not [p for p in corpus.iterdir() if ".part" in p.name]
    code, final, err = first_mention(corpus, tmp_path / "cache-0")
    assert (code, final["first"]) == (0, expected["first"]), err
    counted = {m["statement"] for m in final["mentions"]}  # type: ignore[attr-defined]
    assert set(added) <= counted


def test_killed_midway_leaves_a_usable_cache_and_corpus(corpus: Path, tmp_path: Path) -> None:
    """kill -9 after a random delay while indexing or adding; the next run answers rightly,
    the caches pass SQLite's integrity check, no .part file is listed."""
    base = tmp_path / "base-cache"
    code, expected, err = first_mention(corpus, base)
    assert code == 0, err
    rng = random.Random(11)
    cache = tmp_path / "cache"
    for n in range(KILL_TRIES):
        sid = f"{2040 + n}-06-01"
        source = tmp_path / f"new-{sid}.txt"
        source.write_text(f"A killed {sid} statement on the harbour, written in full.\n" * 40)
        if n % 2:
            proc = start(stmtdiff("add", str(source), "--id", sid, "--corpus", str(corpus)))
        else:
            proc = start(query(corpus, cache if n % 4 else tmp_path / f"fresh-{n}", "first-mention",
                               "harbour", "--json"))
        time.sleep(rng.uniform(0.3, 6.0))
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=60)
        assert healthy(cache) == []
        if n % 2:
            redo = subprocess.run(stmtdiff("add", str(source), "--id", sid, "--force", "--corpus",
                                           str(corpus)), capture_output=True, text=True,
                                  check=False)
            assert redo.returncode == 0, redo.stderr
            assert f"A killed {sid}" in (corpus / f"{sid}.txt").read_text()
        listed = subprocess.run(stmtdiff("list", "--corpus", str(corpus)), capture_output=True,
                                text=True, check=False)
        assert listed.returncode == 0 and ".part" not in listed.stdout, listed.stderr
        code, doc, err = first_mention(corpus, cache)
        assert "Traceback" not in err
        assert (code, doc["first"]) == (0, expected["first"]), err
        assert healthy(cache) == []
