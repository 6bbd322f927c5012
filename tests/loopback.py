"""A real HTTP server on 127.0.0.1 for fetch tests, which also acts as a forward proxy.

Routes are full URLs. A request made directly (http://127.0.0.1:PORT/path) or through the
server as a proxy (HTTP_PROXY pointing at it, so http://www.state.gov/... reaches it without
DNS) is answered by the route for its URL; anything else gets a 404.
"""

from __future__ import annotations

import functools
import http.server
import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

Handler = Callable[[http.server.BaseHTTPRequestHandler], None]


@dataclass
class Hit:
    """A request the server received."""

    url: str
    user_agent: str
    at: float


@dataclass
class Loopback:
    """The running server: add routes, read hits."""

    port: int
    routes: dict[str, Handler] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)

    def url(self, path: str) -> str:
        """A direct URL on the server."""
        return f"http://127.0.0.1:{self.port}{path}"

    @property
    def proxy(self) -> str:
        """The server as an HTTP proxy."""
        return f"http://127.0.0.1:{self.port}"

    def route(self, url: str, handler: Handler) -> str:
        """Answer requests for url with handler; returns url."""
        self.routes[_key(url)] = handler
        return url

    def page(self, url: str, body: bytes | str, content_type: str = "text/html; charset=utf-8",
             status: int = 200) -> str:
        """Serve a fixed body at url."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        return self.route(url, lambda h: respond(h, status, data, content_type))

    def hits_for(self, url: str) -> list[Hit]:
        """The requests made for url."""
        return [hit for hit in self.hits if hit.url == _key(url)]


def _key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}"


def respond(h: http.server.BaseHTTPRequestHandler, status: int, body: bytes,
            content_type: str = "text/html; charset=utf-8",
            headers: dict[str, str] | None = None) -> None:
    """Send a whole response."""
    h.send_response(status)
    h.send_header("Content-Type", content_type)
    h.send_header("Content-Length", str(len(body)))
    for name, value in (headers or {}).items():
        h.send_header(name, value)
    h.end_headers()
    h.wfile.write(body)


def _handler_class(server: Loopback) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            target = self.path if self.path.startswith("http") else \
                f"http://127.0.0.1:{server.port}{self.path}"
            key = _key(target)
            server.hits.append(Hit(key, self.headers.get("User-Agent", ""), time.monotonic()))
            route = server.routes.get(key)
            try:
                if route is None:
                    respond(self, 404, b"<html><body>Not found</body></html>")
                else:
                    route(self)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request: object, client_address: object) -> None:
        """Clients that hang up (as fetch does on refusing a body) are not test failures."""


@contextmanager
def serve() -> Iterator[Loopback]:
    """Run a loopback server for the duration of the block."""
    state = Loopback(port=0)
    httpd = _QuietServer(("127.0.0.1", 0), _handler_class(state))
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()


def closed_port() -> int:
    """A local port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# ---------------------------------------------------------------------------------------------
# Hostile endpoints: servers that misbehave the ways the outside audit of issue 11 found. Each
# one stops by itself (a bounded number of bytes over a bounded time).

STATEMENT_PAGE = ("<html><body><p>Begin Text</p><p>The partners met and renewed their "
                  "commitment to close cooperation.</p><p>End Text</p></body></html>")
"""A small statement page the redirect-like endpoints lead to."""
STATEMENT_TEXT = "The partners met and renewed their commitment to close cooperation.\n"
"""The text fetch extracts from STATEMENT_PAGE."""


def drip(h: http.server.BaseHTTPRequestHandler, head: bytes, trickle: bytes, *,
         every: float = 0.05, seconds: float = 8.0) -> None:
    """Send head, then trickle one byte at a time every `every` seconds, for at most seconds."""
    h.wfile.write(head)
    h.wfile.flush()
    stop = time.monotonic() + seconds
    for byte in trickle:
        if time.monotonic() > stop:
            break
        time.sleep(every)
        h.wfile.write(bytes([byte]))
        h.wfile.flush()
    h.close_connection = True


@functools.cache
def stacked_gzip(size: int, layers: int = 2) -> bytes:
    """size bytes of a small statement page padded with spaces, gzip-compressed layers times."""
    data = _gzip_stream([b"<p>Begin Text</p><p>Padded.</p><p>End Text</p>"] +
                        [b" " * 1_000_000] * (size // 1_000_000))
    for _ in range(layers - 1):
        data = _gzip_stream([data])
    return data


def _gzip_stream(chunks: list[bytes]) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    return b"".join(packer.compress(c) for c in chunks) + packer.flush()


def hostile(server: Loopback, *, bomb_size: int = 300_000_000) -> dict[str, str]:
    """Route the hostile endpoints on server; name -> URL."""
    ok = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
    page = STATEMENT_PAGE.encode("utf-8")
    bomb = stacked_gzip(bomb_size)
    binary = bytes(range(256)) * 180  # 46 kB that no charset makes text of
    routes: dict[str, Handler] = {
        # a header byte every 50 ms: no single read waits long, the whole never ends
        "drip-headers": lambda h: drip(h, ok, b"X-Slow: " + b"a" * 10_000),
        "drip-body": lambda h: drip(h, ok + b"Content-Length: 10000\r\n\r\n<p>",
                                    b"b" * 9_997),
        "gzip-gzip": lambda h: respond(h, 200, bomb, headers={"Content-Encoding": "gzip, gzip"}),
        # a complete chunked body of 29 bytes that its Content-Length says is 5,000
        "short-body": lambda h: h.wfile.write(
            ok + b"Content-Length: 5000\r\nTransfer-Encoding: chunked\r\n\r\n"
            + b"%x\r\n%s\r\n0\r\n\r\n" % (len(page[:29]), page[:29])),
        "binary-as-html": lambda h: respond(h, 200, binary),
        "meta-refresh": lambda h: respond(h, 200, (
            '<html><head><meta http-equiv="Refresh" content="0; URL=/refreshed">'
            "</head><body>Redirecting...</body></html>").encode("ascii")),
        "refreshed": lambda h: respond(h, 200, page),
        "refresh-loop": lambda h: respond(h, 200, (
            "<html><head><meta http-equiv=refresh content='1;url=/refresh-loop'></head>"
            "<body></body></html>").encode("ascii")),
        "no-location": lambda h: respond(h, 302, b"<html><body><p>Moved.</p></body></html>"),
        "charset-base64": lambda h: respond(h, 200, page, "text/html; charset=base64"),
        "charset-rot13": lambda h: respond(h, 200, page, "text/html; charset=rot13"),
        "text-rot13": lambda h: respond(h, 200, STATEMENT_TEXT.encode("ascii"),
                                        "text/plain; charset=rot13"),
    }
    return {name: server.route(server.url(f"/{name}"), handler)
            for name, handler in routes.items()}
