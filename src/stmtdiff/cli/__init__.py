"""The command line: one module per command, one shared app.

The app's command group imports a command's module when that command runs (cli._app.LazyGroup),
so that `stmtdiff list` does not pay for the aligner or the history searches; help and shell
completion import them all.
"""

from __future__ import annotations

import gc

from stmtdiff.cli._app import COMMANDS, app

__all__ = ["COMMANDS", "app", "main"]


def main() -> None:
    """The console script.

    The modules imported so far (nearly all a command runs) live until the process ends:
    gc.freeze() sets their objects aside, so that the collections during the command do not
    traverse them again (about 3 % of a warm compare).
    """
    gc.freeze()
    app(prog_name="stmtdiff")
