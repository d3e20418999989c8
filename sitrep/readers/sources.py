"""Sources → Documents: open each path, directory, stdin or URL and dispatch it.

Every input goes through the same steps: read a head of bytes, look through gzip,
choose the reader (media type, extension, content), then either stream it (JSON
Lines, WARC: any size, each record capped) or read it whole under the size cap
(text, HTML, feeds).  Failures are caught per input — per file of a directory —
so one bad input never ends the batch.
"""

from __future__ import annotations

import io
import logging
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

import httpx

from sitrep.errors import EmptyInput, EncodingError, InputError, TooLarge, UnsupportedInput
from sitrep.model import Document, InputFailure
from sitrep.readers.article import read_article
from sitrep.readers.decode import bom_codec, check_not_binary
from sitrep.readers.feed import iter_feed
from sitrep.readers.fetch import Fetcher
from sitrep.readers.jsonl import iter_jsonl
from sitrep.readers.sniff import choose_kind
from sitrep.readers.streams import (
    GZIP_MAGIC,
    human_size,
    open_gunzip,
    peek_gunzipped,
    read_capped,
    read_head,
)
from sitrep.readers.warc import iter_warc
from sitrep.settings import Settings

log = logging.getLogger(__name__)

STDIN = "-"
STDIN_LABEL = "<stdin>"
_URL_SCHEMES = {"http", "https"}

Item = Document | InputFailure


@dataclass
class _Opened:
    """An input's bytes and what is known about them before reading."""

    label: str  # Document.input and the name in messages
    name: str  # path or URL whose extension may tell the format
    stream: BinaryIO
    size: int | None = None  # bytes on disk, when known without reading
    media_type: str | None = None
    charset: str | None = None
    url: str | None = None


def iter_documents(
    sources: Iterable[str],
    settings: Settings,
    *,
    stdin: BinaryIO | None = None,
    transport: httpx.BaseTransport | None = None,
) -> Iterator[Item]:
    """Yield one Document per article found in `sources`, in input order, or an
    InputFailure for an input (or a JSONL line / feed item / WARC record) that cannot
    be read.  Never raises for bad input: the batch goes on.

    A source is a file path, a directory (recursive, sorted by path, hidden files
    skipped), "-" for stdin (`stdin`, default `sys.stdin.buffer`), or an http(s)
    URL (fetched through `transport` when given, e.g. for tests or a proxy).
    """
    reader = _SourceReader(settings, stdin=stdin, transport=transport)
    try:
        for source in sources:
            yield from reader.read(source)
    finally:
        reader.close()


