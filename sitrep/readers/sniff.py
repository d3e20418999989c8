"""Which reader an input needs: from its media type, its name, or its first bytes.

A specific HTTP media type wins (servers know what they send), then the file
extension, then the content itself; generic types such as `text/plain` or
`application/octet-stream` say nothing and defer to the next clue.
"""

from __future__ import annotations

import re
from typing import Literal
from urllib.parse import urlsplit

from sitrep.readers.decode import bom_codec, utf16_without_bom

InputKind = Literal["text", "html", "jsonl", "feed", "warc"]

_EXTENSIONS: dict[str, InputKind] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".rdf": "feed",
    ".warc": "warc",
}

_MEDIA_TYPES: dict[str, InputKind] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/xml": "feed",
    "text/xml": "feed",
    "application/jsonl": "jsonl",
    "application/x-ndjson": "jsonl",
    "application/x-jsonlines": "jsonl",
    "application/warc": "warc",
}

_FEED_ROOTS = {"rss", "feed", "rdf:rdf"}
# A prolog item at the start of a document: XML declaration or processing
# instruction, comment, or doctype (with an optional internal subset).
_PROLOG = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->|<!doctype[^\[>]*(?:\[.*?\])?\s*>)", re.I | re.S)
_FIRST_TAG = re.compile(r"<([A-Za-z][\w:.-]*)")


def kind_from_media_type(media_type: str | None) -> InputKind | None:
    """The reader an HTTP `Content-Type` (without parameters) asks for, if specific."""
    return _MEDIA_TYPES.get((media_type or "").strip().lower())


def kind_from_name(name: str) -> InputKind | None:
    """The reader a path's or URL's extension asks for (`.html.gz` counts as `.html`)."""
    path = urlsplit(name).path if "://" in name else name
    lowered = path.lower()
    if lowered.endswith(".gz"):
        lowered = lowered[: -len(".gz")]
    dot = lowered.rfind(".")
    if dot == -1 or "/" in lowered[dot:]:
        return None
    return _EXTENSIONS.get(lowered[dot:])


def kind_from_content(head: bytes) -> InputKind:
    """Sniff decompressed leading bytes: WARC, feed, HTML, JSON Lines or plain text."""
    if head.startswith(b"WARC/"):
        return "warc"
    text = _head_text(head).lstrip("\ufeff \t\r\n")
    if text.startswith("{"):
        return "jsonl"
    saw_xml_declaration = text.startswith("<?xml")
    saw_html_doctype = False
    while match := _PROLOG.match(text):
        saw_html_doctype |= match.group(0).strip().lower().startswith("<!doctype html")
        text = text[match.end() :]
    tag = _FIRST_TAG.match(text.lstrip())
    if tag:
        name = tag.group(1).lower()
        if name in _FEED_ROOTS:
            return "feed"
        # Some other XML document: let the feed reader say why it is not a feed.
        if saw_xml_declaration and not saw_html_doctype and name != "html":
            return "feed"
        return "html"
    return "html" if saw_html_doctype else "text"


def choose_kind(name: str, media_type: str | None, head: bytes) -> InputKind:
    """Combine the clues in order of trust: media type, extension, content."""
    return kind_from_media_type(media_type) or kind_from_name(name) or kind_from_content(head)


def _head_text(head: bytes) -> str:
    """Enough of a decoding to read tags: wide encodings matter, 8-bit ones do not."""
    codec = bom_codec(head) or utf16_without_bom(head[:8192])
    if codec:
        # The head may end mid-character; decoding only needs to show the markup.
        return head.decode(codec, errors="ignore")
    return head.decode("latin-1")
