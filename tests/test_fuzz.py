"""Fuzzing the readers and the command line with generated input (issue 11).

Every reader of the corpus (front matter, TOML metadata, Markdown series, texts), the id
resolver, the term parser and matcher, and the command line with generated options must either
succeed or raise a StmtdiffError (one `error:` line, exit 0/1/2/3): never another exception.
Nothing may be written outside the temporary folders.

The example counts come from the hypothesis profile (tests/conftest.py): "ci" by default, a
few dozen per test; STMTDIFF_FUZZ=nightly runs over 12,000 in all.
"""

from __future__ import annotations

import datetime as dt
import os
import string
import tempfile
from array import array
from collections.abc import Collection
from pathlib import Path
from typing import Any

import pytest
import tomli_w
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from stmtdiff.cache.terms import Form, Layout
from stmtdiff.cli import app
from stmtdiff.corpus.aliases import load_aliases
from stmtdiff.corpus.series import load_series, read_text, resolve
from stmtdiff.corpus.textfile import optional_front_matter, read_text_file, split_front_matter
from stmtdiff.errors import StmtdiffError
from stmtdiff.history.search import find, parse_term

REPO = Path(__file__).resolve().parents[1]

# -- generators --------------------------------------------------------------------------------

# text with what hostile files hold: controls, escapes, YAML/TOML syntax, surrogate-free unicode
HOSTILE_CHARS = st.sampled_from([*"\x00\x1b\x07\x7f\x9b\r\t\n\ufeff\u202e\u00ff",
                                 *"&*!|>-:#[]{}\"'\\;,.%@`~=", "---", "\n---\n", "2021-02-30"])
TEXTS = st.one_of(
    st.text(max_size=80),
    st.lists(st.one_of(HOSTILE_CHARS, st.text(string.printable, max_size=8)), max_size=30)
    .map("".join),
)
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), TEXTS,
    st.dates().map(dt.date.isoformat),
    st.builds(lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}", st.integers(0, 9999),
              st.integers(0, 13), st.integers(0, 32)),
)
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=12)
KEYS = st.sampled_from(["id", "date", "title", "source", "series", "place", "format",
                        "participants", "sources", "borderline", "notes"])
METAS = st.dictionaries(KEYS, VALUES, max_size=8)


def _mutated(draw: st.DrawFn, text: str) -> str:
    """The text with a few generated insertions and cuts."""
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(TEXTS) + text[at + draw(st.integers(0, 5)):]
    return text


@st.composite
def front_matters(draw: st.DrawFn) -> str:
    """A Markdown statement file: YAML front matter (often valid, then mutated) and a body."""
    meta = draw(METAS)
    try:
        block = yaml.safe_dump(meta, allow_unicode=True)
    except yaml.YAMLError:
        block = draw(TEXTS)
    text = f"---\n{block}---\n\n{draw(TEXTS)}\n"
    return _mutated(draw, text) if draw(st.booleans()) else text


@st.composite
def toml_files(draw: st.DrawFn) -> str:
    """A TOML metadata file (valid TOML of generated values, then maybe mutated)."""
    meta = {k: v for k, v in draw(METAS).items() if v is not None}
    try:
        text = tomli_w.dumps(_tomlable(meta))
    except (TypeError, ValueError):
        text = draw(TEXTS)
    return _mutated(draw, text) if draw(st.booleans()) else text


def _tomlable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _tomlable(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_tomlable(v) for v in value if v is not None]
    return value


IDS = st.one_of(TEXTS, st.sampled_from(["first", "latest", "previous", "2020", "2020-01",
                                        "2020-01-01", "2021", "../x", "2020/..", "aukus/2020"]))


def _series(folder: Path) -> Path:
    """A small good series to put generated files beside."""
    folder.mkdir(parents=True, exist_ok=True)
    for sid in ("2020-01-01", "2021-06-30"):
        (folder / f"{sid}.md").write_text(
            f"---\nid: {sid}\ndate: {sid}\ntitle: Statement {sid}\n---\n\n"
            "The ministers reviewed their common work on trade and security.\n"
            "They agreed to meet again next year.\n", encoding="utf-8")
    return folder


def _only_our_errors(call: Any, *args: Any) -> Any:
    try:
        return call(*args)
    except StmtdiffError:
        return None


# -- the readers ---------------------------------------------------------------------------------

@given(text=st.one_of(front_matters(), TEXTS))
def test_front_matter(text: str) -> None:
    _only_our_errors(split_front_matter, Path("x.md"), text)
    _only_our_errors(optional_front_matter, "x.md", text)


