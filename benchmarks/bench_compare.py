"""Benchmark of `stmtdiff compare`, whole process, against the `redlines` CLI on the same texts.

Texts come from ../shared/corpora at run time and are written to a temporary corpus (nothing is
copied into the repo):

- pair-3k: a real G7 leaders' statement (~2.7k words) and a synthetic successor made from it
  (sentences deleted, sentences of a later statement inserted, words changed, sentences moved);
- pair-real: the same statement and the next long G7 statement (~5.1k words), unedited;
- pair-20k: all G7 statements but the last, concatenated (~20k words, clearly synthetic),
  against all but the first (its "successor"), with a few words changed.

Each command runs as its own process (start-up included). "cold" starts from an empty clause
cache (spaCy loads and parses both texts); "warm" reads the cache. Peak memory is the maximum
resident set size of the process (os.wait4). stmtdiff's bytecode is compiled first, as installing
a wheel does (redlines' was compiled when pip installed it); an editable install run under
PYTHONDONTWRITEBYTECODE would otherwise compile its modules again in every process (~0.03 s).
Usage: python benchmarks/bench_compare.py [REPEAT]
"""

from __future__ import annotations

import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPORA = Path(os.environ.get("STMTDIFF_SHARED", REPO.parent / "shared")) / "corpora"
G7 = CORPORA / "g7-leaders-statements"
BIN = Path(sys.executable).parent


def body(path: Path) -> str:
    """A corpus file's text without its front matter."""
    text = path.read_text(encoding="utf-8")
    return text.split("\n---\n", 1)[1].strip() if text.startswith("---\n") else text.strip()


def sentences(text: str) -> list[str]:
    return re.findall(r"[^.!?\n]+[.!?]?", text)


def successor(text: str, donor: str, seed: int = 7) -> str:
    """text with 5 sentences deleted, 5 of donor inserted, words changed in 5, 3 moved."""
    rng = random.Random(seed)
    paras = [p for p in text.split("\n") if p.strip()]
    extra = [s.strip() for s in sentences(donor) if len(s.split()) > 8]
    for _ in range(5):
        k = rng.randrange(len(paras))
        sents = sentences(paras[k])
        if len(sents) > 1:
            del sents[rng.randrange(len(sents))]
            paras[k] = "".join(sents).strip()
    for _ in range(5):
        k = rng.randrange(len(paras))
        paras[k] = paras[k] + " " + extra.pop(rng.randrange(len(extra)))
    for _ in range(5):
        k = rng.randrange(len(paras))
        paras[k] = re.sub(r"\b(strong|support|continue|work)\b", "firmly", paras[k], count=1)
    for _ in range(3):
        src, dst = rng.randrange(len(paras)), rng.randrange(len(paras))
        sents = sentences(paras[src])
        if len(sents) > 1 and abs(src - dst) > 1:
            moved = sents.pop()
            paras[src] = "".join(sents).strip()
            paras[dst] = paras[dst] + " " + moved.strip()
    return "\n\n".join(paras) + "\n"


def write_series(root: Path, name: str, a: str, b: str) -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "series.toml").write_text(f'name = "{name}"\ntitle = "benchmark"\n')
    for sid, text in (("2001-01-01", a), ("2002-01-01", b)):
        (folder / f"{sid}.toml").write_text(f'id = "{sid}"\ndate = "{sid}"\ntitle = "{name}"\n')
        (folder / f"{sid}.txt").write_text(text, encoding="utf-8")
    return folder


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err}")
    return elapsed, usage.ru_maxrss / 1024


