"""The analysis pipeline: one Document in, one Article out.

    Document ─ clean_document (HTML extraction, junk removal, metadata) ─▶ Article
             ─ spaCy parse ─ entities ─ quotes ─ claims ─ events ─ link ─▶ Article, enriched

Cleaning is cheap and decides the article's identity (the hash of its text), so a
batch can skip the parse for an article it already has. `Pipeline` holds what is
expensive to load (the spaCy model) so that a batch loads it once; the stages
themselves have no I/O, and the same pipeline runs under the CLI, the API and a batch
runner.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from sitrep.clean import metadata as meta
from sitrep.clean.html_extract import ExtractedPage, extract_html
from sitrep.clean.outlets import outlet_from_domain, registered_domain
from sitrep.clean.text_clean import Block, classify_blocks, split_blocks
from sitrep.errors import EmptyInput, InputError
from sitrep.model import Article, Document, InputFailure, Metadata, OriginalSource, day_of
from sitrep.nlp.claims import extract_claims
from sitrep.nlp.entities import extract_entities
from sitrep.nlp.events import extract_events
from sitrep.nlp.voice import author_from_title, speaks_for_us_executive
from sitrep.nlp.linking import link
from sitrep.nlp.parse import load_nlp
from sitrep.nlp.quotes import extract_quotes
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
        meta.published_from_url(url),
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


def clean_document(document: Document, settings: Settings) -> Article:
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


def published_date(article: Article) -> date | None:
    """The publication date relative times resolve against, if the article has one."""
    return day_of(article.metadata.published)


def enrich(article: Article, doc: Doc) -> Article:
    """The language stages over one parsed article, in dependency order.

    Entities first (everything else links to them), quotes (claims inside a quotation
    are the speaker's), claims, then events (which carry the claims that measure them);
    finally names found as text are linked to entity ids.
    """
    published = published_date(article)
    article.entities = extract_entities(doc)
    article.quotes = extract_quotes(doc)
    author = author_from_title(article.metadata.title)  # who "I" is, outside quotations
    article.claims = extract_claims(doc, published, article.quotes, author)
    article.events = extract_events(doc, article.entities, article.claims, published, author=author,
                                    us_executive=speaks_for_us_executive(article.metadata.title))
    link(article.text, article.entities, article.quotes, article.claims, article.events)
    return article


class Pipeline:
    """Runs every stage over documents, with the model loaded once for the whole batch.

    `skip` lets a caller (ingest) say which cleaned articles need no parse because
    they are already stored; those come out cleaned but not enriched.
    """

    def __init__(self, settings: Settings, nlp: Language | None = None, batch_size: int = 16) -> None:
        self.settings = settings
        self._nlp = nlp
        self.batch_size = batch_size

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = load_nlp()
        return self._nlp

    def analyze(self, document: Document) -> Article:
        article = clean_document(document, self.settings)
        return enrich(article, self.nlp(article.text))

    def clean(self, item: Document | InputFailure) -> Article | InputFailure:
        """Clean one reader item; a bad document becomes an InputFailure."""
        if isinstance(item, InputFailure):
            return item
        try:
            return clean_document(item, self.settings)
        except InputError as error:
            return InputFailure(item.input, error.code, str(error))
        except Exception as error:  # a stage bug must not kill the batch either
            return InputFailure(item.input, "internal", f"{item.input}: {type(error).__name__}: {error}")

    def _enrich_batch(self, batch: list[Article | InputFailure], skip: Callable[[Article], bool]) -> list[Article | InputFailure]:
        todo = [i for i, item in enumerate(batch) if isinstance(item, Article) and not skip(item)]
        texts = (batch[i].text for i in todo)  # type: ignore[union-attr]
        for i, doc in zip(todo, self.nlp.pipe(texts, batch_size=self.batch_size)):
            article = batch[i]
            assert isinstance(article, Article)
            try:
                enrich(article, doc)
            except Exception as error:  # noqa: BLE001 - reported per article, batch goes on
                batch[i] = InputFailure(article.input, "internal", f"{article.input}: {type(error).__name__}: {error}")
        return batch

    def run(
        self, items: Iterable[Document | InputFailure], skip: Callable[[Article], bool] = lambda _: False,
    ) -> Iterator[Article | InputFailure]:
        """Analyse a stream of reader output in order; a bad article becomes an InputFailure."""
        batch: list[Article | InputFailure] = []
        for item in items:
            batch.append(self.clean(item))
            if len(batch) >= self.batch_size:
                yield from self._enrich_batch(batch, skip)
                batch = []
        if batch:
            yield from self._enrich_batch(batch, skip)
