"""A real HTTP server on 127.0.0.1 for fetch tests, which also acts as a forward proxy.

Routes are full URLs. A request made directly (http://127.0.0.1:PORT/path) or through the
server as a proxy (HTTP_PROXY pointing at it, so http://www.state.gov/... reaches it without
DNS) is answered by the route for its URL; anything else gets a 404.
"""

from __future__ import annotations

import http.server
import socket
import threading
import time
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
