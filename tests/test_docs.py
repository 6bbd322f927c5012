"""Docs as a test: every command has help with an example and a section in the README."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from stmtdiff.cli import COMMANDS as COMMAND_MODULES
from stmtdiff.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(COMMAND_MODULES)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help_with_examples(name: str) -> None:
    result = CliRunner().invoke(app, [name, "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    assert f"stmtdiff {name}" in result.stdout


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_in_the_readme(name: str) -> None:
    assert f"\n### {name}\n" in README
    assert f"stmtdiff {name}" in README


def test_readme_opens_with_install_and_main_job() -> None:
    blocks = README.split("```sh\n")
    assert blocks[1].startswith("pip install . && stmtdiff compare 2017 2021\n")
    assert blocks[2].startswith("pip install nox && nox\n")