@given(text=front_matters(), name=st.sampled_from(["2022-01-01.md", "x.md", "2022-01-01-b.md"]))
def test_markdown_series(text: str, name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = _series(Path(tmp) / "s")
        (folder / name).write_text(text, encoding="utf-8", errors="surrogatepass")
        series = _only_our_errors(load_series, folder)
        assert series is not None  # the good statements are still read
        assert len(series.statements) + len(series.rejected) >= 2
        for statement in series.statements:
            _only_our_errors(read_text, statement)


@given(text=toml_files(), name=st.sampled_from(["2022-01-01.toml", "series.toml",
                                                "aliases.toml"]))
def test_toml_metadata(text: str, name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = _series(Path(tmp) / "s")
        (folder / name).write_text(text, encoding="utf-8", errors="surrogatepass")
        series = _only_our_errors(load_series, folder)
        if name == "2022-01-01.toml":
            assert series is not None
        _only_our_errors(load_aliases, folder)


@given(data=st.binary(max_size=200))
def test_text_bytes(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.txt"
        path.write_bytes(data)
        _only_our_errors(read_text_file, path)


@given(ident=IDS)
def test_ids(ident: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        series = load_series(_series(Path(tmp) / "s"))
        found = _only_our_errors(resolve, series, ident)
        assert found is None or found in series.statements


class _Texts:
    """A term source with one text and no index: regex and exact terms scan the text."""

    def __init__(self, text: str) -> None:
        self._text = text

    def forms(self, column: str, values: Collection[str]) -> list[Form]:
        return []

    def postings(self, form_ids: Collection[int]) -> dict[int, array[int]]:
        return {}

    def counts(self, form_ids: Collection[int]) -> dict[int, int]:
        return {}

    def layout(self, doc: int) -> Layout:
        raise AssertionError("not read by find")

    def text(self, doc: int) -> str:
        return self._text


@given(term=TEXTS, mode=st.sampled_from(["lemma", "word", "exact", "regex"]),
       case=st.booleans(), text=TEXTS)
def test_terms(term: str, mode: Any, case: bool, text: str) -> None:
    parsed = _only_our_errors(lambda: parse_term(term, mode, case_sensitive=case))
    if parsed is not None:
        found = _only_our_errors(find, [parsed], [1], _Texts(text))
        for spans in (found or {}).values():
            assert all(0 <= a < b for a, b in spans)


# -- the command line ----------------------------------------------------------------------------

runner = CliRunner()
OPTION_VALUES = st.one_of(TEXTS, st.sampled_from(["", "-", "..", "/", "blank", "0", "-1",
                                                  "99999999999999999999", "--json"]))
COMMANDS = st.sampled_from([
    ["list"], ["list", "--json"], ["show"], ["show", "--json"], ["aliases"],
    ["first-mention"], ["first-mention", "--regex"], ["first-mention", "--exact"],
    ["timeline"], ["timeline", "--format", "csv"], ["novel"], ["compare"],
    ["compare", "--format", "markdown"], ["add"], ["fetch"], ["index"],
])
FLAGS = st.lists(st.sampled_from(["--json", "--no-fetch", "--all", "--force", "--exact",
                                  "--case-sensitive", "--no-lemma", "--regex", "--help"]),
                 max_size=2)
NAMED = st.lists(st.tuples(st.sampled_from(["--series", "--id", "--title", "--alias",
                                            "--only", "--format", "--jobs", "--date"]),
                           OPTION_VALUES), max_size=2)


@pytest.fixture(scope="module")
def fuzz_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz-corpus")
    _series(root / "demo")
    (root / "demo" / "aliases.toml").write_text('[trade]\nterms = ["trade", "commerce"]\n')
    (root / "input.txt").write_text("The ministers agreed on new trade rules this year.\n")
    return root


@settings(max_examples=max(20, settings.default.max_examples // 10))
@given(command=COMMANDS, args=st.lists(st.one_of(IDS, OPTION_VALUES), max_size=3),
       flags=FLAGS, named=NAMED)
def test_command_line(fuzz_root: Path, command: list[str], args: list[str], flags: list[str],
                      named: list[tuple[str, str]]) -> None:
    assume(all("\x00" not in a for a in args) and all("\x00" not in v for _, v in named))
    before = _listing(REPO)
    argv = ["--no-pager", "--corpus", str(fuzz_root / "demo"), "--model", "blank",
            *command, *flags, *(x for pair in named for x in pair), "--", *args]
    if command == ["add"]:
        argv = [*argv[:-len(args) - 1], str(fuzz_root / "input.txt"), *args]
    cwd = os.getcwd()
    os.chdir(fuzz_root)
    try:
        result = runner.invoke(app, argv, env={"STMTDIFF_OFFLINE": "1", "NO_COLOR": "1"})
    finally:
        os.chdir(cwd)
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        (argv, repr(result.exception))
    assert result.exit_code in (0, 1, 2, 3), (argv, result.exit_code, result.output)
    assert "Traceback" not in result.output
    assert _listing(REPO) == before, argv


def _listing(folder: Path) -> set[str]:
    """The names in the checkout's top folder and its tests/ (what a stray write would add)."""
    return {p.name for p in folder.iterdir()} | {p.name for p in (folder / "tests").iterdir()}
