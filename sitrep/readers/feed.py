"""RSS and Atom feeds: one Document per item, via feedparser.

Items carry their full text when the feed has it (`content:encoded`, Atom
`<content>`), otherwise their description or summary; the item's media type says
whether that is HTML or plain text.

Feeds are XML from strangers, so before feedparser sees them defusedxml checks that
they declare no entities: an entity-expansion bomb ("billion laughs") or an external
entity (a local file, an intranet URL) is refused, not expanded.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from time import struct_time
from typing import Any
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree
import feedparser
from defusedxml import DefusedXmlException

from sitrep.errors import EmptyInput, InputError, MalformedInput
from sitrep.model import Document, InputFailure
from sitrep.readers.decode import check_not_binary, normalise_newlines

_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.I)


def iter_feed(
    data: bytes, *, label: str, media_type: str | None = None, http_charset: str | None = None
) -> Iterator[Document | InputFailure]:
    """One Document per feed item, or an InputFailure for an item without text.

    Raises `MalformedInput` for hostile XML or for bytes that are not a feed.
    """
    check_not_binary(data, label)
    refuse_entities(data, label)
    headers = {}
    if media_type:
        headers["content-type"] = media_type + (f"; charset={http_charset}" if http_charset else "")
    # A BytesIO, never bytes: feedparser treats a bytes argument as a possible path.
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    entries = parsed.entries
    if not entries:
        if parsed.bozo:
            reason = parsed.get("bozo_exception") or "unreadable XML"
            raise MalformedInput(f"{label}: not a readable feed ({reason})")
        if not parsed.version:
            raise MalformedInput(f"{label}: XML document is not an RSS or Atom feed")
        raise EmptyInput(f"{label}: feed has no items")
    channel = parsed.feed
    for number, entry in enumerate(entries, start=1):
        input_id = entry.get("link") or entry.get("id") or f"{label}#{number}"
        try:
            yield _document(entry, channel, input_id)
        except InputError as exc:
            yield InputFailure(input=input_id, error=exc.code, reason=str(exc))


def refuse_entities(data: bytes, label: str) -> None:
    """Raise `MalformedInput` if the XML declares entities (or external references).

    A parse error is not our concern here (feedparser's lenient parser may still read
    the feed), but then we also look for entity declarations textually, so a
    malformed document cannot slip a bomb past the strict check.
    """
    try:
        defusedxml.ElementTree.fromstring(
            data, forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
    except DefusedXmlException as exc:
        raise MalformedInput(
            f"{label}: feed declares XML entities; refusing (possible entity-expansion attack)"
        ) from exc
    except ParseError:
        if _ENTITY_DECLARATION.search(data):
            raise MalformedInput(
                f"{label}: feed declares XML entities; refusing (possible entity-expansion attack)"
            ) from None


def _document(entry: Any, channel: Any, input_id: str) -> Document:
    body, media_type = _body(entry)
    if not body.strip():
        raise EmptyInput(f"{input_id}: feed item has no text (no content, description or summary)")
    hints = _hints(entry, channel)
    return Document(
        input=input_id,
        content=normalise_newlines(body),
        format="html" if "html" in media_type else "text",
        url=hints.get("url"),
        hints=hints,
    )


def _body(entry: Any) -> tuple[str, str]:
    """(text, media type): full content first, preferring an HTML part, then summary."""
    contents = [part for part in entry.get("content") or [] if (part.get("value") or "").strip()]
    if contents:
        part = next((p for p in contents if "html" in (p.get("type") or "")), contents[0])
        return part["value"], part.get("type") or "text/html"
    detail = entry.get("summary_detail") or {}
    return entry.get("summary") or "", detail.get("type") or "text/html"


def _hints(entry: Any, channel: Any) -> dict[str, Any]:
    hints: dict[str, Any] = {}
    title = (entry.get("title") or "").strip()
    if title:
        hints["title"] = title
    published = _iso(entry.get("published_parsed") or entry.get("updated_parsed"))
    if published:
        hints["published"] = published
    byline = _byline(entry)
    if byline:
        hints["byline"] = byline
    site = (channel.get("title") or "").strip()
    if site:
        hints["site"] = site
    language = entry.get("language") or channel.get("language")
    if language:
        hints["language"] = language
    link = entry.get("link")
    if link:
        hints["url"] = link
    return hints


def _byline(entry: Any) -> list[str]:
    names = [author.get("name", "").strip() for author in entry.get("authors") or [] if author]
    names = [name for name in names if name]
    if not names and (entry.get("author") or "").strip():
        names = [entry["author"].strip()]
    return names


def _iso(parsed: struct_time | None) -> str | None:
    """feedparser's UTC struct_time → an ISO 8601 datetime string."""
    if not parsed:
        return None
    try:
        return datetime(*parsed[:6], tzinfo=UTC).isoformat()
    except ValueError:
        return None
