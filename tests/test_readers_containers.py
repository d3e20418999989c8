"""Readers for containers of many articles: RSS/Atom feeds and WARC archives.

Split from `test_readers.py`, whose helpers and fixtures these tests share.
"""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sitrep.model import Document, InputFailure
from sitrep.settings import Settings
from tests.test_readers import HTML, document, failure, read, write
from tests.test_readers import settings  # noqa: F401  (the shared fixture)

# --- feeds ------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Example News</title><link>https://news.example/</link><language>en</language>
<item><title>Flood</title><link>https://news.example/flood</link>
  <description>Short teaser.</description>
  <content:encoded><![CDATA[<p>Rescuers reached the village on Monday.</p>]]></content:encoded>
  <pubDate>Wed, 01 May 2024 10:30:00 GMT</pubDate><dc:creator>Ann Smith</dc:creator></item>
<item><title>Fire</title><guid isPermaLink="false">fire-1</guid>
  <content:encoded><![CDATA[<p>The fire was put out.</p>]]></content:encoded></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><id>urn:wire</id>
<updated>2024-05-02T08:00:00Z</updated>
<entry><title>Storm</title><id>urn:wire:1</id><link href="https://wire.example/storm"/>
  <updated>2024-05-02T08:00:00Z</updated><author><name>Bo Li</name></author>
  <summary>Winds of 120 km/h hit the coast.</summary></entry>
<entry><title>Quake</title><id>urn:wire:2</id><link href="https://wire.example/quake"/>
  <updated>2024-05-02T09:00:00Z</updated><summary>A 5.1 quake shook the city.</summary></entry>
</feed>
"""

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>Laughs</title><description>&lol9;</description></item></channel></rss>
"""


def test_rss_with_content_encoded_gives_html_documents(tmp_path: Path, settings: Settings) -> None:
    path = write(tmp_path / "news.rss", RSS)
    flood, fire = read(path, settings=settings)
    assert isinstance(flood, Document) and isinstance(fire, Document)
    assert (flood.input, flood.format, flood.url) == (
        "https://news.example/flood",
        "html",
        flood.hints["url"],
    )
    assert "Rescuers reached the village" in flood.content
    assert flood.hints["published"] == "2024-05-01T10:30:00+00:00"
    assert flood.hints["byline"] == ["Ann Smith"]
    assert (flood.hints["title"], flood.hints["site"], flood.hints["language"]) == (
        "Flood",
        "Example News",
        "en",
    )
    assert fire.input == "fire-1" and "fire was put out" in fire.content


def test_atom_with_summaries_only_gives_text_documents(tmp_path: Path, settings: Settings) -> None:
    storm, quake = read(write(tmp_path / "wire.atom", ATOM), settings=settings)
    assert isinstance(storm, Document) and isinstance(quake, Document)
    assert (storm.input, storm.format, storm.content) == (
        "https://wire.example/storm",
        "text",
        "Winds of 120 km/h hit the coast.",
    )
    assert storm.hints["byline"] == ["Bo Li"] and storm.hints["site"] == "Wire"
    assert quake.hints["published"] == "2024-05-02T09:00:00+00:00"


def test_feed_is_sniffed_without_an_extension(tmp_path: Path, settings: Settings) -> None:
    items = read(write(tmp_path / "latest", RSS), settings=settings)
    assert [item.input for item in items] == ["https://news.example/flood", "fire-1"]


def test_billion_laughs_feed_is_refused(tmp_path: Path, settings: Settings) -> None:
    fail = failure(read(write(tmp_path / "lol.xml", BILLION_LAUGHS), settings=settings))
    assert fail.error == "malformed"
    assert "declares XML entities" in fail.reason and "entity-expansion" in fail.reason


def test_external_entity_feed_is_refused(tmp_path: Path, settings: Settings) -> None:
    xxe = '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + RSS[39:]
    fail = failure(read(write(tmp_path / "xxe.rss", xxe), settings=settings))
    assert fail.error == "malformed"


def test_malformed_feed_is_reported(tmp_path: Path, settings: Settings) -> None:
    fail = failure(
        read(write(tmp_path / "broken.xml", "<?xml version='1.0'?><rss><<>>"), settings=settings)
    )
    assert fail.error == "malformed" and "not a readable feed" in fail.reason


# --- WARC -------------------------------------------------------------------------


def warc(*responses: tuple[str, str, str, bytes]) -> bytes:
    """A gzipped WARC of (status, URI, content type, body) HTTP responses."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for status, uri, content_type, body in responses:
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), http_headers=headers
            )
        )
    return buffer.getvalue()


def test_warc_yields_html_responses_and_skips_the_rest(tmp_path: Path, settings: Settings) -> None:
    archive = warc(
        ("200 OK", "https://news.example/flood", "text/html; charset=utf-8", HTML.encode()),
        ("200 OK", "https://news.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(32)),
        ("404 Not Found", "https://news.example/gone", "text/html", b"<p>Not found</p>"),
    )
    path = write(tmp_path / "crawl.warc.gz", archive)
    doc = document(read(path, settings=settings))
    assert (doc.input, doc.format, doc.url, doc.content) == (
        "https://news.example/flood",
        "html",
        "https://news.example/flood",
        HTML,
    )


def test_truncated_warc_keeps_the_pages_before_the_break(
    tmp_path: Path, settings: Settings
) -> None:
    archive = warc(
        ("200 OK", "https://news.example/one", "text/html", b"<p>One.</p>"),
        ("200 OK", "https://news.example/two", "text/html", b"<p>Two.</p>" * 50),
    )
    path = write(tmp_path / "cut.warc.gz", archive[:-60])
    page, fail = read(path, settings=settings)
    assert isinstance(page, Document) and page.input == "https://news.example/one"
    assert isinstance(fail, InputFailure) and (fail.input, fail.error) == (str(path), "truncated")
