"""Bytes → text: binary refusal and charset decoding.

Every reader funnels its bytes through here, so the rules for hostile or odd input
live in one place: a refusal of binary files with a sentence that says what they
are, and an encoding order that mirrors what browsers do —

    BOM → declared charset (HTTP header, <meta charset>, XML declaration)
        → strict UTF-8 → UTF-8 with a few stray bytes repaired → charset_normalizer

— ending in `EncodingError` when nothing gives a plausible text.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable

from charset_normalizer import from_bytes

from sitrep.errors import BinaryInput, EmptyInput, EncodingError
from sitrep.readers.streams import GZIP_MAGIC

# git and grep judge "binary" on the first 8 KB; a NUL byte there is decisive.
_BINARY_SAMPLE = 8 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive or Office/EPUB file"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document"),
    (b"\x7fELF", "ELF executable"),
    (b"\xcf\xfa\xed\xfe", "Mach-O executable"),
    (b"\xca\xfe\xba\xbe", "Java class or Mach-O executable"),
    (b"\x00asm", "WebAssembly module"),
    (GZIP_MAGIC, "gzip archive"),  # only reached for gzip nested inside gzip
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"OggS", "Ogg audio/video"),
    (b"ID3", "MP3 audio"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
)
_RIFF_KINDS = {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}
# C0 controls that never appear in text (tab, newlines, form feed and ESC excluded).
_CONTROL_BYTES = bytes(set(range(32)) - {9, 10, 11, 12, 13, 27})

_XML_DECL = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)", re.I)
_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.I | re.S)
# Browsers (WHATWG Encoding) read these labels as windows-1252: pages declaring
# latin-1 routinely contain curly quotes and dashes from the 0x80-0x9F range.
_AS_CP1252 = {"latin_1", "iso8859_1", "ascii", "cp1252"}
_WESTERN = {"cp1252", "latin_1", "iso8859_15"}
# charset_normalizer scores ties between legacy code pages by tiny chaos margins;
# within this margin we prefer windows-1252, by far the most common in news text.
_CHAOS_TIE = 0.01


def bom_codec(data: bytes) -> str | None:
    """The codec a byte-order mark announces, if `data` starts with one."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    return None


def utf16_without_bom(sample: bytes) -> str | None:
    """`utf-16-le`/`-be` when the NUL bytes fall like ASCII text in UTF-16, else None.

    Text saved as "Unicode" without a BOM is otherwise mistaken for binary: its
    ASCII letters alternate with NULs, all on the odd (LE) or even (BE) bytes.
    """
    pairs = len(sample) // 2
    if pairs < 4 or b"\x00" not in sample:
        return None
    even_nul = sample[0 : 2 * pairs : 2].count(0) / pairs
    odd_nul = sample[1 : 2 * pairs : 2].count(0) / pairs
    if odd_nul > 0.7 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.7 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def binary_kind(sample: bytes) -> str | None:
    """What binary thing `sample` looks like ("PNG image"), or None for text."""
    for magic, kind in _MAGIC:
        if sample.startswith(magic):
            return kind
    if sample.startswith(b"RIFF") and sample[8:12] in _RIFF_KINDS:
        return _RIFF_KINDS[sample[8:12]]
    if sample[4:8] == b"ftyp":
        return "MP4/QuickTime media"
    if sample.startswith(b"BZh") and sample[4:10] == b"1AY&SY":
        return "bzip2 archive"
    sample = sample[:_BINARY_SAMPLE]
    if b"\x00" in sample:
        return "it contains NUL bytes"
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if sample and controls / len(sample) > 0.1:
        return "mostly control characters"
    return None


def check_not_binary(data: bytes, label: str) -> None:
    """Refuse empty or binary bytes before any parser sees them."""
    if not data:
        raise EmptyInput(f"{label}: file is empty")
    if bom_codec(data) or utf16_without_bom(data[:_BINARY_SAMPLE]):
        return
    kind = binary_kind(data)
    if kind:
        raise BinaryInput(f"{label}: file is binary ({kind}), not an article")


def parse_content_type(value: str | None) -> tuple[str | None, str | None]:
    """`"text/html; charset=ISO-8859-1"` → `("text/html", "ISO-8859-1")`."""
    if not value:
        return None, None
    media_type, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, raw = param.partition("=")
        if key.strip().lower() == "charset" and raw.strip():
            charset = raw.strip().strip("\"'")
    return media_type.strip().lower() or None, charset


