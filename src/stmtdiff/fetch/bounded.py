"""Bounds on a download: one wall-clock deadline for all of it, and content decoding that stops
at a size limit while it decodes.

httpx's timeouts bound each read, not a whole download: a server sending a header byte every
second never trips them. The Deadline watches the clock in a timer thread and, when time is up,
shuts the connection's socket (found through httpcore's documented "trace" extension), so that
the read in progress returns at once. httpx's content decoders inflate a chunk in one go, so that
a few kilobytes of stacked gzip become gigabytes before any size check; ContentDecoder inflates
at most the limit.
"""

from __future__ import annotations

import socket
import threading
import zlib
from collections.abc import Sequence
from contextlib import suppress
from typing import Any

__all__ = ["ACCEPT_ENCODING", "ContentDecoder", "Deadline", "DecodingError", "TooLarge"]

ACCEPT_ENCODING = "gzip, deflate"
"""The content codings asked for (and the only ones decoded)."""
_GZIP = {"gzip", "x-gzip"}
_IDENTITY = {"", "identity"}


class Deadline:
    """A wall-clock limit for a download; use as a context manager around all its attempts."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._expired = threading.Event()
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    @property
    def expired(self) -> bool:
        """Whether the time is up."""
        return self._expired.is_set()

    def trace(self, event: str, info: dict[str, Any]) -> None:
        """httpcore's trace callback: remember each new connection's socket."""
        if event not in ("connection.connect_tcp.complete", "connection.start_tls.complete"):
            return
        stream = info.get("return_value")
        sock = stream.get_extra_info("socket") if stream is not None else None
        if isinstance(sock, socket.socket):
            with self._lock:
                self._sockets.append(sock)
            if self.expired:
                _shut(sock)

    def _expire(self) -> None:
        self._expired.set()
        with self._lock:
            sockets = list(self._sockets)
        for sock in sockets:
            _shut(sock)


def _shut(sock: socket.socket) -> None:
    with suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


class TooLarge(Exception):
    """The decoded content would exceed the limit."""


class DecodingError(Exception):
    """The content coding is unknown or the content does not decode."""


class _Inflater:
    """One gzip or deflate layer, producing at most limit bytes in all."""

    def __init__(self, coding: str, limit: int) -> None:
        self._coding = coding
        self._limit = limit
        self._produced = 0
        self._started = False
        self._obj = zlib.decompressobj(zlib.MAX_WBITS | 16 if coding in _GZIP else zlib.MAX_WBITS)

    def feed(self, data: bytes) -> bytes:
        if not data:
            return b""
        allowed = self._limit - self._produced + 1
        try:
            out = self._obj.decompress(data, allowed)
        except zlib.error:
            if self._started or self._coding in _GZIP:
                raise DecodingError(f"corrupt {self._coding} content") from None
            self._obj = zlib.decompressobj(-zlib.MAX_WBITS)  # deflate sent without its header
            self._started = True
            return self.feed(data)
        self._started = True
        return self._count(out, bool(self._obj.unconsumed_tail))

    def flush(self) -> bytes:
        try:
            return self._count(self._obj.flush(), False)
        except zlib.error:
            raise DecodingError(f"corrupt {self._coding} content") from None

    def _count(self, out: bytes, more: bool) -> bytes:
        self._produced += len(out)
        if more or self._produced > self._limit:
            raise TooLarge
        return out


class ContentDecoder:
    """Undo the content codings of a response (in reverse order of their listing), each layer
    bounded by limit; TooLarge as soon as one would exceed it."""

    def __init__(self, codings: Sequence[str], limit: int) -> None:
        layers = [c.strip().lower() for c in codings if c.strip().lower() not in _IDENTITY]
        for coding in layers:
            if coding not in _GZIP and coding != "deflate":
                raise DecodingError(f"unsupported content encoding {coding!r}")
        self._layers = [_Inflater(c, limit) for c in reversed(layers)]

    def feed(self, data: bytes) -> bytes:
        """The decoded bytes that data yields."""
        for layer in self._layers:
            data = layer.feed(data)
        return data

    def finish(self) -> bytes:
        """The decoded bytes still held back once the whole content has been fed."""
        data = b""
        for layer in self._layers:
            data = layer.feed(data) + layer.flush()
        return data
