"""HTTP(S) fetching: limits, redirects, clear failures and a conditional-GET cache.

One `Fetcher` wraps one `httpx.Client` (connection reuse across a batch of URLs);
its transport is injectable, as httpx intends, for tests or proxies.  Every failure
is a `FetchError` (or `TooLarge`) whose sentence names the URL.

The cache keeps, per URL, the body and its validators (ETag, Last-Modified) under
`settings.http_cache_dir`; the next fetch of that URL is conditional, and a
`304 Not Modified` answer is served from the cache.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import httpx

from sitrep.errors import FetchError, TooLarge
from sitrep.readers.decode import parse_content_type
from sitrep.readers.streams import human_size, open_gunzip, read_capped
from sitrep.settings import Settings

log = logging.getLogger(__name__)

# We undo gzip ourselves, with the size cap, instead of letting httpx inflate whole
# chunks of a possible bomb; other encodings are not requested.
_ACCEPT_ENCODING = "gzip"
_GZIP_ENCODINGS = {"gzip", "x-gzip"}
_IDENTITY_ENCODINGS = {"", "identity"}


@dataclass(frozen=True)
class FetchedResource:
    """A fetched body, with what the response said about it."""

    url: str  # final URL, after redirects
    body: bytes  # content-encoding already undone
    media_type: str | None
    charset: str | None
    from_cache: bool = False


@dataclass(frozen=True)
class _CacheEntry:
    url: str
    etag: str | None
    last_modified: str | None
    content_type: str | None
    body: bytes


class HttpCache:
    """Bodies and validators of earlier responses: `<sha256(url)>.json` + `.body`."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def load(self, url: str) -> _CacheEntry | None:
        """The cached entry for `url`, or None (a damaged entry counts as none)."""
        meta_path, body_path = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text("utf-8"))
            body = body_path.read_bytes()
        except (OSError, ValueError):
            return None
        return _CacheEntry(
            url=meta.get("final_url") or url,
            etag=meta.get("etag"),
            last_modified=meta.get("last_modified"),
            content_type=meta.get("content_type"),
            body=body,
        )

    def store(self, url: str, response: httpx.Response, body: bytes) -> None:
        """Remember a response that carries validators; failures only log a warning."""
        etag = response.headers.get("etag")
        last_modified = response.headers.get("last-modified")
        meta_path, body_path = self._paths(url)
        if not etag and not last_modified:
            # Nothing to revalidate with: caching would never pay off, and an older
            # entry's validators no longer describe what the server sends.
            try:
                meta_path.unlink(missing_ok=True)
            except OSError as exc:
                log.warning("cannot drop the stale HTTP cache entry for %s: %s", url, exc)
            return
        meta = {
            "url": url,
            "final_url": str(response.url),
            "etag": etag,
            "last_modified": last_modified,
            "content_type": response.headers.get("content-type"),
            "stored_at": time.time(),
        }
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            # Body first, metadata last: an entry is complete once its .json exists.
            _write_atomically(body_path, body)
            _write_atomically(meta_path, json.dumps(meta, indent=1).encode("utf-8"))
        except OSError as exc:
            log.warning("cannot write the HTTP cache for %s: %s", url, exc)

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()
        return self.directory / f"{key}.json", self.directory / f"{key}.body"


def _write_atomically(path: Path, data: bytes) -> None:
    # A crash mid-write must not leave a half body that a 304 would later serve.
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class Fetcher:
    """Fetches http(s) URLs under the limits of `settings`; use it as a context manager."""

    def __init__(
        self,
        settings: Settings,
        *,
        transport: httpx.BaseTransport | None = None,
        cache: HttpCache | None = None,
    ) -> None:
        self.settings = settings
        self.cache = cache if cache is not None else HttpCache(settings.http_cache_dir)
        self._client = httpx.Client(
            transport=transport,
            timeout=httpx.Timeout(settings.fetch_timeout),
            follow_redirects=True,
            max_redirects=settings.fetch_max_redirects,
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": _ACCEPT_ENCODING},
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def fetch(self, url: str) -> FetchedResource:
        """GET `url`; raise `FetchError` or `TooLarge` with a sentence naming it."""
        cached = self.cache.load(url)
        headers: dict[str, str] = {}
        if cached and cached.etag:
            headers["If-None-Match"] = cached.etag
        if cached and cached.last_modified:
            headers["If-Modified-Since"] = cached.last_modified
        timeout = self.settings.fetch_timeout
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                if response.status_code == 304 and cached:
                    media_type, charset = parse_content_type(cached.content_type)
                    return FetchedResource(cached.url, cached.body, media_type, charset, True)
                if not response.is_success:
                    raise FetchError(_status_message(url, response))
                body = self._read_body(url, response)
                self.cache.store(url, response, body)
                media_type, charset = parse_content_type(response.headers.get("content-type"))
                return FetchedResource(str(response.url), body, media_type, charset)
        except httpx.TimeoutException as exc:
            raise FetchError(f"{url}: no answer within the {timeout:g} s timeout") from exc
        except httpx.TooManyRedirects as exc:
            raise FetchError(
                f"{url}: more than {self.settings.fetch_max_redirects} redirects (a redirect loop?)"
            ) from exc
        except httpx.ConnectError as exc:
            raise FetchError(f"{url}: cannot connect to the server ({exc})") from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"{url}: network error ({type(exc).__name__}: {exc})") from exc
        except httpx.InvalidURL as exc:
            raise FetchError(f"{url}: not a valid URL ({exc})") from exc

    def _read_body(self, url: str, response: httpx.Response) -> bytes:
        """The body under the size cap and the overall deadline, content-decoded."""
        limit = self.settings.max_input_bytes
        announced = response.headers.get("content-length", "")
        if announced.isdigit() and int(announced) > limit:
            raise TooLarge(
                f"{url}: server announces {human_size(int(announced))},"
                f" over the {human_size(limit)} size limit"
            )
        encoding = response.headers.get("content-encoding", "").strip().lower()
        # Raw bytes for the encodings we undo ourselves; httpx decodes any other,
        # and a response some transport built already read is decoded too.
        we_decode = (
            encoding in _GZIP_ENCODINGS | _IDENTITY_ENCODINGS and not response.is_stream_consumed
        )
        chunks = response.iter_raw() if we_decode else response.iter_bytes()
        # httpx's timeout bounds each wait; this bounds a server that drips forever.
        deadline = time.monotonic() + self.settings.fetch_timeout
        parts: list[bytes] = []
        total = 0
        for chunk in chunks:
            total += len(chunk)
            if total > limit:
                raise TooLarge(f"{url}: response is over the {human_size(limit)} size limit")
            if time.monotonic() > deadline:
                raise FetchError(
                    f"{url}: download took longer than {self.settings.fetch_timeout:g} s"
                )
            parts.append(chunk)
        body = b"".join(parts)
        if we_decode and encoding in _GZIP_ENCODINGS:
            body = read_capped(open_gunzip(io.BytesIO(body), url, limit), limit, url)
        return body


def fetch(
    url: str, settings: Settings, *, transport: httpx.BaseTransport | None = None
) -> FetchedResource:
    """Fetch one URL with a short-lived `Fetcher` (prefer one Fetcher for a batch)."""
    with Fetcher(settings, transport=transport) as fetcher:
        return fetcher.fetch(url)


def _status_message(url: str, response: httpx.Response) -> str:
    final = str(response.url)
    where = url if final == url else f"{url} (redirected to {final})"
    reason = response.reason_phrase or ""
    return f"{where}: server answered HTTP {response.status_code} {reason}".rstrip()
