"""HTTP(S) inputs, against a real local server (http.server on 127.0.0.1, port 0)."""

from __future__ import annotations

import gzip
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from sitrep.model import Document, InputFailure
from sitrep.readers import Fetcher, iter_documents
from sitrep.settings import Settings

PAGE = (
    "<!DOCTYPE html><html><head><title>Flood</title></head>"
    "<body><p>Rescuers came.</p></body></html>"
)
FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Local News</title>
<item><title>One</title><link>http://news.example/1</link>
  <description>First item.</description></item>
<item><title>Two</title><link>http://news.example/2</link>
  <description>Second item.</description></item>
</channel></rss>"""
BIG = b"x" * 200_000
ETAG = '"v1"'


class Handler(BaseHTTPRequestHandler):
    """Routes for the tests; every request's path and headers are recorded."""

    server: LocalServer

    def do_GET(self) -> None:
        self.server.requests.append((self.path, dict(self.headers)))
        path = self.path
        if path == "/page.html":
            self.reply(200, PAGE.encode(), "text/html; charset=utf-8")
        elif path.startswith("/redirect/"):
            hops = int(path.rsplit("/", 1)[1])
            self.redirect("/page.html" if hops == 0 else f"/redirect/{hops - 1}")
        elif path == "/loop":
            self.redirect("/loop")
        elif path == "/big":
            self.reply(200, BIG, "text/plain")
        elif path == "/big-unannounced":
            # HTTP/1.0 without Content-Length: the body ends when the server closes.
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(BIG)
        elif path == "/etag":
            if self.headers.get("If-None-Match") == ETAG:
                self.send_response(304)
                self.send_header("ETag", ETAG)
                self.end_headers()
            else:
                self.reply(200, PAGE.encode(), "text/html; charset=utf-8", (("ETag", ETAG),))
        elif path == "/slow":
            time.sleep(1.0)
            self.reply(200, PAGE.encode(), "text/html")
        elif path == "/feed":
            self.reply(200, FEED.encode(), "application/rss+xml")
        elif path == "/gzipped":
            self.reply(
                200, gzip.compress(PAGE.encode()), "text/html", (("Content-Encoding", "gzip"),)
            )
        elif path == "/latin":
            body = "<p>Caf\xe9 \u201cnews\u201d</p>".encode("cp1252")
            self.reply(200, body, "text/html; charset=ISO-8859-1")
        else:
            self.reply(404, b"not here", "text/plain")

    def reply(
        self, status: int, body: bytes, content_type: str, headers: tuple[tuple[str, str], ...] = ()
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep test output quiet


class LocalServer(ThreadingHTTPServer):
    requests: list[tuple[str, dict[str, str]]]


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    httpd = LocalServer(("127.0.0.1", 0), Handler)
    httpd.requests = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def url(server: LocalServer, path: str) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}{path}"


def read(source: str, settings: Settings) -> list[Document | InputFailure]:
    return list(iter_documents([source], settings))


def only_document(items: list[Document | InputFailure]) -> Document:
    assert len(items) == 1 and isinstance(items[0], Document), items
    return items[0]


def only_failure(items: list[Document | InputFailure]) -> InputFailure:
    assert len(items) == 1 and isinstance(items[0], InputFailure), items
    return items[0]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path, fetch_timeout=5.0)


def test_html_page_is_fetched_with_our_user_agent(server: LocalServer, settings: Settings) -> None:
    doc = only_document(read(url(server, "/page.html"), settings))
    assert (doc.input, doc.url, doc.format, doc.content) == (
        url(server, "/page.html"),
        url(server, "/page.html"),
        "html",
        PAGE,
    )
    assert doc.hints == {"url": url(server, "/page.html")}
    seen = [headers for path, headers in server.requests if path == "/page.html"]
    assert seen[-1]["User-Agent"] == settings.user_agent


def test_redirect_chain_is_followed_to_the_final_url(
    server: LocalServer, settings: Settings
) -> None:
    doc = only_document(read(url(server, "/redirect/3"), settings))
    assert doc.input == url(server, "/redirect/3")
    assert doc.url == url(server, "/page.html")
    assert doc.content == PAGE


def test_redirect_loop_stops_at_the_redirect_limit(server: LocalServer, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, fetch_max_redirects=3)
    fail = only_failure(read(url(server, "/loop"), settings))
    assert fail.error == "fetch"
    assert "more than 3 redirects" in fail.reason


def test_not_found_is_a_fetch_error_with_the_status(
    server: LocalServer, settings: Settings
) -> None:
    fail = only_failure(read(url(server, "/missing"), settings))
    assert fail.error == "fetch"
    assert fail.reason == f"{url(server, '/missing')}: server answered HTTP 404 Not Found"


@pytest.mark.parametrize("path", ["/big", "/big-unannounced"])
def test_body_over_the_size_limit_is_refused(
    server: LocalServer, tmp_path: Path, path: str
) -> None:
    settings = Settings(data_dir=tmp_path, max_input_bytes=50_000)
    fail = only_failure(read(url(server, path), settings))
    assert fail.error == "too-large"


def test_etag_makes_the_second_fetch_conditional(server: LocalServer, settings: Settings) -> None:
    first = only_document(read(url(server, "/etag"), settings))
    second = only_document(read(url(server, "/etag"), settings))
    sent = [headers for path, headers in server.requests if path == "/etag"][-2:]
    assert "If-None-Match" not in sent[0]
    assert sent[1]["If-None-Match"] == ETAG
    assert second.content == first.content == PAGE
    assert second.url == first.url


def test_304_is_served_from_the_cache(server: LocalServer, settings: Settings) -> None:
    with Fetcher(settings) as fetcher:
        fresh = fetcher.fetch(url(server, "/etag"))
        cached = fetcher.fetch(url(server, "/etag"))
    assert (fresh.from_cache, cached.from_cache) == (False, True)
    assert cached.body == fresh.body and cached.media_type == "text/html"


def test_slow_server_times_out(server: LocalServer, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, fetch_timeout=0.2)
    started = time.monotonic()
    fail = only_failure(read(url(server, "/slow"), settings))
    assert time.monotonic() - started < 0.9
    assert fail.error == "fetch" and "timeout" in fail.reason


def test_refused_connection_is_a_clear_fetch_error(settings: Settings) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    fail = only_failure(read(f"http://127.0.0.1:{port}/x", settings))
    assert fail.error == "fetch" and "cannot connect" in fail.reason


def test_rss_feed_url_gives_one_document_per_item(server: LocalServer, settings: Settings) -> None:
    items = read(url(server, "/feed"), settings)
    assert [item.input for item in items] == ["http://news.example/1", "http://news.example/2"]
    assert all(isinstance(item, Document) and item.hints["site"] == "Local News" for item in items)


def test_gzip_content_encoding_is_undone(server: LocalServer, settings: Settings) -> None:
    assert only_document(read(url(server, "/gzipped"), settings)).content == PAGE


def test_http_charset_feeds_the_decoder(server: LocalServer, settings: Settings) -> None:
    assert only_document(read(url(server, "/latin"), settings)).content == "<p>Café “news”</p>"


def test_transport_is_injectable(tmp_path: Path) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, text="Plain words.", headers={"Content-Type": "text/plain"})

    items = list(
        iter_documents(
            ["https://example.test/a"],
            Settings(data_dir=tmp_path),
            transport=httpx.MockTransport(handler),
        )
    )
    doc = only_document(items)
    assert (doc.format, doc.content, doc.url) == ("text", "Plain words.", "https://example.test/a")
