"""The one exception base of stmtdiff and the exit codes it maps to.

The core raises these; only the CLI's run wrapper turns them into a message and an exit code.
"""

from __future__ import annotations

from enum import IntEnum

__all__ = [
    "ExitCode",
    "InputError",
    "NetworkError",
    "NotFoundError",
    "StmtdiffError",
]


class ExitCode(IntEnum):
    """Exit statuses, as documented in the README."""

    OK = 0
    NOTHING_FOUND = 1  # like grep; also "differences found" under --fail-if-diff
    BAD_INPUT = 2  # bad usage, bad input files, unknown ids
    NETWORK = 3  # fetching failed


class StmtdiffError(Exception):
    """An error a user can act on: what went wrong, and a hint on how to fix it."""

    exit_code: ExitCode = ExitCode.BAD_INPUT

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


class InputError(StmtdiffError):
    """Bad usage or bad input: a malformed file, an unknown id, an unreadable text."""


class NotFoundError(StmtdiffError):
    """A query that matched nothing (exit 1, like grep)."""

    exit_code = ExitCode.NOTHING_FOUND


class NetworkError(StmtdiffError):
    """Every source of a text failed, or the network is unreachable."""

    exit_code = ExitCode.NETWORK
