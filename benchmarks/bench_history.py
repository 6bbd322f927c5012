"""Benchmark: first-mention over a synthetic 10,000-statement series, against ripgrep.

The corpus is clearly synthetic: statements of 2-5 paragraphs drawn at random (seeded) from the
series of ../shared/corpora, written at run time to a temporary folder (never committed) as a
catalog series whose titles say "synthetic". The script

1. measures spaCy throughput on a sample (full pipeline, lemmas only, blank tokenizer), which is
   what decides how the index is built at this scale;
2. builds the clause cache and the term index with ``--model blank`` (cold first-mention) and
   reports the build time and the index size;
3. times warm ``stmtdiff first-mention TERM`` (a fresh process each run, output discarded) and
   ``rg -i -l TERM`` over the same folder in the same run, and reports medians and ratios.

Usage: python benchmarks/bench_history.py [--statements N] [--keep DIR] [--runs N]
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
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPORA = Path(os.environ.get("STMTDIFF_SHARED", REPO.parent / "shared")) / "corpora"
TERMS = ("alliance", "inflation", "Ukraine", "maritime security", "labor market",
         "nuclear", "Taiwan Strait")
SAMPLE_WORDS = 20_000
MIN_WORDS = 30
_SCRIPT = Path(sys.executable).parent / "stmtdiff"
STMTDIFF = [str(_SCRIPT)] if _SCRIPT.is_file() else \
    [sys.executable, "-c", "from stmtdiff.cli import main; main()"]


def paragraphs() -> list[str]:
    """Every paragraph of MIN_WORDS words or more of the shared corpora."""
    from stmtdiff.corpus.series import load_series, read_text, series_dirs

    found = []
    for folder in series_dirs(CORPORA):
        for st in load_series(folder).statements:
            found += [p.strip() for p in read_text(st).split("\n\n")
                      if len(p.split()) >= MIN_WORDS and not p.lstrip().startswith("#")]
    return found


def write_corpus(folder: Path, pool: list[str], n: int, seed: int) -> int:
    """n synthetic statements in folder; the number of words written."""
    rng = random.Random(seed)
    series = folder / "synthetic-bench"
    series.mkdir(parents=True)
    (series / "series.toml").write_text(
        'name = "synthetic-bench"\ntitle = "SYNTHETIC benchmark corpus: recombined paragraphs, '
        'not real statements"\n', encoding="utf-8")
    words = 0
    for i in range(n):
        sid = time.strftime("%Y-%m-%d", time.gmtime(86400 * (3651 + i)))
        text = "\n\n".join(rng.sample(pool, rng.randint(2, 5)))
        words += len(text.split())
        (series / f"{sid}.toml").write_text(
            f'id = "{sid}"\ndate = "{sid}"\ntitle = "Synthetic statement {i + 1} '
            f'(recombined paragraphs, not a real statement)"\n', encoding="utf-8")
        (series / f"{sid}.txt").write_text(text + "\n", encoding="utf-8")
    return words


def throughput(pool: list[str]) -> dict[str, float]:
    """Words per second of three ways to get tokens out of spaCy, on a sample."""
    import spacy

    sample, words = [], 0
    for p in pool:
        sample.append(p)
        words += len(p.split())
        if words >= SAMPLE_WORDS:
            break
    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    from stmtdiff.segment.pipeline import choose_pipeline

    model = choose_pipeline(None).name
    full = spacy.load(model)
    lemmas = spacy.load(model, exclude=["parser", "ner"])
    rates = {}
    for name, nlp in (("full pipeline (tagger, parser, ner, lemmatizer)", full),
                      ("lemmas only (tok2vec, tagger, attribute_ruler, lemmatizer)", lemmas),
                      ("blank tokenizer + sentencizer", blank)):
        start = time.perf_counter()
        for _ in nlp.pipe(sample):
            pass
        rates[name] = words / (time.perf_counter() - start)
    return rates


def stmtdiff(corpus: Path, cache: Path, *args: str) -> float:
    """Seconds one stmtdiff process takes (output discarded)."""
    start = time.perf_counter()
    subprocess.run([*STMTDIFF, "--corpus", str(corpus),
                    "--cache-dir", str(cache), "--model", "blank", *args],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def ripgrep(corpus: Path, term: str) -> float:
    """Seconds `rg -i -l TERM` takes over the corpus."""
    start = time.perf_counter()
    subprocess.run(["rg", "-i", "-l", term, str(corpus)], stdout=subprocess.DEVNULL,
                   check=False)
    return time.perf_counter() - start


def median(fn: object, runs: int) -> float:
    assert callable(fn)
    return statistics.median(fn() for _ in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument("--skip-throughput", action="store_true")
    args, _ = parser.parse_known_args()
    if not CORPORA.is_dir():
        print(f"bench_history: skipped, {CORPORA} is not present")
        return
    work = args.keep or Path(tempfile.mkdtemp(prefix="stmtdiff-bench-history-"))
    try:
        run(work, args)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


def run(work: Path, args: argparse.Namespace) -> None:
    corpus, cache = work / "corpus", work / "cache"
    pool = paragraphs()
    if not corpus.exists():
        words = write_corpus(corpus, pool, args.statements, args.seed)
        print(f"synthetic corpus: {args.statements} statements, {words:,} words, "
              f"from {len(pool)} paragraphs of ../shared/corpora ({corpus})")
    if not args.skip_throughput:
        for name, rate in throughput(pool).items():
            print(f"spaCy {name}: {rate:,.0f} words/s")
    build = stmtdiff(corpus, cache, "first-mention", TERMS[0])
    index_mb = sum(p.stat().st_size for p in cache.glob("terms-*")) / 1e6
    clauses_mb = sum(p.stat().st_size for p in cache.glob("clauses-*")) / 1e6
    print(f"cold build (segment with --model blank + index): {build:.1f} s; "
          f"term index {index_mb:.1f} MB, clause cache {clauses_mb:.1f} MB")
    report_warm(corpus, cache, args.runs)


def compile_bytecode() -> None:
    """Write the bytecode of stmtdiff's modules, as installing a wheel does: an editable install
    run with PYTHONDONTWRITEBYTECODE set compiles every module again in every process."""
    import compileall

    import stmtdiff

    compileall.compile_dir(Path(stmtdiff.__file__).parent, quiet=1)
    print("bytecode of stmtdiff's modules compiled (as a wheel install does)")


def report_warm(corpus: Path, cache: Path, runs: int) -> None:
    compile_bytecode()
    have_rg = shutil.which("rg") is not None
    if not have_rg:
        print("ripgrep (rg) is not installed: warm times only, no ratio "
              "(apt-get install ripgrep)")
    startup = median(_python_startup, runs)
    print(f"fixed start-up (python, import stmtdiff.cli, typer and its parameter layer): "
          f"{startup:.3f} s")
    print(f"{'term':<18} {'first-mention':>13} {'minus start-up':>14} {'rg -i -l':>9} "
          f"{'ratio':>6} {'ratio w/o start-up':>18}")
    ratios: list[tuple[float, float]] = []
    for term in TERMS:
        ours = median(lambda t=term: stmtdiff(corpus, cache, "first-mention", t), runs)
        if not have_rg:
            print(f"{term:<18} {ours:>12.3f}s {ours - startup:>13.3f}s")
            continue
        theirs = median(lambda t=term: ripgrep(corpus, t), runs)
        ratios.append((ours / theirs, (ours - startup) / theirs))
        print(f"{term:<18} {ours:>12.3f}s {ours - startup:>13.3f}s {theirs:>8.3f}s "
              f"{ratios[-1][0]:>5.1f}x {ratios[-1][1]:>17.1f}x")
    if ratios:
        print(f"median ratio first-mention / rg: {statistics.median(r[0] for r in ratios):.2f}x "
              f"(without the fixed start-up: {statistics.median(r[1] for r in ratios):.2f}x)")


def _python_startup() -> float:
    start = time.perf_counter()
    probe = ("import stmtdiff.cli\nimport typer\ntry:\n    import typer._adapters\n"
             "except ImportError:\n    pass\n")
    subprocess.run([sys.executable, "-c", probe], check=True)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
