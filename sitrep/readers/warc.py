"""WARC web archives: one HTML Document per successful HTML response record.

Archives hold every resource a crawl saw — images, scripts, redirects, DNS lookups —
so records that are not a 2xx HTML page are skipped silently; only a page that
cannot be read becomes an InputFailure.  The archive is streamed (the caller undoes
any gzip), so it may be any size; `max_input_bytes` caps each record's body instead.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from sitrep.errors import (
    BinaryInput,
    EmptyInput,
    EncodingError,
    InputError,
    MalformedInput,
    TooLarge,
    TruncatedInput,
)
from sitrep.model import Document, InputFailure
from sitrep.readers.decode import decode_bytes, parse_content_type
from sitrep.readers.streams import read_capped

_PAGE_RECORDS = {"response", "resource"}
_CHUNK = 64 * 1024


def iter_warc(
    stream: BinaryIO, *, label: str, max_record_bytes: int
) -> Iterator[Document | InputFailure]:
    """One Document per HTML page in the uncompressed WARC `stream`, in archive order.

    Raises `MalformedInput`/`TruncatedInput` when the archive itself breaks off;
    pages read before that point have already been yielded.
    """
    pages = 0
    records = ArchiveIterator(stream)
    number = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except ArchiveLoadFailed as exc:
            raise MalformedInput(f"{label}: not a readable WARC archive ({exc})") from exc
        except InputError:
            raise  # from our own stream below warcio (gunzip, size caps)
        except Exception as exc:
            # warcio fails on damaged headers with whatever error the parse hit
            # (AttributeError, ValueError …): all mean the same to the user.
            raise MalformedInput(
                f"{label}: WARC archive is damaged after record {number}"
                f" ({type(exc).__name__}: {exc})"
            ) from exc
        number += 1
        target = record.rec_headers.get_header("WARC-Target-URI") or f"{label}#{number}"
        media_type, charset = _page_type(record)
        item = None if media_type is None else _page(record, target, charset, max_record_bytes)
        if not _read_to_end(record):
            raise TruncatedInput(
                f"{label}: WARC archive ends early, inside record {number} ({target})"
            )
        if item is not None:
            pages += 1
            yield item
    if pages == 0:
        raise EmptyInput(f"{label}: WARC archive holds no HTML pages")


def _page_type(record: Any) -> tuple[str | None, str | None]:
    """(media type, charset) of a record that is an HTML page, else (None, None)."""
    if record.rec_type not in _PAGE_RECORDS:
        return None, None
    if record.rec_type == "response":
        if record.http_headers is None:  # e.g. a dns: response
            return None, None
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return None, None
        content_type = record.http_headers.get_header("Content-Type")
    else:
        content_type = record.rec_headers.get_header("Content-Type")
    media_type, charset = parse_content_type(content_type)
    if media_type is None or "html" not in media_type:
        return None, None
    return media_type, charset


def _page(record: Any, target: str, charset: str | None, limit: int) -> Document | InputFailure:
    """The page as a Document, or an InputFailure for this page alone.

    Only the page's own faults are caught here; a truncated or corrupt archive
    stream (TruncatedInput, MalformedInput from the gunzip below) ends the archive.
    """
    try:
        return _document(record, target, charset, limit)
    except (TooLarge, EmptyInput, BinaryInput, EncodingError) as exc:
        return InputFailure(input=target, error=exc.code, reason=str(exc))
    except (EOFError, zlib.error, OSError) as exc:
        failure = MalformedInput(f"{target}: archived page is corrupt ({exc})")
        return InputFailure(input=target, error=failure.code, reason=str(failure))


def _read_to_end(record: Any) -> bool:
    """Consume the rest of a record; False if the archive ended before it did.

    warcio itself says nothing when a (gzip) archive stops mid-record: the record's
    LimitReader is then left short of its declared Content-Length.
    """
    raw = record.raw_stream
    while raw.read(_CHUNK):
        pass
    return getattr(raw, "limit", 0) == 0


def _document(record: Any, target: str, charset: str | None, limit: int) -> Document:
    # content_stream() undoes chunked and gzip transfer encodings as it reads.
    body = read_capped(record.content_stream(), limit, target)
    content = decode_bytes(body, target, charset)
    return Document(input=target, content=content, format="html", url=target, hints={"url": target})
