"""The speed goals of issue 13, each as a ratio from one paired run.

Every goal times whole processes (start-up included), ours and the reference interleaved round
by round (the order alternating), and reports the ratio of the two medians; a goal whose
reference tool is missing (ripgrep, redlines) is reported as skipped. Texts come from
../shared/corpora at run time and are written to a temporary folder (nothing is copied into
the repo):

- timeline-10k, first-mention-10k: the clearly synthetic 10,000-statement series of
  bench_history.py (recombined paragraphs), `stmtdiff timeline TERM` against `rg -i -c TERM`
  and `stmtdiff first-mention TERM` against `rg -i -l TERM`, warm, output into a pipe;
- fomc-warm: `stmtdiff compare previous latest --json` on the FOMC series against
  `redlines json` on the same two texts, warm (the series indexed);
- fomc-new: the series indexed without its latest statement, which then arrives: a cold
  compare of previous and latest (spaCy loads, B is parsed, the history is read from the
  cache) against a cold compare of the same two texts as a series of their own;
- index-jobs: `stmtdiff index --jobs 1` against `index --jobs 2` on the FOMC series, each from
  an empty cache (speed-up: one job's time over two jobs');
- pair-100k: a warm compare of a ~100k-word pair against five times that of a ~20k-word pair,
  both drawn the same way (paragraphs of the shared corpora in a seeded random order; B is A
  shifted by a few paragraphs with sentences deleted, inserted, changed and moved);
- ligature: warm text output against --json of the same ~3k-word pair whose B has one
  character outside the plain-text ranges (a "fi" ligature).

Usage: python benchmarks/bench_goals.py [--quick] [--runs N] [--keep DIR] [--statements N]
[--only GOAL]

--quick: the same goals at sizes a loaded 2-core machine runs in about ten minutes: 3 paired
runs, 2,000 statements for the history goals, a 20k-word pair against five times a 4k-word one
(the ratio is the same measure of growth, on a smaller pair), 1 run of index --jobs.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_compare import body, successor, write_series
from bench_history import STMTDIFF, paragraphs, write_corpus

REPO = Path(__file__).resolve().parents[1]
CORPORA = Path(os.environ.get("STMTDIFF_SHARED", REPO.parent / "shared")) / "corpora"
FOMC = CORPORA / "fomc"
G7 = CORPORA / "g7-leaders-statements"
BIN = Path(sys.executable).parent
TERMS = ("inflation", "maritime security", "Ukraine")
"""Terms of the 10k-statement goals: a common word, a phrase, a name."""


@dataclass(frozen=True)
class Goal:
    """A measured goal: our median, the reference's, and the target ratio."""

    name: str
    ours: str
    theirs: str
    ratio: float | None
    target: str
    met: bool | None
    detail: str = ""


@dataclass(frozen=True)
class Run:
    """One process: wall seconds and CPU seconds (user + system, from os.wait4)."""

    wall: float
    cpu: float

    def times(self, k: float) -> Run:
        return Run(self.wall * k, self.cpu * k)


def timed(cmd: Sequence[str], env: dict[str, str] | None = None) -> Run:
    """Wall and CPU seconds of one process, output discarded; exit codes 0 and 1 are success."""
    start = time.perf_counter()
    proc = subprocess.Popen(list(cmd), env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"failed ({code}): {' '.join(cmd)}\n"
                         f"{err.decode(errors='replace')[-2000:]}")
    return Run(elapsed, usage.ru_utime + usage.ru_stime)


def paired(ours: Callable[[], Run], theirs: Callable[[], Run], runs: int,
           prepare: Callable[[], None] | None = None) -> tuple[Run, Run]:
    """Medians (wall and CPU apart) of ours and theirs, run interleaved, the order alternating
    by round; prepare (untimed) runs before each timed run."""
    mine: list[Run] = []
    other: list[Run] = []
    for i in range(runs):
        for which in ((ours, mine), (theirs, other))[:: 1 if i % 2 == 0 else -1]:
            if prepare is not None:
                prepare()
            which[1].append(which[0]())
    return _median(mine), _median(other)


def _median(found: Sequence[Run]) -> Run:
    return Run(statistics.median(r.wall for r in found), statistics.median(r.cpu for r in found))


