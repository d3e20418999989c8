"""Readers: files, directories, stdin, JSONL, feeds and WARC into Documents.

Fixtures are small texts written here, into `tmp_path`; the one real-data test
reads the shared Wikinews corpus.  HTTP lives in `test_fetch.py`.
"""

from __future__ import annotations

import gzip
import io
import json
import random
import sys
from pathlib import Path
from typing import Any

import pytest

from sitrep.model import Document, InputFailure
from sitrep.readers import iter_documents
from sitrep.readers.sniff import kind_from_content, kind_from_name
from sitrep.settings import Settings

ARTICLE = "Rescuers reached the village on Monday.\n\nOfficials said 12 people were hurt.\n"
HTML = (
    "<!DOCTYPE html><html><head><title>Flood</title></head>"
    "<body><p>Rescuers reached the village on Monday.</p></body></html>"
)
WIKINEWS = Path(__file__).parents[2] / "shared" / "corpus" / "wikinews.jsonl"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data")


def read(*sources: str | Path, settings: Settings, **kwargs: Any) -> list[Document | InputFailure]:
    return list(iter_documents([str(source) for source in sources], settings, **kwargs))


def only(items: list[Document | InputFailure]) -> Document | InputFailure:
    assert len(items) == 1, items
    return items[0]


def failure(items: list[Document | InputFailure]) -> InputFailure:
    item = only(items)
    assert isinstance(item, InputFailure), item
    return item


def document(items: list[Document | InputFailure]) -> Document:
    item = only(items)
    assert isinstance(item, Document), item
    return item


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# --- single articles --------------------------------------------------------------


def test_text_file_becomes_one_text_document(tmp_path: Path, settings: Settings) -> None:
    path = write(tmp_path / "flood.txt", ARTICLE.replace("\n", "\r\n"))
    doc = document(read(path, settings=settings))
    assert doc.input == str(path)
    assert doc.format == "text"
    assert doc.content == ARTICLE  # CRLF normalised
    assert doc.url is None and doc.hints == {}


def test_html_file_is_decoded_but_not_extracted(tmp_path: Path, settings: Settings) -> None:
    doc = document(read(write(tmp_path / "flood.html", HTML), settings=settings))
    assert doc.format == "html"
    assert doc.content == HTML


def test_gzipped_html_file_is_decompressed(tmp_path: Path, settings: Settings) -> None:
    path = write(tmp_path / "flood.html.gz", gzip.compress(HTML.encode()))
    doc = document(read(path, settings=settings))
    assert (doc.format, doc.content) == ("html", HTML)


def test_unknown_extension_is_sniffed(tmp_path: Path, settings: Settings) -> None:
    html = write(tmp_path / "page.dat", "\n  " + HTML)
    text = write(tmp_path / "notes", ARTICLE)
    docs = read(html, text, settings=settings)
    assert [(d.input, d.format) for d in docs if isinstance(d, Document)] == [
        (str(html), "html"),
        (str(text), "text"),
    ]


def test_meta_charset_is_honoured(tmp_path: Path, settings: Settings) -> None:
    page = '<html><head><meta charset="windows-1252"></head><p>Caf\xe9 \u201cnews\u201d</p></html>'
    doc = document(read(write(tmp_path / "p.html", page.encode("cp1252")), settings=settings))
    assert "Café “news”" in doc.content


def test_page_labelled_latin1_but_utf8_is_read_as_utf8(tmp_path: Path, settings: Settings) -> None:
    page = '<html><head><meta charset="iso-8859-1"></head><p>Café déjà vu</p></html>'
    doc = document(read(write(tmp_path / "p.html", page.encode("utf-8")), settings=settings))
    assert "Café déjà vu" in doc.content


@pytest.mark.parametrize("label", ["utf-16", "base64", "no-such-charset"])
def test_unusable_declared_charset_is_ignored(
    tmp_path: Path, settings: Settings, label: str
) -> None:
    page = f'<html><head><meta charset="{label}"></head><p>Plain words here.</p></html>'
    doc = document(read(write(tmp_path / "p.html", page), settings=settings))
    assert doc.content == page


