"""Segmentation spread over worker processes, each loading its own pipeline.

Workers are started with the "spawn" method (a fresh interpreter: no inherited threads or
locks, the same on every platform) and each loads the pipeline once. A worker hands back each
text's clauses and phrases already encoded by the caller's function (a module-level function,
so that it can be sent to the worker), so the parent only stores them: the cache is written
by one process.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from stmtdiff.errors import InputError
from stmtdiff.model import Clause, Phrase
from stmtdiff.segment.parse import Segmenter
from stmtdiff.segment.pipeline import PipelineChoice

__all__ = ["Encode", "segment_parallel"]

T = TypeVar("T")
Encode = Callable[[Sequence[Clause], Sequence[Phrase]], T]
"""Turns a text's clauses and phrases into what the parent receives (e.g. bytes to store)."""


_STATE: dict[str, Any] = {}
"""The pipeline ("segmenter") and the encoder ("encode") of this worker process."""


def _start(choice: PipelineChoice, encode: Encode[object]) -> None:
    _STATE["segmenter"] = Segmenter(choice)
    _STATE["encode"] = encode


def _work(text: str) -> Any:
    clauses, phrases = _STATE["segmenter"].segment(text)
    return _STATE["encode"](clauses, phrases)


def segment_parallel(choice: PipelineChoice, texts: Sequence[str], jobs: int,
                     encode: Encode[T]) -> Iterator[T]:
    """encode(clauses, phrases) of each text, in order, computed by up to jobs processes.

    InputError when a worker dies (the pipeline failed to load, or memory ran out).
    """
    workers = max(1, min(jobs, len(texts)))
    chunk = max(1, min(16, len(texts) // (workers * 8)))
    context = multiprocessing.get_context("spawn")
    try:
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_start,
                                 initargs=(choice, encode)) as pool:
            yield from pool.map(_work, texts, chunksize=chunk)
    except BrokenProcessPool as exc:
        raise InputError(f"segmenting in {workers} processes failed: a worker stopped",
                         "try --jobs 1") from exc