def within(name: str, ours: Run, theirs: Run, target: float, *, us: str, them: str,
           detail: str = "") -> Goal:
    """A goal met when ours / theirs <= target (wall time; the CPU ratio is shown beside it,
    steadier on a machine shared with other work)."""
    ratio = ours.wall / theirs.wall
    cpu = f"CPU {ours.cpu / theirs.cpu:.2f}x ({ours.cpu:.3f} / {theirs.cpu:.3f} s)"
    return Goal(name, f"{us} {ours.wall:.3f} s", f"{them} {theirs.wall:.3f} s", ratio,
                f"<= {target:g}x", ratio <= target, f"{cpu}; {detail}" if detail else cpu)


def stmtdiff_cmd(*args: str) -> list[str]:
    return [*STMTDIFF, *args]


# --- 10,000 statements -----------------------------------------------------------------------


def goals_10k(work: Path, n: int, runs: int) -> list[Goal]:
    corpus, cache = work / "corpus", work / "cache"
    if not corpus.exists():
        words = write_corpus(corpus, paragraphs(), n, 5)
        print(f"synthetic series: {n:,} statements, {words:,} words ({corpus})")
    base = [*STMTDIFF, "--corpus", str(corpus), "--cache-dir", str(cache), "--model", "blank"]
    cold = timed([*base, "first-mention", TERMS[0]])
    print(f"cold build of the term index (--model blank): {cold.wall:.1f} s")
    size = f"{n // 1000}k" if n >= 1000 else str(n)
    kinds = (("timeline", "-c", 3.0), ("first-mention", "-l", 1.5))
    if shutil.which("rg") is None:
        note = "ripgrep (rg) is not installed (apt-get install ripgrep): skipped"
        print(f"bench_goals: {note}")
        return [Goal(f"{command}-{size} vs rg -i {flag}", "-", "-", None, f"<= {target:g}x",
                     None, note) for command, flag, target in kinds]
    found = []
    for command, flag, target in kinds:
        ratios = []
        for term in TERMS:
            ours, theirs = paired(lambda c=command, t=term: timed([*base, c, t]),
                                  lambda t=term, f=flag: timed(["rg", "-i", f, t, str(corpus)]),
                                  runs)
            ratios.append((ours.wall / theirs.wall, ours, theirs, term))
        _, ours, theirs, term = statistics.median_low(ratios)
        each = ", ".join(f"{t} {r:.2f}x" for r, _, _, t in ratios)
        found.append(within(f"{command}-{size} vs rg -i {flag}", ours, theirs, target,
                            us=command, them=f"rg -i {flag}",
                            detail=f"median of {len(TERMS)} terms ({each})"))
    return found


# --- FOMC ------------------------------------------------------------------------------------


def fomc_series(root: Path, *, drop_latest: bool = False) -> Path:
    """A copy of the FOMC series (its .md files), without its latest statement if asked."""
    folder = root / "fomc"
    folder.mkdir(parents=True)
    files = sorted(FOMC.glob("*.md"))
    for path in files[:-1] if drop_latest else files:
        shutil.copy2(path, folder / path.name)
    return folder


def goal_fomc_warm(work: Path, runs: int) -> Goal:
    cache = work / "cache-fomc"
    env = {**os.environ, "STMTDIFF_CACHE_DIR": str(cache), "NO_COLOR": "1"}
    cmd = stmtdiff_cmd("--corpus", str(FOMC), "compare", "previous", "latest", "--json")
    timed(cmd, env)  # cold: parses the series
    files = sorted(FOMC.glob("*.md"))[-2:]
    texts = []
    for path in files:
        texts.append(work / f"{path.stem}.txt")
        texts[-1].write_text(body(path) + "\n", encoding="utf-8")
    red = shutil.which("redlines", path=str(BIN)) or shutil.which("redlines")
    if red is None:
        return Goal("fomc-warm compare vs redlines", "-", "-", None, "<= 1x", None,
                    "redlines is not installed (nox -s bench installs it)")
    ours, theirs = paired(lambda: timed(cmd, env),
                          lambda: timed([red, "json", *map(str, texts)], env), runs)
    return within("fomc-warm compare vs redlines", ours, theirs, 1.0, us="compare --json",
                  them="redlines json", detail=f"{files[0].stem} vs {files[1].stem}, "
                  f"{len(list(FOMC.glob('*.md'))) - 2} statements of history")


