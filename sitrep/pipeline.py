"""The analysis pipeline: one Document in, one Article out.

    Document ─ clean (HTML extraction, junk removal) ─ metadata ─▶ Article
                                         (entities, claims, quotes, events: later stages)

`Pipeline` holds what is expensive to load (the spaCy model, once later stages need it)
so that a batch loads it once; `analyze` itself has no I/O, and the same pipeline runs
unchanged under the CLI, the API and a batch runner.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sitrep.clean import metadata as meta
from sitrep.clean.html_extract import ExtractedPage, extract_html
from sitrep.clean.outlets import outlet_from_domain, registered_domain
from sitrep.clean.text_clean import Block, classify_blocks, split_blocks
from sitrep.errors import EmptyInput, InputError
from sitrep.model import Article, Document, InputFailure, Metadata, OriginalSource
from sitrep.settings import Settings


def _first(*values):
    return next((value for value in values if value), None)


def _canonical_origin(page: ExtractedPage | None, served_url: str | None) -> OriginalSource | None:
    """A page whose canonical URL is on another site is a copy of that site's article."""
    if not page or not page.url or not served_url:
        return None
    canonical, served = registered_domain(page.url), registered_domain(served_url)
    if canonical and served and canonical != served:
        return outlet_from_domain(canonical)
    return None


def build_metadata(
    document: Document, blocks: list[Block], body: str, page: ExtractedPage | None,
    default_published: str | None,
) -> Metadata:
    """Container hints and page metadata first, then what the text says, then defaults."""
    hints = document.hints
    url = _first(document.url, hints.get("url"), page.url if page else None)
    byline = list(hints.get("byline") or []) or (page.byline if page else []) or meta.byline_from_blocks(blocks)
    published = _first(
        meta.normalise_date(hints.get("published")),
        page.published if page else None,
        meta.published_from_blocks(blocks),
        meta.normalise_date(default_published),
    )
    site = _first(hints.get("site"), page.site if page else None, registered_domain(url) if url else None)
    return Metadata(
        title=_first(page.title if page else None, hints.get("title"), meta.title_from_blocks(blocks)),
        byline=[name for name in byline if meta.is_person_like(name)] or byline,
        published=published,
        url=url,
        site=site,
        original_source=meta.original_source_from_blocks(blocks) or _canonical_origin(page, url),
        language=_first(hints.get("language"), page.language if page else None, meta.detect_language(body)),
    )


def analyze_document(document: Document, settings: Settings) -> Article:
    """Clean one document and read its metadata. Raises InputError for no article."""
    page = extract_html(document.content, document.url) if document.format == "html" else None
    raw_text = page.text if page else document.content
    known_title = _first(page.title if page else None, document.hints.get("title"))
    blocks = classify_blocks(split_blocks(raw_text), known_title=known_title)
    body = "\n\n".join(block.text for block in blocks if block.kind == "body")
    if not body.strip():
        raise EmptyInput(f"{document.input}: no article text left after cleaning")
    boilerplate = (page.boilerplate if page else []) + [
        block.text for block in blocks if block.kind not in ("body", "title")
    ]
    return Article(
        input=document.input,
        metadata=build_metadata(document, blocks, body, page, settings.default_published),
        text=body,
        boilerplate=boilerplate,
    )


class Pipeline:
    """Runs every stage over documents, with models loaded once for the whole batch."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def analyze(self, document: Document) -> Article:
        return analyze_document(document, self.settings)

    def run(self, items: Iterable[Document | InputFailure]) -> Iterator[Article | InputFailure]:
        """Analyse a stream of reader output; a bad article becomes an InputFailure."""
        for item in items:
            if isinstance(item, InputFailure):
                yield item
                continue
            try:
                yield self.analyze(item)
            except InputError as error:
                yield InputFailure(item.input, error.code, str(error))
            except Exception as error:  # a stage bug must not kill the batch either
                yield InputFailure(item.input, "internal", f"{item.input}: {type(error).__name__}: {error}")
