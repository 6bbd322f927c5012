"""The layers, read from the import statements of src/stmtdiff (function-local ones included).

The data walks down only: cli -> workspace -> the core packages; render is reached from cli
alone; spaCy stays behind one adapter module.
"""

from __future__ import annotations

import ast
import sys
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "stmtdiff"
CORE = ("corpus", "fetch", "segment", "cache", "compare", "history", "model", "errors", "words")
CLI_MAY_IMPORT = ("stmtdiff.cli", "stmtdiff.workspace", "stmtdiff.history_workspace",
                  "stmtdiff.render", "stmtdiff.errors", "stmtdiff.model")
PACKAGE_ROOT = ("stmtdiff", "stmtdiff.__version__")
"""The package root holds only the version (stmtdiff --version)."""
CLI_THIRD_PARTY = ("typer", "click")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, frozenset[str]]:
    """Every module of the package -> the modules it imports (anywhere in its body)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = module_name(path)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found[name] = frozenset(imported(ast.parse(path.read_text(encoding="utf-8")), package))
    return found


def imported(tree: ast.AST, package: str) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, *([base] if base else [])])
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)  # from pkg import mod
    return names


def within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def of_layer(layer: str) -> dict[str, frozenset[str]]:
    prefix = f"stmtdiff.{layer}"
    return {m: deps for m, deps in modules().items() if within(m, (prefix,))}


def own(deps: frozenset[str]) -> set[str]:
    """The stmtdiff modules among the imports (a `from stmtdiff.x import name` counts as x)."""
    known = modules().keys()
    return {d for d in deps if d in known or (d.startswith("stmtdiff.") and
                                              d.rpartition(".")[0] in known)}


def test_the_package_is_read() -> None:
    assert {"stmtdiff.cli.compare", "stmtdiff.workspace", "stmtdiff.segment.parse"} <= \
        modules().keys()


def test_cli_imports_only_the_workspace_render_errors_and_model() -> None:
    for name, deps in of_layer("cli").items():
        wrong = sorted(d for d in own(deps) if not within(d, CLI_MAY_IMPORT)
                       and d not in PACKAGE_ROOT)
        assert not wrong, f"{name} imports {wrong}"
        roots = {d.split(".")[0] for d in deps if d}
        foreign = sorted(roots - {"stmtdiff", "__future__", *CLI_THIRD_PARTY}
                         - set(sys.stdlib_module_names))
        assert not foreign, f"{name} imports {foreign}"


@pytest.mark.parametrize("layer", CORE)
def test_the_core_never_imports_cli_render_or_workspace(layer: str) -> None:
    banned = ("stmtdiff.cli", "stmtdiff.render", "stmtdiff.workspace", "stmtdiff.history_workspace")
    for name, deps in of_layer(layer).items():
        wrong = sorted(d for d in deps if within(d, banned))
        assert not wrong, f"{name} imports {wrong}"


def test_render_never_imports_cli_or_workspace() -> None:
    for name, deps in of_layer("render").items():
        wrong = sorted(d for d in deps if within(d, ("stmtdiff.cli", "stmtdiff.workspace",
                                                            "stmtdiff.history_workspace")))
        assert not wrong, f"{name} imports {wrong}"


def test_spacy_is_imported_in_one_module() -> None:
    users = sorted(m for m, deps in modules().items() if any(within(d, ("spacy",))
                                                              for d in deps))
    assert users == ["stmtdiff.segment.parse"]


def test_a_function_local_import_is_seen() -> None:
    tree = ast.parse("def f():\n    from stmtdiff.cli import app\n    import spacy\n")
    assert {"stmtdiff.cli", "stmtdiff.cli.app", "spacy"} <= imported(tree, "stmtdiff.x")


def test_a_warm_compare_imports_none_of_the_fenced_libraries(make_series, tmp_path: Path,
                                                              ) -> None:
    """spaCy, rich and the network side (httpx, the extractors, the fetch client) stay behind
    their fences when a comparison is read from the cache and written as JSON or plain text;
    nor does compare import the series-wide side (the history workspace, the term index, the
    history searches, novel, the export)."""
    import os
    import subprocess

    text = "The partners met in the capital. They agreed on trade.\n"
    folder = make_series({"2020-01-01": text, "2021-01-01": text.replace("trade", "energy")})
    env = {**os.environ, "STMTDIFF_CACHE_DIR": str(tmp_path / "cache"),
           "PYTHONPATH": str(PACKAGE.parent)}
    fenced = ("spacy", "rich", "httpx", "trafilatura", "lxml", "pypdf", "stmtdiff.fetch.bounded",
              "stmtdiff.fetch.client", "stmtdiff.fetch.add", "stmtdiff.fetch.extract",
              "stmtdiff.history_workspace", "stmtdiff.cache.terms", "stmtdiff.history.search",
              "stmtdiff.history.novel", "stmtdiff.cache.export")
    probe = ("import sys; from stmtdiff.cli import main\nsys.argv[0] = 'stmtdiff'\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\n"
             f"print(sorted(m for m in sys.modules if m.split('.')[0] in {fenced!r} "
             f"or m in {fenced!r}), file=sys.stderr)\n")
    args = ["--corpus", str(folder), "--model", "blank", "compare", "2020", "2021"]
    for extra in ([], ["--json"], []):  # the first run fills the cache
        run = subprocess.run([sys.executable, "-c", probe, *args, *extra], env=env,
                             capture_output=True, text=True, check=True)
    for extra in (["--json"], []):
        run = subprocess.run([sys.executable, "-c", probe, *args, *extra], env=env,
                             capture_output=True, text=True, check=True)
        assert run.stderr.strip().splitlines()[-1] == "[]", (extra, run.stderr)
