"""Sessions: tests, lint, typecheck (the default set), fuzz (the nightly fuzz run) and bench."""

from __future__ import annotations

from pathlib import Path

import nox

nox.options.sessions = ["tests", "lint", "typecheck"]
nox.options.reuse_existing_virtualenvs = True
nox.options.default_venv_backend = "venv"


@nox.session(python=False, name="tests-here")
def tests_here(session: nox.Session) -> None:
    """The tests in the current environment (after pip install -e '.[dev]')."""
    session.run("pytest", *session.posargs)


@nox.session
def tests(session: nox.Session) -> None:
    """The test suite, with integration tests over ../shared/corpora where present."""
    session.install("-e", ".[test,export]")
    session.run("pytest", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff over the sources and tests."""
    session.install("ruff")
    paths = [p for p in ("src", "tests", "noxfile.py", "benchmarks") if Path(p).exists()]
    session.run("ruff", "check", *paths)


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict over src/."""
    session.install("-e", ".", "mypy", "types-PyYAML", "types-regex")
    session.run("mypy", "--strict", "src")


@nox.session
def fuzz(session: nox.Session) -> None:
    """tests/test_fuzz.py with the nightly profile (over 12,000 generated inputs)."""
    session.install("-e", ".[test]")
    session.run("pytest", "tests/test_fuzz.py", "--hypothesis-show-statistics", *session.posargs,
                env={"STMTDIFF_FUZZ": "nightly"})


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmarks over ../shared/corpora: every benchmarks/bench_*.py, reported as ratios."""
    session.install("-e", ".[test]", "redlines")
    for script in sorted(Path("benchmarks").glob("bench_*.py")):
        session.run("python", str(script), *session.posargs)