class _SourceReader:
    """The state a batch shares: settings, the stdin stream and one HTTP client."""

    def __init__(
        self,
        settings: Settings,
        *,
        stdin: BinaryIO | None,
        transport: httpx.BaseTransport | None,
    ) -> None:
        self.settings = settings
        self._stdin = stdin
        self._transport = transport
        self._fetcher: Fetcher | None = None

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()

    def read(self, source: str) -> Iterator[Item]:
        """Everything one source holds; failures become InputFailure items."""
        if source == STDIN:
            yield from _guarded(STDIN_LABEL, self._read_stdin)
            return
        scheme = urlsplit(source).scheme.lower()
        if scheme in _URL_SCHEMES:
            yield from _guarded(source, lambda: self._read_url(source))
        elif "://" in source:
            yield _failure(
                source,
                UnsupportedInput(f"{source}: unsupported URL scheme {scheme!r}; use http(s)"),
            )
        elif os.path.isdir(source):
            yield from self._read_directory(source)
        else:
            yield from _guarded(source, lambda: self._read_path(source))

    def _read_directory(self, directory: str) -> Iterator[Item]:
        errors: list[OSError] = []
        paths = _walk(directory, errors)
        for error in errors:
            label = error.filename or directory
            yield _failure(label, InputError(f"{label}: cannot list directory ({error.strerror})"))
        if not paths and not errors:
            yield _failure(directory, EmptyInput(f"{directory}: directory holds no files"))
        for path in paths:
            yield from _guarded(path, partial(self._read_path, path))

    def _read_path(self, path: str) -> Iterator[Item]:
        try:
            info = os.stat(path)
        except FileNotFoundError:
            raise InputError(f"{path}: no such file or directory") from None
        # FIFOs and devices (`<(zcat …)`, /dev/stdin) have no size until read.
        size = info.st_size if stat.S_ISREG(info.st_mode) else None
        with open(path, "rb") as handle:
            yield from self._read_opened(_Opened(label=path, name=path, stream=handle, size=size))

    def _read_stdin(self) -> Iterator[Item]:
        # Looked up late so that a replaced sys.stdin (tests, embedding) is honoured.
        stream = self._stdin if self._stdin is not None else sys.stdin.buffer
        yield from self._read_opened(_Opened(label=STDIN_LABEL, name="", stream=stream))

    def _read_url(self, url: str) -> Iterator[Item]:
        if self._fetcher is None:
            self._fetcher = Fetcher(self.settings, transport=self._transport)
        resource = self._fetcher.fetch(url)
        yield from self._read_opened(
            _Opened(
                label=url,
                name=resource.url,
                stream=io.BytesIO(resource.body),
                size=len(resource.body),
                media_type=resource.media_type,
                charset=resource.charset,
                url=resource.url,
            )
        )

    def _read_opened(self, opened: _Opened) -> Iterator[Item]:
        """Sniff the input and hand it to the reader its format needs.

        JSON Lines and WARC are streamed (any total size, each record capped);
        the other formats are read whole under the size cap.
        """
        label, limit = opened.label, self.settings.max_input_bytes
        head, stream = read_head(opened.stream)
        if not head:
            raise EmptyInput(f"{label}: file is empty")
        gzipped = head.startswith(GZIP_MAGIC)
        inner = peek_gunzipped(head, label) if gzipped else head
        kind = choose_kind(opened.name, opened.media_type, inner)

        if kind == "warc":
            # We gunzip WARCs ourselves too: warcio could, but says nothing when a
            # .warc.gz breaks off, where ours raises TruncatedInput.
            records = _unzipped(stream, gzipped, label, None)
            yield from iter_warc(records, label=label, max_record_bytes=limit)
            return
        check_not_binary(inner, label)
        if kind == "jsonl":
            _check_jsonl_encoding(inner, label)
            lines = _unzipped(stream, gzipped, label, None)
            yield from iter_jsonl(lines, label=label, max_line_bytes=limit)
            return

        if opened.size is not None and opened.size > limit:
            raise TooLarge(
                f"{label}: file is {human_size(opened.size)},"
                f" over the {human_size(limit)} size limit"
            )
        data = read_capped(_unzipped(stream, gzipped, label, limit), limit, label)
        if kind == "feed":
            yield from iter_feed(
                data, label=label, media_type=opened.media_type, http_charset=opened.charset
            )
        else:
            yield read_article(
                data, label=label, format=kind, http_charset=opened.charset, url=opened.url
            )


def _unzipped(stream: BinaryIO, gzipped: bool, label: str, limit: int | None) -> BinaryIO:
    return open_gunzip(stream, label, limit) if gzipped else stream


def _check_jsonl_encoding(head: bytes, label: str) -> None:
    """JSON Lines is UTF-8: a UTF-16/32 file would be cut mid-character at b"\\n"."""
    wide = bom_codec(head)
    if wide in ("utf-16", "utf-32"):
        raise EncodingError(
            f"{label}: JSON Lines must be UTF-8 but this file is {wide}; re-save it as UTF-8"
        )


def _walk(directory: str, errors: list[OSError]) -> list[str]:
    """Regular files under `directory`, hidden ones skipped, sorted by path."""
    found: list[str] = []
    # followlinks=False: a symlinked directory cannot make the walk loop.
    for root, dirs, files in os.walk(directory, onerror=errors.append):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        for name in files:
            path = os.path.join(root, name)
            # isfile() also drops FIFOs and sockets, which would block or fail.
            if not name.startswith(".") and os.path.isfile(path):
                found.append(path)
    return sorted(found, key=lambda path: Path(path).parts)


def _guarded(label: str, read: Callable[[], Iterator[Item]]) -> Iterator[Item]:
    """Run one input's reader, turning any failure into an InputFailure for `label`.

    Besides our own `InputError`s this catches OS errors (permissions, a file
    vanishing) and, as a last resort, unexpected errors from the parsing libraries
    on strange input: they are logged with their traceback and the batch goes on.
    """
    try:
        yield from read()
    except InputError as exc:
        yield _failure(label, exc)
    except OSError as exc:
        yield InputFailure(label, InputError.code, f"{label}: cannot read ({exc.strerror or exc})")
    except Exception as exc:
        log.exception("unexpected error while reading %s", label)
        yield InputFailure(
            label,
            InputError.code,
            f"{label}: unexpected error while reading ({type(exc).__name__}: {exc})",
        )


def _failure(label: str, exc: InputError) -> InputFailure:
    return InputFailure(input=label, error=exc.code, reason=str(exc))