def median_run(cmd: list[str], env: dict[str, str], repeat: int) -> tuple[float, float]:
    results = [run(cmd, env) for _ in range(repeat)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def in_process(folder: Path, cache: Path, repeat: int) -> float:
    """Median seconds of the work itself, in this process: cached clauses, compare, JSON."""
    from stmtdiff.cache.clauses import ClauseCache
    from stmtdiff.compare.comparison import compare
    from stmtdiff.corpus.series import load_series
    from stmtdiff.render.compare_json import compare_doc
    from stmtdiff.render.compare_view import build_compare_view
    from stmtdiff.render.json import dumps
    from stmtdiff.segment.pipeline import choose_pipeline
    from stmtdiff.workspace import segment_statements

    statements = load_series(folder).statements
    store = ClauseCache(cache)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        segs = segment_statements(statements, cache=store, choice=choose_pipeline(None))
        dumps(compare_doc(build_compare_view(compare(segs[0], segs[1], segs), everything=True)))
        times.append(time.perf_counter() - start)
    store.close()
    return statistics.median(times)


def redlines_in_process(folder: Path, repeat: int) -> float | None:
    try:
        from redlines import Redlines
    except ImportError:
        return None
    a, b = ((folder / f"{sid}.txt").read_text() for sid in ("2001-01-01", "2002-01-01"))
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        Redlines(a, b).output_json()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_pair(name: str, folder: Path, work: Path, repeat: int, redlines: bool) -> None:
    env = {**os.environ, "STMTDIFF_CACHE_DIR": str(work / f"cache-{name}"), "NO_COLOR": "1"}
    cmd = [str(BIN / "stmtdiff"), "compare", "2001", "2002", "--corpus", str(folder)]
    words = [len((folder / f"{sid}.txt").read_text().split()) for sid in ("2001-01-01",
                                                                          "2002-01-01")]
    cold, cold_mb = run([*cmd, "--json"], env)
    warm, warm_mb = median_run([*cmd, "--json"], env, repeat)
    term, _ = median_run(cmd, env, repeat)
    print(f"\n{name}: {words[0]:,} vs {words[1]:,} words")
    print(f"  stmtdiff compare --json, cold  {cold:6.2f} s   peak {cold_mb:6.0f} MB")
    print(f"  stmtdiff compare --json, warm  {warm:6.2f} s   peak {warm_mb:6.0f} MB")
    print(f"  stmtdiff compare (text), warm  {term:6.2f} s")
    own = in_process(folder, work / f"cache-{name}", repeat)
    print(f"  in process: cached clauses + compare + JSON {own:6.3f} s")
    red_own = redlines_in_process(folder, repeat) if redlines else None
    if red_own is not None:
        print(f"  in process: redlines Redlines(a, b).output_json() {red_own:6.3f} s")
    if redlines and shutil.which("redlines", path=str(BIN)):
        texts = [str(folder / "2001-01-01.txt"), str(folder / "2002-01-01.txt")]
        red, red_mb = median_run([str(BIN / "redlines"), "json", *texts], env, repeat)
        print(f"  redlines json                  {red:6.2f} s   peak {red_mb:6.0f} MB")
        print(f"  ratio redlines / stmtdiff warm {red / warm:6.2f}x   (stmtdiff / redlines "
              f"{warm / red:.2f}; text output {term / red:.2f})")
    elif redlines:
        print("  redlines: not installed (nox -s bench installs it)")


def compile_bytecode() -> None:
    """Write the bytecode of stmtdiff's modules, as installing a wheel does."""
    import compileall

    import stmtdiff

    compileall.compile_dir(Path(stmtdiff.__file__).parent, quiet=1)


def main() -> None:
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    if not G7.is_dir():
        print(f"bench_compare: {CORPORA} is absent; skipped")
        return
    compile_bytecode()
    files = sorted(G7.glob("*.md"))
    a3k, real_b = body(G7 / "2023-05-19.md"), body(G7 / "2023-12-06.md")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        pairs = [
            ("pair-3k", write_series(work / "c1", "pair-3k", a3k, successor(a3k, real_b)), True),
            ("pair-real", write_series(work / "c2", "pair-real", a3k, real_b), True),
            ("pair-20k", write_series(work / "c3", "pair-20k",
                                      "\n\n".join(body(f) for f in files[:-1]) + "\n",
                                      successor("\n\n".join(body(f) for f in files[1:]),
                                                body(files[0]))), False),
        ]
        print(f"bench_compare: {repeat} runs per warm figure (median), python {sys.version[:6]}")
        for name, folder, redlines in pairs:
            bench_pair(name, folder, work, repeat, redlines)


if __name__ == "__main__":
    main()
