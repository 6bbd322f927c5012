"""Getting statement texts: a polite HTTP client, extraction and provenance (corpus.write
writes the files). httpx, its bounds (fetch.bounded, with socket and threading) and the
extractors are imported when first used -- the fence around the network side -- so commands
that never fetch start without them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from stmtdiff import __version__
from stmtdiff.corpus.write import write_text
from stmtdiff.errors import NetworkError, StmtdiffError
from stmtdiff.model import Source, Statement, fetchable_sources, unfetchable_reason

if TYPE_CHECKING:
    import httpx

    from stmtdiff.fetch.bounded import Deadline
    from stmtdiff.fetch.extract import Document, Extracted

__all__ = [
    "DEFAULT_CONFIG",
    "USER_AGENT",
    "Download",
    "FetchConfig",
    "FetchResult",
    "Fetcher",
    "HostThrottle",
    "extract_document",
    "fetch_statement",
    "fetch_statements",
    "provenance",
    "utc_now",
]

USER_AGENT = (f"stmtdiff/{__version__} (compares diplomatic joint statements; "
              "fetches each text once, at most one request per second per host)")
_RETRY_STATUS = {429, 500, 502, 503, 504}
_ACCEPT = ("text/html,application/xhtml+xml,application/pdf,text/plain;q=0.9,"
           "text/markdown;q=0.9,*/*;q=0.1")


@dataclass(frozen=True)
class FetchConfig:
    """How politely and patiently to download."""

    timeout: float = 20.0
    """Seconds to wait to connect and between bytes."""
    deadline: float = 120.0
    """Seconds a whole download may take."""
    retries: int = 2
    """Further attempts after a timeout, a cut-off transfer or a 5xx/429 answer."""
    backoff: float = 1.0
    """Seconds before the first retry; doubled for each further one."""
    max_bytes: int = 20_000_000
    """The largest download accepted; larger ones are refused while streaming."""
    max_redirects: int = 5
    """Redirects followed before giving up."""
    min_interval: float = 1.0
    """Seconds between two requests to the same host."""
    user_agent: str = USER_AGENT
    """The User-Agent header."""
    language: str = "en"
    """Only sources in this language are fetched (the series is compared in it)."""


DEFAULT_CONFIG = FetchConfig()
"""The configuration a Fetcher uses when given none."""


class HostThrottle:
    """At most one request per min_interval seconds to each host; clock and sleep injectable."""

    def __init__(self, min_interval: float, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.min_interval = min_interval
        self._clock = clock
        self._sleep = sleep
        self._last: dict[str, float] = {}

    def wait(self, host: str) -> None:
        """Block until a request to host is allowed, and record it as made now."""
        last = self._last.get(host)
        if last is not None:
            pause = self.min_interval - (self._clock() - last)
            if pause > 0:
                self._sleep(pause)
        self._last[host] = self._clock()


@dataclass(frozen=True)
class Download:
    """A downloaded document."""

    url: str
    """The address asked for."""
    final_url: str
    """The address answered from, after redirects."""
    media_type: str
    """The Content-Type's media type, lower case ("" when absent)."""
    charset: str | None
    """The Content-Type's charset parameter, if any."""
    data: bytes
    """The body."""
    retrieved_at: str
    """UTC time of retrieval, ISO 8601."""