def declared_charsets(data: bytes, http_charset: str | None = None) -> list[str]:
    """Charsets the input declares, strongest first: HTTP header, XML, <meta>."""
    found = [http_charset] if http_charset else []
    head = data[:4096]
    for pattern in (_XML_DECL, _META_CHARSET):
        match = pattern.search(head)
        if match:
            found.append(match.group(1).decode("ascii"))
    return found


def decode_bytes(data: bytes, label: str, http_charset: str | None = None) -> str:
    """Decode an article's bytes to text with `\\n` newlines.

    Raises `EmptyInput`, `BinaryInput` or `EncodingError` with a sentence naming
    `label`; a few stray invalid bytes in otherwise UTF-8 text are replaced (U+FFFD)
    rather than refused.
    """
    check_not_binary(data, label)
    text = _decode(data, label, declared_charsets(data, http_charset))
    text = normalise_newlines(text)
    if not text.strip():
        raise EmptyInput(f"{label}: file holds only whitespace")
    return text


def normalise_newlines(text: str) -> str:
    """`\\r\\n` and `\\r` → `\\n`; NULs dropped (PostgreSQL cannot store them in text)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


def _decode(data: bytes, label: str, declared: Iterable[str]) -> str:
    bom = bom_codec(data)
    if bom:
        try:
            return data.decode(bom)
        except UnicodeDecodeError:
            # A BOM followed by garbage: keep what is readable, like browsers do.
            return data.decode(bom, errors="replace")
    wide = utf16_without_bom(data[:_BINARY_SAMPLE])
    if wide:
        return data.decode(wide, errors="replace")

    for name in declared:
        codec = _codec(name)
        if codec is None or codec.startswith(("utf_16", "utf_32")):
            continue  # unknown label, or a wide codec without a BOM: not credible
        if codec != "utf-8" and _is_utf8_with_non_ascii(data):
            # Valid multi-byte UTF-8 almost never happens by accident in legacy
            # text; a page labelled latin-1 that decodes as UTF-8 is mislabelled.
            break
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue

    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    repaired = _repaired_utf8(data)
    if repaired is not None:
        return repaired
    guessed = _guess(data)
    if guessed is not None:
        return guessed
    raise EncodingError(
        f"{label}: bytes are not valid UTF-8 and no other encoding fits;"
        " the file may be corrupt or not text"
    )


def _codec(name: str) -> str | None:
    """Canonical codec name (`utf_16`, `cp1252`, `utf-8`) for a declared charset label.

    None for labels Python does not know, and for codecs that are not text encodings
    (`base64`, `rot13`): a page may declare anything.
    """
    try:
        info = codecs.lookup(name.strip().strip("\"'"))
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True):
        return None
    codec = info.name.replace("-", "_")
    if codec in _AS_CP1252:
        return "cp1252"
    return "utf-8" if codec == "utf_8" else codec


def _is_utf8_with_non_ascii(data: bytes) -> bool:
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _repaired_utf8(data: bytes) -> str | None:
    """UTF-8 with its few invalid sequences replaced, if the text is UTF-8 at heart.

    The evidence for UTF-8 is its valid multi-byte characters: legacy 8-bit text
    almost never forms them, so we repair only when they are at least as many as
    the invalid sequences, and the invalid ones are few (three, or ≤ 2 % of the
    characters in a longer text).
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    non_ascii = sum(1 for char in text if ord(char) > 127) - bad
    if non_ascii >= bad and bad <= max(3, 0.02 * len(text)):
        return text
    return None


def _guess(data: bytes) -> str | None:
    """charset_normalizer's best plausible decoding, preferring windows-1252 on ties."""
    matches = [
        match
        for match in from_bytes(data)
        # Without a BOM (and, as here, without NULs) UTF-16/32 is never credible.
        if not match.encoding.startswith(("utf_16", "utf_32"))
    ]
    if not matches:
        return None
    best = matches[0]  # charset_normalizer ranks by chaos, then coherence
    for match in matches:
        if match.chaos <= best.chaos + _CHAOS_TIE and _WESTERN & set(match.could_be_from_charset):
            try:
                return data.decode("cp1252")
            except UnicodeDecodeError:
                return str(match)
    return str(best)
