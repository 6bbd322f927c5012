"""The application layer: a corpus, a series, a pipeline and the caches, and the use cases run
on them.

A `Workspace` is what the options of a command describe (`--corpus`, `--series`, `--model`,
`--cache-dir`). Its methods are the use cases of one or two statements: resolve ids, the
earlier statements of a series, statements segmented (from the clause cache, fetching missing
texts on demand), the phrase caches, comparisons, attributions. The use cases over a whole
series (the term index, first mentions, timelines, novel, aliases, export) are those of its
subclass `history_workspace.HistoryWorkspace`, in a module of its own so that compare, show,
list, fetch and add never import the term index and the history searches. It knows nothing
of typer or rich: what a command shows on stderr while it works (notes, progress,
a line per fetched statement) goes through a `Reporter` the caller supplies.

Three imports stay inside functions, as fences around what warm commands do not need: spaCy
(segment.parse imports it when a text is parsed), rich (the renderers) and the network side:
httpx with the extractors, behind fetch.client and fetch.add, which `fetch` and `add` import
when a text is fetched or added.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, ExitStack, contextmanager, nullcontext
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit

from stmtdiff.cache.clauses import (
    ClauseCache,
    PhraseKeyCache,
    PhraseSpanCache,
    RarityCache,
    cache_dir,
    cached_counts,
    decode_segmentation,
    encode_segmentation,
    segmentation_key,
)
from stmtdiff.cache.snapshot import SnapshotLoader
from stmtdiff.compare.align import LABELS
from stmtdiff.compare.comparison import Comparison, check_pair, compare
from stmtdiff.compare.novelty import RARITY_VERSION, general_rarity
from stmtdiff.compare.phrases import (
    PHRASES_VERSION,
    phrase_keys,
    statement_phrases,
)
from stmtdiff.corpus.series import (
    Series,
    corpus_root,
    load_series,
    open_series,
    read_text,
    resolve,
    series_dirs,
)
from stmtdiff.corpus.write import read_provenance
from stmtdiff.errors import InputError, NetworkError
from stmtdiff.history.attribution import Attribution, attribute
from stmtdiff.model import (
    Clause,
    Entry,
    Phrase,
    Segmented,
    Statement,
    fetchable_sources,
    unfetchable_reason,
)
from stmtdiff.segment.parse import Segmenter
from stmtdiff.segment.pipeline import PipelineChoice, choose_pipeline

if TYPE_CHECKING:
    from stmtdiff.fetch.add import Added
    from stmtdiff.fetch.client import FetchResult

__all__ = [
    "BATCH",
    "CHANGED",
    "LABELS",
    "Added",
    "Attribution",
    "Comparison",
    "FetchResult",
    "PhraseCaches",
    "Progress",
    "Reporter",
    "Series",
    "Silent",
    "Workspace",
    "segment_statements",
]

BATCH = 500
"""Statements segmented and indexed per transaction when the term index is built."""
FEW = 5
"""With more statements than this to parse, a command shows a progress bar (on a terminal)."""
CHANGED = frozenset({"added", "modified", "split", "merged"})
"""The labels of pairs whose B clauses have wording that A lacks."""

Progress = Callable[[int, int], None]
"""Called as progress(done, total) while statements are parsed or fetched."""


class Reporter(Protocol):
    """What a use case says while it works; the command line writes it to stderr."""

    def note(self, line: str) -> None:
        """A one-line note (skipped statements, a text already there)."""

    def progress(self, label: str) -> AbstractContextManager[Progress | None]:
        """A progress callback for the work named by label, or None."""

    def fetched(self, result: FetchResult) -> None:
        """What happened to one statement's fetch."""


class Silent:
    """A reporter that says nothing (library use, tests)."""

    def note(self, line: str) -> None:
        """Say nothing."""

    def progress(self, label: str) -> AbstractContextManager[Progress | None]:
        """No progress callback."""
        return nullcontext()

    def fetched(self, result: FetchResult) -> None:
        """Say nothing."""


@dataclass(frozen=True)
class PhraseCaches:
    """What compare and novel ask of each statement, behind the clause cache."""

    keys: PhraseKeyCache
    """Its phrase keys (phrases.phrase_keys)."""
    spans: PhraseSpanCache
    """Its phrases (phrases.statement_phrases)."""
    rarity: RarityCache
    """The general-English frequency of its words (novelty.general_rarity)."""