def goal_fomc_new(work: Path, runs: int) -> Goal:
    """A cold compare of a newly arrived statement against a cold compare of the two alone."""
    series = fomc_series(work / "fomc-new", drop_latest=True)
    indexed = work / "cache-fomc-new"
    timed(stmtdiff_cmd("--corpus", str(series), "--cache-dir", str(indexed), "index"))
    latest = sorted(FOMC.glob("*.md"))[-1]
    shutil.copy2(latest, series / latest.name)
    pair = work / "fomc-pair" / "fomc"
    pair.mkdir(parents=True)
    for path in sorted(FOMC.glob("*.md"))[-2:]:
        shutil.copy2(path, pair / path.name)
    cache = work / "cache-cold"
    empty = work / "cache-empty"

    def fresh() -> None:
        shutil.rmtree(cache, ignore_errors=True)
        shutil.rmtree(empty, ignore_errors=True)
        shutil.copytree(indexed, cache)

    ours, theirs = paired(
        lambda: timed(stmtdiff_cmd("--corpus", str(series), "--cache-dir", str(cache),
                                   "compare", "previous", "latest", "--json")),
        lambda: timed(stmtdiff_cmd("--corpus", str(pair), "--cache-dir", str(empty),
                                   "compare", "previous", "latest", "--json")),
        runs, prepare=fresh)
    return within("fomc-new cold compare vs the pair alone", ours, theirs, 1.1,
                  us="compare, history indexed", them="compare, 2-statement series",
                  detail="the latest statement arrives after `index`; both from an empty "
                  "clause cache for A and B")


def goal_index_jobs(work: Path, runs: int) -> Goal:
    name = "index --jobs 2 speed-up over --jobs 1"
    probe = subprocess.run(stmtdiff_cmd("index", "--help"), capture_output=True, text=True,
                           check=False)
    if "--jobs" not in probe.stdout:
        return Goal(name, "-", "-", None, ">= 1.7x", None, "index has no --jobs option yet")
    series = fomc_series(work / "fomc-jobs")
    caches = {jobs: work / f"cache-jobs-{jobs}" for jobs in (1, 2)}

    def run(jobs: int) -> Run:
        shutil.rmtree(caches[jobs], ignore_errors=True)
        return timed(stmtdiff_cmd("--corpus", str(series), "--cache-dir", str(caches[jobs]),
                                  "index", "--jobs", str(jobs)))

    one, two = paired(lambda: run(1), lambda: run(2), runs)
    speedup = one.wall / two.wall
    return Goal(name, f"--jobs 2 {two.wall:.2f} s", f"--jobs 1 {one.wall:.2f} s (CPU "
                f"{one.cpu:.1f} s)", speedup, ">= 1.7x",
                speedup >= 1.7, f"FOMC, 234 statements, empty cache; {os.cpu_count()} cores, "
                f"load average {os.getloadavg()[0]:.1f} at the end")


# --- large pairs -----------------------------------------------------------------------------


def drawn_pair(pool: Sequence[str], words: int, shift: int = 3) -> tuple[str, str]:
    """A: paragraphs of the pool (in its order) up to `words` words; B: A without its first
    `shift` paragraphs, with the next `shift` added, and edited as bench_compare's successor."""
    count, total = 0, 0
    while total < words and count < len(pool):
        total += len(pool[count].split())
        count += 1
    a = "\n\n".join(pool[:count]) + "\n"
    b = successor("\n\n".join(pool[shift:count + shift]), "\n".join(pool[count + shift:]))
    return a, b