class _Retryable(Exception):
    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class Fetcher:
    """A polite HTTP client for statement sources; use it as a context manager."""

    def __init__(self, config: FetchConfig | None = None, *,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        import httpx

        from stmtdiff.fetch.bounded import ACCEPT_ENCODING

        self.config = config or DEFAULT_CONFIG
        self._clock = clock
        self._sleep = sleep
        self.throttle = HostThrottle(self.config.min_interval, clock=clock, sleep=sleep)
        self._unreachable: dict[str, str] = {}
        self._client = httpx.Client(
            headers={"User-Agent": self.config.user_agent, "Accept": _ACCEPT,
                     "Accept-Encoding": ACCEPT_ENCODING},
            timeout=httpx.Timeout(self.config.timeout), follow_redirects=True,
            # a new connection per request, so the deadline sees (and can shut) each socket
            limits=httpx.Limits(max_keepalive_connections=0),
            max_redirects=self.config.max_redirects,
            event_hooks={"request": [self._before_request]})

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connections."""
        self._client.close()

    def _before_request(self, request: httpx.Request) -> None:
        self.throttle.wait(request.url.host)

    def download(self, url: str) -> Download:
        """The document at url; NetworkError once retries are spent or on a lasting failure.

        The whole download -- attempts, redirects, a meta-refresh stub page, headers and body --
        has config.deadline seconds. A host that could not be connected to is not asked again.
        """
        from stmtdiff.fetch.bounded import Deadline

        host = _host(url)
        if host in self._unreachable:
            raise NetworkError(f"{url}: cannot connect ({self._unreachable[host]}; "
                               "not tried again)")
        with Deadline(self.config.deadline) as deadline:
            got = self._retrying(url, deadline)
            hops = 0
            while (target := _refresh_target(got)) is not None:
                hops += 1
                if hops > self.config.max_redirects:
                    raise NetworkError(f"{url}: more than {self.config.max_redirects} redirects",
                                       "the address redirects in a loop")
                got = self._retrying(target, deadline)
        return replace(got, url=url)

    def _retrying(self, url: str, deadline: Deadline) -> Download:
        attempt = 0
        while True:
            try:
                return self._attempt(url, deadline)
            except _Retryable as exc:
                if attempt >= self.config.retries:
                    tries = f" (after {attempt + 1} attempts)" if attempt else ""
                    raise NetworkError(f"{url}: {exc}{tries}") from None
                delay = self.config.backoff * 2**attempt
                self._sleep(max(delay, min(exc.retry_after or 0.0, 60.0)))
                attempt += 1
                if deadline.expired:
                    raise NetworkError(self._overdue(url)) from None

    def _attempt(self, url: str, deadline: Deadline) -> Download:
        import httpx

        try:
            with self._client.stream("GET", url, extensions={"trace": deadline.trace}) as response:
                return self._receive(url, response, deadline)
        except httpx.TimeoutException:
            if deadline.expired:
                raise NetworkError(self._overdue(url)) from None
            raise _Retryable(f"timed out (nothing for {self.config.timeout:g} s)") from None
        except httpx.TooManyRedirects:
            raise NetworkError(f"{url}: more than {self.config.max_redirects} redirects",
                               "the address redirects in a loop") from None
        except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as exc:
            if deadline.expired:
                raise NetworkError(self._overdue(url)) from None
            raise _Retryable(f"transfer cut off ({_reason(exc)})") from None
        except httpx.ConnectError as exc:
            self._unreachable[_failed_host(exc, url)] = _reason(exc)
            raise NetworkError(f"{url}: cannot connect ({_reason(exc)})",
                               "check the network connection") from None
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise NetworkError(f"{url}: {_reason(exc)}") from None

    def _receive(self, url: str, response: httpx.Response, deadline: Deadline) -> Download:
        from stmtdiff.fetch.extract import MEDIA_TYPES, UNTYPED

        _check_status(url, response)
        media_type, charset = _content_type(response.headers.get("content-type", ""))
        if media_type not in MEDIA_TYPES and media_type not in UNTYPED:
            raise NetworkError(f"{url}: unexpected content type {media_type}",
                               "the address does not serve a statement text")
        length = response.headers.get("content-length", "")
        if length.isdigit() and int(length) > self.config.max_bytes:
            raise NetworkError(self._too_large(url, int(length)))
        data = self._body(url, response, deadline)
        if MEDIA_TYPES.get(media_type) in ("html", "text", "markdown") and _binary(data):
            raise NetworkError(f"{url}: binary content served as {media_type}",
                               "the address does not serve a statement text")
        return Download(url=url, final_url=str(response.url), media_type=media_type,
                        charset=charset, data=data, retrieved_at=utc_now())

    def _body(self, url: str, response: httpx.Response, deadline: Deadline) -> bytes:
        """The decoded body: at most max_bytes read and decoded, within the deadline."""
        from stmtdiff.fetch.bounded import ContentDecoder, DecodingError, TooLarge

        try:
            decoder = ContentDecoder(
                response.headers.get_list("content-encoding", split_commas=True),
                self.config.max_bytes)
            data, raw = bytearray(), 0
            for chunk in response.iter_raw():
                raw += len(chunk)
                if raw > self.config.max_bytes:
                    raise TooLarge
                data += decoder.feed(chunk)
                if deadline.expired:
                    raise NetworkError(self._overdue(url))
            data += decoder.finish()
        except TooLarge:
            raise NetworkError(self._too_large(url, None)) from None
        except DecodingError as exc:
            raise NetworkError(f"{url}: {exc}", "the server sent content stmtdiff cannot "
                               "decode") from None
        _check_length(url, response, raw)
        return bytes(data)

    def _overdue(self, url: str) -> str:
        return f"{url}: download took over {self.config.deadline:g} s"

    def _too_large(self, url: str, size: int | None) -> str:
        limit = f"{self.config.max_bytes / 1e6:g} MB"
        found = f"{size / 1e6:.1f} MB" if size is not None else f"over {limit}"
        return f"{url}: refused a {found} download (the limit is {limit})"


def _failed_host(exc: httpx.RequestError, url: str) -> str:
    try:
        return exc.request.url.host
    except RuntimeError:  # no request attached
        return _host(url)


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or ""
    except ValueError:  # e.g. http://[::1 -- httpx reports it as an invalid URL
        return ""


def _check_status(url: str, response: httpx.Response) -> None:
    status = response.status_code
    if status in _RETRY_STATUS:
        raise _Retryable(f"HTTP {status} {response.reason_phrase}",
                         _retry_after(response.headers.get("retry-after")))
    if status >= 400:
        raise NetworkError(f"{url}: HTTP {status} {response.reason_phrase}")
    if status >= 300:  # httpx follows every redirect that says where to
        where = "without a Location to go to" if "location" not in response.headers else \
            "not followed"
        raise NetworkError(f"{url}: HTTP {status} {response.reason_phrase} {where}")
    if status != 200:
        raise NetworkError(f"{url}: HTTP {status} {response.reason_phrase}",
                           "the address does not serve a statement text")


def _check_length(url: str, response: httpx.Response, received: int) -> None:
    """A body must be as long as its Content-Length says (chunked framing can hide that)."""
    length = response.headers.get("content-length", "").strip()
    if length.isdigit() and int(length) != received:
        which = "shorter" if received < int(length) else "longer"
        raise NetworkError(f"{url}: body {which} than its Content-Length ({received} of "
                           f"{int(length)} bytes)", "the server sent a broken answer")


def _binary(data: bytes) -> bool:
    """Whether bytes said to be text are binary: NUL bytes without a UTF-16/32 byte order mark,
    and not a PDF (which extraction sniffs and reads whatever its label)."""
    head = data[:8192]
    if head.lstrip().startswith(b"%PDF-") or head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    return b"\x00" in head


def _refresh_target(got: Download) -> str | None:
    """Where a stub HTML page sends the reader by <meta http-equiv="refresh">, if anywhere."""
    if got.media_type not in ("text/html", "application/xhtml+xml", "") or _binary(got.data):
        return None
    from stmtdiff.fetch.extract.html import refresh_target

    return refresh_target(got.data, got.charset, got.final_url)


def _reason(exc: Exception) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _retry_after(value: str | None) -> float | None:
    return float(value) if value and value.strip().isdigit() else None


def _content_type(value: str) -> tuple[str, str | None]:
    media, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset" and val.strip():
            charset = val.strip().strip('"\'')
    return media.strip().lower(), charset


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ---------------------------------------------------------------------------------------------
# Fetching statements


@dataclass(frozen=True)
class FetchResult:
    """What fetching one statement's text came to."""

    statement: Statement
    """The statement; its text_path is set when the text was written."""
    source: Source | None = None
    """The source the text came from (None when none worked)."""
    extracted: Extracted | None = None
    """The text and how it was extracted (None when none worked)."""
    failures: tuple[str, ...] = ()
    """One message per source that failed, in the order tried."""
    skipped: str = ""
    """Why no source was tried ("" when one was)."""

    @property
    def ok(self) -> bool:
        """Whether the text was written."""
        return self.extracted is not None


def fetch_statement(statement: Statement, fetcher: Fetcher, *, force: bool = False,
                    ) -> FetchResult:
    """Try the statement's sources in order; write the first text that comes out."""
    if statement.has_text and not force:
        return FetchResult(statement, skipped="has a text already")
    sources = fetchable_sources(statement, fetcher.config.language)
    if not sources:
        why = unfetchable_reason(statement, fetcher.config.language)
        return FetchResult(statement, skipped=why)
    failures: list[str] = []
    for source in sources:
        try:
            download = fetcher.download(source.url)
            extracted = extract_document(_document(download), source.format)
            record = provenance(statement, extracted, url=source.url, data=download.data,
                                retrieved_at=download.retrieved_at,
                                final_url=download.final_url, media_type=download.media_type)
            path = write_text(statement.meta_path, extracted.text, record, force=force)
        except StmtdiffError as exc:  # the next source may do; the next statement goes on
            failures.append(exc.message)
            continue
        return FetchResult(replace(statement, text_path=path), source, extracted, tuple(failures))
    return FetchResult(statement, failures=tuple(failures))


def fetch_statements(statements: Sequence[Statement], fetcher: Fetcher, *, force: bool = False,
                     progress: Callable[[int, int], None] | None = None,
                     ) -> Iterator[FetchResult]:
    """Fetch each statement in turn, reporting progress(done, total)."""
    total = len(statements)
    for done, statement in enumerate(statements):
        if progress is not None:
            progress(done, total)
        yield fetch_statement(statement, fetcher, force=force)
    if progress is not None:
        progress(total, total)


def _document(download: Download) -> Document:
    from stmtdiff.fetch.extract import Document

    return Document(download.data, download.final_url, download.media_type, download.charset)


def extract_document(doc: Document, declared: str | None = None) -> Extracted:
    """The normalised text of a document, by the extractor its format calls for."""
    from stmtdiff.fetch.extract import extract, sniff_format

    return extract(doc, sniff_format(doc, declared))


def provenance(statement: Statement, extracted: Extracted, *, url: str, data: bytes,
               retrieved_at: str, final_url: str | None = None, media_type: str = "",
               ) -> dict[str, Any]:
    """The provenance record of a text: where, when, checksums, extractor and steps."""
    return {
        "schema": "stmtdiff.provenance/1",
        "series": statement.series,
        "id": statement.id,
        "url": url,
        "final_url": final_url or url,
        "retrieved_at": retrieved_at,
        "content_type": media_type,
        "raw_sha256": _sha256(data),
        "raw_bytes": len(data),
        "text_sha256": _sha256(extracted.text.encode("utf-8")),
        "text_chars": len(extracted.text),
        "extractor": extracted.extractor,
        "extraction_steps": list(extracted.steps),
        "normalisation": list(extracted.normalisation),
        "warnings": list(extracted.warnings),
        "tool": f"stmtdiff {__version__}",
    }