@dataclass(frozen=True)
class Workspace:
    """A corpus, one of its series, a pipeline and a cache folder; None means the default
    (the environment, ./statements, the packaged catalog, the user cache)."""

    corpus: Path | None = None
    """--corpus: a series folder or a folder of series."""
    series: str | None = None
    """--series: the series to use when the corpus holds several."""
    model: str | None = None
    """--model: the spaCy pipeline."""
    cache_dir: Path | None = None
    """--cache-dir: the folder of the clause cache and term index."""
    reporter: Reporter = field(default_factory=Silent, compare=False)
    """Where notes, progress and fetch results go."""
    _noted: set[Path] = field(default_factory=set, compare=False, repr=False)
    """Rejected statement files already reported."""

    # -- where things are ---------------------------------------------------------------------

    @cached_property
    def root(self) -> Path:
        """The corpus root folder."""
        return corpus_root(self.corpus, self.reporter.note)

    @cached_property
    def cache(self) -> Path:
        """The cache folder."""
        return cache_dir(self.cache_dir)

    @cached_property
    def pipeline(self) -> PipelineChoice:
        """The spaCy pipeline chosen (not loaded)."""
        return choose_pipeline(self.model)

    # -- series and ids -----------------------------------------------------------------------

    def open_series(self, name: str | None = None, *, snapshot: bool = False) -> Series:
        """The series named (default: the workspace's), noting the files left out of it; with
        snapshot, from its snapshot in the cache while the folder is unchanged (for commands
        that write the cache anyway)."""
        loader = SnapshotLoader(self.cache) if snapshot else None
        return self._noting(open_series(self.root, name or self.series, loader=loader))

    def _noting(self, series: Series) -> Series:
        """The series, after a note on each of its statement files that could not be read
        (once per file): commands go on with the other statements."""
        for bad in series.rejected:
            if bad.path not in self._noted:
                self._noted.add(bad.path)
                self.reporter.note(f"note: skipped {bad.message}")
        return series

    def all_series(self) -> list[Series]:
        """Every series of the corpus, or the workspace's series (files left out not noted)."""
        dirs = [d for d in series_dirs(self.root) if self.series is None or d.name == self.series]
        if not dirs:
            raise InputError(f"{self.root}: no series {self.series!r}" if self.series
                             else f"{self.root}: no statements")
        return [load_series(d) for d in dirs]

    def all_statements(self) -> list[Statement]:
        """The statements of every series of the corpus, or of the workspace's series."""
        return [st for series in self.all_series() for st in self._noting(series).statements]

    def clause_counts(self, statements: Sequence[Statement]) -> dict[str, int | None]:
        """Clause counts of the statements whose text is in the clause cache, by "series/id"."""
        store = ClauseCache(self.cache)
        try:
            return cached_counts(statements, cache=store, choice=self.pipeline)
        finally:
            store.close()

    def resolve(self, ident: str, series: Series | None = None) -> Statement:
        """The statement an id names in the series (default: the workspace's)."""
        return resolve(series or self.open_series(), ident)

    def _named(self, ident: str, default: Series | None) -> Statement:
        """The statement an id names; SERIES/ID names the series too."""
        if "/" in ident:
            name, _, rest = ident.partition("/")
            return resolve(self.open_series(name), rest)
        return self.resolve(ident, default)

    def pick(self, first: str, second: str) -> tuple[Statement, Statement, Series]:
        """The two statements named and their series; InputError across series or for one
        statement twice."""
        plain = "/" not in first or "/" not in second
        default = self.open_series(snapshot=True) if plain else None
        a, b = self._named(first, default), self._named(second, default)
        check_pair(a, b, names=(first, second))
        series = default if default is not None and default.name == a.series else \
            self.open_series(a.series, snapshot=True)
        return a, b, series

    @staticmethod
    def earlier(series: Series, target: Statement) -> list[Statement]:
        """The statements of the series that come before target, oldest first."""
        return [st for st in series.statements if st.sort_key < target.sort_key]

    @staticmethod
    def between(series: Series, a: Statement, b: Statement) -> list[Statement]:
        """The statements of the series strictly between a and b (either order)."""
        lo, hi = sorted([a.sort_key, b.sort_key])
        return [st for st in series.statements if lo < st.sort_key < hi]

    # -- texts: fetching and adding ------------------------------------------------------------

    @staticmethod
    def fetchable(statement: Statement) -> bool:
        """Whether one of the statement's sources carries a text to fetch."""
        return bool(fetchable_sources(statement))

    def fetch(self, statements: Sequence[Statement], *, force: bool = False,
              report_failures: bool = True) -> list[FetchResult]:
        """Fetch the statements' texts, reporting each result (failures too unless told not)."""
        from stmtdiff.fetch.client import Fetcher, fetch_statements  # the network fence

        results: list[FetchResult] = []
        with Fetcher() as fetcher, self.reporter.progress("Fetching") as progress:
            for result in fetch_statements(statements, fetcher, force=force, progress=progress):
                results.append(result)
                if result.ok or report_failures:
                    self.reporter.fetched(result)
        return results

    def fetch_missing(self, statements: Sequence[Statement]) -> bool:
        """Fetch the texts of the statements that have none but have a source to fetch it from
        (the others are left to be skipped); whether any was tried."""
        wanted = [st for st in statements if not st.has_text and fetchable_sources(st)]
        if wanted:
            self.fetch(wanted)
        return bool(wanted)

    def to_fetch(self, idents: Sequence[str], *, every: bool, force: bool,
                 ) -> tuple[Series, list[Statement]]:
        """The series and the statements `fetch` should fetch (noting named ones that have a
        text already)."""
        if every and idents:
            raise InputError("give statement ids or --all, not both")
        if not every and not idents:
            raise InputError("name the statements to fetch, or give --all",
                             "e.g. stmtdiff fetch 2017 2021")
        series = self.open_series()
        named = list(dict.fromkeys(resolve(series, i) for i in idents)) if idents else \
            list(series.statements)
        for st in named:
            if st.has_text and not force and idents:
                self.reporter.note(f"{st.id} has a text already (add --force to fetch it again)")
        chosen = [st for st in named if force or not st.has_text]
        return series, [st for st in chosen if st.meta_path.suffix == ".toml"]

    def add(self, location: str, *, sid: str | None = None, title: str | None = None,
            force: bool = False, fmt: str | None = None) -> Added:
        """Add a statement's text from a file, a URL or "-" (standard input) to the series,
        creating the series folder when the corpus has none of that name yet."""
        from stmtdiff.fetch.add import add_text, new_series  # the network fence

        dirs = series_dirs(self.root)
        name = self.series
        if name is None or dirs == [self.root] or name in {d.name for d in dirs}:
            target = open_series(self.root, name)
        else:
            target = load_series(new_series(self.root, name))
        return add_text(location, series=target, sid=sid, title=title, force=force, fmt=fmt)

    def require_texts(self, statements: Sequence[Statement], *, fetch: bool = False,
                      ) -> list[Statement]:
        """The statements, every one with a text, fetching missing ones first when fetch is true.

        InputError (exit 2) names statements without a text that cannot or may not be fetched;
        NetworkError (exit 3) says which fetches failed. Fetched statements are returned updated.
        """
        missing = [st for st in statements if not st.has_text]
        if not missing:
            return list(statements)
        ids = " ".join(st.id for st in missing)
        series = missing[0].series
        unfetchable = [st for st in missing if not fetchable_sources(st)]
        if unfetchable:
            some = " ".join(st.id for st in unfetchable)
            why = unfetchable_reason(unfetchable[0])
            detail = "" if why == "no source is listed" else f" ({why})"
            raise InputError(f"no text yet for {some} ({series}), and no source to fetch it "
                             f"from{detail}", f"run: stmtdiff add FILE --id {unfetchable[0].id}")
        if not fetch:
            raise InputError(f"no text yet for {ids} ({series})",
                             f"run: stmtdiff fetch {ids}   or: stmtdiff add FILE --id "
                             f"{missing[0].id}")
        return self._fetched(statements, missing)

    def _fetched(self, statements: Sequence[Statement], missing: list[Statement],
                 ) -> list[Statement]:
        results = {r.statement.id: r for r in self.fetch(missing, report_failures=False)}
        failed = [r for r in results.values() if not r.ok]
        if failed:
            raise _fetch_failed(failed)
        return [results[st.id].statement if st.id in results else st for st in statements]

    def note_skipped(self, skipped: Sequence[Entry], total: int) -> None:
        """Report, in one line, which statements were skipped for want of a text."""
        ids = " ".join(st.id for st in skipped)
        self.reporter.note(f"note: skipped {len(skipped)} of {total} statements without a "
                           f"text; fetch them with: stmtdiff fetch {ids}")

    # -- segmentation and the caches ----------------------------------------------------------

    def segmented(self, statements: Sequence[Statement], *, fetch: bool = False,
                  jobs: int = 1, texts: Sequence[str | None] = (), few: int = 0,
                  ) -> list[Segmented]:
        """The statements segmented, from the clause cache where they are, parsing the rest
        (in up to jobs processes; a progress bar when more than few are parsed).

        Statements without a text are fetched first when fetch is true, else InputError names
        them. texts may give the text of statements already read (None: read it).
        """
        statements = self.require_texts(statements, fetch=fetch)
        store = ClauseCache(self.cache, self.reporter.note)
        try:
            with self._progress("Segmenting", few) as progress:
                return segment_statements(statements, cache=store, choice=self.pipeline,
                                          progress=progress, jobs=jobs, texts=texts)
        finally:
            store.close()

    @contextmanager
    def _progress(self, label: str, few: int) -> Iterator[Progress]:
        """A progress callback that opens the reporter's bar only once it is told of more
        than few things to do."""
        with ExitStack() as stack:
            bar: list[Progress | None] = []

            def progress(done: int, total: int) -> None:
                if not bar:
                    if total <= few:
                        return
                    bar.append(stack.enter_context(self.reporter.progress(label)))
                if bar[0] is not None:
                    bar[0](done, total)

            yield progress

    @contextmanager
    def phrase_caches(self) -> Iterator[PhraseCaches]:
        """phrases.phrase_keys, phrases.statement_phrases and novelty.general_rarity behind
        the cache: each statement's keys, phrases and word frequencies are computed once (warm
        runs never import wordfreq)."""
        store = ClauseCache(self.cache, self.reporter.note)
        try:
            caches = PhraseCaches(PhraseKeyCache(store, phrase_keys, PHRASES_VERSION),
                                  PhraseSpanCache(store, statement_phrases, PHRASES_VERSION),
                                  RarityCache(store, general_rarity, RARITY_VERSION))
            yield caches
            for cache in (caches.keys, caches.spans, caches.rarity):
                cache.flush()
        finally:
            store.close()

    def with_history(self, statements: Sequence[Statement], history: Sequence[Statement],
                     caches: PhraseCaches) -> list[Segmented]:
        """The statements segmented, then the history (statements with a text): each history
        statement whose phrase keys are in the cache is read as
        its text alone, its segmentation never decoded; the others are segmented with the
        statements, in one go (a progress bar when more than a few are parsed).

        A history statement read from the cache is a Segmented without clauses: only
        caches.keys may be asked about it (and its text read).
        """
        texts = [read_text(st) for st in history]
        pipeline = self.pipeline.key
        cached = caches.keys.load(texts, pipeline)
        todo = [i for i, hit in enumerate(cached) if not hit]
        segs = self.segmented([*statements, *(history[i] for i in todo)], few=FEW,
                              texts=[*(None for _ in statements), *(texts[i] for i in todo)])
        found = [Segmented(st, text, pipeline, ()) for st, text in zip(history, texts,
                                                                        strict=True)]
        for i, seg in zip(todo, segs[len(statements):], strict=True):
            found[i] = seg
            caches.keys(seg)
        return [*segs[:len(statements)], *found]

    # -- the use cases of the commands ----------------------------------------------------------

    def remember_history(self, segs: Sequence[Segmented], caches: PhraseCaches) -> None:
        """Store the phrase keys of the statements that have none stored, so that compare and
        novel read them as history without their segmentations."""
        texts = [seg.text for seg in segs]
        keys = caches.keys.stored(texts, self.pipeline.key)
        for n, (seg, has_keys) in enumerate(zip(segs, keys, strict=True)):
            if not has_keys:
                caches.keys.add(seg)
            if (n + 1) % BATCH == 0:
                caches.keys.flush()

    def compare(self, first: str, second: str, *, fetch: bool = False) -> Comparison:
        """Statement first compared with statement second, with the new language of second
        checked against the earlier statements of the series that have a text (their phrase
        keys, from the cache where they are)."""
        a, b, series = self.pick(first, second)
        earlier = [s for s in self.earlier(series, b) if s.id != b.id]
        history = [s for s in earlier if s.has_text and s.id not in (a.id, b.id)]
        pair = self.require_texts([a, b], fetch=fetch)
        with self.phrase_caches() as caches:
            segs = self.with_history(pair, history, caches)
            return compare(segs[0], segs[1], [segs[0], *segs[2:]], history_total=len(earlier),
                           keys_of=caches.keys, spans_of=caches.spans, rarity_of=caches.rarity)

    def attributions(self, cmp: Comparison) -> tuple[Attribution, ...]:
        """For every clause of B in an added, modified, split or merged pair, the statement
        between A and B that first carried its wording."""
        a, b = cmp.a.statement, cmp.b.statement
        between = self.between(self.open_series(b.series), a, b)
        missing = [s for s in between if not s.has_text]
        if missing:
            self.note_skipped(missing, len(between))
        segs = self.segmented([s for s in between if s.has_text])
        changed = [i for p in cmp.pairs if p.pair.op in CHANGED for i in p.pair.b]
        return attribute(cmp.b, changed, segs)

    @staticmethod
    def provenance(statement: Statement) -> dict[str, Any]:
        """The provenance record of the statement's text ({} when it has none)."""
        return read_provenance(statement.meta_path)



