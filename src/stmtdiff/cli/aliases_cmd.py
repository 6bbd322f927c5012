"""stmtdiff aliases: the alias groups of a series."""

from __future__ import annotations

from stmtdiff.cli._app import CorpusOpt, JsonOpt, SeriesOpt, command, workspace
from stmtdiff.errors import NotFoundError
from stmtdiff.history_workspace import ALIASES_FILE, HistoryWorkspace


@command("aliases", examples=["stmtdiff aliases", "stmtdiff aliases --json | jq '.aliases[].name'"],
         paged=True)
def aliases_cmd(corpus: CorpusOpt = None, series: SeriesOpt = None, json: JsonOpt = False) -> None:
    """List the alias groups (named "any of" term sets) of the series' aliases.toml."""
    loaded, groups = workspace(HistoryWorkspace, corpus=corpus, series=series).aliases()
    if json:
        from stmtdiff.render.history_json import aliases_doc
        from stmtdiff.render.json import dumps

        print(dumps(aliases_doc(groups, series=loaded.name)))
    elif not groups:
        raise NotFoundError(f"series {loaded.name} has no alias groups",
                            f"write them in {loaded.path / ALIASES_FILE}")
    else:
        from stmtdiff.render.history_terminal import aliases_table
        from stmtdiff.render.terminal import make_console

        make_console().print(aliases_table(groups))