def goal_pair_100k(work: Path, runs: int, small_words: int = 20_000) -> Goal:
    """A warm compare of a pair five times as long as another, against five times its time."""
    pool = paragraphs()
    random.Random(13).shuffle(pool)
    envs, cmds = {}, {}
    sizes = {"small": small_words, "big": 5 * small_words}
    for label, words in sizes.items():
        folder = write_series(work / f"pair-{label}", f"pair-{label}", *drawn_pair(pool, words))
        envs[label] = {**os.environ, "STMTDIFF_CACHE_DIR": str(work / f"cache-{label}")}
        cmds[label] = stmtdiff_cmd("compare", "2001", "2002", "--corpus", str(folder), "--json")
        timed(cmds[label], envs[label])  # cold: fills the cache
    big, small = paired(lambda: timed(cmds["big"], envs["big"]),
                        lambda: timed(cmds["small"], envs["small"]), runs)
    b, k = f"{sizes['big'] // 1000}k", f"{sizes['small'] // 1000}k"
    return within(f"pair-{b} warm compare vs 5 x pair-{k}", big, small.times(5), 1.25,
                  us=b, them=f"5 x {k}", detail=f"{k} pair {small.wall:.3f} s")


def goal_ligature(work: Path, runs: int) -> Goal:
    a = body(G7 / "2023-05-19.md")
    b = successor(a, body(G7 / "2023-12-06.md")).replace("fi", "\ufb01", 1)
    folder = write_series(work / "ligature", "ligature", a, b)
    env = {**os.environ, "STMTDIFF_CACHE_DIR": str(work / "cache-ligature"), "NO_COLOR": "1"}
    cmd = stmtdiff_cmd("compare", "2001", "2002", "--corpus", str(folder))
    timed([*cmd, "--json"], env)
    text, json = paired(lambda: timed(cmd, env), lambda: timed([*cmd, "--json"], env), runs)
    return within("text output with a ligature vs --json", text, json, 1.1, us="text",
                  them="--json", detail="G7 2023-05-19 and an edited successor, one U+FB01")


# --- report ----------------------------------------------------------------------------------


def report(goals: Sequence[Goal]) -> None:
    print("\nissue 13 goals (ratio of medians of paired, interleaved runs):")
    for g in goals:
        verdict = "skipped" if g.met is None else "met" if g.met else "NOT met"
        ratio = "-" if g.ratio is None else f"{g.ratio:.2f}x"
        print(f"  {g.name:<42} {ratio:>7}  target {g.target:<8} {verdict:<8} "
              f"({g.ours}; {g.theirs})")
        if g.detail:
            print(f"  {'':<42} {g.detail}")


def compile_bytecode() -> None:
    """Write the bytecode of stmtdiff's modules, as installing a wheel does."""
    import compileall

    import stmtdiff

    compileall.compile_dir(Path(stmtdiff.__file__).parent, quiet=1)


STEPS: dict[str, Callable[[Path, int], Goal]] = {
    "fomc-warm": goal_fomc_warm, "fomc-new": goal_fomc_new, "index-jobs": goal_index_jobs,
    "pair-100k": goal_pair_100k, "ligature": goal_ligature,
}
QUICK: dict[str, Callable[[Path, int], Goal]] = {
    **STEPS,
    "index-jobs": lambda work, runs: goal_index_jobs(work, 1),
    "pair-100k": lambda work, runs: goal_pair_100k(work, runs, 4_000),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, fewer runs")
    parser.add_argument("--runs", type=int)
    parser.add_argument("--statements", type=int)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument("--only", action="append", choices=[*STEPS, "10k"],
                        help="run only these goals (repeatable)")
    args, _ = parser.parse_known_args()
    args.runs = args.runs or (3 if args.quick else 5)
    args.statements = args.statements or (2_000 if args.quick else 10_000)
    steps = QUICK if args.quick else STEPS
    if not FOMC.is_dir() or not G7.is_dir():
        print(f"bench_goals: {CORPORA} is absent; skipped")
        return
    compile_bytecode()
    work = args.keep or Path(tempfile.mkdtemp(prefix="stmtdiff-bench-goals-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"bench_goals{' --quick' if args.quick else ''}: {args.runs} paired runs per goal, "
          f"{args.statements:,} statements, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}")
    goals: list[Goal] = []
    try:
        for name, step in steps.items():
            if not args.only or name in args.only:
                shutil.rmtree(work / name, ignore_errors=True)
                (work / name).mkdir()
                goals.append(step(work / name, args.runs))
                report(goals[-1:])
        if not args.only or "10k" in args.only:
            goals += goals_10k(work / "10k", args.statements, args.runs)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    report(goals)


if __name__ == "__main__":
    main()