def segment_statements(statements: Sequence[Statement], *, cache: ClauseCache,
                       choice: PipelineChoice, progress: Progress | None = None,
                       jobs: int = 1, texts: Sequence[str | None] = ()) -> list[Segmented]:
    """Every statement segmented, from the cache where it can be, parsing the rest.

    texts may give the text of statements already read (None: read it). With jobs > 1 and
    enough text to parse, the rest is parsed by that many worker processes; only this process
    writes to the cache, every WRITE_EVERY statements.
    """
    given = list(texts) or [None] * len(statements)
    read = [read_text(st) if text is None else text
            for st, text in zip(statements, given, strict=True)]
    keys = [segmentation_key(text, choice.key) for text in read]
    found = {i: cache.get(key) for i, key in enumerate(keys)}
    missing = [i for i, hit in found.items() if hit is None]
    pending: list[tuple[str, str, int, bytes]] = []
    if missing and progress is not None:
        progress(0, len(missing))
    parsed = _parsed([read[i] for i in missing], choice, jobs)
    for n, (i, (blob, clauses, phrases)) in enumerate(zip(missing, parsed, strict=True)):
        found[i] = (clauses, phrases)
        pending.append((keys[i], choice.key, len(clauses), blob))
        if len(pending) >= WRITE_EVERY or n + 1 == len(missing):
            cache.put_encoded(pending)
            pending = []
        if progress is not None:
            progress(n + 1, len(missing))
    result = []
    for i, st in enumerate(statements):
        clauses, phrases = found[i] or ((), ())
        result.append(Segmented(st, read[i], choice.key, clauses, phrases))
    return result


