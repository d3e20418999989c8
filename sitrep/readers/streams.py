"""Byte streams under limits: capped reads, incremental gunzip, a replayable head.

Sizes are checked while reading, never after: a gzip bomb or an endless stdin costs
at most one chunk past the limit.  Failures are `InputError`s naming the input.
"""

from __future__ import annotations

import gzip
import io
import zlib
from typing import BinaryIO, cast

from sitrep.errors import MalformedInput, TooLarge, TruncatedInput

GZIP_MAGIC = b"\x1f\x8b"
# Enough to see a BOM, a doctype, an XML prolog or a WARC header, and to judge binary.
SNIFF_BYTES = 64 * 1024
_CHUNK = 64 * 1024


def human_size(size: int) -> str:
    """`1536` → `"1.5 KB"`: sizes in messages people read."""
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{size} bytes" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def read_capped(stream: BinaryIO, limit: int, label: str) -> bytes:
    """Read a stream to its end, refusing (`TooLarge`) once it passes `limit` bytes.

    Reads in chunks so that an endless or huge stream costs at most `limit` bytes.
    """
    parts: list[bytes] = []
    total = 0
    # Never ask for more than one byte past the limit: that byte is the verdict.
    while chunk := stream.read(min(_CHUNK, limit + 1 - total)):
        total += len(chunk)
        if total > limit:
            raise TooLarge(f"{label}: input is over the {human_size(limit)} size limit")
        parts.append(chunk)
    return b"".join(parts)


def read_head(stream: BinaryIO, size: int = SNIFF_BYTES) -> tuple[bytes, BinaryIO]:
    """The first `size` bytes of `stream`, and a stream that still starts at byte 0.

    Stdin and HTTP bodies cannot seek back, so the head is replayed in front of the
    rest instead of re-reading it.
    """
    parts: list[bytes] = []
    missing = size
    while missing > 0 and (chunk := stream.read(missing)):
        parts.append(chunk)
        missing -= len(chunk)
    head = b"".join(parts)
    return head, io.BufferedReader(_PrefixedReader(head, stream), buffer_size=_CHUNK)


class _PrefixedReader(io.RawIOBase):
    """A raw stream that yields `prefix` and then whatever `rest` still holds."""

    def __init__(self, prefix: bytes, rest: BinaryIO) -> None:
        self._prefix = memoryview(prefix)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._prefix:
            n = min(len(buffer), len(self._prefix))
            buffer[:n] = self._prefix[:n]
            self._prefix = self._prefix[n:]
            return n
        chunk = self._rest.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def peek_gunzipped(head: bytes, label: str, size: int = SNIFF_BYTES) -> bytes:
    """Decompress just enough of a gzip head to sniff what is inside."""
    try:
        return zlib.decompressobj(wbits=16 + zlib.MAX_WBITS).decompress(head, size)
    except zlib.error as exc:
        raise MalformedInput(f"{label}: not a valid gzip stream ({exc})") from exc


def open_gunzip(stream: BinaryIO, label: str, limit: int | None) -> BinaryIO:
    """A readable stream of the decompressed content of the gzip `stream`.

    With `limit`, reading past that many decompressed bytes raises `TooLarge`, so a
    bomb costs one chunk of memory, not its expanded size.  JSONL and WARC readers
    pass `None`: they stream and cap each line or record instead.
    """
    # A BufferedIOBase has BinaryIO's reading API; typeshed just cannot say so.
    return cast(BinaryIO, _GunzipStream(stream, label, limit))


class _GunzipStream(io.BufferedIOBase):
    """Incremental gzip decompression that reports a broken stream without losing data.

    Reads may come back short; `b""` means the gzip stream really ended.  A stream
    that breaks off raises `TruncatedInput` on the first read with nothing left to
    give, so every byte before the break reaches the reader first.  (A plain
    `io.BufferedReader` would drop the bytes of a read that ends in an exception.)
    """

    def __init__(self, stream: BinaryIO, label: str, limit: int | None) -> None:
        self._gzip = gzip.GzipFile(fileobj=stream, mode="rb")
        self._label = label
        self._limit = limit
        self._total = 0
        self._pending = b""  # decompressed bytes that readline() read past

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            return b"".join(iter(lambda: self._chunk(_CHUNK), b""))
        return self._chunk(size) if size else b""

    def read1(self, size: int = -1) -> bytes:
        return self._chunk(size if size > 0 else _CHUNK)

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        chunk = self._chunk(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)

    def readline(self, size: int | None = -1) -> bytes:
        limit = size if size is not None and size >= 0 else None
        parts: list[bytes] = []
        length = 0
        while limit is None or length < limit:
            chunk = self._chunk(_CHUNK if limit is None else limit - length)
            if not chunk:
                break
            newline = chunk.find(b"\n")
            if newline != -1:
                self._pending = chunk[newline + 1 :] + self._pending
                parts.append(chunk[: newline + 1])
                break
            parts.append(chunk)
            length += len(chunk)
        return b"".join(parts)

    def _chunk(self, size: int) -> bytes:
        """At most `size` bytes: what readline() left over, else one decompression step."""
        if self._pending:
            chunk, self._pending = self._pending[:size], self._pending[size:]
            return chunk
        try:
            # read1 returns what one step yields; it raises only when nothing is left.
            chunk = self._gzip.read1(size)
        except EOFError as exc:
            raise TruncatedInput(
                f"{self._label}: gzip stream ends early; the file is truncated"
            ) from exc
        except (gzip.BadGzipFile, zlib.error) as exc:
            raise MalformedInput(f"{self._label}: corrupt gzip data ({exc})") from exc
        self._total += len(chunk)
        if self._limit is not None and self._total > self._limit:
            raise TooLarge(
                f"{self._label}: decompresses to more than the {human_size(self._limit)}"
                " size limit; refusing (possible gzip bomb)"
            )
        return chunk
