"""Helpers of the bad-input tests: a Markdown statement file, and the command line run in-process
with the exception it ended on checked (a traceback is a failure, whatever the exit code)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from stmtdiff.cli import app

runner = CliRunner()


def md(folder: Path, name: str, front: str, body: str) -> Path:
    """folder/name with YAML front matter and a body."""
    path = folder / name
    path.write_text(f"---\n{front}\n---\n\n{body}", encoding="utf-8")
    return path


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """stmtdiff --no-pager ARGS -> (exit code, stdout, stderr); fails on an uncaught exception."""
    result = runner.invoke(app, ["--no-pager", *args], env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    return result.exit_code, result.stdout, result.stderr
