"""A single-article input — a plain-text or HTML file, page or stream — to a Document.

HTML is only decoded here, not extracted: the cleaning stage finds the body and the
metadata.  Decoding still reads the page's own `<meta charset>` (via `decode`).
"""

from __future__ import annotations

from typing import Any

from sitrep.model import Document, DocumentFormat
from sitrep.readers.decode import decode_bytes


def read_article(
    data: bytes,
    *,
    label: str,
    format: DocumentFormat,
    http_charset: str | None = None,
    url: str | None = None,
) -> Document:
    """One Document from the whole of `data`; `label` becomes `Document.input`."""
    content = decode_bytes(data, label, http_charset)
    hints: dict[str, Any] = {"url": url} if url else {}
    return Document(input=label, content=content, format=format, url=url, hints=hints)