WRITE_EVERY = 100
"""Parsed statements stored per transaction (an interrupted run keeps what was stored)."""
PARALLEL_CHARS = 50_000
"""Below this much text to parse, worker processes (each loading the pipeline) cost more
than they save."""

_Parsed = tuple[bytes, tuple[Clause, ...], tuple[Phrase, ...]]


def _parsed(texts: Sequence[str], choice: PipelineChoice, jobs: int) -> Iterator[_Parsed]:
    """(stored form, clauses, phrases) of each text, in order, parsed here or by workers."""
    if not texts:
        return
    if jobs > 1 and len(texts) > 1 and sum(map(len, texts)) >= PARALLEL_CHARS:
        from stmtdiff.segment.parallel import segment_parallel

        for blob in segment_parallel(choice, texts, jobs, encode_segmentation):
            yield (blob, *decode_segmentation(blob))
        return
    segmenter = Segmenter(choice)
    for text in texts:
        clauses, phrases = segmenter.segment(text)
        yield encode_segmentation(clauses, phrases), tuple(clauses), tuple(phrases)


def _fetch_failed(failed: Sequence[FetchResult]) -> NetworkError:
    """One short line, the fix first: offline, which hosts; else the first failure."""
    ids = " ".join(r.statement.id for r in failed)
    first = failed[0]
    fix = f"run stmtdiff fetch {ids} once online, or stmtdiff add FILE --id {first.statement.id}"
    if all("cannot connect" in f for r in failed for f in r.failures):
        hosts = list(dict.fromkeys(
            urlsplit(s.url).hostname or s.url for r in failed
            for s in fetchable_sources(r.statement)))
        more = f", +{len(hosts) - 1} more" if len(hosts) > 1 else ""
        return NetworkError(f"no connection: {fix}", f"cannot reach {hosts[0]}{more}")
    more = f" (+{len(first.failures) - 1} more sources)" if len(first.failures) > 1 else ""
    return NetworkError(f"could not fetch {ids}: {first.failures[0]}{more}",
                        f"check the address, or run stmtdiff add FILE --id {first.statement.id}")
