"""Shared fixtures: an isolated cache and data dir per test, fixture series, the shared corpora."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, settings

if TYPE_CHECKING:
    from loopback import Loopback

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("STMTDIFF_SHARED", REPO.parent / "shared"))
CORPORA = SHARED / "corpora"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

MakeSeries = Callable[..., Path]

# hypothesis profiles of tests/test_fuzz.py: "ci" (the default) runs a few dozen examples per
# test; STMTDIFF_FUZZ=nightly runs 2,000 per reader test (a tenth of that through the command
# line), over 12,000 in all. No example database: nothing is written into the checkout.
_FUZZ = {"deadline": None, "database": None,
         "suppress_health_check": [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]}
settings.register_profile("ci", max_examples=30, **_FUZZ)
settings.register_profile("nightly", max_examples=2_000, **_FUZZ)
settings.load_profile(os.environ.get("STMTDIFF_FUZZ", "ci"))


@pytest.fixture(autouse=True)
def _isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the user's cache, data dir or environment settings."""
    base = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("STMTDIFF_CACHE_DIR", str(base / "cache"))
    monkeypatch.setenv("STMTDIFF_DATA_DIR", str(base / "data"))
    for name in ("STMTDIFF_CORPUS", "STMTDIFF_MODEL", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "100")


@pytest.fixture(scope="session")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One clause cache for the whole session, so each real text is parsed once."""
    return tmp_path_factory.mktemp("shared-cache")


@pytest.fixture(scope="session")
def corpora() -> Path:
    """../shared/corpora; the test is skipped where it is absent (a user's clone)."""
    if not CORPORA.is_dir():
        pytest.skip("../shared/corpora is not present")
    return CORPORA


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.fixture
def make_series(tmp_path: Path) -> MakeSeries:
    """Write a catalog series: make_series({"2020-01-01": "text" or None, ...}) -> its folder."""

    def make(texts: dict[str, str | None], name: str = "demo", root: Path | None = None) -> Path:
        folder = (root or tmp_path / "corpus") / name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "series.toml").write_text(f'name = "{name}"\ntitle = "Demo series"\n')
        for sid, text in texts.items():
            meta = (f"id = {_toml_string(sid)}\ndate = {_toml_string(sid[:10])}\n"
                    f"title = {_toml_string('Statement of ' + sid)}\n")
            (folder / f"{sid}.toml").write_text(meta, encoding="utf-8")
            if text is not None:
                (folder / f"{sid}.txt").write_text(textwrap.dedent(text).strip() + "\n",
                                                   encoding="utf-8")
        return folder

    return make


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Loopback]:
    """A real HTTP server on 127.0.0.1, no proxy, and fetch settings that do not wait between
    requests (test_fetch.py has its own, which also serves as the proxy for publisher hosts)."""
    from fetch_helpers import QUICK
    from loopback import serve

    for name in ("HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("stmtdiff.fetch.client.DEFAULT_CONFIG", QUICK)
    with serve() as srv:
        yield srv


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Run in an empty folder (no ./statements), so the corpus falls back to the data dir."""
    monkeypatch.chdir(tmp_path)
    yield tmp_path


Invoke = Callable[..., tuple[int, str, str]]


@pytest.fixture
def invoke() -> Invoke:
    """Run the command line in-process: invoke(*args, stdin=None) -> (exit code, stdout,
    stderr)."""
    from typer.testing import CliRunner

    from stmtdiff.cli import app

    runner = CliRunner()

    def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
        result = runner.invoke(app, list(args), input=stdin)
        return result.exit_code, result.stdout, result.stderr

    return run
