"""JSON Lines corpora: one article object per line, streamed.

Each line carries `text` or `html` plus optional metadata (`id`, `title`, `date` or
`published`, `url`, `source` or `site`, `author`/`byline`/`authors`, `language`).
A line that is not JSON, not an object, or has no body is one `InputFailure`;
the lines around it still come out, in order.

The file is read line by line, so a corpus may be far larger than
`max_input_bytes`; that limit applies to each line (each article) instead.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from sitrep.errors import EmptyInput, InputError, MalformedInput, TooLarge
from sitrep.model import Document, DocumentFormat, InputFailure
from sitrep.readers.decode import decode_bytes, normalise_newlines
from sitrep.readers.streams import human_size

_SKIP_CHUNK = 64 * 1024
# `text` wins over `html` when a line has both: it is already clean.
_BODY_KEYS: tuple[tuple[str, DocumentFormat], ...] = (("text", "text"), ("html", "html"))


def iter_jsonl(
    stream: BinaryIO, *, label: str, max_line_bytes: int
) -> Iterator[Document | InputFailure]:
    """One Document per line of `stream`, or an InputFailure naming the bad line."""
    seen_any = False
    for lineno, line in _lines(stream, max_line_bytes):
        where = f"{label}:{lineno}"
        if line is None:
            seen_any = True
            yield _failure(
                where,
                TooLarge(f"{where}: line is over the {human_size(max_line_bytes)} size limit"),
            )
            continue
        if lineno == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        if not line.strip():
            continue
        seen_any = True
        try:
            article = _parse(line, where)
        except InputError as exc:
            yield _failure(where, exc)
            continue
        input_id = _line_id(article) or where
        try:
            yield _document(article, input_id, where)
        except InputError as exc:
            yield _failure(input_id, exc)
    if not seen_any:
        raise EmptyInput(f"{label}: JSON Lines file has no lines")


def _lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) pairs; None stands for a line over `limit` bytes.

    `readline(limit + 1)` bounds memory: an over-long line is skipped in chunks.
    """
    lineno = 0
    while line := stream.readline(limit + 1):
        lineno += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(_SKIP_CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield lineno, None
        else:
            yield lineno, line


def _parse(line: bytes, where: str) -> dict[str, Any]:
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        # JSON is UTF-8 by definition; anything else goes through the full decoder.
        text = decode_bytes(line, where)
    try:
        article = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedInput(
            f"{where}: line is not valid JSON ({exc.msg} at column {exc.colno})"
        ) from exc
    if not isinstance(article, dict):
        raise MalformedInput(
            f"{where}: line is a JSON {type(article).__name__}, not an article object"
        )
    return article


def _line_id(article: dict[str, Any]) -> str | None:
    raw = article.get("id")
    if raw is None or isinstance(raw, (dict, list)) or str(raw).strip() == "":
        return None
    return str(raw)


def _document(article: dict[str, Any], input_id: str, where: str) -> Document:
    body, format = _body(article, where)
    hints = _hints(article)
    return Document(
        input=input_id,
        content=normalise_newlines(body),
        format=format,
        url=hints.get("url"),
        hints=hints,
    )


def _body(article: dict[str, Any], where: str) -> tuple[str, DocumentFormat]:
    """The article body and its format."""
    present = False
    for key, format in _BODY_KEYS:
        value = article.get(key)
        if value is None:
            continue
        present = True
        if not isinstance(value, str):
            raise MalformedInput(f"{where}: '{key}' is a {type(value).__name__}, not a string")
        if value.strip():
            return value, format
    if present:
        raise EmptyInput(f"{where}: article body is empty")
    raise MalformedInput(f"{where}: line has neither 'text' nor 'html'")


def _hints(article: dict[str, Any]) -> dict[str, Any]:
    """Container metadata under the reader-hint keys, as given (no normalising here)."""
    hints: dict[str, Any] = {}
    for hint, keys in (
        ("title", ("title",)),
        ("published", ("published", "date")),
        ("site", ("site", "source")),
        ("language", ("language", "lang")),
        ("url", ("url",)),
    ):
        value = _first_string(article, keys)
        if value is not None:
            hints[hint] = value
    byline = _byline(article)
    if byline:
        hints["byline"] = byline
    return hints


def _first_string(article: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = article.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _byline(article: dict[str, Any]) -> list[str]:
    for key in ("byline", "author", "authors"):
        value = article.get(key)
        if isinstance(value, str) and value.strip():
            return [value.strip()]
        if isinstance(value, list):
            # Lists of names, or of {"name": ...} objects as feeds and APIs give them.
            names = [
                name.strip()
                for name in (item.get("name") if isinstance(item, dict) else item for item in value)
                if isinstance(name, str) and name.strip()
            ]
            if names:
                return names
    return []


def _failure(input: str, exc: InputError) -> InputFailure:
    return InputFailure(input=input, error=exc.code, reason=str(exc))
