"""stmtdiff novel: what a statement says for the first time in its series."""

from __future__ import annotations

from typing import Annotated

import typer

from stmtdiff.cli._app import (
    CacheDirOpt,
    CorpusOpt,
    JsonOpt,
    ModelOpt,
    SeriesOpt,
    command,
    settings,
)
from stmtdiff.cli._load import cached_phrase_keys, load_series, segmented
from stmtdiff.cli._terms import HistoryFetchOpt, fetch_missing, note_skipped
from stmtdiff.corpus.series import Series, resolve
from stmtdiff.history.novel import novel
from stmtdiff.model import Statement

IdArg = Annotated[str, typer.Argument(
    metavar="ID",
    help="A date (2021-03-16), a month (2005-10), a year, first, latest or previous.")]
LimitOpt = Annotated[int, typer.Option(
    "--limit", min=0, help="Show at most this many phrases of each kind (0: all).")]


@command("novel", examples=["stmtdiff novel 2021",
                            "stmtdiff novel latest --json | jq '.first_in_series[:5]'",
                            "stmtdiff --corpus ../shared/corpora/aukus novel latest --limit 10"])
def novel_cmd(ident: IdArg, limit: LimitOpt = 30, corpus: CorpusOpt = None,
              series: SeriesOpt = None, model: ModelOpt = None,
              cache_dir_opt: CacheDirOpt = None, json: JsonOpt = False,
              fetch: HistoryFetchOpt = False) -> None:
    """The phrases of a statement that no earlier statement of the series has, ranked.

    Phrases are content-word n-grams (up to 4 words), noun chunks and named entities; rarer
    words, names and verbs of commitment or concern rank first. Also lists the phrases that
    return after an absence (missing from the previous statement), with when they were last
    seen. Earlier statements without a text are skipped (with a note).
    """
    opts = settings(corpus=corpus, series=series, model=model, cache_dir=cache_dir_opt)
    loaded = load_series(opts)
    target = resolve(loaded, ident)
    if fetch and fetch_missing([*_before(loaded, target), target]):
        loaded = load_series(opts)
        target = resolve(loaded, ident)
    before = _before(loaded, target)
    skipped = [st for st in before if not st.has_text]
    if skipped:
        note_skipped(skipped, len(before) + 1)
    segs = segmented([*(st for st in before if st.has_text), target], opts)
    with cached_phrase_keys(opts) as keys_of:
        result = novel(segs[-1], segs[:-1], keys_of=keys_of)
    if json:
        from stmtdiff.render.history_json import novel_doc
        from stmtdiff.render.json import dumps

        print(dumps(novel_doc(result, segs[-1], limit=limit, skipped=skipped)))
    else:
        from stmtdiff.render.history_terminal import novel_view
        from stmtdiff.render.terminal import make_console

        make_console().print(novel_view(result, segs[-1], limit=limit))


def _before(series: Series, target: Statement) -> list[Statement]:
    return [st for st in series.statements if (st.date, st.id) < (target.date, target.id)]