# --- refusals with a reason -------------------------------------------------------


def test_binary_file_is_refused_with_its_kind(tmp_path: Path, settings: Settings) -> None:
    path = write(tmp_path / "photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(200))
    fail = failure(read(path, settings=settings))
    assert (fail.input, fail.error) == (str(path), "binary")
    assert fail.reason == f"{path}: file is binary (PNG image), not an article"


def test_empty_file_is_refused(tmp_path: Path, settings: Settings) -> None:
    fail = failure(read(write(tmp_path / "empty.txt", b""), settings=settings))
    assert fail.error == "empty"


def test_whitespace_only_file_is_refused(tmp_path: Path, settings: Settings) -> None:
    fail = failure(read(write(tmp_path / "blank.txt", " \n\t\r\n "), settings=settings))
    assert fail.error == "empty"
    assert "whitespace" in fail.reason


def test_truncated_gzip_is_reported(tmp_path: Path, settings: Settings) -> None:
    compressed = gzip.compress((ARTICLE * 200).encode())
    path = write(tmp_path / "cut.txt.gz", compressed[: len(compressed) // 2])
    fail = failure(read(path, settings=settings))
    assert (fail.input, fail.error) == (str(path), "truncated")


def test_gzip_bomb_stops_at_the_size_limit(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, max_input_bytes=1024 * 1024)
    # 16 MB of spaces compress to ~16 KB: small on disk, far over the 1 MB limit.
    bomb = write(tmp_path / "bomb.txt.gz", gzip.compress(b" " * (16 * 1024 * 1024), 9))
    assert bomb.stat().st_size < settings.max_input_bytes
    fail = failure(read(bomb, settings=settings))
    assert fail.error == "too-large"
    assert "gzip bomb" in fail.reason


def test_invalid_utf8_beyond_repair_is_an_encoding_error(
    tmp_path: Path, settings: Settings
) -> None:
    rng = random.Random(7)
    noise = b"".join(
        bytes([rng.randrange(0x80, 0x100)]) + b"ab "[i % 3 : i % 3 + 1] for i in range(3000)
    )
    fail = failure(read(write(tmp_path / "noise.txt", noise), settings=settings))
    assert fail.error == "encoding"
    assert fail.reason.startswith(f"{tmp_path / 'noise.txt'}: ")


def test_stray_bad_bytes_in_utf8_are_repaired(tmp_path: Path, settings: Settings) -> None:
    good = "Le café a rouvert — «enfin», dit le maire. " * 10
    raw = good.encode()
    doc = document(
        read(write(tmp_path / "fr.txt", raw[:50] + b"\xff" + raw[50:]), settings=settings)
    )
    assert doc.content.count("\ufffd") == 1
    assert doc.content.replace("\ufffd", "") == good


def test_cp1252_file_is_decoded_correctly(tmp_path: Path, settings: Settings) -> None:
    # \u2013 (en dash) is 0x96 in cp1252: a byte latin-1 would get wrong.
    text = "Le café est fermé \u2013 «déjà» vu.\n"
    doc = document(read(write(tmp_path / "fr.txt", text.encode("cp1252")), settings=settings))
    assert doc.content == text


def test_short_cp1252_word_is_decoded_correctly(tmp_path: Path, settings: Settings) -> None:
    doc = document(read(write(tmp_path / "w.txt", "café".encode("cp1252")), settings=settings))
    assert doc.content == "café"


def test_utf16_file_with_bom_is_decoded(tmp_path: Path, settings: Settings) -> None:
    path = write(tmp_path / "wide.txt", ARTICLE.encode("utf-16"))
    assert path.read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    assert document(read(path, settings=settings)).content == ARTICLE


def test_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, max_input_bytes=1000)
    fail = failure(read(write(tmp_path / "long.txt", ARTICLE * 100), settings=settings))
    assert fail.error == "too-large"
    assert "over the 1000 bytes size limit" in fail.reason


def test_missing_path_is_reported(tmp_path: Path, settings: Settings) -> None:
    fail = failure(read(tmp_path / "nope.txt", settings=settings))
    assert fail.error == "input" and "no such file" in fail.reason


def test_unsupported_url_scheme_is_reported(settings: Settings) -> None:
    fail = failure(read("ftp://example.org/a.txt", settings=settings))
    assert fail.error == "unsupported"


# --- JSON Lines -------------------------------------------------------------------


def jsonl(*lines: dict[str, Any] | str) -> str:
    return "".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines)


def test_malformed_jsonl_line_fails_alone_and_the_rest_come_out_in_order(
    tmp_path: Path, settings: Settings
) -> None:
    path = write(
        tmp_path / "corpus.jsonl",
        jsonl(
            {"id": "a", "text": "First."}, '{"id": "b", "text": ', "", {"id": "c", "text": "Third."}
        ),
    )
    items = read(path, settings=settings)
    assert [type(item).__name__ for item in items] == ["Document", "InputFailure", "Document"]
    assert [item.input for item in items] == ["a", f"{path}:2", "c"]
    assert items[1].error == "malformed" and "not valid JSON" in items[1].reason  # type: ignore[union-attr]


def test_jsonl_line_without_text_or_html_fails_alone(tmp_path: Path, settings: Settings) -> None:
    path = write(tmp_path / "c.jsonl", jsonl({"id": "x", "title": "No body"}, {"text": "Body."}))
    bad, good = read(path, settings=settings)
    assert isinstance(bad, InputFailure) and (bad.input, bad.error) == ("x", "malformed")
    assert "neither 'text' nor 'html'" in bad.reason
    assert isinstance(good, Document) and good.input == f"{path}:2"


def test_jsonl_fields_become_hints(tmp_path: Path, settings: Settings) -> None:
    line = {
        "id": "n1",
        "title": "Flood",
        "date": "2024-05-01",
        "url": "https://news.example/flood",
        "source": "Example News (news.example)",
        "author": "Ann Smith",
        "language": "en",
        "html": "<p>Rescuers reached the village.</p>",
    }
    doc = document(read(write(tmp_path / "c.ndjson", jsonl(line)), settings=settings))
    assert (doc.input, doc.format, doc.url) == ("n1", "html", "https://news.example/flood")
    assert doc.hints == {
        "title": "Flood",
        "published": "2024-05-01",
        "site": "Example News (news.example)",
        "language": "en",
        "url": "https://news.example/flood",
        "byline": ["Ann Smith"],
    }


def test_gzipped_jsonl_larger_than_the_limit_streams(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, max_input_bytes=4096)
    lines = jsonl(*({"id": f"d{n}", "text": ARTICLE} for n in range(100)))
    assert len(lines) > settings.max_input_bytes  # the limit caps lines, not the corpus
    items = read(write(tmp_path / "big.jsonl.gz", gzip.compress(lines.encode())), settings=settings)
    assert [item.input for item in items] == [f"d{n}" for n in range(100)]
    assert all(isinstance(item, Document) for item in items)


def test_jsonl_line_over_the_limit_fails_alone(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, max_input_bytes=200)
    path = write(tmp_path / "c.jsonl", jsonl({"text": "x" * 500}, {"id": "ok", "text": "Fine."}))
    big, ok = read(path, settings=settings)
    assert isinstance(big, InputFailure) and (big.input, big.error) == (f"{path}:1", "too-large")
    assert isinstance(ok, Document) and ok.input == "ok"


@pytest.mark.skipif(not WIKINEWS.exists(), reason="shared Wikinews corpus not present")
def test_wikinews_corpus_gives_317_documents_with_ids_and_dates(settings: Settings) -> None:
    ids = [json.loads(line)["id"] for line in WIKINEWS.read_text("utf-8").splitlines() if line]
    docs = read(WIKINEWS, settings=settings)
    assert len(docs) == 317
    assert all(isinstance(doc, Document) for doc in docs)
    assert [doc.input for doc in docs] == ids
    assert all(doc.hints.get("published") and doc.content.strip() for doc in docs)  # type: ignore[union-attr]


# --- directories and stdin --------------------------------------------------------


def test_directory_mixing_good_and_bad_files_goes_on(tmp_path: Path, settings: Settings) -> None:
    root = tmp_path / "inbox"
    write(root / "b" / "2.txt", ARTICLE)
    write(root / "a.html", HTML)
    write(root / "b" / "1.png", b"\x89PNG\r\n\x1a\n" + bytes(64))
    write(root / "c.jsonl", jsonl({"id": "j1", "text": "One."}, "not json"))
    write(root / "d.txt", b"")
    write(root / ".hidden.txt", ARTICLE)
    write(root / ".git" / "x.txt", ARTICLE)
    items = read(root, settings=settings)
    summary = [
        (item.input, item.error if isinstance(item, InputFailure) else item.format)
        for item in items
    ]
    assert summary == [
        (str(root / "a.html"), "html"),
        (str(root / "b" / "1.png"), "binary"),
        (str(root / "b" / "2.txt"), "text"),
        ("j1", "text"),
        (f"{root / 'c.jsonl'}:2", "malformed"),
        (str(root / "d.txt"), "empty"),
    ]
    assert all(
        item.reason.startswith(item.input) for item in items if isinstance(item, InputFailure)
    )


def test_stdin_is_sniffed_and_read(settings: Settings) -> None:
    stdin = io.BytesIO(jsonl({"id": "s1", "text": "From a pipe."}).encode())
    doc = document(read("-", settings=settings, stdin=stdin))
    assert (doc.input, doc.content) == ("s1", "From a pipe.")


def test_stdin_defaults_to_sys_stdin(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> None:
    fake = io.TextIOWrapper(io.BytesIO(gzip.compress(HTML.encode())), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake)
    doc = document(read("-", settings=settings))
    assert (doc.input, doc.format, doc.content) == ("<stdin>", "html", HTML)


# --- sniffing ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"WARC/1.1\r\nWARC-Type: warcinfo\r\n", "warc"),
        (b'\xef\xbb\xbf{"id": 1}\n', "jsonl"),
        (b"<?xml version='1.0'?>\n<!-- hi -->\n<rdf:RDF xmlns:rdf='x'>", "feed"),
        (b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'>", "feed"),
        (b"<!doctype html>\n<title>x</title>", "html"),
        ("<html><body>wide</body></html>".encode("utf-16"), "html"),
        (b"<p>fragment</p>", "html"),
        (b"<3 plain text, not a tag", "text"),
    ],
)
def test_content_sniffing(head: bytes, kind: str) -> None:
    assert kind_from_content(head) == kind


def test_name_sniffing_sees_through_gz_and_urls() -> None:
    assert kind_from_name("a/b.HTML.gz") == "html"
    assert kind_from_name("https://x.example/feed.rss?page=2") == "feed"
    assert kind_from_name("dir.d/README") is None


def test_truncated_gzipped_jsonl_keeps_the_lines_before_the_break(
    tmp_path: Path, settings: Settings
) -> None:
    lines = jsonl(*({"id": f"d{n}", "text": ARTICLE} for n in range(200)))
    compressed = gzip.compress(lines.encode())
    items = read(write(tmp_path / "cut.jsonl.gz", compressed[:-100]), settings=settings)
    *docs, fail = items
    assert docs and all(isinstance(doc, Document) for doc in docs)
    assert [doc.input for doc in docs] == [f"d{n}" for n in range(len(docs))]
    assert isinstance(fail, InputFailure) and fail.error == "truncated"


def test_utf16_jsonl_is_one_clear_failure(tmp_path: Path, settings: Settings) -> None:
    path = write(tmp_path / "wide.jsonl", jsonl({"id": "a", "text": "x"}).encode("utf-16"))
    fail = failure(read(path, settings=settings))
    assert fail.error == "encoding" and "must be UTF-8" in fail.reason
