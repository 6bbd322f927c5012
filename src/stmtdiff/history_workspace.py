"""The application layer's use cases over a whole series: the series in the term index
(first-mention, timeline, index), novel language, alias groups and the Parquet export.

`HistoryWorkspace` is a `Workspace` (the same options, caches and reporter) with these methods
besides; the commands that need them build one (`cli._app.workspace(HistoryWorkspace, ...)`),
the others a plain `Workspace`, and never import this module, the term index or the history
searches.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from stmtdiff.cache.export import Exported
from stmtdiff.cache.snapshot import Catalog, SnapshotLoader
from stmtdiff.cache.store import Damaged, Stat
from stmtdiff.cache.terms import TermIndex
from stmtdiff.corpus.aliases import ALIASES_FILE, AliasGroup, load_aliases, pick_alias
from stmtdiff.corpus.series import Series, resolve, series_folder
from stmtdiff.errors import InputError
from stmtdiff.history.novel import Novel, novel
from stmtdiff.history.search import (
    FirstMention,
    Mode,
    Term,
    Timeline,
    first_mention,
    parse_term,
    timeline,
)
from stmtdiff.model import Entry, Segmented, Statement
from stmtdiff.workspace import BATCH, Workspace

__all__ = [
    "ALIASES_FILE",
    "AliasGroup",
    "Exported",
    "FirstMention",
    "HistoryWorkspace",
    "Mode",
    "Novel",
    "NovelFound",
    "Searchable",
    "Timeline",
]

T = TypeVar("T")


@dataclass(frozen=True)
class Searchable:
    """A series ready to search: its statements with a text, and their docs in the index."""

    series: Catalog
    """The series, as listed (the whole series on demand)."""
    docs: tuple[tuple[Entry, int], ...]
    """Each statement with a text, oldest first, with its doc in the index."""
    skipped: tuple[Entry, ...]
    """The statements without a text."""
    index: TermIndex
    """The open term index (close it when done)."""


@dataclass(frozen=True)
class NovelFound:
    """What `novel` found for one statement."""

    result: Novel
    """The phrases new to the series, and those back after an absence."""
    target: Segmented
    """The statement looked at."""
    skipped: tuple[Statement, ...]
    """Earlier statements without a text (not looked at)."""


@dataclass(frozen=True)
class HistoryWorkspace(Workspace):
    """A workspace with the use cases over a whole series."""

    def aliases(self) -> tuple[Series, tuple[AliasGroup, ...]]:
        """The series and the alias groups of its aliases.toml."""
        series = self.open_series()
        return series, load_aliases(series.path)

    def searchable(self, *, fetch: bool = False) -> Searchable:
        """The workspace's series with every statement that has a text in the term index.

        Statements without a text are skipped with a note (fetched first when fetch is true).
        A warm run reads the index only and never loads spaCy; while the series folder's
        listing is unchanged it makes no Statement either (the snapshot's listed columns and
        the docs saved by the last run).
        """
        loader = SnapshotLoader(self.cache, self.reporter.note)
        folder = series_folder(self.root, self.series)
        series = self._listed(loader, folder)
        if fetch and self.fetch_missing(series.full().statements):
            series = self._listed(loader, folder)
        statements, has_text = series.statements, series.has_text
        skipped = tuple(st for st, has in zip(statements, has_text, strict=True) if not has)
        if len(skipped) == len(statements):
            raise InputError(f"series {series.name} has no statement texts yet",
                             "run: stmtdiff fetch --all   (or stmtdiff add FILE --id ID)")
        if skipped:
            self.note_skipped(skipped, len(statements))
        index = TermIndex(self.cache, self.reporter.note)
        try:
            try:
                docs = self._indexed(series, index, loader)
            except Damaged as exc:
                index.reset(str(exc))
                docs = self._indexed(series, index, loader)
        except BaseException:
            index.close()
            raise
        return Searchable(series, docs, skipped, index)

    def _listed(self, loader: SnapshotLoader, folder: Path) -> Catalog:
        """The series as listed, after a note on each statement file that could not be read."""
        series = loader.catalog(folder)
        if series.rejected:
            self._noting(series.full())
        return series

    def _indexed(self, series: Catalog, index: TermIndex, loader: SnapshotLoader,
                 ) -> tuple[tuple[Entry, int], ...]:
        """Each statement with a text and the doc of its text, indexing those not yet
        indexed; while the series folder's listing is unchanged, the docs saved by the last
        run (paired with the listed statements: no Statement is made)."""
        view = f"{loader.listing}\0{self.pipeline.key}"
        saved = index.view(view)
        listed = [st for st, has in zip(series.statements, series.has_text, strict=True) if has]
        if saved is not None and len(saved) == len(listed):
            return tuple(zip(listed, saved, strict=True))
        present = [st for st in series.full().statements if st.text_path is not None]
        docs = self._index_missing(present, index, loader.stats)
        index.save_view(view, docs)
        return tuple(zip(present, docs, strict=True))

    def _index_missing(self, statements: Sequence[Statement], index: TermIndex,
                       stats: Mapping[str, Stat]) -> list[int]:
        """Each text is read once: the texts hashed for the keys are the texts indexed, and
        what is indexed is keyed by the text it holds (a file edited meanwhile is seen next
        run)."""
        keys, texts = index.keys(statements, self.pipeline.key, stats=stats)
        known = index.doc_ids(keys)
        todo = [i for i, key in enumerate(keys) if key not in known]
        for lo in range(0, len(todo), BATCH):
            batch = todo[lo:lo + BATCH]
            segs = self.segmented([statements[i] for i in batch],
                                  texts=[texts.get(i) for i in batch])
            for i, key in zip(batch, index.add(segs), strict=True):
                keys[i] = key
        if todo:
            known = index.doc_ids(keys)
        return [known[key] for key in keys]

    def index(self, idents: Sequence[str], *, jobs: int = 1) -> tuple[Series, list[Segmented]]:
        """Segment the statements named (default: every one with a text) into the clause
        cache, parsing in up to jobs processes."""
        series = self.open_series()
        chosen = [resolve(series, i) for i in idents] if idents else \
            [st for st in series.statements if st.has_text]
        if not chosen:
            raise InputError(f"series {series.name} has no statement texts to index",
                             "run: stmtdiff fetch --all   (or stmtdiff add FILE --id ID)")
        segs = self.segmented(chosen, jobs=jobs)
        with self.phrase_caches() as caches:
            self.remember_history(segs, caches)
        return series, segs

    def novel(self, ident: str, *, fetch: bool = False) -> NovelFound:
        """The phrases of a statement that no earlier statement of the series has."""
        series = self.open_series(snapshot=True)
        target = resolve(series, ident)
        if fetch and self.fetch_missing([*self.earlier(series, target), target]):
            series = self.open_series(snapshot=True)
            target = resolve(series, ident)
        before = self.earlier(series, target)
        skipped = tuple(st for st in before if not st.has_text)
        if skipped:
            self.note_skipped(skipped, len(before) + 1)
        with self.phrase_caches() as caches:
            segs = self.with_history([target], [st for st in before if st.has_text], caches)
            found = novel(segs[0], segs[1:], keys_of=caches.keys, spans_of=caches.spans,
                          rarity_of=caches.rarity)
        return NovelFound(found, segs[0], skipped)

    def export(self, folder: Path, *, jobs: int = 1) -> Exported:
        """Every statement with a text (of the workspace's series, else of every series of
        the corpus) written to folder as Parquet tables, segmented first where needed
        (InputError without pyarrow, before any parsing)."""
        from stmtdiff.cache.export import export_parquet, require_pyarrow

        require_pyarrow()
        chosen = [st for st in self.all_statements() if st.has_text]
        batches = (self.segmented(chosen[lo:lo + BATCH], jobs=jobs)
                   for lo in range(0, len(chosen), BATCH))
        return export_parquet(batches, folder)

    @staticmethod
    def columns(series: Series | Catalog, terms: Sequence[str] | None,
                aliases: Sequence[str] | None,
                mode: Mode, *, case_sensitive: bool = False) -> list[tuple[str, list[Term]]]:
        """The query as labelled columns: one per term, one per alias group of the series."""
        if not terms and not aliases:
            raise InputError("no TERM given", "give a word or phrase, or --alias NAME")
        result = [(t, [parse_term(t, mode, case_sensitive=case_sensitive)]) for t in terms or ()]
        if not aliases:
            return result
        groups = load_aliases(series.path)
        for name in aliases:
            group = pick_alias(groups, name, series.name)
            result.append((group.name, [parse_term(t, mode, case_sensitive=case_sensitive)
                                        for t in group.terms]))
        return result

    def first_mention(self, found: Searchable, columns: Sequence[tuple[str, Sequence[Term]]], *,
                      all_contexts: bool = False) -> FirstMention:
        """The earliest statement of the searchable series using any term of the columns."""
        query = [t for _, group in columns for t in group]
        return self._answer(found, lambda docs: first_mention(query, docs, found.index,
                                                              all_contexts=all_contexts))

    def timeline(self, found: Searchable, columns: Sequence[tuple[str, Sequence[Term]]],
                 ) -> Timeline:
        """Each column's count in every statement of the searchable series."""
        return self._answer(found, lambda docs: timeline(columns, docs, found.index))

    def word_counts(self, found: Searchable) -> dict[str, int]:
        """How many words each statement of the searchable series has, by id."""
        def count(docs: Sequence[tuple[Entry, int]]) -> dict[str, int]:
            counts = found.index.word_counts([doc for _, doc in docs])
            return {st.id: counts.get(doc, 0) for st, doc in docs}

        return self._answer(found, count)

    def _answer(self, found: Searchable, ask: Callable[[Sequence[tuple[Entry, int]]], T],
                ) -> T:
        """ask(the docs of the searchable series); when the term index turns out damaged, it
        is set aside, built again and asked again."""
        try:
            return ask(found.docs)
        except Damaged as exc:
            found.index.reset(str(exc))
            statements = [st for st in found.series.full().statements
                          if st.text_path is not None]
            docs = self._index_missing(statements, found.index, {})
            return ask(tuple(zip(statements, docs, strict=True)))
